// Compliance queries on the real PostgreSQL, in a throwaway schema, over a handful of known rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../../src/calendar/working-calendar.ts';
import {
  type ComplianceQueryError,
  countBreaches,
  findAtRisk,
  findBreaches,
} from '../../src/compliance/index.ts';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let db: ScratchSchema;
let calendars: ReadonlyMap<string, WorkingCalendar>;

const CASES = [
  ['c1', 'kz.miner.energization', { organisation: 'Alpha' }],
  ['c2', 'kg.supply.disconnection', { organisation: 'Beta' }],
  ['c3', 'kz.metering-scheme-approval', {}],
] as const;

// id, case, clause, status, due date, due instant, met at, lateness
const DEADLINES = [
  ['d-a', 'c1', 'Req p.9', 'breached', '2024-02-09', '2024-02-10T00:00+06:00', null, null],
  ['d-b', 'c1', 'Req p.9', 'met', '2024-02-19', '2024-02-20T00:00+06:00', '2024-02-20T18:00Z', 86_400_000],
  [
    'd-c',
    'c2',
    'KG p.31',
    'breached',
    '2024-03-04',
    '2024-03-05T00:00+06:00',
    '2024-03-05T06:00+06:00',
    21_600_000,
  ],
  [
    'd-d',
    'c3',
    'Req p.9',
    'met',
    '2024-02-14',
    '2024-02-15T00:00+06:00',
    '2024-02-14T00:00+06:00',
    -86_400_000,
  ],
  ['d-e', 'c3', 'Req p.9', 'breached', '2024-03-31', '2024-04-01T00:00+05:00', null, null],
  ['p1', 'c1', 'Req p.9', 'pending', '2024-03-20', '2024-03-20T18:00Z', null, null],
  ['p2', 'c1', 'Req p.9', 'pending', '2024-03-26', '2024-03-26T18:59Z', null, null],
  ['p3', 'c2', 'KG p.31', 'pending', '2024-03-25', '2024-03-25T18:00Z', null, null],
  ['p4', 'c2', 'KG p.31', 'pending', '2024-03-25', '2024-03-25T17:00Z', null, null],
  ['p5', 'c3', 'Req p.9', 'pending', '2024-03-20', '2024-03-20T06:00Z', null, null],
  ['p6', 'c3', 'Req p.9', 'pending', '2024-03-26', '2024-03-26T19:00Z', null, null],
] as const;

beforeAll(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_test');
  calendars = (await shippedRuleSet()).calendars;
  for (const [id, process, facts] of CASES)
    await db.pool.query(
      `INSERT INTO cases (case_id, process, rule_set_version, state, state_value, facts, decisions, event_count)
       VALUES ($1, $2, 'v', 's', '"s"', $3, '{}', 0)`,
      [id, process, JSON.stringify(facts)],
    );
  for (const [id, caseId, clause, status, dueDate, dueAt, metAt, lateness] of DEADLINES)
    await db.pool.query(
      `INSERT INTO deadlines (case_id, deadline_id, started_at, started_by, kind, due_date, due_at, status, met_at, lateness_ms, clause)
       VALUES ($1, $2, '2024-01-01T00:00Z', 'START', 'action', $3, $4, $5, $6, $7, $8)`,
      [caseId, id, dueDate, dueAt, status, metAt, lateness, clause],
    );
});
afterAll(async () => {
  await db?.drop();
});

const PERIOD = { from: '2024-02-01T00:00:00+06:00', to: '2024-04-01T00:00:00+05:00' };
const NOW = '2024-03-01T00:00:00Z';
const ids = (rows: { deadlineId: string }[]) => rows.map((r) => r.deadlineId);

describe('the case organisation and jurisdiction', () => {
  const recordC9 = (organisation: string) =>
    new CaseReadModel(db.pool).record('c9', {
      process: 'kg.meter.registration',
      now: '2024-03-01T00:00:00.000Z',
      ruleSetVersion: 'v',
      state: 's',
      stateValue: 's',
      context: {},
      decisions: {},
      facts: { organisation },
      deadlines: [
        {
          id: 'registration',
          kind: 'action',
          startedBy: { type: 'APPLY', at: '2024-01-01T10:00:00+06:00' },
          dueDate: '2024-01-10',
          dueAt: '2024-01-11T00:00:00+06:00',
          status: 'met',
          clause: 'p.5',
        },
      ],
      documents: [],
      calculations: [],
      history: [],
    });

  it('come from the facts and the process id, also for cases the read model writes', async () => {
    await recordC9('Gamma');
    const { rows } = await db.pool.query(
      'SELECT case_id, organisation, jurisdiction FROM cases ORDER BY case_id',
    );
    expect(rows).toEqual([
      { case_id: 'c1', organisation: 'Alpha', jurisdiction: 'KZ' },
      { case_id: 'c2', organisation: 'Beta', jurisdiction: 'KG' },
      { case_id: 'c3', organisation: null, jurisdiction: 'KZ' },
      { case_id: 'c9', organisation: 'Gamma', jurisdiction: 'KG' },
    ]);
  });

  it('are copied to the case deadlines, and follow a change of the case', async () => {
    const facets = async () =>
      (await db.pool.query(`SELECT process, organisation, jurisdiction FROM deadlines WHERE case_id = 'c9'`))
        .rows;
    await recordC9('Gamma');
    expect(await facets()).toEqual([
      { process: 'kg.meter.registration', organisation: 'Gamma', jurisdiction: 'KG' },
    ]);
    await recordC9('Delta');
    expect(await facets()).toEqual([
      { process: 'kg.meter.registration', organisation: 'Delta', jurisdiction: 'KG' },
    ]);
  });
});

describe('breaches', () => {
  it('lists late deadlines due in [from, to) with their lateness, the unmet ones measured to now', async () => {
    const page = await findBreaches(db.pool, { period: PERIOD, now: NOW });
    expect(page.nextCursor).toBeNull();
    expect(page.breaches).toEqual([
      {
        caseId: 'c1',
        deadlineId: 'd-a',
        startedAt: '2024-01-01T00:00:00.000Z',
        kind: 'action',
        clause: 'Req p.9',
        process: 'kz.miner.energization',
        organisation: 'Alpha',
        jurisdiction: 'KZ',
        dueAt: '2024-02-09T18:00:00.000Z',
        status: 'breached',
        metAt: null,
        latenessMs: 20 * 86_400_000 + 6 * 3_600_000,
        outstanding: true,
      },
      expect.objectContaining({ deadlineId: 'd-b', latenessMs: 86_400_000, outstanding: false }),
      expect.objectContaining({
        deadlineId: 'd-c',
        latenessMs: 21_600_000,
        outstanding: false,
        jurisdiction: 'KG',
      }),
    ]);
  });

  it('filters by clause, process, organisation and jurisdiction', async () => {
    const find = async (filters: object) =>
      ids((await findBreaches(db.pool, { period: PERIOD, ...filters })).breaches);
    expect(await find({ clause: 'KG p.31' })).toEqual(['d-c']);
    expect(await find({ process: 'kz.miner.energization' })).toEqual(['d-a', 'd-b']);
    expect(await find({ organisation: 'Alpha' })).toEqual(['d-a', 'd-b']);
    expect(await find({ jurisdiction: 'KG' })).toEqual(['d-c']);
    expect(await find({ jurisdiction: 'KZ', clause: 'Req p.9' })).toEqual(['d-a', 'd-b']);
    expect(await find({ period: { from: PERIOD.from, to: '2024-04-01T00:00:01+05:00' } })).toEqual([
      'd-a',
      'd-b',
      'd-c',
      'd-e',
    ]);
  });

  it('pages by cursor in either order, by due instant or by lateness', async () => {
    const walk = async (sort: 'dueAt' | 'lateness', direction: 'asc' | 'desc') => {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await findBreaches(db.pool, {
          period: PERIOD,
          now: NOW,
          sort,
          direction,
          limit: 1,
          after,
        });
        seen.push(...ids(page.breaches));
        after = page.nextCursor ?? undefined;
      } while (after);
      return seen;
    };
    expect(await walk('dueAt', 'asc')).toEqual(['d-a', 'd-b', 'd-c']);
    expect(await walk('dueAt', 'desc')).toEqual(['d-c', 'd-b', 'd-a']);
    expect(await walk('lateness', 'desc')).toEqual(['d-a', 'd-b', 'd-c']);
    expect(await walk('lateness', 'asc')).toEqual(['d-c', 'd-b', 'd-a']);
  });

  it('names the field that is wrong', async () => {
    const error = (query: object) =>
      findBreaches(db.pool, { period: PERIOD, ...query }).then(
        () => undefined,
        (e: ComplianceQueryError) => [e.field, e.message],
      );
    expect(await error({ period: { from: '2024-03-01', to: PERIOD.to } })).toEqual([
      'period.from',
      'period.from: expected an ISO 8601 instant with an offset (e.g. 2024-03-01T00:00:00+05:00), got "2024-03-01"',
    ]);
    expect(await error({ period: { from: PERIOD.to, to: PERIOD.from } })).toEqual([
      'period.to',
      `period.to: must be after period.from (${PERIOD.to}), got ${PERIOD.from}`,
    ]);
    expect(await error({ limit: 0 })).toEqual([
      'limit',
      'limit: expected a whole number from 1 to 500, got 0',
    ]);
    expect(await error({ sort: 'clause' })).toEqual([
      'sort',
      'sort: expected one of dueAt, lateness, got "clause"',
    ]);
    expect(await error({ organisation: '' })).toEqual([
      'organisation',
      'organisation: expected a non-empty string, got ""',
    ]);
    expect(await error({ jurisdiction: 'kz' })).toEqual([
      'jurisdiction',
      'jurisdiction: expected a two-letter code such as KZ or KG, got "kz"',
    ]);
    expect(await error({ after: 'nonsense' })).toEqual([
      'after',
      'after: not a cursor returned by this query',
    ]);
  });
});

describe('at-risk deadlines', () => {
  const now = '2024-03-20T12:00:00+05:00';

  it('are the pending ones due from now until now + N hours', async () => {
    const page = await findAtRisk(db.pool, calendars, { now, withinHours: 12 });
    expect(ids(page.deadlines)).toEqual(['p1']);
    expect(page.deadlines[0]?.remainingMs).toBe(11 * 3_600_000);
    expect(page.cutoffs).toEqual({ KZ: '2024-03-20T19:00:00.000Z', KG: '2024-03-20T19:00:00.000Z' });
  });

  it('count working days on each jurisdiction calendar (Nauryz holidays in both)', async () => {
    const page = await findAtRisk(db.pool, calendars, { now, withinWorkingDays: 1 });
    // KZ: 21-22 and 25 March are holidays, 23-24 a weekend: the next working day is Tue 26 March.
    // KG: 21-22 March are days off, then the weekend: the next working day is Mon 25 March.
    expect(page.cutoffs).toEqual({ KZ: '2024-03-26T19:00:00.000Z', KG: '2024-03-25T18:00:00.000Z' });
    expect(ids(page.deadlines)).toEqual(['p1', 'p4', 'p2']);
    expect(
      ids(
        (await findAtRisk(db.pool, calendars, { now, withinWorkingDays: 1, jurisdiction: 'KG' })).deadlines,
      ),
    ).toEqual(['p4']);
    const first = await findAtRisk(db.pool, calendars, { now, withinWorkingDays: 1, limit: 2 });
    expect(ids(first.deadlines)).toEqual(['p1', 'p4']);
    const rest = await findAtRisk(db.pool, calendars, {
      now,
      withinWorkingDays: 1,
      limit: 2,
      after: first.nextCursor ?? undefined,
    });
    expect([ids(rest.deadlines), rest.nextCursor]).toEqual([['p2'], null]);
  });

  it('need exactly one window', async () => {
    await expect(findAtRisk(db.pool, calendars, { now })).rejects.toThrow(
      'withinHours: give exactly one of withinHours and withinWorkingDays',
    );
    await expect(findAtRisk(db.pool, calendars, { now, withinWorkingDays: 1.5 })).rejects.toThrow(
      'withinWorkingDays: expected a whole number from 1 to 250, got 1.5',
    );
    await expect(findAtRisk(db.pool, calendars, { now, withinHours: 1, jurisdiction: 'UZ' })).rejects.toThrow(
      'jurisdiction: no calendar for "UZ" (known: ',
    );
  });
});

describe('breach counts', () => {
  const period = { from: '2024-02-01T00:00:00+06:00', to: '2024-05-01T00:00:00+05:00' };
  it('group by month of the local due date, process, clause and organisation', async () => {
    expect(await countBreaches(db.pool, { period, by: 'month' })).toEqual([
      { key: '2024-02', late: 2, outstanding: 1, metLate: 1 },
      { key: '2024-03', late: 2, outstanding: 1, metLate: 1 },
    ]);
    expect(await countBreaches(db.pool, { period, by: 'process' })).toEqual([
      { key: 'kg.supply.disconnection', late: 1, outstanding: 0, metLate: 1 },
      { key: 'kz.metering-scheme-approval', late: 1, outstanding: 1, metLate: 0 },
      { key: 'kz.miner.energization', late: 2, outstanding: 1, metLate: 1 },
    ]);
    expect(await countBreaches(db.pool, { period, by: 'clause' })).toEqual([
      { key: 'KG p.31', late: 1, outstanding: 0, metLate: 1 },
      { key: 'Req p.9', late: 3, outstanding: 2, metLate: 1 },
    ]);
    expect(await countBreaches(db.pool, { period, by: 'organisation', jurisdiction: 'KZ' })).toEqual([
      { key: 'Alpha', late: 2, outstanding: 1, metLate: 1 },
      { key: null, late: 1, outstanding: 1, metLate: 0 },
    ]);
  });

  it('reject an unknown grouping', async () => {
    await expect(countBreaches(db.pool, { period, by: 'week' as 'month' })).rejects.toThrow(
      'by: expected one of month, process, clause, organisation, got "week"',
    );
  });
});
