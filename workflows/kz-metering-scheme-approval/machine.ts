// kz.metering.scheme-approval — a metering-device installation scheme reviewed by the authorized
// body (2026 Rules R26.110; SM-6 of detail/003-part1.md). The 30-working-day review is a deadline
// of rules/kz/metering-scheme-approval.yaml; when it passes without a decision the case is in
// overdueReview (SM-6 `overdue_review`): still awaiting a decision, never a deemed approval (A13).
import { assign, setup } from 'xstate';
import { DEADLINE_BREACHED, type DeadlineBreached } from '../process-definition.ts';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface SchemeApprovalContext {
  decisions: DecisionValues;
  /** Reasons of the latest refusal. */
  reasons: readonly string[];
}

export type SchemeApprovalEvent =
  | { type: 'SCHEME_SUBMITTED'; decisions: DecisionValues }
  | { type: 'SCHEME_APPROVED'; decisions: DecisionValues }
  | { type: 'SCHEME_REFUSED'; decisions: DecisionValues; reasons: readonly string[] }
  | DeadlineBreached;

/** Guards and actions of every version of the machine (machine-v1.ts runs in older cases). */
export const schemeApproval = setup({
  types: { context: {} as SchemeApprovalContext, events: {} as SchemeApprovalEvent },
  guards: {
    refusalReasoned: ({ event }) =>
      'decisions' in event && decisionValue(event.decisions, 'refusal-reasoned') === true,
    reviewPeriodPassed: ({ event }) => event.type === DEADLINE_BREACHED && event.deadline === 'scheme-review',
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordReasons: assign({ reasons: ({ event }) => ('reasons' in event ? event.reasons : []) }),
  },
});

/** The authorized body agrees, or refuses with reasons (R26.110). */
export const reviewDecision = {
  SCHEME_APPROVED: { target: 'approved', actions: 'recordDecisions' },
  SCHEME_REFUSED: {
    guard: 'refusalReasoned',
    target: 'refused',
    actions: ['recordDecisions', 'recordReasons'],
  },
} as const;

export const schemeApprovalMachine = schemeApproval.createMachine({
  id: 'meteringSchemeApproval',
  context: { decisions: {}, reasons: [] },
  initial: 'draft',
  states: {
    draft: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    underReview: {
      on: {
        ...reviewDecision,
        [DEADLINE_BREACHED]: { guard: 'reviewPeriodPassed', target: 'overdueReview' },
      },
    },
    // SM-6 overdue_review [I]: the 30 working days passed (the breach is recorded on the deadline);
    // the body must still agree or refuse.
    overdueReview: { on: reviewDecision },
    // A new submission after a refusal starts a new review [I].
    refused: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    approved: { type: 'final' },
  },
});
