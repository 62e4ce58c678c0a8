// The PostgreSQL read model of cases: written from workflow state by an activity, idempotently.
import type pg from 'pg';
import type { CaseView } from '../../workflows/case-messages.ts';
import { documentXml } from './document-xml.ts';

export class CaseReadModel {
  constructor(private readonly pool: pg.Pool) {}

  /** Writes a case as its workflow sees it. Safe to repeat: nothing is duplicated or lost. */
  async record(caseId: string, view: CaseView): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO cases (case_id, process, rule_set_version, state, state_value, facts, decisions, event_count, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (case_id) DO UPDATE SET state = $4, state_value = $5, facts = $6, decisions = $7,
           event_count = GREATEST(cases.event_count, $8), updated_at = now()
         WHERE cases.event_count <= $8`,
        [
          caseId,
          view.process,
          view.ruleSetVersion,
          view.state,
          JSON.stringify(view.stateValue),
          JSON.stringify(view.facts),
          JSON.stringify(view.decisions),
          view.history.length,
        ],
      );
      for (const [seq, e] of view.history.entries()) {
        await client.query(
          `INSERT INTO case_events (case_id, seq, type, at, actor, payload, accepted, reason, clause, state_after, rule_set_version, idempotency_key, sent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT DO NOTHING`,
          [
            caseId,
            seq,
            e.type,
            e.at,
            e.actor ?? null,
            e.data ? JSON.stringify(e.data) : null,
            e.accepted,
            e.reason ?? null,
            e.clause ?? null,
            e.stateAfter,
            view.ruleSetVersion,
            e.idempotencyKey,
            e.sent ? JSON.stringify(e.sent) : null,
          ],
        );
      }
      for (const d of view.deadlines) {
        await client.query(
          `INSERT INTO deadlines (case_id, deadline_id, started_at, started_by, kind, due_date, due_at, status, met_at, lateness_ms, clause)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (case_id, deadline_id, started_at) DO UPDATE SET status = $8, met_at = $9, lateness_ms = $10
           WHERE deadlines.status = 'pending' OR (deadlines.status = 'breached' AND deadlines.met_at IS NULL)`,
          [
            caseId,
            d.id,
            d.startedBy.at,
            d.startedBy.type,
            d.kind,
            d.dueDate,
            d.dueAt,
            d.status,
            d.metAt ?? null,
            d.latenessMs ?? null,
            d.clause,
          ],
        );
      }
      for (const d of view.documents) {
        await client.query(
          `INSERT INTO documents (case_id, document_id, event_key, title, issued_at, clause, xml)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [caseId, d.id, d.eventKey, d.title, d.issuedAt, d.clause, documentXml(caseId, view, d)],
        );
      }
      for (const c of view.calculations ?? []) {
        await client.query(
          `INSERT INTO calculations (case_id, event_key, calculation_id, event_type, calculated_at, formula_version, method,
             rule_set_version, rules_date, clause, switches, inputs, outputs)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
          [
            caseId,
            c.eventKey,
            c.calculation,
            c.eventType,
            c.calculatedAt,
            c.formulaVersion,
            c.method,
            c.ruleSetVersion,
            c.date,
            c.clause,
            JSON.stringify(c.switches),
            JSON.stringify(c.inputs),
            JSON.stringify(c.outputs),
          ],
        );
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  /** How the stored case differs from its workflow's view (empty when they agree). */
  async differences(caseId: string, view: CaseView): Promise<string[]> {
    const out: string[] = [];
    const row = (
      await this.pool.query('SELECT state, rule_set_version, event_count FROM cases WHERE case_id = $1', [
        caseId,
      ])
    ).rows[0];
    if (!row) return [`${caseId}: missing from the read model`];
    if (row.state !== view.state)
      out.push(`${caseId}: state ${row.state} in the read model, ${view.state} in the workflow`);
    if (row.rule_set_version !== view.ruleSetVersion)
      out.push(`${caseId}: rule set ${row.rule_set_version} vs ${view.ruleSetVersion}`);
    const events = (
      await this.pool.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [caseId])
    ).rows[0].n as number;
    if (events !== view.history.length)
      out.push(`${caseId}: ${events} events in the read model, ${view.history.length} in the workflow`);
    const calculations = (
      await this.pool.query('SELECT count(*)::int AS n FROM calculations WHERE case_id = $1', [caseId])
    ).rows[0].n as number;
    const recorded = view.calculations?.length ?? 0;
    if (calculations !== recorded)
      out.push(`${caseId}: ${calculations} calculations in the read model, ${recorded} in the workflow`);
    const stored = new Map(
      (
        await this.pool.query('SELECT deadline_id, started_at, status FROM deadlines WHERE case_id = $1', [
          caseId,
        ])
      ).rows.map((r) => [`${r.deadline_id}@${(r.started_at as Date).toISOString()}`, r.status as string]),
    );
    for (const d of view.deadlines) {
      const key = `${d.id}@${new Date(d.startedBy.at).toISOString()}`;
      const status = stored.get(key);
      if (status !== d.status)
        out.push(
          `${caseId}: deadline ${d.id} started ${d.startedBy.at} is ${status ?? 'missing'} in the read model, ${d.status} in the workflow`,
        );
    }
    return out;
  }
}
