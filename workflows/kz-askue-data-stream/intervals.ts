// How the events of a data stream name their intervals, read against the stream's grid (intervals
// of the length in force counted from firstIntervalStart). Each problem names the field at fault,
// so that a telemetry module or an officer sending the event knows what to correct.
import type { CaseEvent } from '../case-messages.ts';
import { normalize, type Span } from './spans.ts';
import type { Named } from './tracking.ts';

export interface Grid {
  /** firstIntervalStart, as the case input gives it. */
  anchor: string;
  /** The interval length in force (decision interval-length). */
  minutes: number;
}

/** The intervals an event names, or what is wrong with them. */
export type IntervalReading = Named | { problem: string };

const ONE = ['intervalStart'] as const;
const SEVERAL = ['intervalStarts', 'from', 'count'] as const;
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  READING: ONE,
  BATCH: SEVERAL,
  GRACE_ELAPSED: SEVERAL,
  FORWARDED_TO_AUTHORITY_IS: SEVERAL,
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function readIntervals(event: CaseEvent, grid: Grid): IntervalReading {
  const data = event.data ?? {};
  const fields = FIELDS[event.type] ?? [];
  const unknown = Object.keys(data).find((k) => !fields.includes(k));
  if (unknown !== undefined)
    return { problem: `${unknown}: not a field of ${event.type} (fields: ${fields.join(', ')})` };
  const lengthMs = grid.minutes * 60_000;
  const anchorMs = Date.parse(grid.anchor);
  const atMs = Date.parse(event.at);
  const read = (spans: Span[], named: number): IntervalReading => ({
    spans: normalize(spans),
    named,
    lengthMs,
    expected: Math.max(0, Math.floor((atMs - anchorMs) / lengthMs)),
  });

  const startOn = (field: string, value: unknown): number | string => {
    const ms = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms))
      return `${field}: expected an ISO 8601 instant with offset, got ${JSON.stringify(value)}`;
    if (ms < anchorMs)
      return `${field}: ${value} is before firstIntervalStart ${grid.anchor}, where the obligation starts`;
    if ((ms - anchorMs) % lengthMs !== 0)
      return `${field}: ${value} is not the start of a ${grid.minutes}-minute interval counted from firstIntervalStart ${grid.anchor}`;
    return ms;
  };
  const ended = (field: string, value: unknown): number | string => {
    const ms = startOn(field, value);
    if (typeof ms === 'number' && ms + lengthMs > atMs)
      return `${field}: the ${grid.minutes}-minute interval from ${value} has not ended at the event's time ${event.at}`;
    return ms;
  };

  if (event.type === 'READING') {
    if (data.intervalStart === undefined)
      return { problem: 'intervalStart: required (the start of the interval)' };
    const start = ended('intervalStart', data.intervalStart);
    return typeof start === 'string' ? { problem: start } : read([[start, start + lengthMs]], 1);
  }

  const listed = data.intervalStarts !== undefined;
  if (listed === (data.from !== undefined || data.count !== undefined))
    return { problem: `${event.type}: name the intervals either as intervalStarts or as from and count` };
  if (listed) {
    const list = data.intervalStarts;
    if (!Array.isArray(list) || list.length === 0)
      return {
        problem: `intervalStarts: expected a non-empty list of interval starts, got ${JSON.stringify(list)}`,
      };
    const spans: Span[] = [];
    for (const [i, value] of list.entries()) {
      const start = ended(`intervalStarts[${i}]`, value);
      if (typeof start === 'string') return { problem: start };
      spans.push([start, start + lengthMs]);
    }
    return read(spans, list.length);
  }
  if (data.from === undefined)
    return { problem: 'from: required with count (the start of the first interval)' };
  const count = data.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1)
    return {
      problem: `count: expected a whole number of intervals, at least 1, got ${JSON.stringify(count)}`,
    };
  const from = startOn('from', data.from);
  if (typeof from === 'string') return { problem: from };
  const to = from + count * lengthMs;
  if (to > atMs)
    return {
      problem: `count: ${count} intervals from ${data.from} end at ${sameOffset(to, String(data.from))}, after the event's time ${event.at}`,
    };
  return read([[from, to]], count);
}

/** `ms` written with the UTC offset of `sample` (an instant the sender wrote), to read beside it. */
function sameOffset(ms: number, sample: string): string {
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(sample)?.[1] ?? 'Z';
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return `${new Date(ms + offsetMs).toISOString().slice(0, 19)}${offset}`;
}
