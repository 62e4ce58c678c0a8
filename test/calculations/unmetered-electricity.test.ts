// The worked examples of 004-part2.md §2.7-2.9 and test scenarios TS-1 to TS-5, to the precision
// the detail file states them, through the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertExact, type Exact } from '../../src/calculations/exact.ts';
import type { CalculationInputError } from '../../src/calculations/method.ts';
import { runCalculationExact } from '../../src/calculations/run.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const calculate = (inputs: Record<string, unknown>, switches: Record<string, string> = {}) =>
  runCalculationExact(rules, 'kg.unmetered-electricity', inputs, { switches });
const fixed = (value: unknown, places: number) => (value as Exact).toFixed(places);
const som = (tyiyn: unknown) => convertExact(tyiyn as Exact, 'tyiyn', 'som').toFixed(2);

/** TS-1: household, single-phase, 25 A breaker after protection, last visit 2024-02-15, detected 2024-05-20. */
const ts1 = {
  consumerClass: 'household',
  violationClause: 'p19_1',
  phases: 1,
  phaseVoltage: 220,
  breakerTripSetting: 25,
  receiversConnected: 'after_protection',
  lastInspectorVisitDate: '2024-02-15',
  detectionDate: '2024-05-20',
  paidEnergy: 450,
  tariffs: [{ from: '2024-01-01', rate: 77 }],
};

describe('§2.7 / TS-1: household §19(1), a period crossing the seasons', () => {
  it('I = 25 A, P = 5.5 kW, K = 95 days (14 + 31 + 30 + 20)', () => {
    const { result, exact } = calculate(ts1);
    expect(result.outputs).toMatchObject({
      current: 25,
      currentBasis: 'breaker-trip-setting',
      power: 5.5,
      powerFactor: 1,
      periodFirstDay: '2024-02-16',
      periodLastDay: '2024-05-20',
      days: 95,
    });
    expect(fixed(exact.power, 3)).toBe('5.500');
  });

  it('Э = 5.5 × (45 × 18 + 50 × 12) = 7 755.0 kWh, month by month', () => {
    const { result, exact } = calculate(ts1);
    expect(fixed(exact.energy, 1)).toBe('7755.0');
    expect(
      (exact.months as { month: string; days: Exact; hoursPerDay: Exact; energy: Exact }[]).map((m) => [
        m.month,
        fixed(m.days, 0),
        fixed(m.hoursPerDay, 0),
        fixed(m.energy, 1),
      ]),
    ).toEqual([
      ['2024-02', '14', '18', '1386.0'],
      ['2024-03', '31', '18', '3069.0'],
      ['2024-04', '30', '12', '1980.0'],
      ['2024-05', '20', '12', '1320.0'],
    ]);
    // The literal single-T reading (May's T = 12 for all 95 days) gives 6 270 kWh and is wrong.
    expect(result.outputs.energy).not.toBe(5.5 * 12 * 95);
    expect(5.5 * 12 * 95).toBe(6270);
  });

  it('NЭ = 7 755 − 450 = 7 305.0 kWh; C = 7 305 × 77 = 562 485 tyiyn = 5 624.85 som', () => {
    const { result, exact } = calculate(ts1);
    expect(fixed(exact.unmeteredEnergy, 1)).toBe('7305.0');
    expect(fixed(exact.charge, 0)).toBe('562485');
    expect(som(exact.charge)).toBe('5624.85');
    expect(result.outputs.charge).toBe(562485);
  });

  it('spreads NЭ over the days: 1 076.53 / 2 383.74 / 2 306.84 / 1 537.89 kWh, summing to 7 305.00', () => {
    const { result } = calculate(ts1);
    const months = result.outputs.months as { allocatedEnergy: number }[];
    expect(months.map((m) => m.allocatedEnergy)).toEqual([1076.53, 2383.74, 2306.84, 1537.89]);
    expect(months.reduce((sum, m) => sum + m.allocatedEnergy * 100, 0) / 100).toBe(7305);
  });
});

describe('§7 #6: the day-count convention (switch dayCount)', () => {
  it('start-inclusive counts the inspector’s visit day too: 96 days from 2024-02-15', () => {
    const { result } = calculate(ts1, { dayCount: 'start-inclusive' });
    expect(result.outputs).toMatchObject({ periodFirstDay: '2024-02-15', days: 96, energy: 7755 + 5.5 * 18 });
  });
});

describe('TS-2: the tariff rises from 77 to 100 tyiyn/kWh on 2024-05-01', () => {
  const ts2 = {
    ...ts1,
    tariffs: [
      { from: '2024-01-01', rate: 77 },
      { from: '2024-05-01', rate: 100 },
    ],
  };

  it('per-period (default): 7 305 × (75 × 77 + 20 × 100) / 95 = 597 856.58 → 597 857 tyiyn (5 978.57 som)', () => {
    const { result, exact } = calculate(ts2);
    expect(result.switches.tariffMode).toBe('per-period');
    expect(fixed(exact.charge, 2)).toBe('597856.58');
    expect(result.outputs.charge).toBe(597857);
    expect(som((exact.charge as Exact).round(0))).toBe('5978.57');
  });

  it('detection-date: 7 305 × 100 = 730 500 tyiyn (7 305.00 som)', () => {
    const { result, exact } = calculate(ts2, { tariffMode: 'detection-date' });
    expect(result.outputs.charge).toBe(730500);
    expect(som(exact.charge)).toBe('7305.00');
  });
});

/** TS-3: non-household, three-phase, 100 A breaker, K_атк 0.7, 2024-03-01 to 2024-03-31. */
const ts3 = {
  consumerClass: 'nonHousehold',
  violationClause: 'p19_2',
  phases: 3,
  phaseVoltage: 220,
  breakerTripSetting: 100,
  receiversConnected: 'after_protection',
  utilizationCoefficient: 0.7,
  lastInspectorVisitDate: '2024-03-01',
  detectionDate: '2024-03-31',
  paidEnergy: 12000,
  tariffs: [{ from: '2024-01-01', rate: 224 }],
};

describe('§2.8 / TS-3: non-household §19(2), three-phase', () => {
  it('P = 66 kW, K = 30, Э = 33 264 kWh, HЭ = 21 264 kWh, C = 4 763 136 tyiyn = 47 631.36 som', () => {
    const { result, exact } = calculate(ts3);
    expect(result.outputs).toMatchObject({ power: 66, days: 30, energy: 33264, unmeteredEnergy: 21264 });
    expect(fixed(exact.charge, 0)).toBe('4763136');
    expect(som(exact.charge)).toBe('47631.36');
  });

  it('with cos φ 0.8 for motor load: P = 52.8 kW, Э = 26 611.2 kWh, HЭ = 14 611.2 kWh', () => {
    const { exact } = calculate({ ...ts3, powerFactor: 0.8 });
    expect([fixed(exact.power, 1), fixed(exact.energy, 1), fixed(exact.unmeteredEnergy, 1)]).toEqual([
      '52.8',
      '26611.2',
      '14611.2',
    ]);
  });

  it('needs K_атк for a non-household consumer, and refuses it for a household', () => {
    const { utilizationCoefficient: _k, ...withoutK } = ts3;
    expect(() => calculate(withoutK)).toThrow(
      'utilizationCoefficient: required for nonHousehold consumers (decree576 A3-B §5(1)(b))',
    );
    expect(() => calculate({ ...ts1, utilizationCoefficient: 0.7 })).toThrow(
      'utilizationCoefficient: does not apply to household consumers',
    );
    expect(() => calculate({ ...ts1, powerFactor: 0.8 })).toThrow(
      'powerFactor: fixed at 1 for household consumers (decree576 A3-B §4(1), §5(1))',
    );
  });
});

describe('TS-4: household §21(2) self-reconnection', () => {
  it('K = 65 days in the 18-hour season; P = 3.52 kW; Э = NЭ = 4 118.40 kWh', () => {
    const { result, exact } = calculate({
      consumerClass: 'household',
      violationClause: 'p21_2',
      phases: 1,
      breakerTripSetting: 16,
      receiversConnected: 'after_protection',
      disconnectionDate: '2024-01-10',
      detectionDate: '2024-03-15',
      paidEnergy: 0,
    });
    expect(result.outputs).toMatchObject({ days: 65, power: 3.52 });
    expect((result.outputs.months as { hoursPerDay: number }[]).map((m) => m.hoursPerDay)).toEqual([
      18, 18, 18,
    ]);
    expect([fixed(exact.energy, 2), fixed(exact.unmeteredEnergy, 2)]).toEqual(['4118.40', '4118.40']);
    // The default phase voltage of the rule file applied: none was entered.
    expect(result.inputs.phaseVoltage).toBeUndefined();
  });

  it('needs the disconnection date the period runs from', () => {
    expect(() => calculate({ ...ts1, violationClause: 'p21_2', lastInspectorVisitDate: undefined })).toThrow(
      'disconnectionDate: required for p21_2: the period runs from it',
    );
  });
});

/** TS-5: non-household §21(3), bypass before the breaker, aluminium 16 mm², detected 2024-06-03. */
const ts5 = {
  consumerClass: 'nonHousehold',
  violationClause: 'p21_3',
  phases: 3,
  receiversConnected: 'before_protection',
  // TS-5 gives no rating for the breaker the bypass avoids; any value must be ignored.
  breakerTripSetting: 63,
  conductorMaterial: 'Al',
  conductorCrossSection: 16,
  utilizationCoefficient: 0.5,
  lastMeteringCheckDate: '2024-02-04',
  supplyStartDate: '2015-03-01',
  detectionDate: '2024-06-03',
  paidEnergy: 0,
};

describe('TS-5: non-household §21(3), conductor-based current, the limitation period', () => {
  it('a bypass before the breaker takes the conductor: I = 1.9 × 16 = 30.4 A, P = 20.064 kW', () => {
    const { result } = calculate(ts5);
    expect(result.outputs).toMatchObject({ current: 30.4, currentBasis: 'conductor', power: 20.064 });
  });

  it('full-limitation (default): from 2021-06-03, K = 1 096, Э = 20.064 × 24 × 1 096 × 0.5 = 263 881.728 kWh', () => {
    const { result, exact } = calculate(ts5);
    expect(result.outputs).toMatchObject({ periodFirstDay: '2021-06-04', days: 1096 });
    expect(fixed(exact.energy, 3)).toBe('263881.728');
  });

  it('from-last-check-capped: K = 120, Э = 28 892.16 kWh', () => {
    const { result, exact } = calculate(ts5, { limitationClausesPeriod: 'from-last-check-capped' });
    expect(result.outputs).toMatchObject({ periodFirstDay: '2024-02-05', days: 120 });
    expect(fixed(exact.energy, 2)).toBe('28892.16');
  });

  it('caps a start before the limitation period, and never starts before the supply did', () => {
    const capped = calculate(
      { ...ts5, lastMeteringCheckDate: '2020-01-10' },
      { limitationClausesPeriod: 'from-last-check-capped' },
    ).result;
    expect(capped.outputs).toMatchObject({ periodFirstDay: '2021-06-04', days: 1096 });
    expect(capped.outputs.warnings).toEqual([
      'lastMeteringCheckDate 2020-01-10 is beyond the limitation period of 3 years (decree576 R§1, definition of the limitation period (L101)): the period starts 2021-06-03',
    ]);
    const recent = calculate({ ...ts5, supplyStartDate: '2024-05-01' }).result;
    expect(recent.outputs).toMatchObject({ periodFirstDay: '2024-05-01', days: 34 });
  });
});

describe('§2.9: current from the conductor', () => {
  const conductor = {
    consumerClass: 'household',
    violationClause: 'p21_3',
    detectionDate: '2024-06-03',
    paidEnergy: 0,
  };

  it('aluminium 16 mm²: 30.4 A; 6.688 kW single-phase, 20.064 kW three-phase', () => {
    const single = calculate({ ...conductor, phases: 1, conductorMaterial: 'Al', conductorCrossSection: 16 });
    expect(single.result.outputs).toMatchObject({ current: 30.4, power: 6.688 });
    const three = calculate({
      ...conductor,
      consumerClass: 'nonHousehold',
      utilizationCoefficient: 1,
      phases: 3,
      conductorMaterial: 'Al',
      conductorCrossSection: 16,
    });
    expect(fixed(three.exact.power, 3)).toBe('20.064');
  });

  it('copper 10 mm²: 35 A', () => {
    const { result } = calculate({
      ...conductor,
      phases: 1,
      conductorMaterial: 'Cu',
      conductorCrossSection: 10,
    });
    expect(result.outputs.current).toBe(35);
  });

  it('takes the larger of breaker and fuse after the protection; names what is missing otherwise', () => {
    const both = calculate({ ...ts1, breakerTripSetting: 25, fuseLinkCurrent: 32 }).result;
    expect(both.outputs).toMatchObject({ current: 32, currentBasis: 'fuse-link' });
    const nominal = calculate({ ...ts1, breakerTripSetting: undefined, breakerNominalCurrent: 40 }).result;
    expect(nominal.outputs).toMatchObject({ current: 40, currentBasis: 'breaker-nominal-current' });
    expect(() => calculate({ ...ts1, receiversConnected: undefined })).toThrow(
      'receiversConnected: required when a breaker or fuse is given',
    );
    let error: CalculationInputError | undefined;
    try {
      calculate({ ...conductor, phases: 1 });
    } catch (e) {
      error = e as CalculationInputError;
    }
    expect(error?.problems).toEqual([
      'conductorMaterial: required when there is no breaker or fuse (decree576 A3-B §§2-3)',
      'conductorCrossSection: required when there is no breaker or fuse (decree576 A3-B §§2-3)',
    ]);
  });
});

describe('§20: the error-coefficient method', () => {
  const p20 = {
    consumerClass: 'household',
    violationClause: 'p20',
    lastMeteringCheckDate: '2024-04-30',
    detectionDate: '2024-05-20',
    paidEnergy: 100,
    tariffs: [{ from: '2024-01-01', rate: 77 }],
  };

  it('takes the commission’s quantity: no formula exists in the source (§2.6)', () => {
    const { result } = calculate({ ...p20, errorCoefficientEnergy: 1000 });
    expect(result.outputs).toMatchObject({
      method: 'error-coefficient',
      days: 20,
      energy: 1000,
      unmeteredEnergy: 900,
      charge: 69300,
    });
    expect(result.outputs.current).toBeUndefined();
  });

  it('requires that quantity, and accepts it for §20 only', () => {
    expect(() => calculate(p20)).toThrow('errorCoefficientEnergy: required for p20');
    expect(() => calculate({ ...ts1, errorCoefficientEnergy: 1000 })).toThrow(
      'errorCoefficientEnergy: only for the error-coefficient method, not p19_1',
    );
  });
});

describe('records what it used', () => {
  it('the formula version, the rule-set version, the date and the inputs with their defaults', () => {
    const { result } = calculate(ts1);
    expect(result).toMatchObject({
      calculation: 'kg.unmetered-electricity',
      formulaVersion: 1,
      method: 'unmetered-electricity',
      ruleSetVersion: rules.version,
      date: '2024-05-20',
      clause: 'decree576 A3-B §§1-5',
      switches: {
        limitationClausesPeriod: 'full-limitation',
        tariffMode: 'per-period',
        dayCount: 'start-exclusive',
      },
    });
    expect(result.inputs).toEqual(ts1);
  });

  it('floors NЭ at 0 when more was paid than consumed', () => {
    const { result } = calculate({ ...ts1, paidEnergy: 9000 });
    expect(result.outputs).toMatchObject({ unmeteredEnergy: 0, charge: 0 });
    expect(result.outputs.warnings).toEqual([
      'the paid energy exceeds the calculated consumption: nothing is unmetered',
    ]);
  });

  it('names bad inputs as a list of problems', () => {
    expect(() => calculate({ ...ts1, phases: 2, paidEnergy: 'lots' })).toThrow(
      'invalid inputs:\n  phases: \'2\' is not one of 1, 3\n  paidEnergy: expected a number in kWh, got "lots"',
    );
  });
});
