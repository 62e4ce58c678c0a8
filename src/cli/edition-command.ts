// `gridcase rules edition`: which text governs a clause, a process, or everything, on a date
// (003-part1.md §0.4 regimes, SM-0 resolveClause).
import { type ClauseAnswer, ClauseRefError, type Division, formatClause } from '../rules/editions.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import { activeAt, describePeriod, isRealDate } from '../rules/periods.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Citation } from '../rules/schema.ts';
import type { Output } from './rules-commands.ts';
import { UsageError } from './usage-error.ts';

export interface EditionOptions {
  date: string;
  clause?: string;
  process?: string;
  json?: boolean;
  rules: string;
}

const cite = (c: Citation) => `${c.document} ${c.clause}${c.spec ? ` (${c.spec})` : ''}`;

export async function editionCommand(o: EditionOptions): Promise<Output> {
  if (!isRealDate(o.date)) throw new UsageError(`--date: invalid date '${o.date}' (expected YYYY-MM-DD)`);
  if (o.clause !== undefined && o.process !== undefined)
    throw new UsageError('give --clause or --process, not both');
  const rs = await loadRuleSet(o.rules);
  const result =
    o.clause !== undefined
      ? clause(rs, o.clause, o.date)
      : o.process !== undefined
        ? processTexts(rs, o.process, o.date)
        : regime(rs, o.date);
  return { stdout: o.json ? JSON.stringify(result.json, null, 2) : result.text, exitCode: 0 };
}

function clause(rs: RuleSet, ref: string, date: string): { json: ClauseAnswer; text: string } {
  let a: ClauseAnswer;
  try {
    a = rs.editions.resolve(ref, date);
  } catch (e) {
    if (e instanceof ClauseRefError) throw new UsageError(`--clause: ${e.message}`);
    throw e;
  }
  const lines = [
    a.status === 'in-force' ? a.summary : `${a.status.toUpperCase().replaceAll('-', ' ')}: ${a.summary}`,
    `  ${a.clause}: ${a.document}, division ${a.division}, ${describePeriod(a.period)} [${a.basis}] ${cite(a.source)}`,
  ];
  if (a.governedBy) {
    const g = a.governedBy;
    lines.push(
      `  governed by ${g.clause}: ${g.document}, division ${g.division}, ${describePeriod(g.period)}; ${g.via === 'clause' ? 'clause' : 'division'} counterpart [${g.basis}] ${cite(g.source)}`,
    );
  }
  return { json: a, text: lines.join('\n') };
}

const describeDivision = (d: Division) =>
  `${formatClause(d.range)} ${d.title}: ${describePeriod(d.period)} [${d.basis}] ${cite(d.source)}`;

/** The divisions of every text in force on the date: regime A, B or C of 003-part1.md §0.4. */
function regime(rs: RuleSet, date: string) {
  const divisions = rs.editions.inForceOn(date);
  const text = divisions.length
    ? [`Texts in force on ${date}:`, ...divisions.map((d) => `  ${d.edition}: ${describeDivision(d)}`)]
    : [`No text with a clause index is in force on ${date}.`];
  return {
    json: {
      date,
      inForce: divisions.map((d) => ({
        clauses: formatClause(d.range),
        document: d.document,
        edition: d.edition,
        division: d.id,
        title: d.title,
        period: d.period,
        basis: d.basis,
        source: d.source,
      })),
    },
    text: text.join('\n'),
  };
}

const CLAUSE_IN_CITATION = /\b([A-Z][A-Za-z]*\d+\.(?:A\d+\.)?\d+)\b/;

/** The clause behind each item of a process on the date, and the edition it belongs to. */
function processTexts(rs: RuleSet, id: string, date: string) {
  const model = rs.processes.get(id);
  if (!model)
    throw new UsageError(
      `--process: unknown process '${id}' (known: ${[...rs.processes.keys()].join(', ')})`,
    );
  const inForce = activeAt(model.inForce, date);
  const items: { item: string; source: Citation; edition?: ClauseAnswer }[] = [];
  const add = (item: string, source: Citation) => {
    const ref = CLAUSE_IN_CITATION.exec(source.clause)?.[1];
    const known = ref && rs.editions.prefixes().some((p) => ref.startsWith(`${p}.`));
    items.push({ item, source, ...(known ? { edition: rs.editions.resolve(ref, date) } : {}) });
  };
  if (inForce) {
    for (const p of model.parameters.values()) {
      const v = p.versions.find((x) => activeAt(x.period, date));
      if (v) add(`parameter ${p.id}`, v.source);
    }
    for (const d of model.deadlines.values()) {
      const v = d.versions.find((x) => activeAt(x.period, date));
      if (v) add(`deadline ${d.id}`, v.source);
    }
    for (const d of model.decisions)
      for (const r of d.rules) if (activeAt(r.period, date)) add(`decision ${d.id} rule ${r.id}`, r.source);
  }
  const pinned = model.evaluatedAt
    ? `A case is judged by the rules in force on its ${model.evaluatedAt.field} date${model.evaluatedAt.onlyIf ? ` (while switch ${model.evaluatedAt.onlyIf.switch} = ${model.evaluatedAt.onlyIf.equal})` : ''}: one filed before a change keeps its edition.`
    : `Each event is judged by the rules in force on its own date (${model.caseDate}).`;
  const head = inForce
    ? `${id} on ${date}:`
    : `${id} is not ${date < model.inForce.from ? 'yet' : 'any longer'} in force on ${date} (${describePeriod(model.inForce)})`;
  const text = [
    head,
    ...items.map(
      (i) =>
        `  ${i.item}: ${i.source.document} ${i.source.clause}${i.edition ? ` — ${i.edition.edition}, ${i.edition.status}` : ''}`,
    ),
    pinned,
  ];
  return {
    json: {
      process: id,
      date,
      inForce,
      inForcePeriod: model.inForce,
      evaluatedAt: model.evaluatedAt ?? null,
      items,
    },
    text: text.join('\n'),
  };
}
