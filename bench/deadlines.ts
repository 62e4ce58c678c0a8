// Deadline computations per second: the indexed calendar against a day-by-day walk.
import { computeDue, type DeadlineQuery, describeDeadline } from '../src/calendar/deadline.ts';
import type { WorkingCalendar } from '../src/calendar/working-calendar.ts';
import { fmt, opsPerSecond } from './measure.ts';
import { NaiveCalendar } from './naive-calendar.ts';

const UNITS: [DeadlineQuery['unit'], number][] = [
  ['working-days', 1],
  ['working-days', 2],
  ['working-days', 3],
  ['working-days', 30],
  ['calendar-days', 10],
  ['months', 1],
  ['hours', 3],
];

/** Deterministic queries spread over the calendar's range (a fixed-seed LCG, so runs are comparable). */
function queries(calendar: WorkingCalendar, n: number): DeadlineQuery[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.parse(`${calendar.firstDate}T12:00:00Z`);
  const span = Date.parse(`${calendar.lastDate}T00:00:00Z`) - 90 * 86_400_000 - start;
  return Array.from({ length: n }, () => {
    const [unit, amount] = UNITS[Math.floor(next() * UNITS.length)] as [DeadlineQuery['unit'], number];
    return {
      fromUtc: start + Math.floor(next() * span),
      amount,
      unit,
      countFrom: 'next-day',
      rollForward: true,
    };
  });
}

export function benchDeadlines(calendar: WorkingCalendar): string[] {
  const naive = new NaiveCalendar(calendar.timeZone, calendar.exceptions());
  const qs = queries(calendar, 4096);
  for (const q of qs) {
    if (q.unit === 'hours') continue;
    const fast = calendar.iso(computeDue(calendar, q).lastDay);
    const slow = naive.dueDate(q.fromUtc, q.amount, q.unit, q.rollForward);
    if (fast !== slow)
      throw new Error(`indexed and naive calendars disagree: ${JSON.stringify(q)} → ${fast} vs ${slow}`);
  }
  const mask = qs.length - 1;
  const indexed = opsPerSecond((i) => computeDue(calendar, qs[i & mask] as DeadlineQuery));
  const described = opsPerSecond((i) => describeDeadline(calendar, qs[i & mask] as DeadlineQuery));
  const dayQueries = qs.filter((q) => q.unit !== 'hours');
  const slow = opsPerSecond((i) => {
    const q = dayQueries[i % dayQueries.length] as DeadlineQuery;
    return naive.dueDate(q.fromUtc, q.amount, q.unit, q.rollForward);
  }, 1000);
  return [
    `deadlines (${calendar.jurisdiction} calendar, 4096 mixed queries over ${calendar.firstDate}..${calendar.lastDate}, one core)`,
    `  indexed, due day + dueAt:        ${fmt(indexed)} /s`,
    `  indexed, full ISO result:        ${fmt(described)} /s`,
    `  naive day-by-day walk:           ${fmt(slow)} /s`,
    `  full ISO result / naive:         ${(described / slow).toFixed(0)}× (like for like: both give dates)`,
    `  numeric due day / naive:         ${(indexed / slow).toFixed(0)}×`,
  ];
}
