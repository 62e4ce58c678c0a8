// The cases of the read model as the impact analysis needs them: facts, the accepted events in
// order, and every deadline the case has started. Open means the process's machine has not reached
// a final state.
import type pg from 'pg';
import type { DeadlineStatus } from '../../workflows/case-messages.ts';
import { PROCESSES } from '../../workflows/processes.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';

export interface StoredEvent {
  type: string;
  /** ISO 8601 instant (UTC). */
  at: string;
  data?: Record<string, unknown>;
  idempotencyKey: string;
}

export interface StoredDeadline {
  id: string;
  startedBy: { type: string; at: string };
  dueDate: string;
  dueAt: string;
  status: DeadlineStatus;
}

export interface StoredCase {
  caseId: string;
  process: string;
  /** The rule-set version the case pinned when it started. */
  ruleSetVersion: string;
  state: string;
  facts: Record<string, unknown>;
  decisions: DecisionValues;
  /** Accepted events only, in the order the case applied them. */
  events: StoredEvent[];
  deadlines: StoredDeadline[];
}

export async function readOpenCases(pool: pg.Pool): Promise<StoredCase[]> {
  const cases = (
    await pool.query(
      'SELECT case_id, process, rule_set_version, state, state_value, facts, decisions FROM cases ORDER BY case_id',
    )
  ).rows.filter((r) => isOpen(r.process, r.state_value));
  if (cases.length === 0) return [];
  const ids = cases.map((r) => r.case_id as string);
  const events = groupBy(
    (
      await pool.query(
        `SELECT case_id, type, at, payload, idempotency_key FROM case_events
         WHERE accepted AND case_id = ANY($1) ORDER BY case_id, seq`,
        [ids],
      )
    ).rows,
  );
  const deadlines = groupBy(
    (
      await pool.query(
        `SELECT case_id, deadline_id, started_by, started_at, due_date::text AS due_date, due_at, status
         FROM deadlines WHERE case_id = ANY($1) ORDER BY case_id, started_at, deadline_id`,
        [ids],
      )
    ).rows,
  );
  return cases.map((r) => ({
    caseId: r.case_id,
    process: r.process,
    ruleSetVersion: r.rule_set_version,
    state: r.state,
    facts: r.facts,
    decisions: r.decisions,
    events: (events.get(r.case_id) ?? []).map((e) => ({
      type: e.type,
      at: (e.at as Date).toISOString(),
      ...(e.payload ? { data: e.payload } : {}),
      idempotencyKey: e.idempotency_key,
    })),
    deadlines: (deadlines.get(r.case_id) ?? []).map((d) => ({
      id: d.deadline_id,
      startedBy: { type: d.started_by, at: (d.started_at as Date).toISOString() },
      dueDate: d.due_date,
      dueAt: (d.due_at as Date).toISOString(),
      status: d.status,
    })),
  }));
}

/** A case of a process without a workflow, or in a state its machine does not know, counts as open. */
function isOpen(process: string, stateValue: unknown): boolean {
  const machine = PROCESSES[process]?.machine;
  if (!machine) return true;
  try {
    return machine.resolveState({ value: stateValue as string, context: {} }).status !== 'done';
  } catch {
    return true;
  }
}

function groupBy<R extends { case_id: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r]);
  return out;
}
