// Which text governs a clause on a date (003-part1.md §0.4 regimes A/B/C, SM-0 resolveClause),
// and the heat-equipment case that keeps the edition of its failure date.
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuleSet, readRuleFiles } from '../../src/rules/load-rule-set.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { RULES_DIR, shippedRuleSet } from '../support/rule-set.ts';

let shipped: RuleSet;
/** The shipped rules with TS1's hypothetical publication of Order 128: P = 2026-04-01. */
let ts1: RuleSet;
beforeAll(async () => {
  shipped = await shippedRuleSet();
  const files = await readRuleFiles(RULES_DIR);
  ts1 = buildRuleSet(
    files.map((f) => {
      if (!f.file.endsWith('documents/kz.yaml')) return f;
      const published = 'publishedOn:\n      date: 2026-03-26';
      expect(f.text).toContain(published);
      return { ...f, text: f.text.replace(published, 'publishedOn:\n      date: 2026-04-01') };
    }),
  );
});

const status = (rs: RuleSet, ref: string, date: string) => {
  const a = rs.editions.resolve(ref, date);
  return { status: a.status, governedBy: a.governedBy?.clause ?? null };
};

describe('003-part1.md TS1: commencement resolution with P = 2026-04-01 (EF26 = 2026-06-01)', () => {
  it.each([
    ['R26.101', '2026-05-31', 'not-yet-in-force', 'R25.92'],
    ['R26.101', '2026-06-01', 'in-force', null],
    ['R26.53', '2026-12-31', 'not-yet-in-force', 'R25.48'],
    ['R26.53', '2027-01-01', 'in-force', null],
    ['R26.110', '2026-12-31', 'not-yet-in-force', null],
    ['R25.69', '2026-06-01', 'no-longer-in-force', 'R26.76'],
  ])('resolve(%s, %s) → %s, governed by %s', (ref, date, want, governedBy) => {
    expect(status(ts1, ref, date)).toEqual({ status: want, governedBy });
  });

  it('says why, with the dates', () => {
    expect(ts1.editions.resolve('R26.110', '2026-12-31').summary).toMatch(
      /is not yet in force on 2026-12-31 \(from 2027-01-01\); no earlier text governs it$/,
    );
    expect(ts1.editions.resolve('R25.69', '2026-06-01').summary).toMatch(
      /no longer in force on 2026-06-01 \(until 2026-05-31\); R26.76 of the 2026 edition of the Rules governs instead$/,
    );
  });
});

describe('regimes A, B, C with the configured dates (EF25 = 2025-09-28, EF26 = 2026-05-26)', () => {
  const texts = (date: string) => shipped.editions.inForceOn(date).map((d) => `${d.document}:${d.id}`);

  it('before EF25 no edition is in force, and a clause says "not yet in force"', () => {
    expect(texts('2025-09-27')).toEqual([]);
    expect(status(shipped, 'R25.92', '2025-09-27')).toEqual({ status: 'not-yet-in-force', governedBy: null });
  });
  it('A [EF25, EF26): the whole 2025 text', () => {
    expect(texts('2025-09-28')).toEqual(['order355:ch1-8', 'order355:ch9-15']);
    expect(texts('2026-05-25')).toEqual(['order355:ch1-8', 'order355:ch9-15']);
    expect(status(shipped, 'R25.92', '2026-05-25').status).toBe('in-force');
  });
  it('B [EF26, 2027-01-01): R25.1-48 beside the 2026 chapters 6-12 and Annex 2', () => {
    expect(texts('2026-05-26')).toEqual(['order128:ch6-12', 'order128:annex2', 'order355:ch1-8']);
    expect(status(shipped, 'R25.92', '2026-05-26')).toEqual({
      status: 'no-longer-in-force',
      governedBy: 'R26.101',
    });
    expect(status(shipped, 'R26.10', '2026-12-31')).toEqual({
      status: 'not-yet-in-force',
      governedBy: 'R25.1-48',
    });
    expect(status(shipped, 'R26.A1.10', '2026-12-30')).toEqual({
      status: 'not-yet-in-force',
      governedBy: null,
    });
  });
  it('C [2027-01-01, ∞): the whole 2026 text', () => {
    expect(texts('2027-01-01')).toEqual([
      'order128:ch1-5',
      'order128:ch6-12',
      'order128:ch13',
      'order128:annex1',
      'order128:annex2',
    ]);
    expect(status(shipped, 'R25.48', '2027-01-01')).toEqual({
      status: 'no-longer-in-force',
      governedBy: 'R26.53',
    });
  });
  it('maps a clause of an equal-length range counterpart to its position', () => {
    expect(status(shipped, 'R26.93', '2026-05-01').governedBy).toBe('R25.84');
    expect(status(shipped, 'R25.90', '2026-06-01').governedBy).toBe('R26.99');
  });
  it('refuses what is not a clause of a known text', () => {
    expect(() => shipped.editions.resolve('R27.1', '2026-06-01')).toThrow(/no text with clause prefix 'R27'/);
    expect(() => shipped.editions.resolve('R25.98', '2026-06-01')).toThrow(/R25.98 is in no division/);
    expect(() => shipped.editions.resolve('R26.89-95', '2026-06-01')).toThrow(/one clause, not a range/);
  });
});

describe('a case filed before a change keeps its edition (kz.heat.equipment-replacement)', () => {
  const failure = (failedAt: string, eventAt: string, facts: Record<string, unknown>, switches = {}) => {
    const calendar = shipped.calendar('KZ');
    const at = Temporal.Instant.from(eventAt).epochMilliseconds;
    const view = shipped.at(calendar.dateOf(at), { switches }).process('kz.heat.equipment-replacement');
    const prepared = view.prepare({ isHeatSupplySubject: true, failedAt, ...facts });
    const c = view.forCase(prepared);
    return { date: c.date, outcome: c.deadline('equipment-replacement', at, prepared) };
  };

  it('judges a failure of 2026-04-15 by R25.92 on 2026-06-03, after EF26', () => {
    const { date, outcome } = failure('2026-04-15T10:00:00+05:00', '2026-06-03T10:00:00+05:00', {
      termDays: 60,
    });
    expect(date).toBe('2026-04-15');
    expect(outcome.source.clause).toBe('Rules R25.92');
    expect(outcome.due?.dueDate).toBe('2026-06-15');
  });
  it('awaits the authority while it has set no term: no timer, and says what it awaits', () => {
    const { outcome } = failure('2026-04-15T10:00:00+05:00', '2026-06-03T10:00:00+05:00', {});
    expect([outcome.applies, outcome.amount, outcome.awaiting, outcome.due]).toEqual([
      false,
      null,
      'termDays',
      undefined,
    ]);
  });
  it('under caseEdition = each-event applies R26.101 at the event date instead', () => {
    const { date, outcome } = failure(
      '2026-04-15T10:00:00+05:00',
      '2026-06-03T10:00:00+05:00',
      { termDays: 60 },
      { caseEdition: 'each-event' },
    );
    expect(date).toBe('2026-06-03');
    expect([outcome.source.clause, outcome.amount, outcome.due?.dueDate]).toEqual([
      'Rules R26.101',
      30,
      '2026-05-15',
    ]);
  });
  it('reads the 30-day cap from the parameter, and the shorter regulation term as its variant', () => {
    const cap = failure('2026-07-10T09:00:00+05:00', '2026-07-10T09:30:00+05:00', {
      techRegulationTermDays: 45,
    });
    const shorter = failure('2026-07-10T09:00:00+05:00', '2026-07-10T09:30:00+05:00', {
      techRegulationTermDays: 10,
    });
    expect([cap.outcome.amount, cap.outcome.due?.dueDate]).toEqual([30, '2026-08-10']);
    expect([shorter.outcome.amount, shorter.outcome.due?.dueDate, shorter.outcome.note]).toEqual([
      10,
      '2026-07-20',
      expect.stringContaining('min(technical-regulation term, 30)'),
    ]);
  });
});
