// Links one process rule file: resolves dates and references, checks everything that the schema
// cannot (unknown events, facts, parameters and documents, units, overlapping periods, decision
// cycles, switch values) and produces the immutable model the rule set evaluates.
import { convert, dimensionOf } from '../units/units.ts';
import { ISO_INSTANT, valueShape } from './conditions/operators.ts';
import { decisionFact } from './conditions/resolved.ts';
import { type LinkedDerived, linkDerived } from './derived.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentRegistry } from './documents.ts';
import {
  ALWAYS,
  checkPeriods,
  checkSwitchValue,
  type Field,
  type LinkedParameter,
  linker,
} from './link-common.ts';
import { isRealDate, type Period } from './periods.ts';
import type {
  Citation,
  Condition,
  Deadline,
  Decision,
  DecisionRule,
  Duration,
  EffectiveDate,
  Example,
  InputField,
  Operator,
  ProcessFile,
  Scalar,
  Switch,
  Unit,
} from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

export type { Field, LinkedParameter, ParameterVersion } from './link-common.ts';

export interface DurationVariant {
  when?: Condition;
  onlyIf?: { switch: string; equal: Scalar };
  duration: Duration;
  basis: Deadline['basis'];
  source: Citation;
  note?: string;
}
export interface DeadlineVersion {
  period: Period;
  duration: Duration;
  /** Checked in order; the first whose condition and switch reading hold replaces `duration`. */
  variants: DurationVariant[];
  source: Citation;
}
export interface LinkedDeadline extends Omit<Deadline, 'versions'> {
  versions: DeadlineVersion[];
}

export interface LinkedRule extends Omit<DecisionRule, 'effectiveFrom' | 'effectiveTo'> {
  period: Period;
}
export interface LinkedDecision extends Omit<Decision, 'rules'> {
  rules: LinkedRule[];
  /** Decisions this one reads, evaluated before it. */
  dependsOn: string[];
  /** Parameters its conditions read or its rules take their value from. */
  parameterIds: string[];
  /** Name under which its value is visible to later decisions' conditions. */
  factKey: string;
}

export interface ProcessModel {
  id: string;
  jurisdiction: 'KZ' | 'KG';
  title: string;
  description?: string;
  caseDate: string;
  /** The field whose date selects the rules for the whole case (a case keeps its edition). */
  evaluatedAt?: NonNullable<ProcessFile['evaluatedAt']>;
  inForce: Period;
  /** Document whose entry into force opens the process, for "not yet in force" messages. */
  inForceDocument?: string;
  source: YamlSource;
  switches: Map<string, Switch>;
  events: Map<string, ProcessFile['events'][number]>;
  fields: Map<string, Field>;
  /** Top-level input fields in file order (nested ones are reachable through `fields`). */
  inputs: InputField[];
  /** Facts computed from the inputs before the decisions (also in `fields`, marked derived). */
  derived: LinkedDerived[];
  parameters: Map<string, LinkedParameter>;
  deadlines: Map<string, LinkedDeadline>;
  /** In evaluation order: every decision after the decisions it reads. */
  decisions: LinkedDecision[];
  examples: Example[];
}

type Report = (d: Diagnostic) => void;

const ROLLABLE = new Set(['calendar-days', 'months']);
/** The unit of an input field that sets a duration's amount, by duration unit. */
export const AMOUNT_FIELD_UNIT: Record<Duration['unit'], Unit> = {
  minutes: 'minutes',
  hours: 'hours',
  'calendar-days': 'days',
  'working-days': 'days',
  'bank-days': 'days',
  months: 'count',
};

export function linkProcess(
  source: YamlSource,
  file: ProcessFile,
  documents: DocumentRegistry,
  conventions: ReadonlyMap<string, Switch>,
  report: Report,
): ProcessModel {
  const {
    at,
    resolvePeriod: resolveIn,
    checkCitation,
    linkSwitches,
    linkInputs,
    linkParameters,
  } = linker(source, documents, report);
  const resolvePeriod = (
    from: EffectiveDate | undefined,
    to: EffectiveDate | undefined,
    path: PathSegment[],
    fallback: Period,
  ) => resolveIn(from, to, path, fallback, file.process);

  const inForce = resolvePeriod(
    file.inForce.effectiveFrom,
    file.inForce.effectiveTo,
    ['inForce'],
    ALWAYS,
  ) ?? {
    from: '9999-12-31',
    to: null,
  };

  // Switches: the process's own, which may not shadow the conventions'.
  const switches = linkSwitches(file.switches ?? [], conventions);
  const allSwitches = new Map([...conventions, ...switches]);

  const events = new Map<string, ProcessFile['events'][number]>();
  const documentIds = new Set<string>();
  file.events.forEach((e, i) => {
    if (events.has(e.id)) at(['events', i, 'id'], `duplicate event '${e.id}'`);
    events.set(e.id, e);
    e.issues?.forEach((d, j) => {
      if (documentIds.has(d.id)) at(['events', i, 'issues', j, 'id'], `duplicate document id '${d.id}'`);
      documentIds.add(d.id);
      checkCitation(d.source, d.basis, ['events', i, 'issues', j, 'source']);
    });
  });
  const checkEvent = (id: string, path: PathSegment[]) => {
    if (!events.has(id))
      at(path, `unknown event '${id}' (events of ${file.process}: ${[...events.keys()].join(', ')})`);
  };

  const fields = linkInputs(file.inputs);
  const parameters = linkParameters(file.parameters, inForce, file.process);
  const derived = linkDerived(file.derived ?? [], fields, parameters, at);

  const decisionIds = new Set(file.decisions.map((d) => d.id));
  const conditionChecker = new ConditionChecker(fields, parameters, decisionIds, at);

  const readParameters = new Set<string>(derived.parameters);
  const deadlines = new Map<string, LinkedDeadline>();
  file.deadlines.forEach((d, i) => {
    const path: PathSegment[] = ['deadlines', i];
    if (deadlines.has(d.id)) at([...path, 'id'], `duplicate deadline id '${d.id}'`);
    d.startsOn.forEach((e, j) => checkEvent(e, [...path, 'startsOn', j]));
    d.stopsOn.forEach((e, j) => checkEvent(e, [...path, 'stopsOn', j]));
    d.rejects?.forEach((e, j) => checkEvent(e, [...path, 'rejects', j]));
    if (d.rejects && d.kind !== 'bar')
      at([...path, 'rejects'], `only a bar rejects events; '${d.id}' is an ${d.kind} deadline`);
    if (d.rejectsPlanned && d.kind !== 'bar')
      at([...path, 'rejectsPlanned'], `only a bar rejects events; '${d.id}' is an ${d.kind} deadline`);
    d.rejectsPlanned?.forEach((p, j) => {
      const event = events.get(p.event);
      if (!event) return checkEvent(p.event, [...path, 'rejectsPlanned', j, 'event']);
      const field = event.payload?.find((f) => f.id === p.field);
      if (field?.type !== 'instant')
        at(
          [...path, 'rejectsPlanned', j, 'field'],
          `'${p.field}' is not an instant in the payload of ${p.event} (instant payload fields: ${
            (event.payload ?? [])
              .filter((f) => f.type === 'instant')
              .map((f) => f.id)
              .join(', ') || 'none'
          })`,
        );
    });
    checkCitation(d.source, d.basis, [...path, 'source']);
    if (d.appliesWhen) {
      for (const id of conditionChecker.check(d.appliesWhen, [...path, 'appliesWhen']).parameters)
        readParameters.add(id);
    }
    if (d.kind === 'bar' && d.rollForward)
      at([...path, 'rollForward'], `a bar (${d.id}) never rolls forward (catalogue §1 C3)`);
    const checkInstantField = (key: 'from' | 'before') => {
      const name = d[key];
      if (name !== undefined && fields.get(name)?.type !== 'instant')
        at([...path, key], `${key} must name an instant input field, not '${name}'`);
    };
    checkInstantField('from');
    checkInstantField('before');
    if (d.before !== undefined && d.from !== undefined)
      at([...path, 'before'], `a deadline counts either from an instant or back from one, not both`);
    if (d.before !== undefined && d.kind !== 'action')
      at([...path, 'before'], `only an action is due before an instant; '${d.id}' is a ${d.kind}`);
    if (d.before !== undefined && d.rollForward)
      at([...path, 'rollForward'], `a deadline counted back from an instant never rolls forward`);
    const checkDuration = (duration: Duration, dPath: PathSegment[]) => {
      if (d.rollForward !== undefined && !ROLLABLE.has(duration.unit)) {
        at(
          [...path, 'rollForward'],
          `rollForward applies to calendar-days and months only, not ${duration.unit} (catalogue §1 C3)`,
        );
      }
      if (d.before !== undefined && duration.unit === 'months')
        at([...dPath, 'unit'], `a deadline counted back from an instant cannot count months`);
      const unit = AMOUNT_FIELD_UNIT[duration.unit];
      if (typeof duration.amount === 'object' && 'fact' in duration.amount) {
        const field = fields.get(duration.amount.fact);
        if (field?.type !== 'number' || field.unit !== unit)
          at(
            [...dPath, 'amount', 'fact'],
            `the amount of a ${duration.unit} duration must name a number input field in ${unit}, not '${duration.amount.fact}'`,
          );
      }
      if (typeof duration.amount === 'object' && 'parameter' in duration.amount) {
        const id = duration.amount.parameter;
        const p = parameters.get(id);
        readParameters.add(id);
        const amounts = p?.unit
          ? p.versions.map((v) =>
              typeof v.value === 'number' && dimensionOf(p.unit as Unit) === dimensionOf(unit)
                ? convert(v.value, p.unit as Unit, unit)
                : Number.NaN,
            )
          : [Number.NaN];
        if (!p) at([...dPath, 'amount', 'parameter'], `unknown parameter '${id}'`);
        else if (!amounts.every((n) => Number.isSafeInteger(n) && n >= 1))
          at(
            [...dPath, 'amount', 'parameter'],
            `the amount of a ${duration.unit} duration must be a parameter of whole ${unit} ≥ 1; '${id}' is ${p.versions.map((v) => JSON.stringify(v.value)).join(', ')} ${p.unit ?? '(no unit)'}`,
          );
      }
    };
    const versions: (DeadlineVersion & { index: number })[] = [];
    d.versions.forEach((v, j) => {
      const vPath = [...path, 'versions', j];
      checkDuration(v.duration, [...vPath, 'duration']);
      if (v.source) checkCitation(v.source, d.basis, [...vPath, 'source']);
      const variants: DurationVariant[] = (v.variants ?? []).map((variant, k) => {
        const varPath = [...vPath, 'variants', k];
        if (!variant.when && !variant.onlyIf)
          at(varPath, `a duration variant needs 'when' or 'onlyIf' (otherwise it is the version's duration)`);
        if (variant.when)
          for (const id of conditionChecker.check(variant.when, [...varPath, 'when']).parameters)
            readParameters.add(id);
        if (variant.onlyIf)
          checkSwitchValue(
            allSwitches,
            variant.onlyIf.switch,
            variant.onlyIf.equal,
            [...varPath, 'onlyIf'],
            at,
          );
        if (variant.source) checkCitation(variant.source, variant.basis, [...varPath, 'source']);
        checkDuration(variant.duration, [...varPath, 'duration']);
        return { ...variant, source: variant.source ?? v.source ?? d.source };
      });
      const period = resolvePeriod(v.effectiveFrom, v.effectiveTo, vPath, inForce);
      if (period)
        versions.push({ period, duration: v.duration, variants, source: v.source ?? d.source, index: j });
    });
    checkPeriods(versions, [...path, 'versions'], `deadline '${d.id}'`, at);
    const { versions: _raw, ...rest } = d;
    deadlines.set(d.id, { ...rest, versions });
  });

  const decisions: LinkedDecision[] = [];
  const seenDecisions = new Set<string>();
  file.decisions.forEach((d, i) => {
    const path: PathSegment[] = ['decisions', i];
    if (seenDecisions.has(d.id)) at([...path, 'id'], `duplicate decision id '${d.id}'`);
    seenDecisions.add(d.id);
    if (d.evaluatedAt !== undefined) {
      const f = fields.get(d.evaluatedAt);
      if (!f || (f.type !== 'date' && f.type !== 'instant')) {
        at(
          [...path, 'evaluatedAt'],
          `evaluatedAt must name a date or instant input field, not '${d.evaluatedAt}'`,
        );
      }
    }
    const dependsOn = new Set<string>();
    const parameterIds = new Set<string>();
    const rules: LinkedRule[] = [];
    const ruleIds = new Set<string>();
    d.rules.forEach((r, j) => {
      const rPath = [...path, 'rules', j];
      if (ruleIds.has(r.id)) at([...rPath, 'id'], `duplicate rule id '${r.id}' in decision '${d.id}'`);
      ruleIds.add(r.id);
      checkCitation(r.source, r.basis, [...rPath, 'source']);
      const refs = conditionChecker.check(r.when, [...rPath, 'when']);
      for (const x of refs.decisions) {
        if (x === d.id) at([...rPath, 'when'], `decision '${d.id}' cannot depend on itself`);
        dependsOn.add(x);
      }
      for (const x of refs.parameters) parameterIds.add(x);
      if (typeof r.value === 'object') {
        const id = r.value.parameter;
        if (checkValueParameter(d, id, parameters, [...rPath, 'value', 'parameter'], at))
          parameterIds.add(id);
      }
      if (r.onlyIf) checkSwitchValue(allSwitches, r.onlyIf.switch, r.onlyIf.equal, [...rPath, 'onlyIf'], at);
      const period = resolvePeriod(r.effectiveFrom, r.effectiveTo, rPath, inForce);
      const { effectiveFrom: _f, effectiveTo: _t, ...rest } = r;
      if (period) rules.push({ ...rest, period });
    });
    decisions.push({
      ...d,
      rules,
      dependsOn: [...dependsOn],
      parameterIds: [...parameterIds],
      factKey: decisionFact(d.id),
    });
  });

  for (const d of decisions) for (const id of d.parameterIds) readParameters.add(id);
  // A cited value that no rule reads would change nothing when edited: say so, or mark it.
  file.parameters.forEach((p, i) => {
    const read = readParameters.has(p.id);
    if (!read && !p.informational) {
      at(
        ['parameters', i, 'id'],
        `parameter '${p.id}' is read by no rule: reference it in a condition, or mark it 'informational: true'`,
      );
    } else if (read && p.informational) {
      at(
        ['parameters', i, 'informational'],
        `parameter '${p.id}' is marked informational but a rule reads it`,
      );
    }
  });

  const evaluatedAt = file.evaluatedAt;
  if (evaluatedAt) {
    const f = fields.get(evaluatedAt.field);
    if (!f || (f.type !== 'date' && f.type !== 'instant'))
      at(
        ['evaluatedAt', 'field'],
        `evaluatedAt must name a date or instant input field, not '${evaluatedAt.field}'`,
      );
    if (evaluatedAt.onlyIf)
      checkSwitchValue(
        allSwitches,
        evaluatedAt.onlyIf.switch,
        evaluatedAt.onlyIf.equal,
        ['evaluatedAt', 'onlyIf'],
        at,
      );
  }

  const ordered = topologicalOrder(decisions, (cycle) =>
    at(
      ['decisions', file.decisions.findIndex((d) => d.id === cycle[0])],
      `decisions depend on each other in a cycle: ${cycle.join(' → ')}`,
    ),
  );

  const model: ProcessModel = {
    id: file.process,
    jurisdiction: file.jurisdiction,
    title: file.title,
    ...(file.description ? { description: file.description } : {}),
    caseDate: file.caseDate,
    ...(evaluatedAt ? { evaluatedAt } : {}),
    inForce,
    ...(typeof file.inForce.effectiveFrom === 'object'
      ? { inForceDocument: file.inForce.effectiveFrom.document }
      : {}),
    source,
    switches,
    events,
    fields,
    inputs: file.inputs,
    derived: derived.derived,
    parameters,
    deadlines,
    decisions: ordered,
    examples: file.examples,
  };
  checkExamples(model, allSwitches, decisionIds, at);
  return model;
}

/** A decision takes a parameter's value as is, or converted to its unit: the parameter must fit. */
function checkValueParameter(
  d: Decision,
  id: string,
  parameters: ReadonlyMap<string, LinkedParameter>,
  path: PathSegment[],
  at: (p: PathSegment[], m: string) => void,
): boolean {
  const p = parameters.get(id);
  if (!p) {
    at(path, `unknown parameter '${id}'`);
    return false;
  }
  if (p.versions.some((v) => Array.isArray(v.value))) {
    at(path, `parameter '${id}' holds a list; a decision's value is a single value`);
    return false;
  }
  if (p.unit && !d.unit) {
    at(path, `decision '${d.id}' takes the value of '${id}' (${p.unit}): state the decision's unit`);
    return false;
  }
  if (d.unit && (!p.unit || dimensionOf(p.unit) !== dimensionOf(d.unit))) {
    const describe = (u?: Unit) => (u ? `${u}, ${dimensionOf(u)}` : 'no unit');
    at(
      path,
      `unit mismatch: decision '${d.id}' (${describe(d.unit)}) cannot take the value of '${id}' (${describe(p.unit)})`,
    );
    return false;
  }
  return true;
}

class ConditionChecker {
  constructor(
    private readonly fields: ReadonlyMap<string, Field>,
    private readonly parameters: ReadonlyMap<string, LinkedParameter>,
    private readonly decisions: ReadonlySet<string>,
    private readonly at: (p: PathSegment[], m: string) => void,
  ) {}

  check(c: Condition, path: PathSegment[]): { decisions: Set<string>; parameters: Set<string> } {
    const refs = { decisions: new Set<string>(), parameters: new Set<string>() };
    this.walk(c, path, refs);
    return refs;
  }

  private walk(
    c: Condition,
    path: PathSegment[],
    refs: { decisions: Set<string>; parameters: Set<string> },
  ): void {
    if ('all' in c) return c.all.forEach((x, i) => this.walk(x, [...path, 'all', i], refs));
    if ('any' in c) return c.any.forEach((x, i) => this.walk(x, [...path, 'any', i], refs));
    if ('not' in c) return this.walk(c.not, [...path, 'not'], refs);
    if ('decision' in c) {
      if (!this.decisions.has(c.decision))
        this.at(
          [...path, 'decision'],
          `unknown decision '${c.decision}' (decisions: ${[...this.decisions].join(', ')})`,
        );
      refs.decisions.add(c.decision);
      return;
    }
    const field = this.fields.get(c.fact);
    const ref = c.value as unknown;
    if (ref !== null && typeof ref === 'object' && 'parameter' in ref && typeof ref.parameter === 'string') {
      refs.parameters.add(ref.parameter);
    }
    if (!field) {
      return this.at(
        [...path, 'fact'],
        `unknown fact '${c.fact}' (input fields: ${[...this.fields.keys()].join(', ')})`,
      );
    }
    if (field.type === 'object-list')
      return this.at([...path, 'fact'], `'${c.fact}' is a list of objects; a condition cannot compare it`);
    const shape = valueShape[c.operator];
    const factOk: Record<typeof shape, boolean> = {
      scalar:
        c.operator === 'contains' || c.operator === 'doesNotContain'
          ? field.type.endsWith('-list')
          : !field.type.endsWith('-list') && field.type !== 'object',
      number: field.type === 'number',
      date: field.type === 'date' || field.type === 'instant',
      instant: field.type === 'instant',
      list:
        c.operator === 'in' || c.operator === 'notIn'
          ? !field.type.endsWith('-list')
          : field.type.endsWith('-list'),
      boolean: field.type.endsWith('-list'),
    };
    if (!factOk[shape])
      this.at(
        [...path, 'operator'],
        `operator '${c.operator}' cannot be applied to '${c.fact}' (${field.type})`,
      );
    const v = c.value as unknown;
    let rhs: { kind: ValueKind; unit?: Unit; what: string; at: PathSegment[]; fromFact?: true };
    if (
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      'parameter' in v &&
      typeof v.parameter === 'string'
    ) {
      const p = this.parameters.get(v.parameter);
      if (!p) return this.at([...path, 'value', 'parameter'], `unknown parameter '${v.parameter}'`);
      if (p.versions.length === 0) return; // its versions were rejected, and reported, already
      rhs = {
        kind: valueKind(p.versions[0]?.value),
        ...(p.unit ? { unit: p.unit } : {}),
        what: `parameter '${p.id}'`,
        at: [...path, 'value', 'parameter'],
      };
    } else if (
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      'fact' in v &&
      typeof v.fact === 'string'
    ) {
      const other = this.fields.get(v.fact);
      if (!other) return this.at([...path, 'value', 'fact'], `unknown fact '${v.fact}'`);
      rhs = {
        kind: fieldKind(other),
        ...(other.unit ? { unit: other.unit } : {}),
        what: `'${v.fact}'`,
        at: [...path, 'value', 'fact'],
        fromFact: true,
      };
    } else {
      rhs = { kind: valueKind(v), what: JSON.stringify(v), at: [...path, 'value'] };
      if (typeof v === 'number' && field.unit) {
        return this.at(
          rhs.at,
          `compare '${c.fact}' (${field.unit}) with a parameter, not the bare number ${v}, so that its unit is stated`,
        );
      }
      // isEmpty's value says whether the list is empty; it is not one of the field's values.
      const allowed = c.operator === 'isEmpty' ? undefined : field.enum;
      const unknown = allowed && (Array.isArray(v) ? v : [v]).find((x) => !allowed.includes(x as Scalar));
      if (unknown !== undefined)
        return this.at(rhs.at, `'${String(unknown)}' is not a value of '${c.fact}' (${allowed?.join(', ')})`);
    }
    const expected = expectedKind(c.operator, field);
    // A date comparison reads an instant by its date, as it reads an instant fact.
    const fits = rhs.kind === expected || (expected === 'date' && rhs.kind === 'instant');
    if (expected && !fits) {
      return this.at(
        rhs.at,
        `operator '${c.operator}' on '${c.fact}' (${field.type}) needs ${expected === 'instant' ? 'an' : 'a'} ${expected} value, got ${rhs.what} (${rhs.kind})`,
      );
    }
    if (
      (field.unit || rhs.unit) &&
      (!field.unit || !rhs.unit || dimensionOf(field.unit) !== dimensionOf(rhs.unit))
    ) {
      const describe = (u?: Unit) => (u ? `${u}, ${dimensionOf(u)}` : 'no unit');
      this.at(
        rhs.at,
        `unit mismatch: cannot compare '${c.fact}' (${describe(field.unit)}) with ${rhs.what} (${describe(rhs.unit)})`,
      );
    } else if (rhs.fromFact && field.unit !== rhs.unit) {
      // Two facts are compared as the case gives them; only a parameter is converted.
      this.at(
        rhs.at,
        `unit mismatch: '${c.fact}' is in ${field.unit} and ${rhs.what} in ${rhs.unit}: compare facts in the same unit`,
      );
    }
  }
}

type ValueKind = 'number' | 'boolean' | 'string' | 'date' | 'instant' | 'list' | 'other';

function valueKind(v: unknown): ValueKind {
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return isRealDate(v) ? 'date' : ISO_INSTANT.test(v) ? 'instant' : 'string';
  if (typeof v === 'number' || typeof v === 'boolean') return typeof v as ValueKind;
  return 'other';
}

function fieldKind(f: InputField): ValueKind {
  if (f.type.endsWith('-list')) return 'list';
  if (f.type === 'date' || f.type === 'instant') return f.type;
  return f.type === 'number' || f.type === 'boolean' || f.type === 'string' ? f.type : 'other';
}

/** The kind of value an operator needs opposite this fact (undefined: the operator/fact check already failed). */
function expectedKind(operator: Operator, field: InputField): ValueKind | undefined {
  switch (valueShape[operator]) {
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'instant':
      return 'instant';
    case 'list':
      return 'list';
    case 'boolean':
      return 'boolean';
    default:
      if (operator === 'contains' || operator === 'doesNotContain')
        return field.type === 'number-list' ? 'number' : 'string';
      return fieldKind(field);
  }
}

function topologicalOrder(decisions: LinkedDecision[], onCycle: (cycle: string[]) => void): LinkedDecision[] {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const out: LinkedDecision[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: LinkedDecision, stack: string[]) => {
    if (state.get(d.id) === 'done') return;
    if (state.get(d.id) === 'visiting') {
      onCycle([...stack.slice(stack.indexOf(d.id)), d.id]);
      return;
    }
    state.set(d.id, 'visiting');
    for (const dep of d.dependsOn) {
      const x = byId.get(dep);
      if (x && x.id !== d.id) visit(x, [...stack, d.id]);
    }
    state.set(d.id, 'done');
    out.push(d);
  };
  for (const d of decisions) visit(d, []);
  return out;
}

function checkExamples(
  model: ProcessModel,
  switches: ReadonlyMap<string, Switch>,
  decisionIds: ReadonlySet<string>,
  at: (p: PathSegment[], m: string, key?: boolean) => void,
) {
  const ids = new Set<string>();
  model.examples.forEach((ex, i) => {
    const path: PathSegment[] = ['examples', i];
    if (ids.has(ex.id)) at([...path, 'id'], `duplicate example id '${ex.id}'`);
    ids.add(ex.id);
    for (const [id, value] of Object.entries(ex.switches ?? {}) as [string, Scalar][])
      checkSwitchValue(switches, id, value, [...path, 'switches', id], at);
    (ex.events ?? []).forEach((e, j) => {
      if (!model.events.has(e.type)) at([...path, 'events', j, 'type'], `unknown event '${e.type}'`);
    });
    for (const id of Object.keys(ex.expect.decisions ?? {})) {
      if (!decisionIds.has(id)) at([...path, 'expect', 'decisions', id], `unknown decision '${id}'`, true);
    }
    for (const id of Object.keys(ex.expect.derived ?? {})) {
      if (!model.derived.some((d) => d.id === id))
        at([...path, 'expect', 'derived', id], `unknown derived fact '${id}'`, true);
    }
    for (const id of Object.keys(ex.expect.parameters ?? {})) {
      if (!model.parameters.has(id))
        at([...path, 'expect', 'parameters', id], `unknown parameter '${id}'`, true);
    }
    for (const id of Object.keys(ex.expect.deadlines ?? {})) {
      const d = model.deadlines.get(id);
      if (!d) at([...path, 'expect', 'deadlines', id], `unknown deadline '${id}'`, true);
      else if (
        (ex.expect.deadlines as Record<string, unknown>)[id] !== 'not-applicable' &&
        !(ex.events ?? []).some((e) => d.startsOn.includes(e.type))
      ) {
        at(
          [...path, 'expect', 'deadlines', id],
          `example '${ex.id}' expects deadline '${id}' but has no event that starts it (${d.startsOn.join(', ')})`,
          true,
        );
      }
    }
  });
}
