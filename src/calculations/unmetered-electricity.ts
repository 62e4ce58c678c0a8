// Unmetered electricity after a violation of the Rules (Decree 576 Annex 3 App. Б, 004-part2.md §2):
//   current I   — the larger of breaker and fuse, or conductor density × cross-section (§§2–3)
//   power   P   — phase multiplier × U_ph × I × cos φ (§4(1), §5(1))
//   energy  E   — Σ over the recalculation days of P × hours of that day's month [× K_util] (§4–5;
//                 per day, because a period may cross the seasons: 004-part2.md §7 #5)
//   unmetered   — E − paid, not below 0; §20 takes E as entered by the commission (§1(2), §4(2))
//   charge  C   — the unmetered energy spread evenly over the days, at each day's tariff or at the
//                 tariff of the detection day (switch tariffMode, §7 #7)
import { Temporal } from 'temporal-polyfill';
import { convertExact, Exact } from './exact.ts';
import {
  CalculationInputError,
  type CalculationMethod,
  type MethodContext,
  type TableRow,
} from './method.ts';

const CLAUSES = 'unmetered.clauses';
const DENSITY = 'unmetered.currentDensity';
const PHASES = 'unmetered.phaseMultiplier';
const POWER_FACTOR = 'unmetered.powerFactor';
const HOURS = 'unmetered.operatingHours';
const METHODS = ['connected-capacity', 'error-coefficient'] as const;
const PERIOD_STARTS = [
  'last-inspector-visit',
  'limitation-period',
  'disconnection',
  'last-metering-check',
] as const;
type PeriodStart = (typeof PERIOD_STARTS)[number];
/** The input holding the date each kind of period starts from. */
const START_INPUT: Record<Exclude<PeriodStart, 'limitation-period'>, string> = {
  'last-inspector-visit': 'lastInspectorVisitDate',
  disconnection: 'disconnectionDate',
  'last-metering-check': 'lastMeteringCheckDate',
};
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export const unmeteredElectricity: CalculationMethod = {
  id: 'unmetered-electricity',
  contract: {
    inputs: {
      consumerClass: { type: 'string' },
      violationClause: { type: 'string' },
      phases: { type: 'number', unit: 'count' },
      phaseVoltage: { type: 'number', unit: 'V' },
      breakerTripSetting: { type: 'number', unit: 'A' },
      breakerNominalCurrent: { type: 'number', unit: 'A' },
      fuseLinkCurrent: { type: 'number', unit: 'A' },
      receiversConnected: { type: 'string' },
      conductorMaterial: { type: 'string' },
      conductorCrossSection: { type: 'number', unit: 'mm²' },
      powerFactor: { type: 'number', unit: 'ratio' },
      utilizationCoefficient: { type: 'number', unit: 'ratio' },
      detectionDate: { type: 'date' },
      lastInspectorVisitDate: { type: 'date' },
      disconnectionDate: { type: 'date' },
      lastMeteringCheckDate: { type: 'date' },
      supplyStartDate: { type: 'date' },
      paidEnergy: { type: 'number', unit: 'Wh' },
      errorCoefficientEnergy: { type: 'number', unit: 'Wh' },
      tariffs: {
        type: 'object-list',
        fields: { from: { type: 'date' }, rate: { type: 'number', unit: 'tyiyn/kWh' } },
      },
    },
    parameters: {
      'unmetered.phaseVoltageDefault': 'V',
      'unmetered.limitationPeriod': 'years',
      'unmetered.utilizationCoefficientAppliesTo': 'name',
    },
    tables: {
      [CLAUSES]: { clause: 'name', method: METHODS, periodFrom: PERIOD_STARTS },
      [DENSITY]: { material: 'name', density: 'A/mm²' },
      [PHASES]: { phases: 'count', multiplier: 'count' },
      [POWER_FACTOR]: { consumerClass: 'name', powerFactor: 'ratio', adjustable: 'name' },
      [HOURS]: { consumerClass: 'name', fromMonth: MONTHS, toMonth: MONTHS, hoursPerDay: 'hours/day' },
    },
    switches: {
      limitationClausesPeriod: ['full-limitation', 'from-last-check-capped'],
      tariffMode: ['per-period', 'detection-date'],
      dayCount: ['start-exclusive', 'start-inclusive'],
    },
    outputs: {
      method: 'name',
      current: 'A',
      currentBasis: 'name',
      power: 'W',
      powerFactor: 'ratio',
      periodFirstDay: 'name',
      periodLastDay: 'name',
      days: 'days',
      energy: 'Wh',
      unmeteredEnergy: 'Wh',
      charge: 'tyiyn',
      months: {
        rows: {
          month: 'name',
          days: 'days',
          hoursPerDay: 'hours/day',
          energy: 'Wh',
          allocatedEnergy: 'Wh',
          charge: 'tyiyn',
        },
      },
      warnings: 'name',
    },
  },
  compute(ctx) {
    const warnings: string[] = [];
    const clause = ctx.text('violationClause') as string;
    const rule = ctx.table(CLAUSES).find((r) => r.name('clause') === clause);
    if (!rule)
      throw new CalculationInputError([`violationClause: ${clause} is not in ${ctx.clause(CLAUSES)}`]);
    const method = rule.name('method');
    const { first, last } = period(ctx, rule.name('periodFrom') as PeriodStart, warnings);
    const months = monthsBetween(first, last);
    const days = months.reduce((n, m) => n + m.days, 0);

    let load: ReturnType<typeof connectedLoad> | undefined;
    let byMonth: { hoursPerDay?: Exact; energy?: Exact }[];
    let energy: Exact;
    if (method === 'connected-capacity') {
      if (ctx.number('errorCoefficientEnergy'))
        throw new CalculationInputError([
          `errorCoefficientEnergy: only for the error-coefficient method, not ${clause}`,
        ]);
      load = connectedLoad(ctx);
      const perHour = load.power.times(load.utilization);
      byMonth = months.map((m) => {
        const hoursPerDay = hoursOf(ctx, m.month);
        return { hoursPerDay, energy: perHour.times(hoursPerDay).times(m.days) };
      });
      energy = Exact.sum(byMonth.map((m) => m.energy as Exact));
    } else {
      const entered = ctx.number('errorCoefficientEnergy');
      if (!entered)
        throw new CalculationInputError([
          `errorCoefficientEnergy: required for ${clause}: the quantity determined by the commission under the error-coefficient method (${ctx.clause(CLAUSES)})`,
        ]);
      energy = entered;
      byMonth = months.map(() => ({}));
    }

    const paid = ctx.number('paidEnergy') ?? Exact.ZERO;
    let unmetered = energy.minus(paid);
    if (unmetered.compare(Exact.ZERO) < 0) {
      warnings.push('the paid energy exceeds the calculated consumption: nothing is unmetered');
      unmetered = Exact.ZERO;
    }
    const perDay = unmetered.div(days);
    const tariff = tariffOf(ctx);
    const charges = tariff && months.map((m) => chargeOf(ctx, tariff, perDay, m, last));
    return {
      method,
      current: load?.current,
      currentBasis: load?.currentBasis,
      power: load?.power,
      powerFactor: load?.powerFactor,
      periodFirstDay: first.toString(),
      periodLastDay: last.toString(),
      days: Exact.of(days),
      energy,
      unmeteredEnergy: unmetered,
      charge: charges && Exact.sum(charges),
      months: months.map((m, i) => ({
        month: m.month.toString(),
        days: Exact.of(m.days),
        hoursPerDay: byMonth[i]?.hoursPerDay,
        energy: byMonth[i]?.energy,
        allocatedEnergy: perDay.times(m.days),
        charge: charges?.[i],
      })),
      warnings,
    };
  },
};

interface MonthSpan {
  month: Temporal.PlainYearMonth;
  first: Temporal.PlainDate;
  days: number;
}

/** The recalculation days: from the clause's start date (capped by the limitation period) to detection. */
function period(ctx: MethodContext, periodFrom: PeriodStart, warnings: string[]) {
  const detection = Temporal.PlainDate.from(ctx.text('detectionDate') as string);
  const years = ctx.parameter('unmetered.limitationPeriod');
  if (years.den !== 1n)
    throw new CalculationInputError([`unmetered.limitationPeriod: ${years} is not a whole number of years`]);
  const limitationStart = detection.subtract({ years: Number(years.num) });
  const reading =
    periodFrom === 'limitation-period' && ctx.switch('limitationClausesPeriod') === 'from-last-check-capped'
      ? 'last-metering-check'
      : periodFrom;
  let start = limitationStart;
  if (reading !== 'limitation-period') {
    const input = START_INPUT[reading];
    const given = ctx.text(input);
    if (!given)
      throw new CalculationInputError([
        `${input}: required for ${ctx.text('violationClause')}: the period runs from it (${ctx.clause(CLAUSES)})`,
      ]);
    start = Temporal.PlainDate.from(given);
    if (Temporal.PlainDate.compare(start, detection) > 0)
      throw new CalculationInputError([`${input}: ${given} is after the detection date ${detection}`]);
    if (Temporal.PlainDate.compare(start, limitationStart) < 0) {
      warnings.push(
        `${input} ${given} is beyond the limitation period of ${years} years (${ctx.clause('unmetered.limitationPeriod')}): the period starts ${limitationStart}`,
      );
      start = limitationStart;
    }
  }
  let first = ctx.switch('dayCount') === 'start-exclusive' ? start.add({ days: 1 }) : start;
  const supply = ctx.text('supplyStartDate');
  if (supply && Temporal.PlainDate.compare(first, Temporal.PlainDate.from(supply)) < 0) {
    warnings.push(`the period starts at the start of supply, ${supply}`);
    first = Temporal.PlainDate.from(supply);
  }
  if (Temporal.PlainDate.compare(first, detection) > 0)
    throw new CalculationInputError([
      `detectionDate: no day to recalculate between ${first} and ${detection}`,
    ]);
  return { first, last: detection };
}

function monthsBetween(first: Temporal.PlainDate, last: Temporal.PlainDate): MonthSpan[] {
  const out: MonthSpan[] = [];
  for (let day = first; Temporal.PlainDate.compare(day, last) <= 0; ) {
    const monthEnd = day.with({ day: day.daysInMonth });
    const end = Temporal.PlainDate.compare(monthEnd, last) < 0 ? monthEnd : last;
    out.push({ month: day.toPlainYearMonth(), first: day, days: day.until(end).days + 1 });
    day = end.add({ days: 1 });
  }
  return out;
}

/** I, P and the utilization coefficient of the consumer's receivers (A3-B §§2–5). */
function connectedLoad(ctx: MethodContext) {
  const consumerClass = ctx.text('consumerClass') as string;
  const { current, currentBasis } = currentOf(ctx);
  const phases = ctx.number('phases') as Exact;
  const multiplier = ctx
    .table(PHASES)
    .find((r) => r.number('phases').compare(phases) === 0)
    ?.number('multiplier');
  if (!multiplier) throw new CalculationInputError([`phases: ${phases} is not in ${ctx.clause(PHASES)}`]);
  const powerFactor = powerFactorOf(ctx, consumerClass);
  const voltage = ctx.number('phaseVoltage') ?? ctx.parameter('unmetered.phaseVoltageDefault');
  const applies = ctx.names('unmetered.utilizationCoefficientAppliesTo').includes(consumerClass);
  const given = ctx.number('utilizationCoefficient');
  if (applies && !given)
    throw new CalculationInputError([
      `utilizationCoefficient: required for ${consumerClass} consumers (${ctx.clause('unmetered.utilizationCoefficientAppliesTo')})`,
    ]);
  if (!applies && given)
    throw new CalculationInputError([`utilizationCoefficient: does not apply to ${consumerClass} consumers`]);
  return {
    current,
    currentBasis,
    powerFactor,
    power: multiplier.times(voltage).times(current).times(powerFactor),
    utilization: given ?? Exact.ONE,
  };
}

/** §3: after the protection, the larger of breaker and fuse; before it, or without one, the conductor. */
function currentOf(ctx: MethodContext): { current: Exact; currentBasis: string } {
  const setting = ctx.number('breakerTripSetting');
  // A3 §16: the breaker's nominal current when there is no setting protocol.
  const breaker = setting ?? ctx.number('breakerNominalCurrent');
  const fuse = ctx.number('fuseLinkCurrent');
  const connected = ctx.text('receiversConnected');
  if ((breaker || fuse) && !connected)
    throw new CalculationInputError([
      `receiversConnected: required when a breaker or fuse is given (${ctx.clause(DENSITY)})`,
    ]);
  if ((breaker || fuse) && connected === 'after_protection') {
    const candidates = [
      ...(breaker
        ? [{ current: breaker, currentBasis: setting ? 'breaker-trip-setting' : 'breaker-nominal-current' }]
        : []),
      ...(fuse ? [{ current: fuse, currentBasis: 'fuse-link' }] : []),
    ];
    return candidates.reduce((a, b) => (b.current.compare(a.current) > 0 ? b : a));
  }
  const material = ctx.text('conductorMaterial');
  const section = ctx.number('conductorCrossSection');
  const missing = [...(material ? [] : ['conductorMaterial']), ...(section ? [] : ['conductorCrossSection'])];
  if (missing.length)
    throw new CalculationInputError(
      missing.map(
        (m) =>
          `${m}: required when ${breaker || fuse ? 'the receivers are connected before the protection' : 'there is no breaker or fuse'} (${ctx.clause(DENSITY)})`,
      ),
    );
  const density = ctx
    .table(DENSITY)
    .find((r) => r.name('material') === material)
    ?.number('density');
  if (!density)
    throw new CalculationInputError([
      `conductorMaterial: no current density for '${material}' in ${ctx.clause(DENSITY)}`,
    ]);
  return { current: density.times(section as Exact), currentBasis: 'conductor' };
}

function powerFactorOf(ctx: MethodContext, consumerClass: string): Exact {
  const row = ctx.table(POWER_FACTOR).find((r) => r.name('consumerClass') === consumerClass);
  if (!row)
    throw new CalculationInputError([
      `consumerClass: '${consumerClass}' is not in ${ctx.clause(POWER_FACTOR)}`,
    ]);
  const given = ctx.number('powerFactor');
  if (given && !row.flag('adjustable'))
    throw new CalculationInputError([
      `powerFactor: fixed at ${row.number('powerFactor')} for ${consumerClass} consumers (${ctx.clause(POWER_FACTOR)})`,
    ]);
  return given ?? row.number('powerFactor');
}

function hoursOf(ctx: MethodContext, month: Temporal.PlainYearMonth): Exact {
  const consumerClass = ctx.text('consumerClass') as string;
  const inRange = (r: TableRow) => {
    const from = MONTHS.indexOf(r.name('fromMonth')) + 1;
    const to = MONTHS.indexOf(r.name('toMonth')) + 1;
    return from <= to ? month.month >= from && month.month <= to : month.month >= from || month.month <= to;
  };
  const rows = ctx.table(HOURS).filter((r) => r.name('consumerClass') === consumerClass && inRange(r));
  if (rows.length !== 1)
    throw new CalculationInputError([
      `consumerClass: ${rows.length === 0 ? 'no' : 'more than one'} number of hours for ${consumerClass} consumers in ${MONTHS[month.month - 1]} (${ctx.clause(HOURS)})`,
    ]);
  return (rows[0] as TableRow).number('hoursPerDay');
}

interface TariffStep {
  from: Temporal.PlainDate;
  rate: Exact;
}

function tariffOf(ctx: MethodContext): TariffStep[] | undefined {
  const records = ctx.records('tariffs');
  if (!records || records.length === 0) return undefined;
  return records
    .map((r) => ({ from: Temporal.PlainDate.from(r.from as string), rate: r.rate as Exact }))
    .sort((a, b) => Temporal.PlainDate.compare(a.from, b.from));
}

function rateOn(tariff: readonly TariffStep[], day: Temporal.PlainDate): Exact {
  const step = tariff.filter((t) => Temporal.PlainDate.compare(t.from, day) <= 0).at(-1);
  if (!step) throw new CalculationInputError([`tariffs: no rate in force on ${day}`]);
  return step.rate;
}

/** The month's share of the charge: its days' energy at each day's rate, or all at the detection-day rate. */
function chargeOf(
  ctx: MethodContext,
  tariff: readonly TariffStep[],
  perDayWh: Exact,
  m: MonthSpan,
  detection: Temporal.PlainDate,
): Exact {
  const perDay = convertExact(perDayWh, 'Wh', 'kWh');
  if (ctx.switch('tariffMode') === 'detection-date')
    return perDay.times(m.days).times(rateOn(tariff, detection));
  let total = Exact.ZERO;
  for (let i = 0; i < m.days; i++) total = total.plus(perDay.times(rateOn(tariff, m.first.add({ days: i }))));
  return total;
}
