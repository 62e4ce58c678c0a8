// The filters every compliance query shares, as parameterised SQL over `deadlines d`
// (which carries its case's process, organisation and jurisdiction).
import type pg from 'pg';
import { ComplianceQueryError, optionalText } from './query-input.ts';

/** A pool, a client inside a transaction, or anything else that runs parameterised SQL. */
export interface Queryable {
  query(text: string, values: unknown[]): Promise<pg.QueryResult>;
}

export interface CaseFilters {
  /** Clause a deadline cites, exactly as in the rule file (e.g. "order275 Req p.9 ¶5"). */
  clause?: string;
  /** Process id, e.g. kz.miner.energization. */
  process?: string;
  organisation?: string;
  /** KZ or KG. */
  jurisdiction?: string;
}

/** Collects SQL conditions and their parameters; placeholders are numbered as they are added. */
export class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(sql: string): void {
    this.parts.push(sql);
  }

  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

const JURISDICTION = /^[A-Z]{2}$/;

export function addCaseFilters(where: Conditions, raw: CaseFilters): void {
  const clause = optionalText('clause', raw.clause);
  const process = optionalText('process', raw.process);
  const organisation = optionalText('organisation', raw.organisation);
  const jurisdiction = optionalText('jurisdiction', raw.jurisdiction);
  if (jurisdiction !== undefined && !JURISDICTION.test(jurisdiction))
    throw new ComplianceQueryError(
      'jurisdiction',
      `expected a two-letter code such as KZ or KG, got "${jurisdiction}"`,
    );
  if (clause !== undefined) where.add(`d.clause = ${where.param(clause)}`);
  if (process !== undefined) where.add(`d.process = ${where.param(process)}`);
  if (organisation !== undefined) where.add(`d.organisation = ${where.param(organisation)}`);
  if (jurisdiction !== undefined) where.add(`d.jurisdiction = ${where.param(jurisdiction)}`);
}

/** Late: breached (met after the due instant or not at all), or met with positive lateness. */
export const LATE = `(d.status = 'breached' OR d.lateness_ms > 0)`;

/** What every compliance query says of a deadline: which case, which clause, when due. */
export interface DeadlineRow {
  caseId: string;
  deadlineId: string;
  startedAt: string;
  kind: 'action' | 'bar';
  clause: string;
  process: string;
  organisation: string | null;
  jurisdiction: string;
  dueAt: string;
}

/** The columns `deadlineRow` reads. */
export const DEADLINE_COLUMNS =
  'd.case_id, d.deadline_id, d.started_at, d.kind, d.clause, d.due_at, d.process, d.organisation, d.jurisdiction';

export const deadlineRow = (r: Record<string, unknown>): DeadlineRow => ({
  caseId: r.case_id as string,
  deadlineId: r.deadline_id as string,
  startedAt: (r.started_at as Date).toISOString(),
  kind: r.kind as DeadlineRow['kind'],
  clause: r.clause as string,
  process: r.process as string,
  organisation: r.organisation as string | null,
  jurisdiction: r.jurisdiction as string,
  dueAt: (r.due_at as Date).toISOString(),
});
