// Energy losses in an overhead or cable line between the boundary and the metering point
// (Decree 576 Annex 4 §§16–18). The source prints the formulas garbled (R and X in the denominator,
// stray K_a/X_a); this is the dimensionally consistent reconstruction of 004-part2.md §3.7:
//   I_avg² = (Ea² + Er²) / (phases · U² · T²),  ΔEa = phases · I_avg² · R · T,  ΔEr = phases · I_avg² · X · T
// where phases·I_avg² is exact and only I_avg itself (shown, never multiplied) needs a square root.
import { Exact } from './exact.ts';
import { CalculationInputError, type CalculationMethod } from './method.ts';

export const lineLosses: CalculationMethod = {
  id: 'line-losses',
  contract: {
    inputs: {
      nominalVoltage: { type: 'number', unit: 'V' },
      length: { type: 'number', unit: 'km' },
      activeResistancePerKm: { type: 'number', unit: 'ohm/km' },
      reactiveResistancePerKm: { type: 'number', unit: 'ohm/km' },
      activeEnergy: { type: 'number', unit: 'Wh' },
      reactiveEnergy: { type: 'number', unit: 'varh' },
      operatingHours: { type: 'number', unit: 'hours' },
    },
    parameters: { 'line.phases': 'count' },
    tables: {},
    switches: {},
    outputs: {
      activeResistance: 'ohm',
      reactiveResistance: 'ohm',
      averageCurrent: 'A',
      activeLoss: 'Wh',
      reactiveLoss: 'varh',
    },
  },
  compute(ctx) {
    const need = (id: string) => ctx.number(id) as Exact;
    const voltage = need('nominalVoltage');
    const hours = need('operatingHours');
    const problems = [
      ...(voltage.isZero() ? ['nominalVoltage: must be above 0'] : []),
      ...(hours.isZero() ? ['operatingHours: must be above 0'] : []),
    ];
    if (problems.length) throw new CalculationInputError(problems);
    const length = need('length');
    const resistance = need('activeResistancePerKm').times(length);
    const reactance = need('reactiveResistancePerKm').times(length);
    const active = need('activeEnergy');
    const reactive = need('reactiveEnergy');
    const phases = ctx.parameter('line.phases');
    const apparentSquared = active.times(active).plus(reactive.times(reactive));
    const currentSquared = apparentSquared.div(
      phases.times(voltage).times(voltage).times(hours).times(hours),
    );
    const perOhm = phases.times(currentSquared).times(hours);
    return {
      activeResistance: resistance,
      reactiveResistance: reactance,
      averageCurrent: Exact.of(Math.sqrt(currentSquared.toNumber())),
      activeLoss: perOhm.times(resistance),
      reactiveLoss: perOhm.times(reactance),
    };
  },
};
