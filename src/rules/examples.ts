// Runs the examples of every process file, then of every calculation file: the rule files' own
// tests. Each process example is evaluated by both evaluators; a disagreement fails it too.
import { isDeepStrictEqual } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { runCalculationExamples } from '../calculations/examples.ts';
import { convert } from '../units/units.ts';
import type { Diagnostic } from './diagnostics.ts';
import { FactsError, type FlatFacts } from './facts.ts';
import type { ProcessModel } from './process-model.ts';
import type { DecisionOutcome, ProcessView, RuleSet } from './rule-set.ts';
import type { Example, Scalar, Unit } from './schema.ts';
import type { PathSegment } from './yaml-source.ts';

export interface ExampleReport {
  /** The process or calculation id. */
  process: string;
  id: string;
  title: string;
  failures: Diagnostic[];
}

export async function runExamples(ruleSet: RuleSet): Promise<ExampleReport[]> {
  const reports: ExampleReport[] = [];
  for (const model of ruleSet.processes.values()) {
    for (const [i, example] of model.examples.entries()) {
      const failures: Diagnostic[] = [];
      const fail = (path: PathSegment[], message: string, key = false) =>
        failures.push(
          model.source.at(['examples', i, ...path], `example '${example.id}' failed: ${message}`, { key }),
        );
      try {
        await check(ruleSet, model, example, fail);
      } catch (e) {
        fail([], e instanceof FactsError ? e.message.replace(/\n\s*/g, '; ') : (e as Error).message);
      }
      reports.push({ process: model.id, id: example.id, title: example.title, failures });
    }
  }
  return [...reports, ...runCalculationExamples(ruleSet)];
}

type Fail = (path: PathSegment[], message: string, key?: boolean) => void;

async function check(ruleSet: RuleSet, model: ProcessModel, ex: Example, fail: Fail): Promise<void> {
  const asOf = ruleSet
    .at(ex.asOf, { switches: (ex.switches ?? {}) as Record<string, Scalar> })
    .process(model.id);
  const facts = asOf.prepare(ex.facts as Record<string, unknown>);
  // A process that pins the case's own date is judged by it, whatever the example's asOf.
  const view = asOf.forCase(facts);
  if (ex.expect.notInForce !== undefined) {
    if (ex.expect.notInForce === view.inForce) {
      fail(
        ['expect', 'notInForce'],
        ex.expect.notInForce ? `${model.id} is in force on ${view.date}` : (view.notInForceReason ?? ''),
      );
    }
    if (!view.inForce) return;
  }
  return checkCase(view, ex, facts, fail);
}

async function checkCase(view: ProcessView, ex: Example, facts: FlatFacts, fail: Fail): Promise<void> {
  const compiled = view.decide(facts);
  const reference = await view.decideWithReference(facts);
  for (const [j, c] of compiled.entries()) {
    const r = reference[j] as DecisionOutcome;
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(c)), JSON.parse(JSON.stringify(r)))) {
      fail(
        ['facts'],
        `decision '${c.id}': compiled evaluator gives ${describe(c)}, json-rules-engine gives ${describe(r)}`,
      );
    }
  }
  const decisions = new Map(compiled.map((d) => [d.id, d]));
  for (const [id, expected] of Object.entries(ex.expect.decisions ?? {}) as [
    string,
    Scalar | { value: Scalar; codes: string[] },
  ][]) {
    const actual = decisions.get(id) as DecisionOutcome;
    const want = typeof expected === 'object' ? expected : { value: expected };
    const codesDiffer =
      'codes' in want && !isDeepStrictEqual([...want.codes].sort(), [...actual.codes].sort());
    if (actual.value !== want.value || codesDiffer) {
      fail(
        ['expect', 'decisions', id],
        `decision '${id}' expected ${describe(want)}, got ${describe(actual)}`,
      );
    }
  }
  checkParameters(view, ex, fail);
  checkDerived(view, ex, facts, fail);
  checkDeadlines(view, ex, facts, compiled, fail);
}

function checkDerived(view: ProcessView, ex: Example, facts: FlatFacts, fail: Fail): void {
  const expected = Object.entries(ex.expect.derived ?? {});
  if (expected.length === 0) return;
  const values = view.derivedValues(facts);
  for (const [id, want] of expected) {
    if (values[id] !== want) {
      const unit = view.model.fields.get(id)?.unit ?? '';
      fail(
        ['expect', 'derived', id],
        `derived '${id}' expected ${want} ${unit}, got ${values[id] ?? 'no value'}`,
      );
    }
  }
}

function describe(d: { value: Scalar; codes?: string[] }): string {
  return `${JSON.stringify(d.value)}${d.codes?.length ? ` [${d.codes.join(', ')}]` : ''}`;
}

function checkParameters(view: ProcessView, ex: Example, fail: Fail): void {
  const inForce = new Map(view.parameters().map((p) => [p.id, p]));
  for (const [id, expected] of Object.entries(ex.expect.parameters ?? {}) as [string, unknown][]) {
    const p = inForce.get(id);
    const path = ['expect', 'parameters', id];
    if (!p) {
      fail(path, `parameter '${id}' has no value in force on ${view.date}`);
      continue;
    }
    if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
      const want = expected as { value: number; unit: string };
      let got: number | undefined;
      try {
        got = typeof p.value === 'number' && p.unit ? convert(p.value, p.unit, want.unit as Unit) : undefined;
      } catch (e) {
        fail(path, (e as Error).message);
        continue;
      }
      if (got !== want.value)
        fail(
          path,
          `parameter '${id}' expected ${want.value} ${want.unit}, got ${p.value} ${p.unit ?? ''}`.trim(),
        );
    } else if (!isDeepStrictEqual(p.value, expected)) {
      fail(path, `parameter '${id}' expected ${JSON.stringify(expected)}, got ${JSON.stringify(p.value)}`);
    }
  }
}

function checkDeadlines(
  view: ProcessView,
  ex: Example,
  facts: FlatFacts,
  decisions: DecisionOutcome[],
  fail: Fail,
): void {
  const values = new Map(decisions.map((d) => [d.id, { value: d.value, codes: d.codes }]));
  for (const [id, expected] of Object.entries(ex.expect.deadlines ?? {}) as [string, unknown][]) {
    const deadline = view.model.deadlines.get(id);
    const path = ['expect', 'deadlines', id];
    const trigger = [...(ex.events ?? [])].reverse().find((e) => deadline?.startsOn.includes(e.type));
    if (!deadline) continue;
    if (!trigger) {
      if (expected !== 'not-applicable') fail(path, `no event starts deadline '${id}'`);
      continue;
    }
    const outcome = view.deadline(id, Temporal.Instant.from(trigger.at).epochMilliseconds, facts, values);
    if (expected === 'not-applicable') {
      if (outcome.applies)
        fail(path, `deadline '${id}' expected not applicable, got due ${outcome.due?.dueDate}`);
      continue;
    }
    if (!outcome.due) {
      fail(path, `deadline '${id}' expected, but it does not apply to these facts`);
      continue;
    }
    const want = expected as { dueDate: string; dueAt?: string; nonWorkingDaysSkipped?: string[] };
    const due = outcome.due;
    if (due.dueDate !== want.dueDate)
      fail([...path, 'dueDate'], `deadline '${id}' dueDate expected ${want.dueDate}, got ${due.dueDate}`);
    if (
      want.dueAt &&
      Temporal.Instant.compare(Temporal.Instant.from(want.dueAt), Temporal.Instant.from(due.dueAt)) !== 0
    ) {
      fail([...path, 'dueAt'], `deadline '${id}' dueAt expected ${want.dueAt}, got ${due.dueAt}`);
    }
    if (
      want.nonWorkingDaysSkipped &&
      !isDeepStrictEqual(want.nonWorkingDaysSkipped, due.nonWorkingDaysSkipped)
    ) {
      fail(
        [...path, 'nonWorkingDaysSkipped'],
        `deadline '${id}' nonWorkingDaysSkipped expected ${want.nonWorkingDaysSkipped.join(', ') || 'none'}, got ${due.nonWorkingDaysSkipped.join(', ') || 'none'}`,
      );
    }
  }
}
