// `rules impact` as a library: for every open case of the read model, what a draft rule set would
// change against the current one. The CLI prints it; an API can return it as it is.
import type pg from 'pg';
import { diffRuleSets } from '../rules/diff.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { type CaseImpact, caseImpact } from './case-impact.ts';
import { readOpenCases } from './stored-cases.ts';

export interface ImpactReport {
  currentVersion: string;
  draftVersion: string;
  /** How many items `rules diff` reports between the two rule sets. */
  ruleChanges: number;
  openCases: number;
  /** Open cases without an accepted event: they have no case date yet and take the draft in full. */
  notStarted: string[];
  /** Only the cases something changes for, by case id. */
  affected: CaseImpact[];
}

export async function rulesImpact(options: {
  current: RuleSet;
  draft: RuleSet;
  pool: pg.Pool;
  /** The instant against which moved or new deadlines are flagged as already overdue. */
  now?: number;
}): Promise<ImpactReport> {
  const { current, draft } = options;
  const now = options.now ?? Date.now();
  const cases = await readOpenCases(options.pool);
  return {
    currentVersion: current.version,
    draftVersion: draft.version,
    ruleChanges: diffRuleSets(current, draft).length,
    openCases: cases.length,
    notStarted: cases.filter((c) => c.events.length === 0).map((c) => c.caseId),
    affected: cases.flatMap((c) => caseImpact(c, current, draft, now) ?? []),
  };
}
