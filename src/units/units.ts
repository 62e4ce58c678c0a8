// Physical units of rule parameters, input fields and calculation results. A comparison converts the
// parameter into the fact's unit; values of different dimensions are never compared or converted.
import type { Unit } from '../rules/schema.ts';

const TABLE: Record<Unit, { dimension: string; factor: number }> = {
  W: { dimension: 'active power', factor: 1 },
  kW: { dimension: 'active power', factor: 1e3 },
  MW: { dimension: 'active power', factor: 1e6 },
  GW: { dimension: 'active power', factor: 1e9 },
  VA: { dimension: 'apparent power', factor: 1 },
  kVA: { dimension: 'apparent power', factor: 1e3 },
  MVA: { dimension: 'apparent power', factor: 1e6 },
  var: { dimension: 'reactive power', factor: 1 },
  kvar: { dimension: 'reactive power', factor: 1e3 },
  V: { dimension: 'voltage', factor: 1 },
  kV: { dimension: 'voltage', factor: 1e3 },
  A: { dimension: 'current', factor: 1 },
  Wh: { dimension: 'energy', factor: 1 },
  kWh: { dimension: 'energy', factor: 1e3 },
  MWh: { dimension: 'energy', factor: 1e6 },
  varh: { dimension: 'reactive energy', factor: 1 },
  kvarh: { dimension: 'reactive energy', factor: 1e3 },
  ohm: { dimension: 'resistance', factor: 1 },
  'ohm/km': { dimension: 'resistance per length', factor: 1 },
  m: { dimension: 'length', factor: 1 },
  km: { dimension: 'length', factor: 1e3 },
  'mm²': { dimension: 'cross-section', factor: 1 },
  'A/mm²': { dimension: 'current density', factor: 1 },
  '%': { dimension: 'ratio', factor: 1 },
  ratio: { dimension: 'ratio', factor: 100 },
  seconds: { dimension: 'time', factor: 1 },
  minutes: { dimension: 'time', factor: 60 },
  hours: { dimension: 'time', factor: 3600 },
  days: { dimension: 'time', factor: 86_400 },
  // Hours of operation per calendar day (A3-B §4: 12 or 18); kept apart from ratios on purpose.
  'hours/day': { dimension: 'daily operating time', factor: 1 },
  // A year number (1989), not a duration; and a period in calendar years, whose length in days varies.
  year: { dimension: 'calendar year', factor: 1 },
  years: { dimension: 'calendar years', factor: 1 },
  count: { dimension: 'count', factor: 1 },
  tyiyn: { dimension: 'money (KGS)', factor: 1 },
  som: { dimension: 'money (KGS)', factor: 100 },
  'tyiyn/kWh': { dimension: 'energy price (KGS)', factor: 1 },
  'som/kWh': { dimension: 'energy price (KGS)', factor: 100 },
};

export const dimensionOf = (unit: Unit): string => TABLE[unit].dimension;

/** How many of the dimension's smallest listed unit one `unit` is (1 kWh = 1000 Wh); exact in decimal. */
export const factorOf = (unit: Unit): number => TABLE[unit].factor;

export class UnitMismatchError extends Error {}

/** Throws unless the two units measure the same dimension. */
export function assertSameDimension(from: Unit, to: Unit): void {
  const a = TABLE[from].dimension;
  const b = TABLE[to].dimension;
  if (a !== b) throw new UnitMismatchError(`cannot convert ${from} (${a}) to ${to} (${b})`);
}

/** Converts `value` from one unit to another of the same dimension (e.g. 5 MW → 5000 kW). */
export function convert(value: number, from: Unit, to: Unit): number {
  assertSameDimension(from, to);
  // Round away binary noise such as 0.1 MW → 100.00000000000001 kW.
  return Number(((value * TABLE[from].factor) / TABLE[to].factor).toPrecision(12));
}

// A quantity per unit of time: an energy spread over a duration is a power (kWh per hour = kW).
const PER_TIME: Record<string, string> = { energy: 'active power', 'reactive energy': 'reactive power' };

/** The dimension of `unit` divided by a duration, or undefined when the table lists none. */
export const perTimeDimensionOf = (unit: Unit): string | undefined => PER_TIME[dimensionOf(unit)];

/**
 * `value` spread evenly over `duration`, in `to`: the average power of an energy over an
 * interval (2650 kWh over 15 minutes → 10 600 kW). Throws unless the units fit.
 */
export function perDuration(
  value: number,
  unit: Unit,
  duration: number,
  durationUnit: Unit,
  to: Unit,
): number {
  const rate = perTimeDimensionOf(unit);
  if (dimensionOf(durationUnit) !== 'time' || rate !== dimensionOf(to))
    throw new UnitMismatchError(
      `${unit} (${dimensionOf(unit)}) per ${durationUnit} (${dimensionOf(durationUnit)}) is not ${to} (${dimensionOf(to)})`,
    );
  // Energy in Wh (varh) per duration in hours is power in W (var); the time base is the second.
  const perHour = (value * TABLE[unit].factor * 3600) / (duration * TABLE[durationUnit].factor);
  return Number((perHour / TABLE[to].factor).toPrecision(12));
}
