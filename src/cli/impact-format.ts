// Human-readable rendering of `rules impact`: per affected case, what moves and what flips, with clauses.
import type { DeadlineSide, DecisionSide } from '../impact/case-impact.ts';
import type { ImpactReport } from '../impact/rules-impact.ts';

const due = (d: DeadlineSide) => `${d.dueDate} (due ${d.dueAt}; ${d.duration}, ${d.clause})`;
const decided = (d: DecisionSide) =>
  `${JSON.stringify(d.value)}${d.codes.length ? ` [${d.codes.join(', ')}]` : ''} by ${d.decidedBy}${d.clause ? ` (${d.clause})` : ''}`;

export function formatImpact(r: ImpactReport): string {
  const out = [
    `rule set ${r.currentVersion.slice(0, 12)} → draft ${r.draftVersion.slice(0, 12)}: ${r.ruleChanges} rule changes; ` +
      `${r.openCases} open cases, ${r.affected.length} affected`,
  ];
  if (r.notStarted.length) out.push(`not started (the draft applies in full): ${r.notStarted.join(', ')}`);
  for (const c of r.affected) {
    out.push(
      '',
      `${c.caseId}  ${c.process}  state ${c.state}  case date ${c.caseDate}  (pinned ${c.ruleSetVersion.slice(0, 12)})`,
    );
    if (c.notInForce) out.push(`  not in force under the draft: ${c.notInForce}`);
    if (c.error) out.push(`  cannot be evaluated: ${c.error}`);
    for (const d of c.deadlines) {
      const head = `  deadline ${d.deadline} started by ${d.startedBy.type} at ${d.startedBy.at}`;
      const late = d.overdue ? '  — already overdue' : '';
      if (d.change === 'moved' && d.before && d.after)
        out.push(`${head}: moved ${due(d.before)} → ${due(d.after)}${late}`);
      else if (d.change === 'appears' && d.after)
        out.push(`${head}: appears, ${due(d.after)}${late}`, `      current rules: ${d.reason}`);
      else if (d.before) out.push(`${head}: disappears, was ${due(d.before)}`, `      draft: ${d.reason}`);
    }
    for (const d of c.decisions) {
      out.push(
        `  decision ${d.decision}: ${d.before ? decided(d.before) : '(none)'} → ${d.after ? decided(d.after) : '(none)'}`,
      );
      if (d.after?.message) out.push(`      ${d.after.message}`);
    }
  }
  return out.join('\n');
}
