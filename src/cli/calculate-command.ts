// `gridcase calculate`: one calculation of a rule set (unmetered electricity, transformer or line
// losses) on inputs from a JSON file, with its results in the rule file's units and precision.
import { readFile } from 'node:fs/promises';
import { runCalculation, switchValues } from '../calculations/run.ts';
import type { CalculationModel } from '../rules/calculation-model.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import { isRealDate } from '../rules/periods.ts';
import { RuleQueryError } from '../rules/rule-set.ts';
import type { CalculationOutput } from '../rules/schema.ts';
import { type Output, parseSwitches } from './rules-commands.ts';
import { UsageError } from './usage-error.ts';

export interface CalculateOptions {
  inputs: string;
  asOf?: string;
  switch?: string[];
  rules: string;
  json?: boolean;
}

export async function calculateCommand(id: string, o: CalculateOptions): Promise<Output> {
  if (o.asOf !== undefined && !isRealDate(o.asOf))
    throw new UsageError(`--as-of: invalid date '${o.asOf}' (expected YYYY-MM-DD)`);
  const switches = parseSwitches(o.switch ?? []);
  let inputs: unknown;
  try {
    inputs = JSON.parse(await readFile(o.inputs, 'utf8'));
  } catch (e) {
    throw new UsageError(`--inputs: cannot read JSON from '${o.inputs}': ${(e as Error).message}`);
  }
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs))
    throw new UsageError(`--inputs: '${o.inputs}' must hold a JSON object`);
  const rs = await loadRuleSet(o.rules);
  if (!rs.calculations.has(id))
    throw new UsageError(
      `<calculation-id>: unknown calculation '${id}' (known: ${[...rs.calculations.keys()].join(', ') || 'none'})`,
    );
  const model = rs.calculation(id);
  try {
    switchValues(model, switches);
  } catch (e) {
    throw e instanceof RuleQueryError ? new UsageError(`--switch: ${e.message}`) : e;
  }
  const dated = model.evaluatedAt && (inputs as Record<string, unknown>)[model.evaluatedAt] !== undefined;
  if (!o.asOf && !dated)
    throw new UsageError(
      `--as-of: required: ${id} selects its rules by the as-of date${model.evaluatedAt ? ` when the input '${model.evaluatedAt}' is absent` : ''}`,
    );
  const result = runCalculation(rs, id, inputs as Record<string, unknown>, {
    ...(o.asOf ? { asOf: o.asOf } : {}),
    switches,
  });
  if (o.json) return { stdout: JSON.stringify(result, null, 2), exitCode: 0 };
  return { stdout: format(model, result).join('\n'), exitCode: 0 };
}

function format(model: CalculationModel, r: ReturnType<typeof runCalculation>): string[] {
  const lines = [
    `${r.calculation} — ${r.title}`,
    `formula version ${r.formulaVersion} (${r.method}) in force on ${r.date}; ${r.clause}; rule set ${r.ruleSetVersion.slice(0, 12)}`,
    `switches: ${
      Object.entries(r.switches)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'none'
    }`,
    '',
  ];
  const width = Math.max(...model.outputs.map((o) => o.id.length));
  for (const o of model.outputs) {
    const value = r.outputs[o.id];
    if (value === undefined) continue;
    if (o.fields) {
      lines.push(`${o.id}:`);
      for (const row of value as Record<string, unknown>[])
        lines.push(
          `  ${o.fields
            .filter((f) => row[f.id] !== undefined)
            .map((f) => `${f.id} ${show(row[f.id], f)}`)
            .join('  ')}`,
        );
    } else if (Array.isArray(value)) {
      lines.push(`${o.id.padEnd(width)}  ${value.length ? '' : '(none)'}`, ...value.map((v) => `  - ${v}`));
    } else lines.push(`${o.id.padEnd(width)}  ${show(value, o)}`);
  }
  return lines;
}

const show = (value: unknown, o: CalculationOutput) =>
  typeof value === 'number' && o.unit ? `${value.toFixed(o.decimals ?? 0)} ${o.unit}` : String(value);
