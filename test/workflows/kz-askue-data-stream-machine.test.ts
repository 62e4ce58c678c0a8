// SM-5 of detail/000-001.md kept for all intervals of a metering point at once: events built by the
// process definition from decisions of the shipped rule file, as the workflow builds them.
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import type { CaseEvent } from '../../workflows/case-messages.ts';
import { askueDataStream } from '../../workflows/kz-askue-data-stream/definition.ts';
import { type DataStreamEvent, dataStreamMachine } from '../../workflows/kz-askue-data-stream/machine.ts';
import { intersect, normalize, subtract } from '../../workflows/kz-askue-data-stream/spans.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const electricity = {
  meteringPointId: 'mp-1',
  commodity: 'electricity',
  firstIntervalStart: '2025-10-15T10:00:00+05:00',
};

function decide(at: string, facts: Record<string, unknown>): DecisionValues {
  const view = rules.at(at.slice(0, 10)).process('kz.askue.data-stream');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}
const caseEvent = (type: string, at: string, data?: Record<string, unknown>): CaseEvent => ({
  type,
  at,
  idempotencyKey: `${type}@${at}`,
  ...(data ? { data } : {}),
});
/** The machine event the workflow would build, with the facts of the case. */
function event(
  type: DataStreamEvent['type'],
  at: string,
  data?: Record<string, unknown>,
  facts: Record<string, unknown> = electricity,
): DataStreamEvent {
  const e = caseEvent(type, at, data);
  return askueDataStream.machineEvent(e, decide(at, facts), facts) as DataStreamEvent;
}
function refusal(
  type: string,
  at: string,
  data?: Record<string, unknown>,
  facts: Record<string, unknown> = electricity,
) {
  return askueDataStream.refusalDetail?.(caseEvent(type, at, data), facts, decide(at, facts));
}
const run = (events: DataStreamEvent[]) => runMachine(dataStreamMachine, events);
const next = (snapshot: AnyMachineSnapshot, e: DataStreamEvent) =>
  transition(dataStreamMachine, snapshot, e)[0];

describe('kz.askue.data-stream state machine (SM-5 per metering point)', () => {
  // §12 scenario 10(c): 10:30-10:45 and 10:45-11:00 missing, then both arrive at 11:07 in one batch.
  const throughGap = () =>
    run([
      event('READING', '2025-10-15T10:16:00+05:00', { intervalStart: '2025-10-15T10:00:00+05:00' }),
      event('READING', '2025-10-15T10:31:00+05:00', { intervalStart: '2025-10-15T10:15:00+05:00' }),
      event('GRACE_ELAPSED', '2025-10-15T10:46:00+05:00', { intervalStarts: ['2025-10-15T10:30:00+05:00'] }),
      event('GRACE_ELAPSED', '2025-10-15T11:01:00+05:00', { from: '2025-10-15T10:45:00+05:00', count: 1 }),
    ]);

  it('records missing intervals as one gap with its first missing instant', () => {
    const s = throughGap();
    expect(s.value).toBe('missing');
    expect(s.context.gaps).toEqual([
      { from: '2025-10-15T05:30:00.000Z', to: '2025-10-15T06:00:00.000Z', intervals: 2 },
    ]);
    expect(s.context.received).toEqual([
      { from: '2025-10-15T05:00:00.000Z', to: '2025-10-15T05:30:00.000Z' },
    ]);
    expect(s.context.counts).toEqual({
      expected: 4,
      received: 2,
      missing: 2,
      forwarded: 0,
      duplicates: 0,
      backfilled: 0,
    });
  });

  it('§12 scenario 10(c): a backfilled batch closes the gap, and repeats never count twice', () => {
    const batch = event('BATCH', '2025-10-15T11:07:00+05:00', {
      intervalStarts: ['2025-10-15T10:45:00+05:00', '2025-10-15T10:15:00+05:00', '2025-10-15T10:30:00+05:00'],
    });
    const s = next(throughGap(), batch);
    expect(s.value).toBe('receiving');
    expect(s.context.gaps).toEqual([]);
    expect(s.context.received).toEqual([
      { from: '2025-10-15T05:00:00.000Z', to: '2025-10-15T06:00:00.000Z' },
    ]);
    expect(s.context.counts).toEqual({
      expected: 4,
      received: 4,
      missing: 0,
      forwarded: 0,
      duplicates: 1,
      backfilled: 2,
    });
    const again = next(s, batch);
    expect(again.context.counts).toMatchObject({ received: 4, duplicates: 4, backfilled: 2 });
  });

  it('counts repeats within one batch as duplicates, and a late grace report leaves received data alone', () => {
    const s = run([
      event('BATCH', '2025-10-15T10:50:00+05:00', {
        intervalStarts: [
          '2025-10-15T10:00:00+05:00',
          '2025-10-15T10:00:00+05:00',
          '2025-10-15T10:15:00+05:00',
        ],
      }),
      event('GRACE_ELAPSED', '2025-10-15T10:51:00+05:00', { from: '2025-10-15T10:00:00+05:00', count: 3 }),
    ]);
    expect(s.context.counts).toEqual({
      expected: 3,
      received: 2,
      missing: 1,
      forwarded: 0,
      duplicates: 1,
      backfilled: 0,
    });
    expect(s.context.gaps).toEqual([
      { from: '2025-10-15T05:30:00.000Z', to: '2025-10-15T05:45:00.000Z', intervals: 1 },
    ]);
  });

  it('forwards received intervals once, and takes forwarded data as received [I]', () => {
    const s = run([
      event('BATCH', '2025-10-15T10:31:00+05:00', { from: '2025-10-15T10:00:00+05:00', count: 2 }),
      event('GRACE_ELAPSED', '2025-10-15T10:46:00+05:00', { intervalStarts: ['2025-10-15T10:30:00+05:00'] }),
      event('FORWARDED_TO_AUTHORITY_IS', '2025-10-15T10:47:00+05:00', {
        from: '2025-10-15T10:00:00+05:00',
        count: 3,
      }),
      event('FORWARDED_TO_AUTHORITY_IS', '2025-10-15T10:48:00+05:00', {
        from: '2025-10-15T10:00:00+05:00',
        count: 2,
      }),
    ]);
    expect(s.value).toBe('receiving');
    expect(s.context.forwarded).toEqual([
      { from: '2025-10-15T05:00:00.000Z', to: '2025-10-15T05:45:00.000Z' },
    ]);
    expect(s.context.counts).toEqual({
      expected: 3,
      received: 3,
      missing: 0,
      forwarded: 3,
      duplicates: 0,
      backfilled: 1,
    });
  });

  it('uses the 2-hour grid for gas from 2027 and refuses gas data before (TS7)', () => {
    const gas = {
      meteringPointId: 'gas-1',
      commodity: 'gas',
      firstIntervalStart: '2027-02-10T00:00:00+05:00',
    };
    const day = event(
      'BATCH',
      '2027-02-11T00:10:00+05:00',
      { from: '2027-02-10T00:00:00+05:00', count: 12 },
      gas,
    );
    expect(run([day]).context.counts).toMatchObject({ expected: 12, received: 12, missing: 0 });
    expect(
      refusal('READING', '2027-02-10T02:20:00+05:00', { intervalStart: '2027-02-10T00:15:00+05:00' }, gas),
    ).toBe(
      'intervalStart: 2027-02-10T00:15:00+05:00 is not the start of a 120-minute interval counted from firstIntervalStart 2027-02-10T00:00:00+05:00',
    );
    const early = { ...gas, firstIntervalStart: '2026-12-30T00:00:00+05:00' };
    const before = event(
      'READING',
      '2026-12-30T02:05:00+05:00',
      { intervalStart: '2026-12-30T00:00:00+05:00' },
      early,
    );
    expect(run([]).can(before)).toBe(false);
    expect(
      refusal('READING', '2026-12-30T02:05:00+05:00', { intervalStart: '2026-12-30T00:00:00+05:00' }, early),
    ).toBe(undefined);
  });

  it('refuses malformed or impossible intervals, naming the field', () => {
    const at = '2025-10-15T10:40:00+05:00';
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['READING', undefined, 'intervalStart: required (the start of the interval)'],
      [
        'READING',
        { intervalStart: '2025-10-15 10:00' },
        'intervalStart: expected an ISO 8601 instant with offset, got "2025-10-15 10:00"',
      ],
      [
        'READING',
        { intervalStart: '2025-10-15T09:45:00+05:00' },
        'intervalStart: 2025-10-15T09:45:00+05:00 is before firstIntervalStart 2025-10-15T10:00:00+05:00, where the obligation starts',
      ],
      [
        'READING',
        { intervalStart: '2025-10-15T10:20:00+05:00' },
        'intervalStart: 2025-10-15T10:20:00+05:00 is not the start of a 15-minute interval counted from firstIntervalStart 2025-10-15T10:00:00+05:00',
      ],
      [
        'READING',
        { intervalStart: '2025-10-15T10:30:00+05:00' },
        "intervalStart: the 15-minute interval from 2025-10-15T10:30:00+05:00 has not ended at the event's time 2025-10-15T10:40:00+05:00",
      ],
      [
        'READING',
        { intervalStart: '2025-10-15T10:00:00+05:00', value: 3 },
        'value: not a field of READING (fields: intervalStart)',
      ],
      ['BATCH', {}, 'BATCH: name the intervals either as intervalStarts or as from and count'],
      [
        'BATCH',
        { intervalStarts: ['2025-10-15T10:00:00+05:00'], count: 1 },
        'BATCH: name the intervals either as intervalStarts or as from and count',
      ],
      [
        'BATCH',
        { intervalStarts: [] },
        'intervalStarts: expected a non-empty list of interval starts, got []',
      ],
      [
        'BATCH',
        { intervalStarts: ['2025-10-15T10:00:00+05:00', 7] },
        'intervalStarts[1]: expected an ISO 8601 instant with offset, got 7',
      ],
      ['GRACE_ELAPSED', { count: 2 }, 'from: required with count (the start of the first interval)'],
      [
        'GRACE_ELAPSED',
        { from: '2025-10-15T10:00:00+05:00', count: 1.5 },
        'count: expected a whole number of intervals, at least 1, got 1.5',
      ],
      [
        'GRACE_ELAPSED',
        { from: '2025-10-15T10:00:00+05:00', count: 3 },
        "count: 3 intervals from 2025-10-15T10:00:00+05:00 end at 2025-10-15T10:45:00+05:00, after the event's time 2025-10-15T10:40:00+05:00",
      ],
    ];
    for (const [type, data, problem] of cases) {
      expect(refusal(type, at, data)).toBe(problem);
      expect(run([]).can(event(type as DataStreamEvent['type'], at, data))).toBe(false);
    }
    expect(refusal('BATCH', at, { from: '2025-10-15T10:00:00+05:00', count: 2 })).toBe(undefined);
  });
});

describe('span arithmetic', () => {
  it('merges touching spans, and subtracts and intersects', () => {
    expect(
      normalize([
        [30, 45],
        [0, 15],
        [15, 30],
        [60, 75],
      ]),
    ).toEqual([
      [0, 45],
      [60, 75],
    ]);
    expect(
      subtract(
        [[0, 60]],
        [
          [15, 30],
          [45, 90],
        ],
      ),
    ).toEqual([
      [0, 15],
      [30, 45],
    ]);
    expect(
      intersect(
        [
          [0, 30],
          [45, 60],
        ],
        [[15, 50]],
      ),
    ).toEqual([
      [15, 30],
      [45, 50],
    ]);
  });
});
