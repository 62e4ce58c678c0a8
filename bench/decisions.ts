// Decisions per second: the compiled evaluator against json-rules-engine on the shipped rules.
import { compileCondition } from '../src/rules/conditions/compile.ts';
import { ReferenceEvaluator } from '../src/rules/conditions/reference.ts';
import type { FlatFacts } from '../src/rules/facts.ts';
import type { RuleSet } from '../src/rules/rule-set.ts';
import { resolveCondition } from '../src/rules/rule-set.ts';
import { fmt, opsPerSecond, opsPerSecondAsync } from './measure.ts';

export async function benchDecisions(ruleSet: RuleSet): Promise<string[]> {
  const lines: string[] = [];
  for (const model of ruleSet.processes.values()) {
    const examples = model.examples.filter((e) => !e.expect.notInForce);
    if (!examples.length) continue;
    const cases = examples.map((e) => {
      const view = ruleSet
        .at(e.asOf, { switches: (e.switches ?? {}) as Record<string, string> })
        .process(model.id);
      return { view, facts: view.prepare(e.facts as Record<string, unknown>) as FlatFacts };
    });
    const pick = (i: number) => cases[i % cases.length] as (typeof cases)[number];
    const values = opsPerSecond((i) => {
      const c = pick(i);
      return c.view.decideValues(c.facts);
    });
    const explained = opsPerSecond((i) => {
      const c = pick(i);
      return c.view.decide(c.facts);
    });
    const reference = await opsPerSecondAsync((i) => {
      const c = pick(i);
      return c.view.decideWithReference(c.facts);
    });
    const perCall = model.decisions.length;
    lines.push(
      `decisions: ${model.id} (${perCall} decisions per case, ${cases.length} example cases)`,
      `  compiled, values:                ${fmt(values * perCall)} decisions/s`,
      `  compiled, with explanations:     ${fmt(explained * perCall)} decisions/s`,
      `  json-rules-engine:               ${fmt(reference * perCall)} decisions/s`,
      `  compiled / json-rules-engine:    ${(values / reference).toFixed(0)}× (with explanations ${(explained / reference).toFixed(0)}×)`,
    );
    lines.push(
      ...(await benchSingleCondition(
        ruleSet,
        model.id,
        cases.map((c) => c.facts),
      )),
    );
  }
  return lines;
}

/** The ceiling: one rule's condition as a bare compiled predicate against json-rules-engine. */
async function benchSingleCondition(
  ruleSet: RuleSet,
  processId: string,
  facts: FlatFacts[],
): Promise<string[]> {
  const model = ruleSet.processes.get(processId);
  const rule = model?.decisions.flatMap((d) => d.rules).find((r) => 'all' in r.when || 'any' in r.when);
  if (!model || !rule) return [];
  const resolved = resolveCondition(model, rule.when, rule.period.from);
  const predicate = compileCondition(resolved).test;
  const reference = new ReferenceEvaluator([{ id: rule.id, condition: resolved }]);
  const bare = opsPerSecond((i) => predicate(facts[i % facts.length] as FlatFacts));
  const jre = await opsPerSecondAsync((i) => reference.run(facts[i % facts.length] as FlatFacts));
  return [
    `  one rule (${rule.id}) as a bare predicate: ${fmt(bare)}/s vs json-rules-engine ${fmt(jre)}/s = ${(bare / jre).toFixed(0)}×`,
  ];
}
