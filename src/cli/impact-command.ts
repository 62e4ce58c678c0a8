// `gridcase rules impact <draft-dir>`: what a draft rule set would change for the open cases.
import pg from 'pg';
import { rulesImpact } from '../impact/rules-impact.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import { formatImpact } from './impact-format.ts';
import type { Output } from './rules-commands.ts';

export async function impactCommand(
  draftDir: string,
  o: { rules: string; databaseUrl: string; json?: boolean },
): Promise<Output> {
  const current = await loadRuleSet(o.rules);
  const draft = await loadRuleSet(draftDir);
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 2 });
  try {
    const report = await rulesImpact({ current, draft, pool });
    return { stdout: o.json ? JSON.stringify(report, null, 2) : formatImpact(report), exitCode: 0 };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '42P01')
      return { stderr: `error: no read model in ${o.databaseUrl} (its tables are missing)`, exitCode: 1 };
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28000')
      return { stderr: `error: --database-url: cannot use ${o.databaseUrl} (${code})`, exitCode: 1 };
    throw e;
  } finally {
    await pool.end();
  }
}
