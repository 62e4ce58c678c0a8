import { DEFAULT_RULES_DIR } from '../../src/rules/default-rules-dir.ts';
import { loadRuleSet } from '../../src/rules/load-rule-set.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';

export { DEFAULT_RULES_DIR as RULES_DIR } from '../../src/rules/default-rules-dir.ts';

let shipped: Promise<RuleSet> | undefined;

/** The rule set shipped in rules/, loaded once per test file. */
export function shippedRuleSet(): Promise<RuleSet> {
  shipped ??= loadRuleSet(DEFAULT_RULES_DIR);
  return shipped;
}
