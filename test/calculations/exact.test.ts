import { describe, expect, it } from 'vitest';
import { convertExact, Exact } from '../../src/calculations/exact.ts';
import { UnitMismatchError } from '../../src/units/units.ts';

describe('exact arithmetic', () => {
  it('keeps decimals exact where binary floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(Exact.of(0.1).plus(Exact.of(0.2)).toFixed(20)).toBe('0.30000000000000000000');
    expect(Exact.of('1e-3').times(Exact.of('2.5E2')).toString()).toBe('1/4');
  });

  it('rounds halves away from zero, as the A4 tables do (630 kVA, 95 %, 3 shifts: 5 582.5 → 5 583)', () => {
    const loss = Exact.of(1.05)
      .times(744)
      .plus(Exact.of(7.6).times(Exact.of(0.95).times(0.95)).times(700));
    expect(loss.toString()).toBe('11165/2');
    expect(loss.round(0).toNumber()).toBe(5583);
    expect(Exact.of(-2.5).round(0).toNumber()).toBe(-3);
    expect(Exact.of(1).div(3).toFixed(4)).toBe('0.3333');
    expect(Exact.of(2).div(3).toFixed(0)).toBe('1');
  });

  it('converts between units of one dimension exactly, and refuses others', () => {
    expect(convertExact(Exact.of(7305), 'kWh', 'Wh').toNumber()).toBe(7_305_000);
    expect(convertExact(Exact.of(562485), 'tyiyn', 'som').toFixed(2)).toBe('5624.85');
    expect(convertExact(Exact.of(15), '%', 'ratio').toString()).toBe('3/20');
    expect(() => convertExact(Exact.ONE, 'kWh', 'kvarh')).toThrow(UnitMismatchError);
  });

  it('refuses what is not a finite decimal', () => {
    expect(() => Exact.of('1/3')).toThrow('not a finite decimal number: "1/3"');
    expect(() => Exact.of(Number.NaN)).toThrow(RangeError);
    expect(() => Exact.ONE.div(0)).toThrow('division by zero');
  });
});
