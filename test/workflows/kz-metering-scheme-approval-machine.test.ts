// SM-6 of detail/003-part1.md with decisions from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import type { DeadlineRecord } from '../../workflows/case-messages.ts';
import {
  type SchemeApprovalEvent,
  schemeApprovalMachine,
} from '../../workflows/kz-metering-scheme-approval/machine.ts';
import { schemeApprovalMachineV1 } from '../../workflows/kz-metering-scheme-approval/machine-v1.ts';
import { upgradeFromV1 } from '../../workflows/kz-metering-scheme-approval/upgrade-v1.ts';
import { DEADLINE_BREACHED } from '../../workflows/process-definition.ts';
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

  it('is overdue once the review period passes, and still takes the decision then (SM-6, A13)', () => {
    const overdue = run([submitted(), { type: DEADLINE_BREACHED, deadline: 'scheme-review' }]);
    expect(overdue.value).toBe('overdueReview');
    expect(overdue.status).toBe('active');
    const reasons = ['scheme does not show the gas input flow'];
    expect(
      transition(schemeApprovalMachine, overdue, {
        type: 'SCHEME_REFUSED',
        decisions: decide({ refusalReasons: reasons }),
        reasons,
      })[0].value,
    ).toBe('refused');
    expect(
      transition(schemeApprovalMachine, overdue, { type: 'SCHEME_APPROVED', decisions: decide({}) })[0].value,
    ).toBe('approved');
  });

  it('ignores the breach of any other deadline', () => {
    expect(run([submitted(), { type: DEADLINE_BREACHED, deadline: 'another' }]).value).toBe('underReview');
  });
});

describe('upgrading a case from SM-6 before overdueReview (machine-v1)', () => {
  const review = (status: DeadlineRecord['status'], metAt?: string): DeadlineRecord => ({
    id: 'scheme-review',
    kind: 'action',
    startedBy: { type: 'SCHEME_SUBMITTED', at: '2027-01-05T10:00:00+05:00' },
    dueDate: '2027-02-17',
    dueAt: '2027-02-18T00:00:00+05:00',
    status,
    ...(metAt ? { metAt } : {}),
    clause: 'order128 Rules R26.110 ¶2',
  });
  const v1UnderReview = () => {
    const [s] = transition(schemeApprovalMachineV1, initialTransition(schemeApprovalMachineV1)[0], {
      type: 'SCHEME_SUBMITTED',
      decisions: decide({}),
    });
    return { value: s.value, context: s.context as unknown as Record<string, unknown> };
  };

  it('maps a review whose period passed unanswered to overdueReview, keeping the context', () => {
    const state = v1UnderReview();
    const upgraded = upgradeFromV1(state, [review('met', '2027-01-20T10:00:00+05:00'), review('breached')]);
    expect(upgraded).toEqual({ value: 'overdueReview', context: state.context });
    expect(schemeApprovalMachine.resolveState(upgraded as never).value).toBe('overdueReview');
  });

  it('keeps every other state as it is', () => {
    const state = v1UnderReview();
    expect(upgradeFromV1(state, [review('pending')])).toBe(state);
    expect(upgradeFromV1(state, [review('breached', '2027-02-22T10:00:00+05:00')])).toBe(state);
    const approved = { value: 'approved', context: state.context };
    expect(upgradeFromV1(approved, [review('breached')])).toBe(approved);
  });

  it('knows every state of machine-v1 in the new machine', () => {
    for (const name of Object.keys(schemeApprovalMachineV1.root.states))
      expect(Object.keys(schemeApprovalMachine.root.states)).toContain(name);
  });
});
