import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeadlineQuery, describeDeadline, describeDeadlineBefore } from '../../src/calendar/deadline.ts';
import type { WorkingCalendar } from '../../src/calendar/working-calendar.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let KZ: WorkingCalendar;
let KG: WorkingCalendar;
let KGBank: WorkingCalendar;
beforeAll(async () => {
  const rs = await shippedRuleSet();
  KZ = rs.calendar('KZ');
  KG = rs.calendar('KG');
  KGBank = rs.calendarFor('KG', 'bank-days');
});

const due = (
  cal: () => WorkingCalendar,
  from: string,
  amount: number,
  unit: DeadlineQuery['unit'],
  opts: Partial<DeadlineQuery> = {},
) =>
  describeDeadline(cal(), {
    fromUtc: Temporal.Instant.from(from).epochMilliseconds,
    amount,
    unit,
    countFrom: 'next-day',
    rollForward: true,
    ...opts,
  });
const kz = () => KZ;
const kg = () => KG;

describe('working days in Kazakhstan', () => {
  it('crosses Nauryz 2024: 21, 22, 25 March off plus the weekend (000-001.md §12 scenario 6)', () => {
    const check = due(kz, '2024-03-20T10:00:00+05:00', 2, 'working-days');
    expect(check.dueDate).toBe('2024-03-27');
    expect(check.dueAt).toBe('2024-03-28T00:00:00+05:00');
    expect(check.startDate).toBe('2024-03-21');
    expect(check.nonWorkingDaysSkipped).toEqual([
      '2024-03-21',
      '2024-03-22',
      '2024-03-23',
      '2024-03-24',
      '2024-03-25',
    ]);
    expect(due(kz, '2024-03-20T10:00:00+05:00', 3, 'working-days').dueDate).toBe('2024-03-28');
  });

  it('counts from the next day by default and from the same day when switched (C1, scenario 4a)', () => {
    expect(due(kz, '2024-02-12T11:00:00+06:00', 2, 'working-days').dueDate).toBe('2024-02-14');
    expect(due(kz, '2024-02-12T11:00:00+06:00', 3, 'working-days').dueDate).toBe('2024-02-15');
    const sameDay = due(kz, '2024-02-12T11:00:00+06:00', 2, 'working-days', { countFrom: 'same-day' });
    expect(sameDay.dueDate).toBe('2024-02-13');
    expect(sameDay.startDate).toBe('2024-02-12');
  });

  it('skips a weekend (scenario 4b)', () => {
    const r = due(kz, '2024-02-15T09:00:00+06:00', 2, 'working-days');
    expect(r.dueDate).toBe('2024-02-19');
    expect(r.nonWorkingDaysSkipped).toEqual(['2024-02-17', '2024-02-18']);
  });

  it('honours a declared working Saturday (4 May 2024)', () => {
    // 2 May 2024 (Thu) + 2 working days: Fri 3 May, Sat 4 May (working, transferred to 8 May).
    expect(due(kz, '2024-05-02T10:00:00+05:00', 2, 'working-days').dueDate).toBe('2024-05-04');
  });
});

describe('months (C2) and roll-forward (C3)', () => {
  it('31 January + 1 month is 29 February 2024, ending at the first +05:00 midnight', () => {
    const r = due(kz, '2024-01-31T09:00:00+06:00', 1, 'months', { rollForward: false });
    expect(r.dueDate).toBe('2024-02-29');
    expect(r.dueAt).toBe('2024-03-01T00:00:00+05:00');
  });

  it('same-numbered day: 15 April + 1 month is 15 May (scenario 2)', () => {
    expect(due(kz, '2024-04-15T12:00:00+05:00', 1, 'months').dueDate).toBe('2024-05-15');
  });

  it('rolls a calendar-day action deadline ending on a holiday to the next working day', () => {
    const r = due(kz, '2024-03-12T10:00:00+05:00', 10, 'calendar-days');
    expect(r.dueDate).toBe('2024-03-26');
    expect(r.rolledForwardFrom).toBe('2024-03-22');
    expect(r.nonWorkingDaysSkipped).toEqual(['2024-03-22', '2024-03-23', '2024-03-24', '2024-03-25']);
  });

  it('does not roll when switched off (bars, lockouts)', () => {
    const r = due(kz, '2024-03-12T10:00:00+05:00', 10, 'calendar-days', { rollForward: false });
    expect(r.dueDate).toBe('2024-03-22');
    expect(r.nonWorkingDaysSkipped).toEqual([]);
    expect(r.rolledForwardFrom).toBeNull();
  });

  it('10 calendar days from TC issue on Tue 2024-02-13 is Fri 2024-02-23 (scenario 1)', () => {
    const r = due(kz, '2024-02-13T10:00:00+06:00', 10, 'calendar-days');
    expect(r.dueDate).toBe('2024-02-23');
    expect(r.dueAt).toBe('2024-02-24T00:00:00+06:00');
    expect(due(kz, '2024-02-13T10:00:00+06:00', 10, 'calendar-days', { countFrom: 'same-day' }).dueDate).toBe(
      '2024-02-22',
    );
  });
});

describe('the Kazakh time-zone change of 2024-03-01 (UTC+6 → UTC+5)', () => {
  it('reads the local date of an instant with the offset in force at that instant', () => {
    // 18:30Z is 00:30 the next day at +06:00 (January) but 23:30 the same day at +05:00 (March).
    expect(due(kz, '2024-01-10T18:30:00Z', 1, 'calendar-days', { rollForward: false }).triggerDate).toBe(
      '2024-01-11',
    );
    expect(due(kz, '2024-03-10T18:30:00Z', 1, 'calendar-days', { rollForward: false }).triggerDate).toBe(
      '2024-03-10',
    );
    expect(due(kz, '2024-02-29T18:30:00Z', 1, 'calendar-days', { rollForward: false }).triggerDate).toBe(
      '2024-02-29',
    );
  });

  it('renders dueAt with the offset of its own instant on either side', () => {
    expect(due(kz, '2024-02-26T10:00:00+06:00', 1, 'calendar-days').dueAt).toBe('2024-02-28T00:00:00+06:00');
    expect(due(kz, '2024-02-27T10:00:00+06:00', 1, 'calendar-days').dueAt).toBe('2024-02-29T00:00:00+06:00');
    expect(due(kz, '2024-03-01T10:00:00+05:00', 1, 'calendar-days', { rollForward: false }).dueAt).toBe(
      '2024-03-03T00:00:00+05:00',
    );
    // Saturday 2 March rolls to Monday 4 March.
    expect(due(kz, '2024-03-01T10:00:00+05:00', 1, 'calendar-days').dueAt).toBe('2024-03-05T00:00:00+05:00');
  });

  it('keeps hours exact across the change (C4)', () => {
    const r = due(kz, '2024-02-29T12:00:00+06:00', 24, 'hours');
    expect(r.dueAt).toBe('2024-03-01T11:00:00+05:00');
    expect(r.dueDate).toBe('2024-03-01');
    expect(r.nonWorkingDaysSkipped).toEqual([]);
  });
});

describe('working days in Kyrgyzstan', () => {
  it('skips the 2025 May holidays of the new Labour Code (1–2 and 5–9 May)', () => {
    const r = due(kg, '2025-04-28T10:00:00+06:00', 5, 'working-days');
    expect(r.dueDate).toBe('2025-05-14');
    expect(r.dueAt).toBe('2025-05-15T00:00:00+06:00');
    expect(r.nonWorkingDaysSkipped).toHaveLength(11);
  });

  it('treats Nooruz 21 March 2025 (Friday) as non-working', () => {
    expect(due(kg, '2025-03-19T10:00:00+06:00', 2, 'working-days').dueDate).toBe('2025-03-24');
  });

  it('uses Asia/Bishkek (UTC+6) for local dates', () => {
    expect(due(kg, '2025-06-10T18:30:00Z', 1, 'calendar-days').triggerDate).toBe('2025-06-11');
  });
});

describe('bank days in Kyrgyzstan (the bank-day variant of the KG calendar)', () => {
  const kgBank = () => KGBank;
  it('5 bank days from Mon 2024-09-02 end on Mon 2024-09-09 (004-part2.md TS-10)', () => {
    const payment = due(kgBank, '2024-09-02T10:00:00+06:00', 5, 'bank-days');
    expect([payment.dueDate, payment.dueAt]).toEqual(['2024-09-09', '2024-09-10T00:00:00+06:00']);
    expect(payment.nonWorkingDaysSkipped).toEqual(['2024-09-07', '2024-09-08']);
  });
  it('3 bank days from an invoice delivered Fri 2024-07-05 end on Wed 2024-07-10 (004-part2.md TS-2)', () => {
    expect(due(kgBank, '2024-07-05T16:00:00+06:00', 3, 'bank-days').dueDate).toBe('2024-07-10');
  });
  it('ignores transfers for state bodies: 3-6 Jan 2023 were Cabinet days off, not bank holidays', () => {
    // Mon 2 Jan 2023 is the statutory day off for New Year on a Sunday; 7 Jan (Christmas) is a Saturday.
    expect(due(kgBank, '2023-01-02T10:00:00+06:00', 3, 'bank-days').dueDate).toBe('2023-01-05');
    expect(due(kg, '2023-01-02T10:00:00+06:00', 3, 'working-days').dueDate).toBe('2023-01-11');
  });
  it('a working Saturday of a transfer is not a bank day (Sat 2023-02-25)', () => {
    expect(due(kg, '2023-02-24T10:00:00+06:00', 1, 'working-days').dueDate).toBe('2023-02-25');
    expect(due(kgBank, '2023-02-24T10:00:00+06:00', 1, 'bank-days').dueDate).toBe('2023-02-27');
  });
  it('statutory holidays close banks: 3 bank days from Wed 2025-03-19 skip Nooruz (21 March)', () => {
    const result = due(kgBank, '2025-03-19T10:00:00+06:00', 3, 'bank-days');
    expect(result.dueDate).toBe('2025-03-25');
    expect(result.nonWorkingDaysSkipped).toEqual(['2025-03-21', '2025-03-22', '2025-03-23']);
  });
});

describe('deadlines counted back from an instant (a break agreed 3 days before it starts)', () => {
  const dueBefore = (anchor: string, amount: number, unit: 'hours' | 'calendar-days' | 'working-days') =>
    describeDeadlineBefore(KZ, { anchorUtc: Temporal.Instant.from(anchor).epochMilliseconds, amount, unit });
  it('72 hours before Sat 2027-05-15 22:00 is Wed 2027-05-12 22:00 (003-part2.md TS5, B9)', () => {
    const r = dueBefore('2027-05-15T22:00:00+05:00', 72, 'hours');
    expect([r.dueDate, r.dueAt, r.countedBackFrom]).toEqual([
      '2027-05-12',
      '2027-05-12T22:00:00+05:00',
      '2027-05-15T22:00:00+05:00',
    ]);
  });
  it('3 calendar days before the 15th is the 12th, in time until it ends', () => {
    const r = dueBefore('2027-05-15T22:00:00+05:00', 3, 'calendar-days');
    expect([r.dueDate, r.dueAt]).toEqual(['2027-05-12', '2027-05-13T00:00:00+05:00']);
  });
  it('3 working days before Mon 2027-05-17 pass over the weekend to Wed 2027-05-12', () => {
    const r = dueBefore('2027-05-17T06:00:00+05:00', 3, 'working-days');
    expect([r.dueDate, r.nonWorkingDaysSkipped]).toEqual(['2027-05-12', ['2027-05-15', '2027-05-16']]);
  });
});

describe('calendar coverage', () => {
  it('refuses to guess beyond the years it has data for', () => {
    expect(() => due(kz, '2027-12-28T10:00:00+05:00', 5, 'working-days')).toThrow(
      /calendar KZ has data for 2023-01-01\.\.2027-12-31 only/,
    );
  });

  it('reports its version with every result', () => {
    expect(due(kz, '2024-02-12T10:00:00+06:00', 1, 'working-days').calendarVersion).toMatch(
      /^KZ-[0-9a-f]{12}$/,
    );
  });
});
