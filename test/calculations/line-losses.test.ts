// The worked examples of 004-part2.md §3.7 and TS-9, through the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exact } from '../../src/calculations/exact.ts';
import { runCalculationExact } from '../../src/calculations/run.ts';
import { buildRuleSet, readRuleFiles } from '../../src/rules/load-rule-set.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { RULES_DIR, shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const calculate = (inputs: Record<string, unknown>) =>
  runCalculationExact(rules, 'kg.line-losses', inputs, { asOf: '2024-06-30' });
const fixed = (value: unknown, places: number) => (value as Exact).toFixed(places);

describe('TS-9: line losses (A4 §§16-18, reconstructed formula)', () => {
  it('10 kV overhead line, AC-50, 5 km: R 2.96 Ω, X 2.0 Ω, I 28.912 A, 5 344.44 kWh, 3 611.11 kvarh', () => {
    const { result, exact } = calculate({
      nominalVoltage: 10,
      length: 5,
      activeResistancePerKm: 0.592,
      reactiveResistancePerKm: 0.4,
      activeEnergy: 300000,
      reactiveEnergy: 200000,
      operatingHours: 720,
    });
    expect([fixed(exact.activeResistance, 2), fixed(exact.reactiveResistance, 1)]).toEqual(['2.96', '2.0']);
    expect(fixed(exact.averageCurrent, 3)).toBe('28.912');
    expect([fixed(exact.activeLoss, 2), fixed(exact.reactiveLoss, 2)]).toEqual(['5344.44', '3611.11']);
    expect(result.outputs).toEqual({
      activeResistance: 2.96,
      reactiveResistance: 2,
      averageCurrent: 28.912,
      activeLoss: 5344.44,
      reactiveLoss: 3611.11,
    });
  });

  it('0.4 kV cable, 0.15 km, 744 h: I 48.5005 A (48.50), 348.88 kWh, 48.20 kvarh', () => {
    const { exact } = calculate({
      nominalVoltage: 0.4,
      length: 0.15,
      activeResistancePerKm: 0.443,
      reactiveResistancePerKm: 0.0612,
      activeEnergy: 20000,
      reactiveEnergy: 15000,
      operatingHours: 744,
    });
    expect([fixed(exact.averageCurrent, 4), fixed(exact.averageCurrent, 2)]).toEqual(['48.5005', '48.50']);
    expect([fixed(exact.activeLoss, 2), fixed(exact.reactiveLoss, 2)]).toEqual(['348.88', '48.20']);
  });

  it('is unit-aware: the same line entered in metres and volts gives the same losses', async () => {
    const texts = (await readRuleFiles(RULES_DIR)).map((f) =>
      f.file.endsWith('line-losses.yaml')
        ? {
            ...f,
            text: f.text
              .replace(/(id: length\n {4}type: number\n {4}unit:) km/, '$1 m')
              .replace(/(id: nominalVoltage\n {4}type: number\n {4}unit:) kV/, '$1 V'),
          }
        : f,
    );
    const metric = buildRuleSet(texts);
    expect(metric.calculation('kg.line-losses').fields.get('length')?.unit).toBe('m');
    const { result } = runCalculationExact(
      metric,
      'kg.line-losses',
      {
        nominalVoltage: 10000,
        length: 5000,
        activeResistancePerKm: 0.592,
        reactiveResistancePerKm: 0.4,
        activeEnergy: 300000,
        reactiveEnergy: 200000,
        operatingHours: 720,
      },
      { asOf: '2024-06-30' },
    );
    expect(result.outputs).toMatchObject({
      averageCurrent: 28.912,
      activeLoss: 5344.44,
      reactiveLoss: 3611.11,
    });
  });

  it('refuses a zero voltage or period instead of dividing by it', () => {
    expect(() =>
      calculate({
        nominalVoltage: 0,
        length: 1,
        activeResistancePerKm: 1,
        reactiveResistancePerKm: 1,
        activeEnergy: 1,
        reactiveEnergy: 1,
        operatingHours: 0,
      }),
    ).toThrow('invalid inputs:\n  nominalVoltage: must be above 0\n  operatingHours: must be above 0');
  });
});
