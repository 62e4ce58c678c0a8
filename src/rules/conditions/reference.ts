// The reference evaluator: the same condition trees run through json-rules-engine, used to
// prove the compiled evaluator right and selectable when a result must be double-checked.
import { Engine, Rule } from 'json-rules-engine';
import { legalOperators } from './operators.ts';
import type { Explanation, Facts, ResolvedCondition } from './resolved.ts';

type JreCondition = Record<string, unknown>;

export interface ReferenceRule {
  id: string;
  condition: ResolvedCondition;
}

/** One json-rules-engine Engine per rule list; `run` returns each rule's explanation. */
export class ReferenceEvaluator {
  private readonly engine: Engine;
  private readonly rules: ReferenceRule[];

  constructor(rules: ReferenceRule[]) {
    this.rules = rules;
    this.engine = new Engine([], { allowUndefinedFacts: true });
    for (const [name, fn] of Object.entries(legalOperators)) this.engine.addOperator(name, fn);
    for (const rule of rules) {
      this.engine.addRule(
        new Rule({
          name: rule.id,
          conditions: asRoot(toJre(rule.condition)) as never,
          event: { type: rule.id },
        }),
      );
    }
  }

  async run(facts: Facts): Promise<Map<string, Explanation>> {
    const almanacFacts: Record<string, unknown> = { ...facts };
    const { results, failureResults } = await this.engine.run(almanacFacts);
    const out = new Map<string, Explanation>();
    for (const r of [...results, ...failureResults]) {
      const rule = this.rules.find((x) => x.id === r.name);
      if (!rule) continue;
      // json-rules-engine leaves the root condition's own `result` unset: the rule's result is it.
      const root: JreCondition = { ...(r.conditions as unknown as JreCondition), result: r.result };
      out.set(
        rule.id,
        fromJre(
          rule.condition.kind === 'leaf' ? ((root.all as JreCondition[])[0] as JreCondition) : root,
          rule.condition,
        ),
      );
    }
    return out;
  }
}

/** json-rules-engine needs all/any/not at the root: wrap a single comparison in `all`. */
function asRoot(c: JreCondition): JreCondition {
  return 'all' in c || 'any' in c || 'not' in c ? c : { all: [c] };
}

function toJre(c: ResolvedCondition): JreCondition {
  switch (c.kind) {
    case 'all':
      return { all: c.children.map(toJre) };
    case 'any':
      return { any: c.children.map(toJre) };
    case 'not':
      return { not: toJre(c.child) };
    case 'leaf':
      return {
        fact: c.fact,
        operator: c.operator,
        value: c.valueFact === undefined ? c.value : { fact: c.valueFact },
      };
  }
}

function fromJre(j: JreCondition, c: ResolvedCondition): Explanation {
  switch (c.kind) {
    case 'all':
    case 'any':
      return {
        kind: c.kind,
        result: j.result === true,
        children: c.children.map((child, i) =>
          fromJre((j[c.kind] as JreCondition[])[i] as JreCondition, child),
        ),
      };
    case 'not':
      return { kind: 'not', result: j.result === true, children: [fromJre(j.not as JreCondition, c.child)] };
    case 'leaf':
      return {
        kind: 'leaf',
        fact: c.fact,
        operator: c.operator,
        actual: j.factResult,
        expected: j.valueResult,
        result: j.result === true,
        ...(c.valueFact === undefined ? {} : { valueFact: c.valueFact }),
        ...(c.parameter ? { parameter: c.parameter } : {}),
      };
  }
}
