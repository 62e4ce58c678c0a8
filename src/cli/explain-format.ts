// Human-readable rendering of decisions with their explanations and the parameters in force.
import type { Explanation } from '../rules/conditions/resolved.ts';
import type { DecisionOutcome, ParameterValue } from '../rules/rule-set.ts';

const show = (v: unknown) => (v === undefined ? '(missing)' : JSON.stringify(v));

function explanationLines(e: Explanation, indent: string): string[] {
  const mark = e.result ? '✓' : '✗';
  if (e.kind === 'leaf') {
    const rhs = e.valueFact
      ? `${e.valueFact} = ${show(e.expected)}`
      : e.parameter
        ? `${show(e.expected)} (parameter ${e.parameter.id} = ${show(e.parameter.value)}${e.parameter.unit ? ` ${e.parameter.unit}` : ''})`
        : show(e.expected);
    return [`${indent}${mark} ${e.fact} = ${show(e.actual)} ${e.operator} ${rhs}`];
  }
  return [`${indent}${mark} ${e.kind}`, ...e.children.flatMap((c) => explanationLines(c, `${indent}  `))];
}

export function formatExplanation(
  processId: string,
  asOf: string,
  ruleSetVersion: string,
  decisions: DecisionOutcome[],
  parameters: ParameterValue[],
): string {
  const out = [`${processId} as of ${asOf} (rule set ${ruleSetVersion.slice(0, 12)})`, '', 'Decisions'];
  for (const d of decisions) {
    out.push(
      `  ${d.id} = ${JSON.stringify(d.value)}${d.codes.length ? ` [${d.codes.join(', ')}]` : ''}${d.message ? ` — ${d.message}` : ''}  (rules of ${d.evaluatedAt})`,
    );
    for (const r of d.rules) {
      out.push(
        `    ${r.matched ? '●' : '○'} ${r.id}${r.code ? ` (${r.code})` : ''} → ${JSON.stringify(r.value)}  [${r.source.document} ${r.source.clause}; ${r.basis}]`,
      );
      out.push(...explanationLines(r.explanation, '        '));
    }
  }
  out.push('', 'Parameters in force');
  for (const p of parameters) {
    out.push(
      `  ${p.id} = ${JSON.stringify(p.value)}${p.unit ? ` ${p.unit}` : ''}  [${p.source.document} ${p.source.clause}; ${p.basis}; ${p.period.from}..${p.period.to ?? ''}]`,
    );
  }
  return out.join('\n');
}
