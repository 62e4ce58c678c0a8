// The straightforward implementation the indexed calendar is measured against: walk day by day
// with a date library and look each day up in sets of exceptions.
import { Temporal } from 'temporal-polyfill';
import type { DurationUnit } from '../src/calendar/deadline.ts';
import type { CalendarDay } from '../src/calendar/working-calendar.ts';

export class NaiveCalendar {
  private readonly off: Set<string>;
  private readonly on: Set<string>;

  constructor(
    private readonly timeZone: string,
    days: readonly CalendarDay[],
  ) {
    this.off = new Set(days.filter((d) => d.type !== 'working-day').map((d) => d.date));
    this.on = new Set(days.filter((d) => d.type === 'working-day').map((d) => d.date));
  }

  private working(d: Temporal.PlainDate): boolean {
    const iso = d.toString();
    return this.on.has(iso) || (!this.off.has(iso) && d.dayOfWeek <= 5);
  }

  /** Last day of the period, counting from the day after the trigger (C1). */
  dueDate(fromUtc: number, amount: number, unit: DurationUnit, rollForward: boolean): string {
    const trigger = Temporal.Instant.fromEpochMilliseconds(fromUtc)
      .toZonedDateTimeISO(this.timeZone)
      .toPlainDate();
    let last = trigger;
    if (unit === 'working-days') {
      for (let n = 0; n < amount; ) {
        last = last.add({ days: 1 });
        if (this.working(last)) n++;
      }
    } else {
      last = unit === 'months' ? trigger.add({ months: amount }) : trigger.add({ days: amount });
      while (rollForward && !this.working(last)) last = last.add({ days: 1 });
    }
    return last.toString();
  }
}
