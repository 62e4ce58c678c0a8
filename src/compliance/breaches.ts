// Late deadlines (breaches) in a period of due instants, filtered and paged by keyset.
import {
  addCaseFilters,
  type CaseFilters,
  Conditions,
  DEADLINE_COLUMNS,
  type DeadlineRow,
  deadlineRow,
  LATE,
  type Queryable,
} from './filters.ts';
import {
  ComplianceQueryError,
  decodeCursor,
  encodeCursor,
  instant,
  oneOf,
  period,
  wholeNumber,
} from './query-input.ts';

export interface BreachQuery extends CaseFilters {
  /** Due instants within [from, to). */
  period: { from: string; to: string };
  /** Lateness of deadlines still unmet is measured up to this instant; defaults to the current time. */
  now?: string;
  sort?: 'dueAt' | 'lateness';
  direction?: 'asc' | 'desc';
  /** Rows per page, 1–500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  after?: string;
}

export interface Breach extends DeadlineRow {
  status: string;
  metAt: string | null;
  /** How late: met_at − due_at, or now − due_at while still unmet. */
  latenessMs: number;
  /** Breached and not met yet. */
  outstanding: boolean;
}

export interface BreachPage {
  breaches: Breach[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

const SORT_SQL = { dueAt: 'd.due_at', lateness: 'lateness' } as const;

export async function findBreaches(db: Queryable, query: BreachQuery): Promise<BreachPage> {
  const { from, to } = period('period', query.period);
  const sort = oneOf('sort', query.sort, ['dueAt', 'lateness'], 'dueAt');
  const direction = oneOf('direction', query.direction, ['asc', 'desc'], 'asc');
  const limit = query.limit === undefined ? 50 : wholeNumber('limit', query.limit, 1, 500);
  const cursor = decodeCursor('after', query.after);
  // A cursor keeps the `now` of its first page, so lateness (and its order) stays the same across pages.
  const now = cursor
    ? new Date(cursor.now)
    : query.now === undefined
      ? new Date()
      : instant('now', query.now);

  const where = new Conditions();
  const nowParam = where.param(now);
  where.add(LATE);
  where.add(`d.due_at >= ${where.param(from)} AND d.due_at < ${where.param(to)}`);
  addCaseFilters(where, query);
  const lateness = `COALESCE(d.lateness_ms, (extract(epoch FROM ${nowParam}::timestamptz - d.due_at) * 1000)::bigint)`;
  const sortSql = sort === 'dueAt' ? SORT_SQL.dueAt : lateness;
  if (cursor) {
    const valid =
      sort === 'dueAt' ? !Number.isNaN(Date.parse(cursor.sortValue)) : /^-?\d+$/.test(cursor.sortValue);
    if (!valid) throw new ComplianceQueryError('after', `not a cursor of a page sorted by ${sort}`);
    const sortValue =
      sort === 'dueAt'
        ? `${where.param(cursor.sortValue)}::timestamptz`
        : `${where.param(cursor.sortValue)}::bigint`;
    const op = direction === 'asc' ? '>' : '<';
    where.add(
      `(${sortSql}, d.case_id, d.deadline_id, d.started_at) ${op} (${sortValue}, ${where.param(cursor.key.caseId)}, ${where.param(cursor.key.deadlineId)}, ${where.param(cursor.key.startedAt)}::timestamptz)`,
    );
  }
  const dir = direction.toUpperCase();
  const { rows } = await db.query(
    `SELECT ${DEADLINE_COLUMNS}, d.status, d.met_at, ${lateness} AS lateness
       FROM deadlines d
       ${where.where()}
      ORDER BY ${sortSql} ${dir}, d.case_id ${dir}, d.deadline_id ${dir}, d.started_at ${dir}
      LIMIT ${where.param(limit + 1)}`,
    where.params,
  );
  const breaches = rows.slice(0, limit).map(
    (r): Breach => ({
      ...deadlineRow(r),
      status: r.status,
      metAt: r.met_at ? (r.met_at as Date).toISOString() : null,
      latenessMs: Number(r.lateness),
      outstanding: r.met_at === null,
    }),
  );
  const last = breaches[breaches.length - 1];
  return {
    breaches,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(sort === 'dueAt' ? last.dueAt : String(last.latenessMs), last, now.toISOString())
        : null,
  };
}
