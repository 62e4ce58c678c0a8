// A jurisdiction's legal calendar as dense per-day tables, built once from the calendar file,
// so that deadline arithmetic is a handful of array look-ups instead of a walk over days.
import { Temporal } from 'temporal-polyfill';

const MS_PER_DAY = 86_400_000;
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarDay {
  date: string;
  type: 'holiday' | 'day-off' | 'working-day';
  name: string;
  verified: boolean;
}

export interface CalendarSpec {
  jurisdiction: string;
  timeZone: string;
  weeklyRestDays: readonly Weekday[];
  /** Years with data, e.g. [2023, …, 2027]; must be contiguous. */
  years: readonly number[];
  days: readonly CalendarDay[];
  /** Content hash of the calendar data; reported with every deadline. */
  version: string;
}

export class CalendarRangeError extends Error {}

/** Day numbers below are indexes into the calendar's range: 0 = 1 January of its first year. */
export class WorkingCalendar {
  readonly jurisdiction: string;
  readonly timeZone: string;
  readonly version: string;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly length: number;
  private readonly epochDayOfFirst: number;
  private readonly working: Uint8Array;
  /** workingBefore[i] = number of working days among days 0..i-1. */
  private readonly workingBefore: Int32Array;
  private readonly workingDayList: Int32Array;
  /** UTC milliseconds of the local midnight that starts day i (i = 0..length). */
  private readonly midnightUtc: Float64Array;
  private readonly transitionUtc: Float64Array;
  private readonly transitionOffset: Float64Array;
  private readonly isoDates: string[];
  /** Day index of the 1st of each month, keyed by (year - firstYear) * 12 + month - 1, plus one sentinel. */
  private readonly monthStart: Int32Array;
  private readonly firstYear: number;
  private readonly yearOf: Int16Array;
  private readonly monthOf: Int8Array;
  private readonly dayOfMonth: Int8Array;
  private readonly names = new Map<number, CalendarDay>();
  private readonly endOfDayText: (string | undefined)[] = [];

  constructor(spec: CalendarSpec) {
    this.jurisdiction = spec.jurisdiction;
    this.timeZone = spec.timeZone;
    this.version = spec.version;
    const years = [...spec.years].sort((a, b) => a - b);
    const firstYear = years[0];
    const lastYear = years[years.length - 1];
    if (firstYear === undefined || lastYear === undefined) throw new Error('calendar has no years');
    this.firstYear = firstYear;
    const first = Temporal.PlainDate.from({ year: firstYear, month: 1, day: 1 });
    const last = Temporal.PlainDate.from({ year: lastYear, month: 12, day: 31 });
    this.firstDate = first.toString();
    this.lastDate = last.toString();
    this.epochDayOfFirst = Math.round(first.toZonedDateTime('UTC').epochMilliseconds / MS_PER_DAY);
    const n = first.until(last).days + 1;
    this.length = n;

    const rest = new Set(spec.weeklyRestDays.map((d) => WEEKDAYS.indexOf(d) + 1));
    const exceptions = new Map(spec.days.map((d) => [d.date, d]));
    this.working = new Uint8Array(n);
    this.isoDates = new Array(n);
    this.yearOf = new Int16Array(n);
    this.monthOf = new Int8Array(n);
    this.dayOfMonth = new Int8Array(n);
    this.monthStart = new Int32Array((lastYear - firstYear + 1) * 12 + 1);
    let date = first;
    for (let i = 0; i < n; i++, date = date.add({ days: 1 })) {
      const iso = date.toString();
      this.isoDates[i] = iso;
      this.yearOf[i] = date.year;
      this.monthOf[i] = date.month;
      this.dayOfMonth[i] = date.day;
      if (date.day === 1) this.monthStart[(date.year - firstYear) * 12 + date.month - 1] = i;
      const exception = exceptions.get(iso);
      if (exception) {
        this.names.set(i, exception);
        this.working[i] = exception.type === 'working-day' ? 1 : 0;
      } else {
        this.working[i] = rest.has(date.dayOfWeek) ? 0 : 1;
      }
    }
    this.monthStart[this.monthStart.length - 1] = n;

    this.workingBefore = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      this.workingBefore[i + 1] = (this.workingBefore[i] ?? 0) + (this.working[i] ?? 0);
      if (this.working[i]) list.push(i);
    }
    this.workingDayList = Int32Array.from(list);

    this.midnightUtc = new Float64Array(n + 1);
    let midnight = Temporal.PlainDateTime.from({ year: firstYear, month: 1, day: 1 });
    for (let i = 0; i <= n; i++, midnight = midnight.add({ days: 1 })) {
      // 'later': where midnight repeats, the day ends at its last occurrence.
      this.midnightUtc[i] = midnight.toZonedDateTime(spec.timeZone, {
        disambiguation: 'later',
      }).epochMilliseconds;
    }

    const utc: number[] = [];
    const offsets: number[] = [];
    let cursor: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(
      this.midnightUtc[0] ?? 0,
    )
      .subtract({ hours: 48 })
      .toZonedDateTimeISO(spec.timeZone);
    utc.push(Number.NEGATIVE_INFINITY);
    offsets.push(cursor.offsetNanoseconds / 1e6);
    const end = this.midnightUtc[n] ?? 0;
    for (;;) {
      cursor = cursor.getTimeZoneTransition('next');
      if (!cursor || cursor.epochMilliseconds > end + 2 * MS_PER_DAY) break;
      utc.push(cursor.epochMilliseconds);
      offsets.push(cursor.offsetNanoseconds / 1e6);
    }
    this.transitionUtc = Float64Array.from(utc);
    this.transitionOffset = Float64Array.from(offsets);
  }

  /** UTC offset in milliseconds in force at an instant. */
  offsetAt(utcMs: number): number {
    const t = this.transitionUtc;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((t[mid] ?? 0) <= utcMs) lo = mid;
      else hi = mid - 1;
    }
    return this.transitionOffset[lo] ?? 0;
  }

  /** Local day (index) of an instant, or a range error. */
  dayOfInstant(utcMs: number): number {
    const day = Math.floor((utcMs + this.offsetAt(utcMs)) / MS_PER_DAY) - this.epochDayOfFirst;
    this.assertInRange(day, utcMs);
    return day;
  }

  /** Local date (YYYY-MM-DD) of an instant in this calendar's time zone. */
  dateOf(utcMs: number): string {
    return this.iso(this.dayOfInstant(utcMs));
  }

  dayOfDate(iso: string): number {
    const date = Temporal.PlainDate.from(iso, { overflow: 'reject' });
    const day = Math.round(date.toZonedDateTime('UTC').epochMilliseconds / MS_PER_DAY) - this.epochDayOfFirst;
    this.assertInRange(day);
    return day;
  }

  isWorking(day: number): boolean {
    return this.working[day] === 1;
  }

  iso(day: number): string {
    this.assertInRange(day);
    return this.isoDates[day] as string;
  }

  /** Every holiday, declared day off and declared working day, in date order. */
  exceptions(): CalendarDay[] {
    return [...this.names.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** UTC ms of the local midnight that ends `day`. */
  endOfDayUtc(day: number): number {
    this.assertInRange(day);
    return this.midnightUtc[day + 1] as number;
  }

  /** The `count`-th working day on or after `day` (count ≥ 1). */
  nthWorkingDayFrom(day: number, count: number): number {
    this.assertInRange(day);
    const result = this.workingDayList[(this.workingBefore[day] as number) + count - 1];
    if (result === undefined) throw this.rangeError(`${count} working days from ${this.isoDates[day]}`);
    return result;
  }

  /** The `count`-th working day before `day` (1 = the last working day before it). */
  nthWorkingDayBefore(day: number, count: number): number {
    this.assertInRange(day);
    const result = this.workingDayList[(this.workingBefore[day] as number) - count];
    if (result === undefined) throw this.rangeError(`${count} working days before ${this.isoDates[day]}`);
    return result;
  }

  /** The first working day on or after `day`. */
  workingDayOnOrAfter(day: number): number {
    return this.nthWorkingDayFrom(day, 1);
  }

  /** C2: the same-numbered day `months` later, or that month's last day if it is shorter. */
  addMonths(day: number, months: number): number {
    this.assertInRange(day);
    const monthIndex =
      ((this.yearOf[day] as number) - this.firstYear) * 12 + (this.monthOf[day] as number) - 1 + months;
    const start = this.monthStart[monthIndex];
    const next = this.monthStart[monthIndex + 1];
    if (start === undefined || next === undefined || monthIndex + 1 >= this.monthStart.length) {
      throw this.rangeError(`${months} months from ${this.isoDates[day]}`);
    }
    return start + Math.min(this.dayOfMonth[day] as number, next - start) - 1;
  }

  nonWorkingDaysBetween(fromDay: number, toDay: number): number[] {
    const out: number[] = [];
    for (let d = fromDay; d <= toDay; d++) if (!this.working[d]) out.push(d);
    return out;
  }

  /** formatInstant of the midnight that ends `day`, rendered once per day: most dueAt values are these. */
  formatEndOfDay(day: number): string {
    let text = this.endOfDayText[day];
    if (text === undefined) {
      text = this.formatInstant(this.endOfDayUtc(day));
      this.endOfDayText[day] = text;
    }
    return text;
  }

  /** ISO 8601 rendering of an instant in this calendar's time zone, with its offset. */
  formatInstant(utcMs: number): string {
    const offset = this.offsetAt(utcMs);
    const local = new Date(utcMs + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset) / 60_000;
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${local}${sign}${hh}:${mm}`;
  }

  private assertInRange(day: number, utcMs?: number): void {
    if (day < 0 || day >= this.length || !Number.isInteger(day)) {
      const what = utcMs === undefined ? `day ${day}` : new Date(utcMs).toISOString();
      throw this.rangeError(what);
    }
  }

  private rangeError(what: string): CalendarRangeError {
    return new CalendarRangeError(
      `calendar ${this.jurisdiction} has data for ${this.firstDate}..${this.lastDate} only; ${what} falls outside it`,
    );
  }
}
