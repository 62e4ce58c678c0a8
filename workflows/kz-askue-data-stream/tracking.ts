// What a data-stream case knows of its metering point's intervals: received, forwarded and missing
// ones as ranges of instants (ISO 8601, end exclusive), and running counts. Every update is set
// arithmetic on the ranges, so a duplicate or a backfill is never counted twice.
import { intersect, measure, normalize, type Span, subtract, union } from './spans.ts';

export interface Range {
  from: string;
  to: string;
}
/** An open gap: its first missing instant (`from`) and how many intervals are missing. */
export interface Gap extends Range {
  intervals: number;
}
export interface StreamCounts {
  /** Intervals of the grid ended by the latest event's time. */
  expected: number;
  /** Distinct intervals received. */
  received: number;
  /** Intervals missing now (the open gaps). */
  missing: number;
  /** Distinct intervals forwarded to the authorized body's information system. */
  forwarded: number;
  /** Intervals delivered again after they were received (not counted as received twice). */
  duplicates: number;
  /** Missing intervals whose data arrived later. */
  backfilled: number;
}
export interface Tracking {
  received: Range[];
  forwarded: Range[];
  gaps: Gap[];
  counts: StreamCounts;
}

/** The intervals an event names (read by intervals.ts). */
export interface Named {
  /** The distinct intervals. */
  spans: readonly Span[];
  /** How many intervals the event named, repeats included. */
  named: number;
  lengthMs: number;
  /** Intervals of the grid that have ended by the event's time. */
  expected: number;
}

export const NOTHING_YET: Tracking = {
  received: [],
  forwarded: [],
  gaps: [],
  counts: { expected: 0, received: 0, missing: 0, forwarded: 0, duplicates: 0, backfilled: 0 },
};

const spansOf = (ranges: readonly Range[]): Span[] =>
  ranges.map((r) => [Date.parse(r.from), Date.parse(r.to)]);
const iso = (ms: number) => new Date(ms).toISOString();
const rangesOf = (spans: readonly Span[]): Range[] => spans.map(([a, b]) => ({ from: iso(a), to: iso(b) }));

/** The missing intervals as open gaps, and the counts the event moves on (missing, expected). */
function withMissing(t: Tracking, missing: readonly Span[], n: Named): Tracking {
  return {
    ...t,
    gaps: normalize(missing).map(([a, b]) => ({ from: iso(a), to: iso(b), intervals: (b - a) / n.lengthMs })),
    counts: {
      ...t.counts,
      missing: measure(missing) / n.lengthMs,
      expected: Math.max(t.counts.expected, n.expected),
    },
  };
}

/** Data of these intervals arrived; `asDelivery` counts repeats as duplicates. */
export function receive(t: Tracking, n: Named, asDelivery: boolean): Tracking {
  const received = spansOf(t.received);
  const missing = spansOf(t.gaps);
  const fresh = subtract(n.spans, received);
  const intervals = (spans: readonly Span[]) => measure(spans) / n.lengthMs;
  const next = withMissing(t, subtract(missing, n.spans), n);
  return {
    ...next,
    received: rangesOf(union(received, n.spans)),
    counts: {
      ...next.counts,
      received: t.counts.received + intervals(fresh),
      duplicates: t.counts.duplicates + (asDelivery ? n.named - intervals(fresh) : 0),
      backfilled: t.counts.backfilled + intervals(intersect(fresh, missing)),
    },
  };
}

/** These intervals were passed on to the authorized body's information system (so they were received). */
export function forward(t: Tracking, n: Named): Tracking {
  const forwarded = spansOf(t.forwarded);
  const next = receive(t, n, false);
  return {
    ...next,
    forwarded: rangesOf(union(forwarded, n.spans)),
    counts: {
      ...next.counts,
      forwarded: t.counts.forwarded + measure(subtract(n.spans, forwarded)) / n.lengthMs,
    },
  };
}

/** These intervals' grace ran out: those not received are missing. */
export function markMissing(t: Tracking, n: Named): Tracking {
  return withMissing(t, union(spansOf(t.gaps), subtract(n.spans, spansOf(t.received))), n);
}
