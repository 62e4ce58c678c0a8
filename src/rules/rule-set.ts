// The immutable, loaded rule set and what it answers for one date: the parameters, decisions and
// deadlines in force, each with the clause behind it.
import { Temporal } from 'temporal-polyfill';
import {
  type DeadlineResult,
  type DurationUnit,
  describeDeadline,
  describeDeadlineBefore,
} from '../calendar/deadline.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { convert } from '../units/units.ts';
import type { CalculationModel } from './calculation-model.ts';
import { type CompiledCondition, compileCondition } from './conditions/compile.ts';
import { ReferenceEvaluator } from './conditions/reference.ts';
import { decisionFact, type Explanation, type ResolvedCondition } from './conditions/resolved.ts';
import { deriveValues } from './derived.ts';
import type { DocumentRegistry } from './documents.ts';
import type { Editions } from './editions.ts';
import { FactsError, type FlatFacts, prepareFacts } from './facts.ts';
import { activeAt, boundaries, isRealDate, type Period } from './periods.ts';
import {
  AMOUNT_FIELD_UNIT,
  type LinkedDeadline,
  type LinkedDecision,
  type LinkedParameter,
  type LinkedRule,
  type ProcessModel,
} from './process-model.ts';
import type { Citation, Condition, Duration, Scalar, Switch, Unit } from './schema.ts';

export class NotInForceError extends Error {}
export class RuleQueryError extends Error {}

export interface ParameterValue {
  id: string;
  title: string;
  value: unknown;
  unit?: Unit;
  basis: LinkedParameter['basis'];
  source: Citation;
  period: Period;
}

export interface RuleOutcome {
  id: string;
  matched: boolean;
  value: Scalar;
  code?: string;
  message?: string;
  basis: LinkedRule['basis'];
  source: Citation;
  explanation: Explanation;
}

export interface DecisionOutcome {
  id: string;
  title: string;
  value: Scalar;
  codes: string[];
  message?: string;
  /** The date whose rule versions were applied. */
  evaluatedAt: string;
  rules: RuleOutcome[];
}

export interface DecisionValue {
  value: Scalar;
  codes: string[];
}

export interface DeadlineOutcome {
  id: string;
  title: string;
  kind: 'action' | 'bar';
  stopsOn: readonly string[];
  /** Events refused while a bar runs. */
  rejects: readonly string[];
  /** Events refused when the instant they plan (a payload field) falls before the bar ends. */
  rejectsPlanned: readonly { event: string; field: string }[];
  applies: boolean;
  /** Null while a term set per case is still unknown (see `awaiting`). */
  amount: number | null;
  unit: string;
  countFrom: 'next-day' | 'same-day';
  rollForward: boolean;
  basis: LinkedDeadline['basis'];
  source: Citation;
  /** The input field the deadline waits for before it can run (a per-case term, an instant). */
  awaiting?: string;
  /** Why the duration of a matching variant applies. */
  note?: string;
  /** Why `appliesWhen` held or not, with the fact values seen (absent when there is no condition). */
  explanation?: Explanation;
  /** Absent when the deadline does not apply. */
  due?: DeadlineResult;
}

interface CompiledRule {
  rule: LinkedRule;
  /** The rule's value on the segment's date (a parameter's value resolved and converted). */
  value: Scalar;
  resolved: ResolvedCondition;
  condition: CompiledCondition;
}
interface CompiledDecision {
  decision: LinkedDecision;
  rules: CompiledRule[];
  reference?: ReferenceEvaluator;
}

export interface RuleSetParts {
  version: string;
  files: readonly string[];
  documents: DocumentRegistry;
  /** Which text governs a clause on a date (the documents' `text`). */
  editions: Editions;
  conventions: ReadonlyMap<string, Switch>;
  calendars: ReadonlyMap<string, WorkingCalendar>;
  /** Bank-day variants, by jurisdiction, where the calendar file declares `bankDays`. */
  bankCalendars: ReadonlyMap<string, WorkingCalendar>;
  processes: ReadonlyMap<string, ProcessModel>;
  calculations: ReadonlyMap<string, CalculationModel>;
}

export class RuleSet {
  readonly version: string;
  readonly files: readonly string[];
  readonly documents: DocumentRegistry;
  readonly editions: Editions;
  readonly conventions: ReadonlyMap<string, Switch>;
  readonly calendars: ReadonlyMap<string, WorkingCalendar>;
  readonly bankCalendars: ReadonlyMap<string, WorkingCalendar>;
  readonly processes: ReadonlyMap<string, ProcessModel>;
  readonly calculations: ReadonlyMap<string, CalculationModel>;
  private readonly compiled = new Map<string, CompiledDecision>();
  private readonly boundaryCache = new Map<string, string[]>();

  constructor(parts: RuleSetParts) {
    this.version = parts.version;
    this.files = parts.files;
    this.documents = parts.documents;
    this.editions = parts.editions;
    this.conventions = parts.conventions;
    this.calendars = parts.calendars;
    this.bankCalendars = parts.bankCalendars;
    this.processes = parts.processes;
    this.calculations = parts.calculations;
    Object.freeze(this);
  }

  /** What is in force on `date` (YYYY-MM-DD), with optional switch overrides. */
  at(date: string, options: { switches?: Readonly<Record<string, Scalar>> } = {}): RuleSnapshot {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new RuleQueryError(`invalid date '${date}' (expected YYYY-MM-DD)`);
    return new RuleSnapshot(this, date, options.switches ?? {});
  }

  /** A calculation method's rule file, linked (run it with runCalculation in src/calculations/run.ts). */
  calculation(id: string): CalculationModel {
    const c = this.calculations.get(id);
    if (!c)
      throw new RuleQueryError(
        `unknown calculation '${id}' (known: ${[...this.calculations.keys()].join(', ') || 'none'})`,
      );
    return c;
  }

  calendar(jurisdiction: string): WorkingCalendar {
    const c = this.calendars.get(jurisdiction);
    if (!c) throw new RuleQueryError(`no calendar for jurisdiction '${jurisdiction}'`);
    return c;
  }

  /** The calendar a duration counts on: the bank-day variant for bank days, else the legal one. */
  calendarFor(jurisdiction: string, unit: DurationUnit): WorkingCalendar {
    if (unit !== 'bank-days') return this.calendar(jurisdiction);
    const c = this.bankCalendars.get(jurisdiction);
    if (!c) throw new RuleQueryError(`no bank-day calendar for jurisdiction '${jurisdiction}'`);
    return c;
  }

  /** @internal Compiled decision for the version segment containing `date`, shared across snapshots. */
  compiledDecision(
    model: ProcessModel,
    decision: LinkedDecision,
    date: string,
    switches: ReadonlyMap<string, Scalar>,
    switchKey: string,
  ): CompiledDecision {
    const bKey = `${model.id}|${decision.id}`;
    let bounds = this.boundaryCache.get(bKey);
    if (!bounds) {
      const periods = [
        ...decision.rules.map((r) => r.period),
        ...decision.parameterIds.flatMap(
          (id) => model.parameters.get(id)?.versions.map((v) => v.period) ?? [],
        ),
      ];
      bounds = boundaries(periods);
      this.boundaryCache.set(bKey, bounds);
    }
    let segment = 0;
    while (segment < bounds.length && (bounds[segment] as string) <= date) segment++;
    const key = `${bKey}|${segment}|${switchKey}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const rules = decision.rules
        .filter(
          (r) => activeAt(r.period, date) && (!r.onlyIf || switches.get(r.onlyIf.switch) === r.onlyIf.equal),
        )
        .map((rule) => {
          const resolved = resolveCondition(model, rule.when, date);
          const value = resolveRuleValue(model, decision, rule, date);
          return { rule, value, resolved, condition: compileCondition(resolved) };
        });
      compiled = { decision, rules };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

export class RuleSnapshot {
  readonly date: string;
  readonly ruleSet: RuleSet;
  private readonly overrides: Readonly<Record<string, Scalar>>;

  constructor(ruleSet: RuleSet, date: string, overrides: Readonly<Record<string, Scalar>>) {
    this.ruleSet = ruleSet;
    this.date = date;
    this.overrides = overrides;
  }

  process(id: string): ProcessView {
    const model = this.ruleSet.processes.get(id);
    if (!model) {
      throw new RuleQueryError(
        `unknown process '${id}' (known: ${[...this.ruleSet.processes.keys()].join(', ')})`,
      );
    }
    const all = new Map<string, Switch>([...this.ruleSet.conventions, ...model.switches]);
    const values = new Map<string, Scalar>([...all.values()].map((s) => [s.id, s.default]));
    for (const [k, v] of Object.entries(this.overrides)) {
      const s = all.get(k);
      if (!s) throw new RuleQueryError(`unknown switch '${k}' (known: ${[...all.keys()].join(', ')})`);
      if (LOAD_TIME_SWITCHES.has(k)) {
        throw new RuleQueryError(
          `switch '${k}' fixes dates when the rules are loaded; change its default in the conventions file`,
        );
      }
      if (!s.options.includes(v))
        throw new RuleQueryError(`switch '${k}' has no option '${v}' (options: ${s.options.join(', ')})`);
      values.set(k, v);
    }
    return new ProcessView(this.ruleSet, model, this.date, values);
  }
}

export class ProcessView {
  readonly model: ProcessModel;
  readonly date: string;
  readonly switches: ReadonlyMap<string, Scalar>;
  readonly inForce: boolean;
  private readonly ruleSet: RuleSet;
  private readonly switchKey: string;
  /** Per decision: its compiled form for this view's date, or by the date its evaluatedAt fact gives. */
  private readonly plans: { fixed?: CompiledDecision; byDate: Map<string, CompiledDecision> }[] = [];

  /** True when `date` is the case's own date (its `evaluatedAt` field), not an event's. */
  readonly pinnedToCase: boolean;

  constructor(
    ruleSet: RuleSet,
    model: ProcessModel,
    date: string,
    switches: ReadonlyMap<string, Scalar>,
    pinnedToCase = false,
  ) {
    this.ruleSet = ruleSet;
    this.model = model;
    this.date = date;
    this.switches = switches;
    this.switchKey = JSON.stringify([...switches]);
    this.inForce = activeAt(model.inForce, date);
    this.pinnedToCase = pinnedToCase;
  }

  /**
   * The view a case is judged by. Where the process names an `evaluatedAt` field (and its switch
   * reading holds), the rules in force on that field's date apply at every event, so a case filed
   * before a change keeps its edition; otherwise this view, at the event's date.
   */
  forCase(facts: FlatFacts): ProcessView {
    const pin = this.model.evaluatedAt;
    if (!pin || (pin.onlyIf && this.switches.get(pin.onlyIf.switch) !== pin.onlyIf.equal)) return this;
    const value = facts[pin.field];
    if (value === undefined) return this;
    const date = localDate(pin.field, value, this.ruleSet.calendar(this.model.jurisdiction));
    return new ProcessView(this.ruleSet, this.model, date, this.switches, true);
  }

  /** Why the process does not apply on this date, or undefined when it does. */
  get notInForceReason(): string | undefined {
    if (this.inForce) return undefined;
    const doc = this.model.inForceDocument
      ? ` (${this.model.inForceDocument} in force from ${this.model.inForce.from})`
      : '';
    return this.date < this.model.inForce.from
      ? `${this.model.id}: not yet in force on ${this.date}${doc}`
      : `${this.model.id}: no longer in force on ${this.date} (in force until ${this.model.inForce.to})`;
  }

  private assertInForce(): void {
    if (!this.inForce) throw new NotInForceError(this.notInForceReason as string);
  }

  parameters(): ParameterValue[] {
    this.assertInForce();
    return [...this.model.parameters.values()].flatMap((p) => {
      const v = p.versions.find((x) => activeAt(x.period, this.date));
      return v
        ? [
            {
              id: p.id,
              title: p.title,
              value: v.value,
              ...(p.unit ? { unit: p.unit } : {}),
              basis: p.basis,
              source: v.source,
              period: v.period,
            },
          ]
        : [];
    });
  }

  prepare(facts: Readonly<Record<string, unknown>>): FlatFacts {
    return prepareFacts(this.model, facts);
  }

  /** The process's derived facts for these facts, with the parameters in force on this view's date. */
  derivedValues(facts: FlatFacts): Record<string, number | undefined> {
    this.assertInForce();
    return deriveValues(this.model.derived, facts, (id) => {
      const p = this.model.parameters.get(id) as LinkedParameter;
      const version = p.versions.find((x) => activeAt(x.period, this.date));
      if (!version)
        throw new NotInForceError(
          `parameter '${id}' of ${this.model.id} has no value in force on ${this.date}`,
        );
      return version.value as number;
    });
  }

  /** The facts with the derived facts added; a value the facts cannot give stays absent. */
  private withDerived(facts: FlatFacts): FlatFacts {
    if (this.model.derived.length === 0) return facts;
    const values = Object.entries(this.derivedValues(facts)).filter(([, v]) => v !== undefined);
    return { ...facts, ...Object.fromEntries(values) };
  }

  /** Fast path: decision values only, compiled evaluator, facts already prepared. */
  decideValues(input: FlatFacts): Map<string, DecisionValue> {
    this.assertInForce();
    const facts = this.withDerived(input);
    // Decision values are layered over the facts without copying them.
    const scope: Record<string, unknown> = Object.create(facts);
    const out = new Map<string, DecisionValue>();
    const decisions = this.model.decisions;
    for (let i = 0; i < decisions.length; i++) {
      const decision = decisions[i] as LinkedDecision;
      const compiled = this.compiledFor(decision, i, facts);
      let value: Scalar | undefined;
      let codes: string[] = NO_CODES;
      for (const r of compiled.rules) {
        if (!r.condition.test(scope)) continue;
        if (value === undefined) value = r.value;
        const code = r.rule.code;
        if (code && !codes.includes(code)) codes = codes === NO_CODES ? [code] : [...codes, code];
      }
      const result = { value: value ?? decision.otherwise.value, codes };
      scope[decision.factKey] = result.value;
      out.set(decision.id, result);
    }
    return out;
  }

  /** Every decision with its explanation, by the compiled evaluator. */
  decide(input: FlatFacts): DecisionOutcome[] {
    this.assertInForce();
    const facts = this.withDerived(input);
    const scope: Record<string, unknown> = { ...facts };
    return this.model.decisions.map((decision, i) => {
      const compiled = this.compiledFor(decision, i, facts);
      const outcome = summarize(
        decision,
        this.decisionDate(decision, facts),
        compiled.rules.map((r) => ({ r, explanation: r.condition.explain(scope) })),
      );
      scope[decision.factKey] = outcome.value;
      return outcome;
    });
  }

  /** The same, by json-rules-engine (the reference evaluator). */
  async decideWithReference(input: FlatFacts): Promise<DecisionOutcome[]> {
    this.assertInForce();
    const facts = this.withDerived(input);
    const scope: Record<string, unknown> = { ...facts };
    const out: DecisionOutcome[] = [];
    for (const [i, decision] of this.model.decisions.entries()) {
      const compiled = this.compiledFor(decision, i, facts);
      compiled.reference ??= new ReferenceEvaluator(
        compiled.rules.map((r) => ({ id: r.rule.id, condition: r.resolved })),
      );
      const explanations = await compiled.reference.run(scope);
      const outcome = summarize(
        decision,
        this.decisionDate(decision, facts),
        compiled.rules.map((r) => ({ r, explanation: explanations.get(r.rule.id) as Explanation })),
      );
      scope[decision.factKey] = outcome.value;
      out.push(outcome);
    }
    return out;
  }

  /**
   * A deadline started by an event at `triggerUtc`. The duration in force on the trigger's local
   * date applies; `appliesWhen` is read against the facts and this snapshot's decisions.
   */
  deadline(
    id: string,
    triggerUtc: number,
    input: FlatFacts,
    decisions?: Map<string, DecisionValue>,
  ): DeadlineOutcome {
    this.assertInForce();
    const facts = this.withDerived(input);
    const d = this.model.deadlines.get(id);
    if (!d) throw new RuleQueryError(`unknown deadline '${id}' in ${this.model.id}`);
    // A case pinned to its own date keeps that date's durations; otherwise the trigger's date counts.
    const versionDate = this.pinnedToCase
      ? this.date
      : this.ruleSet.calendar(this.model.jurisdiction).dateOf(triggerUtc);
    const version = d.versions.find((v) => activeAt(v.period, versionDate));
    if (!version)
      throw new NotInForceError(
        `deadline '${id}' of ${this.model.id} has no version in force on ${versionDate}`,
      );
    const countFrom = d.countFrom ?? (this.switches.get('countFrom') as 'next-day' | 'same-day');
    const rollForward =
      d.kind === 'bar' || d.before !== undefined
        ? false
        : (d.rollForward ?? this.switches.get('rollForward') === true);
    let scope: Record<string, unknown> | undefined;
    const conditionScope = () => {
      if (scope) return scope;
      scope = { ...facts };
      for (const [k, v] of decisions ?? this.decideValues(facts)) scope[decisionFact(k)] = v.value;
      return scope;
    };
    const holds = (c: Condition) =>
      compileCondition(resolveCondition(this.model, c, versionDate)).explain(conditionScope());
    const explanation = d.appliesWhen ? holds(d.appliesWhen) : undefined;
    const variant = version.variants.find(
      (v) =>
        (!v.onlyIf || this.switches.get(v.onlyIf.switch) === v.onlyIf.equal) &&
        (!v.when || holds(v.when).result),
    );
    const { duration, source } = variant ?? version;
    const amount = this.amountOf(duration, versionDate, facts);
    const anchor = d.before ?? d.from;
    const anchorValue = anchor === undefined ? undefined : facts[anchor];
    // A term set per case, or the instant counted back from, may not be known yet.
    const awaiting =
      typeof amount !== 'number'
        ? (duration.amount as { fact: string }).fact
        : d.before !== undefined && anchorValue === undefined
          ? d.before
          : undefined;
    const applies = (explanation?.result ?? true) && awaiting === undefined;
    const base = {
      id: d.id,
      title: d.title,
      kind: d.kind,
      stopsOn: d.stopsOn,
      rejects: d.rejects ?? [],
      rejectsPlanned: d.rejectsPlanned ?? [],
      applies,
      amount: typeof amount === 'number' ? amount : null,
      unit: duration.unit,
      countFrom,
      rollForward,
      basis: variant?.basis ?? d.basis,
      source,
      ...(variant?.note ? { note: variant.note } : {}),
      ...(awaiting ? { awaiting } : {}),
      ...(explanation ? { explanation } : {}),
    };
    if (!applies || typeof amount !== 'number') return base;
    const calendar = this.ruleSet.calendarFor(this.model.jurisdiction, duration.unit);
    const anchorUtc =
      anchorValue === undefined ? triggerUtc : Temporal.Instant.from(String(anchorValue)).epochMilliseconds;
    if (d.before !== undefined) {
      if (duration.unit === 'months') throw new RuleQueryError(`deadline '${id}' cannot count months back`);
      return { ...base, due: describeDeadlineBefore(calendar, { anchorUtc, amount, unit: duration.unit }) };
    }
    return {
      ...base,
      due: describeDeadline(calendar, {
        fromUtc: anchorUtc,
        amount,
        unit: duration.unit,
        countFrom,
        rollForward,
      }),
    };
  }

  /** A duration's amount: literal, a parameter in force on `date` in the unit's terms, or a fact. */
  private amountOf(duration: Duration, date: string, facts: FlatFacts): unknown {
    const amount = duration.amount;
    if (typeof amount === 'number') return amount;
    if ('fact' in amount) return facts[amount.fact];
    const p = this.model.parameters.get(amount.parameter) as LinkedParameter;
    const version = p.versions.find((x) => activeAt(x.period, date));
    if (!version)
      throw new NotInForceError(`parameter '${p.id}' of ${this.model.id} has no value in force on ${date}`);
    return convert(version.value as number, p.unit as Unit, AMOUNT_FIELD_UNIT[duration.unit]);
  }

  private decisionDate(decision: LinkedDecision, facts: FlatFacts): string {
    if (decision.evaluatedAt === undefined) return this.date;
    const v = facts[decision.evaluatedAt];
    return v === undefined
      ? this.date
      : localDate(decision.evaluatedAt, v, this.ruleSet.calendar(this.model.jurisdiction));
  }

  /** `index` is the decision's position in the model's evaluation order. */
  private compiledFor(decision: LinkedDecision, index: number, facts: FlatFacts): CompiledDecision {
    let plan = this.plans[index];
    if (!plan) {
      plan = { byDate: new Map() };
      this.plans[index] = plan;
    }
    if (decision.evaluatedAt === undefined) {
      plan.fixed ??= this.ruleSet.compiledDecision(
        this.model,
        decision,
        this.date,
        this.switches,
        this.switchKey,
      );
      return plan.fixed;
    }
    // Keyed by the raw fact so that the hot path neither parses nor validates a date it has seen.
    const raw = facts[decision.evaluatedAt];
    const key = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
    let compiled = plan.byDate.get(key);
    if (!compiled) {
      const date = this.decisionDate(decision, facts);
      if (!activeAt(this.model.inForce, date)) {
        throw new NotInForceError(
          `${decision.id}: ${this.model.id} is not in force on ${date}, the ${decision.evaluatedAt} that selects its rules (in force from ${this.model.inForce.from})`,
        );
      }
      compiled = this.ruleSet.compiledDecision(this.model, decision, date, this.switches, this.switchKey);
      if (plan.byDate.size >= MAX_CACHED_DATES) plan.byDate.clear();
      plan.byDate.set(key, compiled);
    }
    return compiled;
  }
}

const NO_CODES: string[] = [];
/** Switches applied while loading (entry-into-force dates), not per query. */
const LOAD_TIME_SWITCHES = new Set(['entryIntoForceDay']);
const MAX_CACHED_DATES = 4096;

/** The local date a date or instant fact stands for; anything else is a fact error naming the field. */
function localDate(field: string, value: unknown, calendar: WorkingCalendar): string {
  if (typeof value === 'string' && isRealDate(value)) return value;
  try {
    return calendar.dateOf(Temporal.Instant.from(String(value)).epochMilliseconds);
  } catch {
    throw new FactsError([
      `${field}: expected a date YYYY-MM-DD or an ISO 8601 instant, got ${JSON.stringify(value)}`,
    ]);
  }
}

function summarize(
  decision: LinkedDecision,
  evaluatedAt: string,
  results: { r: CompiledRule; explanation: Explanation }[],
): DecisionOutcome {
  const rules: RuleOutcome[] = results.map(({ r, explanation }) => ({
    id: r.rule.id,
    matched: explanation.result,
    value: r.value,
    ...(r.rule.code ? { code: r.rule.code } : {}),
    ...(r.rule.message ? { message: r.rule.message } : {}),
    basis: r.rule.basis,
    source: r.rule.source,
    explanation,
  }));
  const first = rules.find((r) => r.matched);
  const message = first ? first.message : decision.otherwise.message;
  return {
    id: decision.id,
    title: decision.title,
    value: first ? first.value : decision.otherwise.value,
    codes: [...new Set(rules.filter((r) => r.matched && r.code).map((r) => r.code as string))],
    ...(message ? { message } : {}),
    evaluatedAt,
    rules,
  };
}

/** A rule's value on `date`: a literal, or the parameter's value in force converted to the decision's unit. */
function resolveRuleValue(
  model: ProcessModel,
  decision: LinkedDecision,
  rule: LinkedRule,
  date: string,
): Scalar {
  if (typeof rule.value !== 'object') return rule.value;
  const id = rule.value.parameter;
  const p = model.parameters.get(id) as LinkedParameter;
  const version = p.versions.find((x) => activeAt(x.period, date));
  if (!version)
    throw new NotInForceError(`parameter '${id}' of ${model.id} has no value in force on ${date}`);
  const value = version.value as Scalar;
  return typeof value === 'number' && p.unit && decision.unit ? convert(value, p.unit, decision.unit) : value;
}

/** Substitutes parameter values in force on `date`, converted to the compared fact's unit. */
export function resolveCondition(model: ProcessModel, c: Condition, date: string): ResolvedCondition {
  if ('all' in c) return { kind: 'all', children: c.all.map((x) => resolveCondition(model, x, date)) };
  if ('any' in c) return { kind: 'any', children: c.any.map((x) => resolveCondition(model, x, date)) };
  if ('not' in c) return { kind: 'not', child: resolveCondition(model, c.not, date) };
  if ('decision' in c)
    return { kind: 'leaf', fact: decisionFact(c.decision), operator: c.operator ?? 'equal', value: c.value };
  const v = c.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    if ('fact' in v)
      return { kind: 'leaf', fact: c.fact, operator: c.operator, valueFact: (v as { fact: string }).fact };
    const id = (v as { parameter: string }).parameter;
    const p = model.parameters.get(id) as LinkedParameter;
    const version = p.versions.find((x) => activeAt(x.period, date));
    if (!version)
      throw new NotInForceError(`parameter '${id}' of ${model.id} has no value in force on ${date}`);
    const unit = model.fields.get(c.fact)?.unit;
    const toFactUnit = (x: unknown) =>
      typeof x === 'number' && unit && p.unit ? convert(x, p.unit, unit) : x;
    const value = Array.isArray(version.value) ? version.value.map(toFactUnit) : toFactUnit(version.value);
    return {
      kind: 'leaf',
      fact: c.fact,
      operator: c.operator,
      value,
      parameter: { id, value: version.value, ...(p.unit ? { unit: p.unit } : {}) },
    };
  }
  return { kind: 'leaf', fact: c.fact, operator: c.operator, value: v };
}
