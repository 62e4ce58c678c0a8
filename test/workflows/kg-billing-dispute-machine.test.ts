// The dispute region of SM-3 with the SM-5 escalation (detail/004-part1.md P10, P16), with
// decisions from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { billingDisputeMachine, type DisputeEvent } from '../../workflows/kg-billing-dispute/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

function decide(facts: Record<string, unknown>): DecisionValues {
  const view = rules.at('2025-10-08').process('kg.billing.dispute');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}

const run = (events: DisputeEvent[]) => runMachine(billingDisputeMachine, events);
const filed = (): DisputeEvent[] => [
  { type: 'PAYMENT_DOCUMENT_RECEIVED', decisions: decide({}) },
  { type: 'DISPUTE_FILED', decisions: decide({ disputeGrounds: ['reading-inaccuracy'] }) },
];

describe('kg.billing.dispute state machine (SM-3 dispute region, SM-5)', () => {
  it('takes an application only after the payment document is received, and only with grounds', () => {
    const grounds = decide({ disputeGrounds: ['calculation-error'] });
    expect(run([]).can({ type: 'DISPUTE_FILED', decisions: grounds })).toBe(false);
    const open = run([{ type: 'PAYMENT_DOCUMENT_RECEIVED', decisions: decide({}) }]);
    expect(open.value).toBe('open');
    const none = decide({ disputeGrounds: [] });
    expect(none['dispute-grounds-stated']).toMatchObject({ value: false, codes: ['R95-NO-GROUNDS'] });
    expect(open.can({ type: 'DISPUTE_FILED', decisions: none })).toBe(false);
    expect(open.can({ type: 'DISPUTE_FILED', decisions: grounds })).toBe(true);
  });

  it('TS-5: a rejected dispute may be escalated; an upheld one is closed', () => {
    const rejected = run([...filed(), { type: 'DISPUTE_REJECTED' }]);
    expect(rejected.value).toBe('rejected');
    const decided = run([
      ...filed(),
      { type: 'DISPUTE_REJECTED' },
      { type: 'ESCALATE_TO_SUPV' },
      { type: 'SUPV_DECISION' },
    ]);
    expect(decided.value).toBe('decided');
    expect(decided.status).toBe('done');
    const upheld = run([...filed(), { type: 'DISPUTE_UPHELD' }]);
    expect(upheld.value).toBe('upheld');
    expect(upheld.status).toBe('done');
  });

  it('refuses escalation while the licensee is within its 10 days, allows it once the reply is overdue', () => {
    expect(run(filed()).can({ type: 'ESCALATE_TO_SUPV' })).toBe(false);
    const overdue = run([...filed(), { type: 'DISPUTE_REPLY_OVERDUE' }]);
    expect(overdue.value).toBe('replyOverdue');
    expect(overdue.can({ type: 'ESCALATE_TO_SUPV' })).toBe(true);
    expect(run([...filed(), { type: 'DISPUTE_REPLY_OVERDUE' }, { type: 'DISPUTE_REJECTED' }]).value).toBe(
      'rejected',
    );
  });
});
