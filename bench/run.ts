// Prints GridCase's performance figures: `npm run bench`.
import os from 'node:os';
import { DEFAULT_RULES_DIR } from '../src/rules/default-rules-dir.ts';
import { loadRuleSet } from '../src/rules/load-rule-set.ts';
import { benchDeadlines } from './deadlines.ts';
import { benchDecisions } from './decisions.ts';

const rules = process.argv[2] ?? DEFAULT_RULES_DIR;
const ruleSet = await loadRuleSet(rules);
console.log(
  `GridCase bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, rule set ${ruleSet.version.slice(0, 12)}\n`,
);
for (const calendar of ruleSet.calendars.values()) console.log(`${benchDeadlines(calendar).join('\n')}\n`);
console.log((await benchDecisions(ruleSet)).join('\n'));
