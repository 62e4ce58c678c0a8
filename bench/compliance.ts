// Compliance queries over a generated read model of 1M deadlines: `npm run bench:compliance`.
// Prints p50/p95/max per query and the indexes each query's plan uses.
import {
  type CaseFilters,
  countBreaches,
  findAtRisk,
  findBreaches,
  type Queryable,
} from '../src/compliance/index.ts';
import { createScratchSchema, DEFAULT_DATABASE_URL } from '../src/read-model/scratch-schema.ts';
import { DEFAULT_RULES_DIR } from '../src/rules/default-rules-dir.ts';
import { loadRuleSet } from '../src/rules/load-rule-set.ts';
import { fmt } from './measure.ts';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 1_000_000);
const PER_CASE = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const ORGANISATIONS = 500;
const PROCESSES = [
  'kz.miner.energization',
  'kz.miner.tc',
  'kz.metering-scheme-approval',
  'kz.askue.connection-tc',
  'kz.metering.failure-report',
  'kg.supply.disconnection',
  'kg.supply.overload',
  'kg.connection.admission',
  'kg.billing.dispute',
  'kg.violation.case',
];
const CLAUSES = Array.from({ length: 20 }, (_, i) => `p.${i + 1}`);
// Due instants spread over three years, as a long-running deployment accumulates them.
const FIRST_DUE = Date.parse('2024-01-01T00:00:00Z');
const SPAN_MS = 3 * 365 * 86_400_000;
const DAY = 86_400_000;

const rules = await loadRuleSet(DEFAULT_RULES_DIR);
const database = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_bench');
// Deterministic choices so every run measures the same queries.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const iso = (ms: number) => new Date(ms).toISOString();
const randomInstant = (marginMs: number) => FIRST_DUE + Math.floor(random() * (SPAN_MS - marginMs));

try {
  const pool = database.pool;
  let started = performance.now();
  await pool.query(
    `INSERT INTO cases (case_id, process, rule_set_version, state, state_value, facts, decisions, event_count)
     SELECT 'case-' || i, ($1::text[])[1 + i % $2], 'v', 'open', '"open"',
            CASE WHEN i % 20 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('organisation', 'org-' || (i % $3)) END,
            '{}', 3
       FROM generate_series(0, $4 - 1) AS i`,
    [PROCESSES, PROCESSES.length, ORGANISATIONS, DEADLINES / PER_CASE],
  );
  // Status mix: 70% met in time, 10% met late, 4% breached and still unmet, 4% breached then met,
  // 10% pending, 2% cancelled. Instants are whole seconds, as the engine writes milliseconds.
  await pool.query(
    `SELECT setseed(0.42);
     INSERT INTO deadlines (case_id, deadline_id, started_at, started_by, kind, due_date, due_at, status, met_at, lateness_ms, clause)
     SELECT 'case-' || (i / ${PER_CASE}), 'd' || (i % ${PER_CASE}), due - interval '10 days', 'START',
            CASE WHEN i % 7 = 0 THEN 'bar' ELSE 'action' END,
            ((due - interval '1 second') AT TIME ZONE 'Asia/Almaty')::date, due,
            CASE WHEN r < 0.70 THEN 'met' WHEN r < 0.80 THEN 'met' WHEN r < 0.88 THEN 'breached'
                 WHEN r < 0.98 THEN 'pending' ELSE 'cancelled' END,
            CASE WHEN r < 0.70 THEN due - interval '1 day' WHEN r < 0.80 THEN due + interval '5 hours'
                 WHEN r < 0.84 THEN due + interval '2 days' END,
            CASE WHEN r < 0.70 THEN -86400000 WHEN r < 0.80 THEN 18000000 WHEN r < 0.84 THEN 172800000 END,
            'p.' || (1 + i % 20)
       FROM (SELECT i, random() AS r,
                    date_trunc('second', timestamptz '2024-01-01T00:00:00Z' + random() * interval '1095 days') AS due
               FROM generate_series(0, ${DEADLINES} - 1) AS i) AS g`,
  );
  // As autovacuum leaves a settled table: statistics, and a visibility map for index-only scans.
  for (const table of ['cases', 'deadlines']) await pool.query(`VACUUM ANALYZE ${table}`);
  const size = (
    await pool.query(
      `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM deadlines) AS deadlines,
              (SELECT count(*)::int FROM deadlines WHERE status = 'breached' OR lateness_ms > 0) AS late,
              (SELECT count(*)::int FROM deadlines WHERE status = 'pending') AS pending,
              pg_size_pretty(pg_total_relation_size('deadlines')) AS deadlines_size`,
    )
  ).rows[0];
  console.log(
    `data: ${fmt(size.cases)} cases, ${fmt(size.deadlines)} deadlines (${fmt(size.late)} late, ${fmt(size.pending)} pending), deadlines table with indexes ${size.deadlines_size}; generated in ${fmt((performance.now() - started) / 1000)} s`,
  );

  const filters = (): CaseFilters =>
    pick<CaseFilters>([
      {},
      { organisation: `org-${Math.floor(random() * ORGANISATIONS)}` },
      { process: pick(PROCESSES) },
      { clause: pick(CLAUSES) },
      { jurisdiction: pick(['KZ', 'KG']) },
    ]);
  const window = (days: number) => {
    const from = randomInstant(days * DAY);
    return { from: iso(from), to: iso(from + days * DAY) };
  };
  const queries: Record<string, (db: Queryable) => Promise<unknown>> = {
    'breaches, 30-day period, any filter, by due instant': (db) =>
      findBreaches(db, { period: window(30), ...filters() }),
    'breaches, 1 year, by organisation, by lateness desc': (db) =>
      findBreaches(db, {
        period: window(365),
        organisation: `org-${Math.floor(random() * ORGANISATIONS)}`,
        sort: 'lateness',
        direction: 'desc',
        now: '2027-01-01T00:00:00Z',
      }),
    'breaches, 1 year, by clause, second page': async (db) => {
      const query = { period: window(365), clause: pick(CLAUSES), limit: 50 };
      const first = await findBreaches(db, query);
      return findBreaches(db, { ...query, after: first.nextCursor ?? undefined });
    },
    'at risk within 48 hours, any filter': (db) =>
      findAtRisk(db, rules.calendars, { now: iso(randomInstant(30 * DAY)), withinHours: 48, ...filters() }),
    'at risk within 5 working days, any filter': (db) =>
      findAtRisk(db, rules.calendars, {
        now: iso(randomInstant(30 * DAY)),
        withinWorkingDays: 5,
        ...filters(),
      }),
    'counts by month, 1 year': (db) => countBreaches(db, { period: window(365), by: 'month' }),
    'counts by clause, 90 days': (db) => countBreaches(db, { period: window(90), by: 'clause' }),
    'counts by process, 90 days': (db) => countBreaches(db, { period: window(90), by: 'process' }),
    'counts by organisation, 90 days': (db) => countBreaches(db, { period: window(90), by: 'organisation' }),
    'counts by month, 1 year, one organisation': (db) =>
      countBreaches(db, {
        period: window(365),
        by: 'month',
        organisation: `org-${Math.floor(random() * ORGANISATIONS)}`,
      }),
  };

  // The plan of one run of each query: which indexes it reads.
  const explaining: Queryable = {
    async query(text, values) {
      const plan = await pool.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
      const indexes = new Set(
        JSON.stringify(plan.rows[0]['QUERY PLAN']).match(/"Index Name":"[^"]+"/g) ?? [],
      );
      const scans = new Set(
        JSON.stringify(plan.rows[0]['QUERY PLAN']).match(/"Node Type":"[^"]*Scan"/g) ?? [],
      );
      lastPlan = `${[...scans].map((s) => s.slice(13, -1)).join(', ')}${indexes.size ? ` on ${[...indexes].map((s) => s.slice(14, -1)).join(', ')}` : ''}`;
      return pool.query(text, values);
    },
  };
  let lastPlan = '';

  console.log(`\n${RUNS} runs each, varied parameters (ms):`);
  console.log(`${'query'.padEnd(52)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  plan`);
  for (const [name, run] of Object.entries(queries)) {
    await run(explaining);
    const plan = lastPlan;
    for (let i = 0; i < 10; i++) await run(pool); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      await run(pool);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    console.log(
      `${name.padEnd(52)} ${at(0.5).padStart(7)} ${at(0.95).padStart(7)} ${at(1).padStart(7)}  ${plan}`,
    );
  }
} finally {
  await database.drop();
}
