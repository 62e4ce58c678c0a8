// Pending deadlines falling due soon: within N hours of `now`, or within N working days on each
// jurisdiction's legal calendar (the one the deadlines themselves were computed on).
import { computeDue } from '../calendar/deadline.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import {
  addCaseFilters,
  type CaseFilters,
  Conditions,
  DEADLINE_COLUMNS,
  type DeadlineRow,
  deadlineRow,
  type Queryable,
} from './filters.ts';
import {
  ComplianceQueryError,
  decodeCursor,
  encodeCursor,
  instant,
  positiveNumber,
  wholeNumber,
} from './query-input.ts';

export interface AtRiskQuery extends CaseFilters {
  now: string;
  /** Due before now + this many hours. Give this or `withinWorkingDays`. */
  withinHours?: number;
  /**
   * Due before the end of the N-th working day after today (counted from the next day, as C1
   * counts), today being the local day of `now` in each jurisdiction.
   */
  withinWorkingDays?: number;
  /** Rows per page, 1–500 (default 50). */
  limit?: number;
  after?: string;
}

export interface AtRiskDeadline extends DeadlineRow {
  /** Time left until the due instant. */
  remainingMs: number;
}

export interface AtRiskPage {
  deadlines: AtRiskDeadline[];
  /** The latest due instant included, per jurisdiction (exclusive). */
  cutoffs: Record<string, string>;
  nextCursor: string | null;
}

const MAX_HOURS = 24 * 366;
const MAX_WORKING_DAYS = 250;

/** The exclusive cut-off instant per jurisdiction. */
export function atRiskCutoffs(
  calendars: ReadonlyMap<string, WorkingCalendar>,
  now: Date,
  window: { withinHours?: number; withinWorkingDays?: number },
): Map<string, Date> {
  const hours = window.withinHours;
  const days = window.withinWorkingDays;
  if ((hours === undefined) === (days === undefined))
    throw new ComplianceQueryError('withinHours', 'give exactly one of withinHours and withinWorkingDays');
  const cutoffs = new Map<string, Date>();
  for (const [jurisdiction, calendar] of calendars) {
    if (hours !== undefined) {
      cutoffs.set(
        jurisdiction,
        new Date(now.getTime() + positiveNumber('withinHours', hours, MAX_HOURS) * 3_600_000),
      );
      continue;
    }
    const amount = wholeNumber('withinWorkingDays', days, 1, MAX_WORKING_DAYS);
    let due: number;
    try {
      due = computeDue(calendar, {
        fromUtc: now.getTime(),
        amount,
        unit: 'working-days',
        countFrom: 'next-day',
        rollForward: false,
      }).dueAtUtc;
    } catch (e) {
      throw new ComplianceQueryError(
        'now',
        `outside the ${jurisdiction} calendar (${calendar.firstDate} to ${calendar.lastDate}): ${(e as Error).message}`,
      );
    }
    cutoffs.set(jurisdiction, new Date(due));
  }
  return cutoffs;
}

export async function findAtRisk(
  db: Queryable,
  calendars: ReadonlyMap<string, WorkingCalendar>,
  query: AtRiskQuery,
): Promise<AtRiskPage> {
  const now = instant('now', query.now);
  const limit = query.limit === undefined ? 50 : wholeNumber('limit', query.limit, 1, 500);
  const cursor = decodeCursor('after', query.after);
  const cutoffs = atRiskCutoffs(calendars, now, query);
  if (query.jurisdiction !== undefined && !cutoffs.has(query.jurisdiction))
    throw new ComplianceQueryError(
      'jurisdiction',
      `no calendar for "${query.jurisdiction}" (known: ${[...cutoffs.keys()].join(', ')})`,
    );
  const latest = Math.max(...[...cutoffs.values()].map((d) => d.getTime()));

  const where = new Conditions();
  where.add(`d.status = 'pending'`);
  const nowParam = where.param(now);
  // The overall bound lets the index range-scan; the per-jurisdiction bound then trims it.
  where.add(`d.due_at >= ${nowParam} AND d.due_at < ${where.param(new Date(latest))}`);
  where.add(
    `(${[...cutoffs]
      .map(([j, cutoff]) => `(d.jurisdiction = ${where.param(j)} AND d.due_at < ${where.param(cutoff)})`)
      .join(' OR ')})`,
  );
  addCaseFilters(where, query);
  if (cursor) {
    if (Number.isNaN(Date.parse(cursor.sortValue)))
      throw new ComplianceQueryError('after', 'not a cursor of this query');
    where.add(
      `(d.due_at, d.case_id, d.deadline_id, d.started_at) > (${where.param(cursor.sortValue)}::timestamptz, ${where.param(cursor.key.caseId)}, ${where.param(cursor.key.deadlineId)}, ${where.param(cursor.key.startedAt)}::timestamptz)`,
    );
  }
  const { rows } = await db.query(
    `SELECT ${DEADLINE_COLUMNS}
       FROM deadlines d
       ${where.where()}
      ORDER BY d.due_at, d.case_id, d.deadline_id, d.started_at
      LIMIT ${where.param(limit + 1)}`,
    where.params,
  );
  const deadlines = rows.slice(0, limit).map(
    (r): AtRiskDeadline => ({
      ...deadlineRow(r),
      remainingMs: (r.due_at as Date).getTime() - now.getTime(),
    }),
  );
  const last = deadlines[deadlines.length - 1];
  return {
    deadlines,
    cutoffs: Object.fromEntries([...cutoffs].map(([j, d]) => [j, d.toISOString()])),
    nextCursor: rows.length > limit && last ? encodeCursor(last.dueAt, last, now.toISOString()) : null,
  };
}
