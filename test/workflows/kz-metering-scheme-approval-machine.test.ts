// SM-6 of detail/003-part1.md with decisions from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  type SchemeApprovalEvent,
  schemeApprovalMachine,
} from '../../workflows/kz-metering-scheme-approval/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

function decide(facts: Record<string, unknown>): DecisionValues {
  const view = rules.at('2027-02-01').process('kz.metering.scheme-approval');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}

const run = (events: SchemeApprovalEvent[]) => runMachine(schemeApprovalMachine, events);

describe('kz.metering.scheme-approval state machine (SM-6)', () => {
  const submitted = (): SchemeApprovalEvent => ({ type: 'SCHEME_SUBMITTED', decisions: decide({}) });

  it('agrees a scheme under review, and then accepts nothing more', () => {
    const s = run([submitted(), { type: 'SCHEME_APPROVED', decisions: decide({}) }]);
    expect(s.value).toBe('approved');
    expect(s.status).toBe('done');
  });

  it('refuses only with reasons, and takes a new submission after a refusal', () => {
    const underReview = run([submitted()]);
    expect(
      underReview.can({ type: 'SCHEME_REFUSED', decisions: decide({ refusalReasons: [] }), reasons: [] }),
    ).toBe(false);
    const reasons = ["input flow 'water' not metered"];
    const refused = transition(schemeApprovalMachine, underReview, {
      type: 'SCHEME_REFUSED',
      decisions: decide({ refusalReasons: reasons }),
      reasons,
    })[0];
    expect(refused.value).toBe('refused');
    expect(refused.context.reasons).toEqual(reasons);
    expect(transition(schemeApprovalMachine, refused, submitted())[0].value).toBe('underReview');
  });

  it('does not approve or refuse a scheme that was never submitted', () => {
    const draft = run([]);
    expect(draft.can({ type: 'SCHEME_APPROVED', decisions: {} })).toBe(false);
    expect(draft.can({ type: 'SCHEME_REFUSED', decisions: {}, reasons: ['x'] })).toBe(false);
  });
});
