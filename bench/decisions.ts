// Decisions per second: the compiled evaluator against json-rules-engine on the shipped rules.
import type { FlatFacts } from '../src/rules/facts.ts';
import type { RuleSet } from '../src/rules/rule-set.ts';
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
  }
  return lines;
}
