// `gridcase rules …`: check, test, diff and explain rule sets.
import { readFile } from 'node:fs/promises';
import { formatDiagnostic } from '../rules/diagnostics.ts';
import { diffRuleSets, formatChanges } from '../rules/diff.ts';
import { runExamples } from '../rules/examples.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import { isRealDate } from '../rules/periods.ts';
import { type ProcessView, RuleQueryError } from '../rules/rule-set.ts';
import type { Scalar } from '../rules/schema.ts';
import { formatExplanation } from './explain-format.ts';
import { UsageError } from './usage-error.ts';

export interface Output {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

export async function checkCommand(dir: string): Promise<Output> {
  const rs = await loadRuleSet(dir);
  const processes = [...rs.processes.keys()].join(', ');
  const calculations = rs.calculations.size ? `; calculations ${[...rs.calculations.keys()].join(', ')}` : '';
  return {
    stdout: `ok: ${rs.files.length} files, processes ${processes}${calculations}; rule set ${rs.version.slice(0, 12)}`,
    exitCode: 0,
  };
}

export async function testCommand(dir: string): Promise<Output> {
  const rs = await loadRuleSet(dir);
  const reports = await runExamples(rs);
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.failures.length ? '✗' : '✓'} ${r.process} › ${r.id} — ${r.title}`);
    for (const f of r.failures) lines.push(`    ${formatDiagnostic(f)}`);
  }
  const failed = reports.filter((r) => r.failures.length).length;
  lines.push('', `${reports.length - failed} passed, ${failed} failed`);
  return { stdout: lines.join('\n'), exitCode: failed ? 1 : 0 };
}

export async function diffCommand(a: string, b: string, json: boolean): Promise<Output> {
  const [x, y] = await Promise.all([loadRuleSet(a), loadRuleSet(b)]);
  const changes = diffRuleSets(x, y);
  return { stdout: json ? JSON.stringify(changes, null, 2) : formatChanges(changes), exitCode: 0 };
}

export interface ExplainOptions {
  process: string;
  facts: string;
  asOf: string;
  json?: boolean;
  rules: string;
  switch?: string[];
  evaluator?: 'compiled' | 'reference';
}

export async function explainCommand(o: ExplainOptions): Promise<Output> {
  if (!isRealDate(o.asOf)) throw new UsageError(`--as-of: invalid date '${o.asOf}' (expected YYYY-MM-DD)`);
  const asOf = o.asOf;
  const switches = parseSwitches(o.switch ?? []);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(o.facts, 'utf8'));
  } catch (e) {
    throw new UsageError(`--facts: cannot read JSON from '${o.facts}': ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(`--facts: '${o.facts}' must hold a JSON object`);
  const rs = await loadRuleSet(o.rules);
  if (!rs.processes.has(o.process)) {
    throw new UsageError(
      `--process: unknown process '${o.process}' (known: ${[...rs.processes.keys()].join(', ')})`,
    );
  }
  let view: ProcessView;
  try {
    view = rs.at(asOf, { switches }).process(o.process);
  } catch (e) {
    throw e instanceof RuleQueryError ? new UsageError(`--switch: ${e.message}`) : e;
  }
  const facts = view.prepare(raw as Record<string, unknown>);
  // A process that pins the case's own date (e.g. the failure) is judged by that date's rules.
  view = view.forCase(facts);
  if (!view.inForce) {
    const reason = view.notInForceReason ?? '';
    return {
      stdout: o.json ? JSON.stringify({ process: o.process, asOf, inForce: false, reason }, null, 2) : reason,
      exitCode: 0,
    };
  }
  const decisions = o.evaluator === 'reference' ? await view.decideWithReference(facts) : view.decide(facts);
  const parameters = view.parameters();
  if (o.json) {
    return {
      stdout: JSON.stringify(
        {
          process: o.process,
          asOf,
          evaluatedOn: view.date,
          inForce: true,
          ruleSetVersion: rs.version,
          switches: Object.fromEntries(view.switches),
          decisions,
          parameters,
        },
        null,
        2,
      ),
      exitCode: 0,
    };
  }
  return { stdout: formatExplanation(o.process, view.date, rs.version, decisions, parameters), exitCode: 0 };
}

export function parseSwitches(pairs: string[]): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(pair);
    if (!m) throw new UsageError(`--switch: expected name=value, got '${pair}'`);
    const v = m[2] as string;
    out[m[1] as string] =
      v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return out;
}
