// Due dates under the catalogue's date conventions (catalogue §1):
// C1 counting from the next day (or the same day), C2 month ends, C3 roll-forward of action
// deadlines to the next working day, C4 exact minutes/hours, C5 dueDate + exclusive dueAt.
import type { WorkingCalendar } from './working-calendar.ts';

export type DurationUnit = 'minutes' | 'hours' | 'calendar-days' | 'working-days' | 'bank-days' | 'months';
export type CountFrom = 'next-day' | 'same-day';

export interface DeadlineQuery {
  /** Triggering instant, UTC milliseconds. */
  fromUtc: number;
  amount: number;
  unit: DurationUnit;
  countFrom: CountFrom;
  rollForward: boolean;
}

/** The numeric result; `describeDeadline` turns it into dates and instants. */
export interface DueDay {
  /** Local day of the trigger. */
  triggerDay: number;
  /** First counted day (day 1), or the trigger day for exact durations. */
  startDay: number;
  /** Last day of the period after any roll-forward. */
  lastDay: number;
  /** Exclusive bound: the action must happen before this instant. */
  dueAtUtc: number;
  /** Last day before roll-forward (equal to lastDay when nothing rolled). */
  unrolledLastDay: number;
}

const EXACT_MS: Partial<Record<DurationUnit, number>> = { minutes: 60_000, hours: 3_600_000 };
/** Units counted on the calendar's open days; the caller passes the bank-day variant for bank days. */
const countsOpenDays = (unit: DurationUnit) => unit === 'working-days' || unit === 'bank-days';

export function computeDue(calendar: WorkingCalendar, q: DeadlineQuery): DueDay {
  if (!Number.isSafeInteger(q.amount) || q.amount < 1)
    throw new RangeError(`a duration needs a whole amount ≥ 1, got ${q.amount}`);
  const triggerDay = calendar.dayOfInstant(q.fromUtc);
  const exact = EXACT_MS[q.unit];
  if (exact !== undefined) {
    const dueAtUtc = q.fromUtc + q.amount * exact;
    const lastDay = calendar.dayOfInstant(dueAtUtc);
    return { triggerDay, startDay: triggerDay, lastDay, dueAtUtc, unrolledLastDay: lastDay };
  }
  const startDay = q.countFrom === 'next-day' ? triggerDay + 1 : triggerDay;
  let lastDay: number;
  switch (q.unit) {
    case 'working-days':
    case 'bank-days':
      lastDay = calendar.nthWorkingDayFrom(startDay, q.amount);
      break;
    case 'calendar-days':
      lastDay = startDay + q.amount - 1;
      break;
    default: {
      // C2 anchors on the trigger date; counting the trigger day as day 1 ends one day earlier.
      const sameNumbered = calendar.addMonths(triggerDay, q.amount);
      lastDay = q.countFrom === 'next-day' ? sameNumbered : sameNumbered - 1;
    }
  }
  const unrolledLastDay = lastDay;
  if (q.rollForward && !countsOpenDays(q.unit)) lastDay = calendar.workingDayOnOrAfter(lastDay);
  return { triggerDay, startDay, lastDay, dueAtUtc: calendar.endOfDayUtc(lastDay), unrolledLastDay };
}

/** An action due `amount` units before an instant (e.g. agreed 3 days before a break starts). */
export interface DeadlineBeforeQuery {
  /** The instant counted back from, UTC milliseconds. */
  anchorUtc: number;
  amount: number;
  unit: Exclude<DurationUnit, 'months'>;
}

/**
 * Mirrors C1 and C5: the anchor's own day is not counted, so N days before a break on the 15th
 * is the 12th, and the action is in time until that day ends; exact units subtract exactly (C4).
 */
export function computeDueBefore(calendar: WorkingCalendar, q: DeadlineBeforeQuery): DueDay {
  if (!Number.isSafeInteger(q.amount) || q.amount < 1)
    throw new RangeError(`a duration needs a whole amount ≥ 1, got ${q.amount}`);
  const anchorDay = calendar.dayOfInstant(q.anchorUtc);
  const exact = EXACT_MS[q.unit];
  if (exact !== undefined) {
    const dueAtUtc = q.anchorUtc - q.amount * exact;
    const lastDay = calendar.dayOfInstant(dueAtUtc);
    return { triggerDay: anchorDay, startDay: anchorDay, lastDay, dueAtUtc, unrolledLastDay: lastDay };
  }
  const lastDay = countsOpenDays(q.unit)
    ? calendar.nthWorkingDayBefore(anchorDay, q.amount)
    : anchorDay - q.amount;
  return {
    triggerDay: anchorDay,
    startDay: anchorDay,
    lastDay,
    dueAtUtc: calendar.endOfDayUtc(lastDay),
    unrolledLastDay: lastDay,
  };
}

export interface DeadlineResult {
  dueDate: string;
  dueAt: string;
  startDate: string;
  triggerDate: string;
  nonWorkingDaysSkipped: string[];
  rolledForwardFrom: string | null;
  timeZone: string;
  calendarVersion: string;
  /** For a deadline counted back from an instant: that instant. */
  countedBackFrom?: string;
}

/**
 * Renders a due day. `nonWorkingDaysSkipped` lists, for working-day periods, the non-working days
 * inside the counted span; for rolled-forward deadlines, the non-working days rolled over.
 */
export function describeDeadline(calendar: WorkingCalendar, q: DeadlineQuery): DeadlineResult {
  const due = computeDue(calendar, q);
  let skipped: number[] = [];
  if (countsOpenDays(q.unit)) skipped = calendar.nonWorkingDaysBetween(due.startDay, due.lastDay);
  else if (due.unrolledLastDay !== due.lastDay)
    skipped = calendar.nonWorkingDaysBetween(due.unrolledLastDay, due.lastDay);
  return render(calendar, q.unit, due, skipped);
}

/** Renders a due day counted back from an instant; `nonWorkingDaysSkipped` are those passed over. */
export function describeDeadlineBefore(calendar: WorkingCalendar, q: DeadlineBeforeQuery): DeadlineResult {
  const due = computeDueBefore(calendar, q);
  const skipped = countsOpenDays(q.unit)
    ? calendar.nonWorkingDaysBetween(due.lastDay + 1, due.triggerDay - 1)
    : [];
  return { ...render(calendar, q.unit, due, skipped), countedBackFrom: calendar.formatInstant(q.anchorUtc) };
}

function render(
  calendar: WorkingCalendar,
  unit: DurationUnit,
  due: DueDay,
  skipped: number[],
): DeadlineResult {
  return {
    dueDate: calendar.iso(due.lastDay),
    dueAt:
      EXACT_MS[unit] === undefined
        ? calendar.formatEndOfDay(due.lastDay)
        : calendar.formatInstant(due.dueAtUtc),
    startDate: calendar.iso(due.startDay),
    triggerDate: calendar.iso(due.triggerDay),
    nonWorkingDaysSkipped: skipped.map((d) => calendar.iso(d)),
    rolledForwardFrom: due.unrolledLastDay !== due.lastDay ? calendar.iso(due.unrolledLastDay) : null,
    timeZone: calendar.timeZone,
    calendarVersion: calendar.version,
  };
}
