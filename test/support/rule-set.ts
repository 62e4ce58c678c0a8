import { fileURLToPath } from 'node:url';
import { loadRuleSet } from '../../src/rules/load-rule-set.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';

export const RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

let shipped: Promise<RuleSet> | undefined;

/** The rule set shipped in rules/, loaded once per test file. */
export function shippedRuleSet(): Promise<RuleSet> {
  shipped ??= loadRuleSet(RULES_DIR);
  return shipped;
}
