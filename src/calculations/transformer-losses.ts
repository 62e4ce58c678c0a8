// Active and reactive energy losses of a two-winding 10/0.4 kV transformer in a billing month
// (Decree 576 Annex 4 §§2–15), by the formula of §11 with the tabulated catalogue parameters:
//   K_l = W / (S_n · cos φ · T_rated)                 (§11 a–b; T_rated, not T_n: 004-part2.md §7 #29)
//   ΔW  = ΔP_nl · T_n + ΔP_sc · K_l² · T_rated        (§11 c–e)
//   ΔQ  = S_n·i_nl · T_n + S_n·u_sc · K_l² · T_rated  (§10 b, §11 f–h; u_sc, not i_nl: §7 #30)
// Passport values, when given, replace the tables (§10 a "catalogue or passport").
import { Temporal } from 'temporal-polyfill';
import { Exact } from './exact.ts';
import {
  CalculationInputError,
  type CalculationMethod,
  type MethodContext,
  type TableRow,
} from './method.ts';

const RATED_LOSSES = 'transformer.ratedLosses';
const REACTIVE = 'transformer.reactiveParameters';
const GENERATIONS = 'transformer.generations';
const MONTH_HOURS = 'transformer.monthHours';
const RATED_LOAD_HOURS = 'transformer.ratedLoadHours';
const LOAD_LOSS_INCREASE = 'transformer.loadLossIncrease';

export const transformerLosses: CalculationMethod = {
  id: 'transformer-losses',
  contract: {
    inputs: {
      ratedPower: { type: 'number', unit: 'kVA' },
      manufactureYear: { type: 'number', unit: 'year' },
      windingConnection: { type: 'string' },
      shifts: { type: 'number', unit: 'count' },
      month: { type: 'string' },
      switchedOffHours: { type: 'number', unit: 'hours' },
      meteredActiveEnergy: { type: 'number', unit: 'kWh' },
      noLoadLoss: { type: 'number', unit: 'kW' },
      loadLoss: { type: 'number', unit: 'kW' },
      noLoadCurrent: { type: 'number', unit: 'ratio' },
      shortCircuitVoltage: { type: 'number', unit: 'ratio' },
    },
    parameters: { 'transformer.loadPowerFactor': 'ratio' },
    tables: {
      [RATED_LOSSES]: { ratedPower: 'kVA', generation: 'name', noLoadLoss: 'kW', loadLoss: 'kW' },
      [REACTIVE]: { ratedPower: 'kVA', noLoadCurrent: 'ratio', shortCircuitVoltage: 'ratio' },
      [GENERATIONS]: { generation: 'name', firstYear: 'year', lastYear: 'year' },
      [MONTH_HOURS]: { daysInMonth: 'days', hours: 'hours' },
      [RATED_LOAD_HOURS]: { shifts: 'count', hours: 'hours' },
      [LOAD_LOSS_INCREASE]: {
        windingConnection: 'name',
        minRatedPower: 'kVA',
        maxRatedPower: 'kVA',
        increase: 'ratio',
      },
    },
    switches: { overlappingGeneration: ['later', 'earlier'] },
    outputs: {
      generation: 'name',
      parameterRating: 'kVA',
      transformerHours: 'hours',
      ratedLoadHours: 'hours',
      loadFactor: 'ratio',
      noLoadLossPower: 'kW',
      loadLossPower: 'kW',
      noLoadEnergyLoss: 'kWh',
      loadEnergyLoss: 'kWh',
      activeLoss: 'kWh',
      noLoadReactiveLoss: 'kvarh',
      loadReactiveLoss: 'kvarh',
      reactiveLoss: 'kvarh',
      warnings: 'name',
    },
  },
  compute(ctx) {
    const warnings: string[] = [];
    const rated = ctx.number('ratedPower') as Exact;
    const transformerHours = monthHours(ctx);
    const ratedLoadHours = rowWhere(ctx, RATED_LOAD_HOURS, 'shifts', ctx.number('shifts') as Exact)?.number(
      'hours',
    );
    if (!ratedLoadHours)
      throw new CalculationInputError([
        `shifts: no hours at rated load for ${ctx.number('shifts')} shifts (${ctx.clause(RATED_LOAD_HOURS)})`,
      ]);
    const cosPhi = ctx.parameter('transformer.loadPowerFactor');
    const loadFactor = (ctx.number('meteredActiveEnergy') as Exact).div(
      rated.times(cosPhi).times(ratedLoadHours),
    );
    if (loadFactor.compare(Exact.ONE) > 0)
      warnings.push(
        `load factor ${loadFactor.toFixed(3)} exceeds 1: the metered energy is more than rated load for the shift pattern; check the shifts (004-part2.md §7 #35)`,
      );
    const active = activeParameters(ctx, rated, warnings);
    const loadSquared = loadFactor.times(loadFactor);
    const noLoadEnergyLoss = active.noLoad.times(transformerHours);
    const loadEnergyLoss = active.load.times(loadSquared).times(ratedLoadHours);
    const reactive = reactiveParameters(ctx, rated, warnings);
    const noLoadReactiveLoss = reactive && rated.times(reactive.noLoadCurrent).times(transformerHours);
    const loadReactiveLoss =
      reactive && rated.times(reactive.shortCircuitVoltage).times(loadSquared).times(ratedLoadHours);
    return {
      generation: active.generation,
      parameterRating: active.rating,
      transformerHours,
      ratedLoadHours,
      loadFactor,
      noLoadLossPower: active.noLoad,
      loadLossPower: active.load,
      noLoadEnergyLoss,
      loadEnergyLoss,
      activeLoss: noLoadEnergyLoss.plus(loadEnergyLoss),
      noLoadReactiveLoss,
      loadReactiveLoss,
      reactiveLoss: noLoadReactiveLoss && loadReactiveLoss && noLoadReactiveLoss.plus(loadReactiveLoss),
      warnings,
    };
  },
};

const rowWhere = (ctx: MethodContext, table: string, column: string, value: Exact): TableRow | undefined =>
  ctx.table(table).find((r) => r.number(column).compare(value) === 0);

/** T_n: the month's hours by the table of §11(c), less the hours the transformer was switched off. */
function monthHours(ctx: MethodContext): Exact {
  const month = ctx.text('month') as string;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new CalculationInputError([`month: expected YYYY-MM, got '${month}'`]);
  const days = Temporal.PlainYearMonth.from(month).daysInMonth;
  const hours = rowWhere(ctx, MONTH_HOURS, 'daysInMonth', Exact.of(days))?.number('hours');
  if (!hours)
    throw new CalculationInputError([`month: no hours for a ${days}-day month (${ctx.clause(MONTH_HOURS)})`]);
  const off = ctx.number('switchedOffHours') ?? Exact.ZERO;
  if (off.compare(hours) > 0)
    throw new CalculationInputError([`switchedOffHours: ${off} exceeds the ${hours} hours of ${month}`]);
  return hours.minus(off);
}

/** ΔP_nl and ΔP_sc: from the passport, or from the table of the next standard rating (§14), corrected (§5). */
function activeParameters(ctx: MethodContext, rated: Exact, warnings: string[]) {
  const passportNoLoad = ctx.number('noLoadLoss');
  const passportLoad = ctx.number('loadLoss');
  if (passportNoLoad && passportLoad)
    return { generation: 'passport', rating: rated, noLoad: passportNoLoad, load: passportLoad };
  if (passportNoLoad || passportLoad)
    throw new CalculationInputError([
      `${passportNoLoad ? 'loadLoss' : 'noLoadLoss'}: give both passport losses, or neither`,
    ]);
  const generation = generationOf(ctx, warnings);
  const candidates = ctx
    .table(RATED_LOSSES)
    .filter((r) => r.name('generation') === generation && r.number('ratedPower').compare(rated) >= 0)
    .sort((a, b) => a.number('ratedPower').compare(b.number('ratedPower')));
  const row = candidates[0];
  if (!row)
    throw new CalculationInputError([
      `ratedPower: ${rated} kVA is above every tabulated rating (${ctx.clause(RATED_LOSSES)}); give the passport values noLoadLoss and loadLoss`,
    ]);
  const rating = row.number('ratedPower');
  if (rating.compare(rated) !== 0)
    warnings.push(
      `non-standard rating ${rated} kVA: the losses of the next standard rating, ${rating} kVA, applied (${ctx.clause(RATED_LOSSES)})`,
    );
  return {
    generation,
    rating,
    noLoad: row.number('noLoadLoss'),
    load: row.number('loadLoss').times(Exact.ONE.plus(increase(ctx, rated, warnings))),
  };
}

/** The table column for the year of manufacture (§8), whose printed ranges overlap. */
function generationOf(ctx: MethodContext, warnings: string[]): string {
  const year = ctx.number('manufactureYear');
  if (!year)
    throw new CalculationInputError([
      'manufactureYear: required unless the passport values noLoadLoss and loadLoss are given',
    ]);
  const matches = ctx
    .table(GENERATIONS)
    .filter((r) => r.number('firstYear').compare(year) <= 0 && year.compare(r.number('lastYear')) <= 0)
    .sort((a, b) => a.number('firstYear').compare(b.number('firstYear')));
  if (matches.length === 0)
    throw new CalculationInputError([
      `manufactureYear: ${year} is in none of the generations of ${ctx.clause(GENERATIONS)}; give the passport values noLoadLoss and loadLoss`,
    ]);
  const chosen = (ctx.switch('overlappingGeneration') === 'later' ? matches.at(-1) : matches[0]) as TableRow;
  if (matches.length > 1)
    warnings.push(
      `manufactureYear ${year} falls in the generations ${matches.map((m) => m.name('generation')).join(' and ')} (${ctx.clause(GENERATIONS)}); ${chosen.name('generation')} applied (switch overlappingGeneration)`,
    );
  return chosen.name('generation');
}

/** §5: the load loss of the tables (Y/Yn-0) increases for other winding connections in a rating range. */
function increase(ctx: MethodContext, rated: Exact, warnings: string[]): Exact {
  const winding = ctx.text('windingConnection') as string;
  const rows = ctx.table(LOAD_LOSS_INCREASE).filter((r) => r.name('windingConnection') === winding);
  const row = rows.find(
    (r) => r.number('minRatedPower').compare(rated) <= 0 && rated.compare(r.number('maxRatedPower')) <= 0,
  );
  if (!row && rows.length > 0)
    warnings.push(
      `${winding} at ${rated} kVA: ${ctx.clause(LOAD_LOSS_INCREASE)} gives no correction for this rating; the table value applied`,
    );
  return row ? row.number('increase') : Exact.ZERO;
}

function reactiveParameters(ctx: MethodContext, rated: Exact, warnings: string[]) {
  const noLoadCurrent = ctx.number('noLoadCurrent');
  const shortCircuitVoltage = ctx.number('shortCircuitVoltage');
  if (noLoadCurrent && shortCircuitVoltage) return { noLoadCurrent, shortCircuitVoltage };
  if (noLoadCurrent || shortCircuitVoltage)
    throw new CalculationInputError([
      `${noLoadCurrent ? 'shortCircuitVoltage' : 'noLoadCurrent'}: give both passport percentages, or neither`,
    ]);
  const row = rowWhere(ctx, REACTIVE, 'ratedPower', rated);
  if (!row) {
    warnings.push(
      `no reactive parameters for ${rated} kVA in ${ctx.clause(REACTIVE)}: give noLoadCurrent and shortCircuitVoltage from the passport for the reactive losses`,
    );
    return undefined;
  }
  return {
    noLoadCurrent: row.number('noLoadCurrent'),
    shortCircuitVoltage: row.number('shortCircuitVoltage'),
  };
}
