// Late-deadline counts for dashboards, grouped by month of the due date, process, clause or
// organisation, over a period of due instants.
import { addCaseFilters, type CaseFilters, Conditions, LATE, type Queryable } from './filters.ts';
import { ComplianceQueryError, period } from './query-input.ts';

export type BreachGrouping = 'month' | 'process' | 'clause' | 'organisation';

export interface BreachCountQuery extends CaseFilters {
  period: { from: string; to: string };
  by: BreachGrouping;
}

export interface BreachCount {
  /** YYYY-MM of the local due date for `month`; null for cases without an organisation. */
  key: string | null;
  /** All late deadlines. */
  late: number;
  /** Of those, breached and still unmet. */
  outstanding: number;
  /** Of those, met after the due instant. */
  metLate: number;
}

// The due date is the jurisdiction's local date (C5), so months follow local time, not UTC.
const GROUP_SQL: Record<BreachGrouping, string> = {
  month: `to_char(d.due_date, 'YYYY-MM')`,
  process: 'd.process',
  clause: 'd.clause',
  organisation: 'd.organisation',
};

export async function countBreaches(db: Queryable, query: BreachCountQuery): Promise<BreachCount[]> {
  const { from, to } = period('period', query.period);
  if (!Object.hasOwn(GROUP_SQL, query.by))
    throw new ComplianceQueryError(
      'by',
      `expected one of ${Object.keys(GROUP_SQL).join(', ')}, got ${JSON.stringify(query.by)}`,
    );
  const group = GROUP_SQL[query.by];
  const where = new Conditions();
  where.add(LATE);
  where.add(`d.due_at >= ${where.param(from)} AND d.due_at < ${where.param(to)}`);
  addCaseFilters(where, query);
  const { rows } = await db.query(
    `SELECT ${group} AS key, count(*)::int AS late,
            count(*) FILTER (WHERE d.met_at IS NULL)::int AS outstanding,
            count(*) FILTER (WHERE d.met_at IS NOT NULL)::int AS met_late
       FROM deadlines d
       ${where.where()}
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    where.params,
  );
  return rows.map((r) => ({ key: r.key, late: r.late, outstanding: r.outstanding, metLate: r.met_late }));
}
