// What the rule file cannot check of a suspicion's evidence: its metering intervals must follow one
// another and have ended when the suspicion is raised. Types, units and required fields are checked
// against the rule file's inputs before this runs; each problem names the field at fault.
import type { CaseEvent } from '../case-messages.ts';

interface Interval {
  start: string;
  minutes: number;
}

/** What is wrong with the intervals of SUSPICION_RAISED's evidence, or undefined. */
export function intervalsProblem(event: CaseEvent): string | undefined {
  const evidence = event.data?.evidence as { intervals?: Interval[] } | undefined;
  const intervals = evidence?.intervals ?? [];
  const atMs = Date.parse(event.at);
  for (const [i, interval] of intervals.entries()) {
    const field = `evidence.intervals[${i}]`;
    const startMs = Date.parse(interval.start);
    const previous = intervals[i - 1];
    if (previous && startMs !== Date.parse(previous.start) + previous.minutes * 60_000)
      return `${field}.start: ${interval.start} does not follow the ${previous.minutes}-minute interval from ${previous.start}: the intervals of a run are consecutive`;
    if (startMs + interval.minutes * 60_000 > atMs)
      return `${field}: the ${interval.minutes}-minute interval from ${interval.start} has not ended at the event's time ${event.at}`;
  }
  return undefined;
}
