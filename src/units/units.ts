// Physical units of rule parameters and input fields. A comparison converts the parameter into
// the fact's unit; values of different dimensions are never compared.
import type { Unit } from '../rules/schema.ts';

const TABLE: Record<Unit, { dimension: string; factor: number }> = {
  W: { dimension: 'active power', factor: 1 },
  kW: { dimension: 'active power', factor: 1e3 },
  MW: { dimension: 'active power', factor: 1e6 },
  GW: { dimension: 'active power', factor: 1e9 },
  VA: { dimension: 'apparent power', factor: 1 },
  kVA: { dimension: 'apparent power', factor: 1e3 },
  MVA: { dimension: 'apparent power', factor: 1e6 },
  V: { dimension: 'voltage', factor: 1 },
  kV: { dimension: 'voltage', factor: 1e3 },
  Wh: { dimension: 'energy', factor: 1 },
  kWh: { dimension: 'energy', factor: 1e3 },
  MWh: { dimension: 'energy', factor: 1e6 },
  '%': { dimension: 'ratio', factor: 1 },
  seconds: { dimension: 'time', factor: 1 },
  minutes: { dimension: 'time', factor: 60 },
  hours: { dimension: 'time', factor: 3600 },
  days: { dimension: 'time', factor: 86_400 },
  count: { dimension: 'count', factor: 1 },
};

export const dimensionOf = (unit: Unit): string => TABLE[unit].dimension;

export class UnitMismatchError extends Error {}

/** Converts `value` from one unit to another of the same dimension (e.g. 5 MW → 5000 kW). */
export function convert(value: number, from: Unit, to: Unit): number {
  const a = TABLE[from];
  const b = TABLE[to];
  if (a.dimension !== b.dimension) {
    throw new UnitMismatchError(`cannot convert ${from} (${a.dimension}) to ${to} (${b.dimension})`);
  }
  // Round away binary noise such as 0.1 MW → 100.00000000000001 kW.
  return Number(((value * a.factor) / b.factor).toPrecision(12));
}
