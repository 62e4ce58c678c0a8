// Effective periods: `from` and `to` are inclusive ISO dates; `to` null means open-ended.
import { Temporal } from 'temporal-polyfill';

export interface Period {
  from: string;
  to: string | null;
}

export const activeAt = (p: Period, date: string): boolean =>
  p.from <= date && (p.to === null || date <= p.to);

export const overlaps = (a: Period, b: Period): boolean =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

export const describePeriod = (p: Period): string => `${p.from}..${p.to ?? 'open'}`;

export function isRealDate(iso: string): boolean {
  try {
    Temporal.PlainDate.from(iso, { overflow: 'reject' });
    return /^\d{4}-\d{2}-\d{2}$/.test(iso);
  } catch {
    return false;
  }
}

export const addDays = (iso: string, days: number): string =>
  Temporal.PlainDate.from(iso).add({ days }).toString();

/** Dates at which something in these periods starts or stops applying, sorted. */
export function boundaries(periods: readonly Period[]): string[] {
  const set = new Set<string>();
  for (const p of periods) {
    set.add(p.from);
    if (p.to !== null) set.add(addDays(p.to, 1));
  }
  return [...set].sort();
}
