// Runs a calculation of a rule set: validates the inputs against the rule file, selects the formula
// version, parameters and tables in force on the calculation's date, hands the method values in the
// units it computes in, and returns the results in the rule file's units and precision, together
// with everything needed to reproduce them (inputs, switches, formula and rule-set versions).
import type { CalculationModel } from '../rules/calculation-model.ts';
import { FactsError, prepareInputs } from '../rules/facts.ts';
import { activeAt, isRealDate } from '../rules/periods.ts';
import { NotInForceError, RuleQueryError, type RuleSet } from '../rules/rule-set.ts';
import type { CalculationOutput, Citation, InputField, Scalar, Unit } from '../rules/schema.ts';
import { convertExact, Exact } from './exact.ts';
import {
  CalculationInputError,
  type Cell,
  type InputRecord,
  type InputSpec,
  type MethodContext,
  type MethodContract,
  type OutputRow,
  type OutputSpec,
  type TableRow,
  type ValueSpec,
} from './method.ts';
import { METHODS } from './methods.ts';

export interface RunOptions {
  /** The date whose rules apply when the calculation has no `evaluatedAt` input, or it is absent. */
  asOf?: string;
  switches?: Readonly<Record<string, Scalar>>;
}

export interface CalculationResult {
  calculation: string;
  title: string;
  /** The formula version of the rule file, and the engine method implementing it. */
  formulaVersion: number;
  method: string;
  ruleSetVersion: string;
  /** The date whose versions applied. */
  date: string;
  clause: string;
  switches: Record<string, Scalar>;
  /** The inputs as validated, defaults applied. */
  inputs: Record<string, unknown>;
  /** Results in the rule file's units, rounded half-up to its decimals. */
  outputs: Record<string, unknown>;
}

export function runCalculation(
  ruleSet: RuleSet,
  id: string,
  raw: Readonly<Record<string, unknown>>,
  options: RunOptions = {},
): CalculationResult {
  return runCalculationExact(ruleSet, id, raw, options).result;
}

/**
 * The result, and beside it the unrounded outputs in the rule file's units (exact fractions), for
 * checking a worked example to more places than the rule file keeps.
 */
export function runCalculationExact(
  ruleSet: RuleSet,
  id: string,
  raw: Readonly<Record<string, unknown>>,
  options: RunOptions = {},
): { result: CalculationResult; exact: Record<string, unknown> } {
  const model = ruleSet.calculation(id);
  let inputs: Record<string, unknown>;
  try {
    inputs = prepareInputs(model.inputs, model.fields, raw);
  } catch (e) {
    throw e instanceof FactsError ? new CalculationInputError(e.problems) : e;
  }
  const date = (model.evaluatedAt && (inputs[model.evaluatedAt] as string | undefined)) || options.asOf;
  if (!date || !isRealDate(date))
    throw new RuleQueryError(
      date
        ? `invalid as-of date '${date}' (expected YYYY-MM-DD)`
        : `${id}: no date to select the rules by (give ${model.evaluatedAt ? `the input '${model.evaluatedAt}' or ` : ''}an as-of date)`,
    );
  const formula = model.versions.find((v) => activeAt(v.period, date));
  if (!formula)
    throw new NotInForceError(
      `${id}: no formula version in force on ${date} (in force from ${model.inForce.from})`,
    );
  const method = METHODS.get(formula.method);
  if (!method) throw new RuleQueryError(`${id}: unknown method '${formula.method}'`);
  const switches = switchValues(model, options.switches ?? {});
  const returned = method.compute(context(model, method.contract, inputs, date, switches));
  const exact: Record<string, unknown> = {};
  const outputs: Record<string, unknown> = {};
  for (const o of model.outputs) {
    const value = returned[o.id];
    const spec = method.contract.outputs[o.id];
    if (value === undefined || spec === undefined) continue;
    exact[o.id] = inFileUnits(value, spec, o);
    outputs[o.id] = rounded(exact[o.id], o);
  }
  const result = {
    calculation: id,
    title: model.title,
    formulaVersion: formula.version,
    method: formula.method,
    ruleSetVersion: ruleSet.version,
    date,
    clause: `${formula.source.document} ${formula.source.clause}`,
    switches,
    inputs,
    outputs,
  };
  return { result, exact };
}

/** The calculation's switches with these overrides applied; an unknown switch or option is refused. */
export function switchValues(model: CalculationModel, overrides: Readonly<Record<string, Scalar>>) {
  const values: Record<string, Scalar> = Object.fromEntries(
    [...model.switches.values()].map((s) => [s.id, s.default]),
  );
  for (const [k, v] of Object.entries(overrides)) {
    const s = model.switches.get(k);
    if (!s)
      throw new RuleQueryError(
        `unknown switch '${k}' of ${model.id} (known: ${[...model.switches.keys()].join(', ') || 'none'})`,
      );
    if (!s.options.includes(v))
      throw new RuleQueryError(`switch '${k}' has no option '${v}' (options: ${s.options.join(', ')})`);
    values[k] = v;
  }
  return values;
}

function context(
  model: CalculationModel,
  contract: MethodContract,
  inputs: Readonly<Record<string, unknown>>,
  date: string,
  switches: Readonly<Record<string, Scalar>>,
): MethodContext {
  const citation = (c: Citation) => `${c.document} ${c.clause}`;
  const parameterVersion = (id: string) => {
    const p = model.parameters.get(id);
    const v = p?.versions.find((x) => activeAt(x.period, date));
    if (!p || !v)
      throw new NotInForceError(`${model.id}: parameter '${id}' has no value in force on ${date}`);
    return { p, v };
  };
  const tableVersion = (id: string) => {
    const t = model.tables.get(id);
    const v = t?.versions.find((x) => activeAt(x.period, date));
    if (!t || !v) throw new NotInForceError(`${model.id}: table '${id}' has no version in force on ${date}`);
    return { t, v };
  };
  const cell = (value: unknown, from: Unit | undefined, spec: ValueSpec | undefined): Cell => {
    if (typeof value === 'number') {
      if (!from || !spec || typeof spec !== 'string' || spec === 'name')
        throw new RuleQueryError(`${model.id}: number ${value} read as a name`);
      return convertExact(Exact.of(value), from, spec);
    }
    return value as string | boolean;
  };
  const record = (
    item: Record<string, unknown>,
    fields: readonly InputField[] | undefined,
    spec: InputSpec,
  ): InputRecord => {
    const nested = spec.type === 'object-list' ? spec.fields : {};
    return Object.fromEntries(
      Object.entries(item).map(([k, value]) => {
        const sub = nested[k];
        const unit = fields?.find((f) => f.id === k)?.unit;
        return [k, cell(value, unit, sub?.type === 'number' ? sub.unit : 'name')];
      }),
    );
  };
  return {
    date,
    number(id) {
      const value = inputs[id];
      const spec = contract.inputs[id];
      if (value === undefined) return undefined;
      return cell(value, model.fields.get(id)?.unit, spec?.type === 'number' ? spec.unit : 'name') as Exact;
    },
    text(id) {
      return inputs[id] as string | undefined;
    },
    records(id) {
      const value = inputs[id] as Record<string, unknown>[] | undefined;
      const spec = contract.inputs[id] as InputSpec;
      return value?.map((item) => record(item, model.fields.get(id)?.fields, spec));
    },
    parameter(id) {
      const { p, v } = parameterVersion(id);
      return cell(v.value, p.unit, contract.parameters[id]) as Exact;
    },
    names(id) {
      const { v } = parameterVersion(id);
      return (Array.isArray(v.value) ? v.value : [v.value]) as Scalar[];
    },
    table(id) {
      const { t, v } = tableVersion(id);
      const spec = contract.tables[id] ?? {};
      const units = new Map(t.columns.map((c) => [c.id, c.unit]));
      return v.rows.map((row): TableRow => {
        const get = (column: string) => {
          if (!Object.hasOwn(row, column))
            throw new RuleQueryError(`${model.id}: table '${id}' has no column '${column}'`);
          return cell(row[column], units.get(column), spec[column]);
        };
        return {
          number: (column) => get(column) as Exact,
          name: (column) => String(get(column)),
          flag: (column) => get(column) === true,
        };
      });
    },
    switch(id) {
      const value = switches[id];
      if (value === undefined) throw new RuleQueryError(`${model.id}: unknown switch '${id}'`);
      return value;
    },
    clause(id) {
      const p = model.parameters.get(id);
      if (p) return citation(parameterVersion(id).v.source);
      return citation(tableVersion(id).v.source);
    },
  };
}

/** A returned value with its numbers converted into the rule file's units, unrounded. */
function inFileUnits(value: unknown, spec: OutputSpec, o: CalculationOutput): unknown {
  if (typeof spec === 'object' && 'rows' in spec) {
    const fields = o.fields ?? [];
    return (value as OutputRow[]).map((row) =>
      Object.fromEntries(
        fields.flatMap((f) => {
          const v = row[f.id];
          const s = spec.rows[f.id];
          return v === undefined || s === undefined ? [] : [[f.id, inFileUnits(v, s, f)]];
        }),
      ),
    );
  }
  if (typeof spec !== 'string' || spec === 'name') return value;
  if (!(value instanceof Exact) || !o.unit) throw new RuleQueryError(`output '${o.id}' is not a number`);
  return convertExact(value, spec, o.unit);
}

/** Numbers rounded half-up to the output's decimals, as plain JSON numbers. */
function rounded(value: unknown, o: CalculationOutput): unknown {
  if (value instanceof Exact) return value.round(o.decimals ?? 0).toNumber();
  if (o.fields && Array.isArray(value)) {
    return value.map((row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          rounded(v, o.fields?.find((f) => f.id === k) as CalculationOutput),
        ]),
      ),
    );
  }
  return value;
}
