// The compiled evaluator: each condition tree becomes plain closures once, so a decision costs
// a few property reads and comparisons. `explain` evaluates every leaf (no short-circuit), as
// json-rules-engine does, so both evaluators give the same explanation.
import { operators } from './operators.ts';
import type { Explanation, Facts, ResolvedCondition } from './resolved.ts';

export interface CompiledCondition {
  test(facts: Facts): boolean;
  explain(facts: Facts): Explanation;
}

export function compileCondition(condition: ResolvedCondition): CompiledCondition {
  return { test: compileTest(condition), explain: compileExplain(condition) };
}

function compileTest(c: ResolvedCondition): (facts: Facts) => boolean {
  switch (c.kind) {
    case 'all': {
      const parts = c.children.map(compileTest);
      if (parts.length === 1) return parts[0] as (facts: Facts) => boolean;
      return (facts) => {
        for (const p of parts) if (!p(facts)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = c.children.map(compileTest);
      if (parts.length === 1) return parts[0] as (facts: Facts) => boolean;
      return (facts) => {
        for (const p of parts) if (p(facts)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileTest(c.child);
      return (facts) => !inner(facts);
    }
    case 'leaf': {
      const op = operators[c.operator];
      const { fact, valueFact, value } = c;
      return valueFact === undefined
        ? (facts) => op(facts[fact], value)
        : (facts) => op(facts[fact], facts[valueFact]);
    }
  }
}

function compileExplain(c: ResolvedCondition): (facts: Facts) => Explanation {
  switch (c.kind) {
    case 'all':
    case 'any': {
      const parts = c.children.map(compileExplain);
      const kind = c.kind;
      return (facts) => {
        const children = parts.map((p) => p(facts));
        const result = kind === 'all' ? children.every((x) => x.result) : children.some((x) => x.result);
        return { kind, result, children };
      };
    }
    case 'not': {
      const inner = compileExplain(c.child);
      return (facts) => {
        const child = inner(facts);
        return { kind: 'not', result: !child.result, children: [child] };
      };
    }
    case 'leaf': {
      const op = operators[c.operator];
      return (facts) => {
        const actual = facts[c.fact];
        const expected = c.valueFact === undefined ? c.value : facts[c.valueFact];
        return {
          kind: 'leaf',
          fact: c.fact,
          operator: c.operator,
          actual,
          expected,
          result: op(actual, expected),
          ...(c.valueFact === undefined ? {} : { valueFact: c.valueFact }),
          ...(c.parameter ? { parameter: c.parameter } : {}),
        };
      };
    }
  }
}
