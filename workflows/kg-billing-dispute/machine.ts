// kg.billing.dispute — a consumer's R§95 application about errors in a payment document and the
// licensee's review (Decree 576), as the dispute region of SM-3 of detail/004-part1.md with the
// escalation of SM-5 (R§55, applied to these disputes by P16 [I]). The 3- and 10-day deadlines
// are armed by the workflow from rules/kg/billing-dispute.yaml, which also sends
// DISPUTE_REPLY_OVERDUE when the reply deadline passes unmet.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface DisputeContext {
  decisions: DecisionValues;
}

type WithDecisions = { decisions: DecisionValues };
export type DisputeEvent =
  | ({ type: 'PAYMENT_DOCUMENT_RECEIVED' } & WithDecisions)
  | ({ type: 'DISPUTE_FILED' } & WithDecisions)
  | { type: 'DISPUTE_UPHELD' }
  | { type: 'DISPUTE_REJECTED' }
  | { type: 'DISPUTE_REPLY_OVERDUE' }
  | { type: 'ESCALATE_TO_SUPV' }
  | { type: 'SUPV_DECISION' };

export const billingDisputeMachine = setup({
  types: { context: {} as DisputeContext, events: {} as DisputeEvent },
  guards: {
    objectsToErrorsOrReadings: ({ event }) =>
      'decisions' in event && decisionValue(event.decisions, 'dispute-grounds-stated') === true,
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'billingDispute',
  context: { decisions: {} },
  initial: 'issued',
  states: {
    issued: { on: { PAYMENT_DOCUMENT_RECEIVED: { target: 'open', actions: 'recordDecisions' } } },
    // A late application is accepted: its lateness is the filing deadline's breach (P10).
    open: {
      on: {
        DISPUTE_FILED: {
          guard: 'objectsToErrorsOrReadings',
          target: 'underReview',
          actions: 'recordDecisions',
        },
      },
    },
    underReview: {
      on: {
        DISPUTE_UPHELD: 'upheld',
        DISPUTE_REJECTED: 'rejected',
        DISPUTE_REPLY_OVERDUE: 'replyOverdue',
      },
    },
    // No reply within 10 days: the consumer may turn to the supervision body; a late reply still counts.
    replyOverdue: {
      on: { DISPUTE_UPHELD: 'upheld', DISPUTE_REJECTED: 'rejected', ESCALATE_TO_SUPV: 'atSupv' },
    },
    // The consumer pays the remaining sum (kg.supply.disconnection), or finds the reply unsatisfactory.
    rejected: { on: { ESCALATE_TO_SUPV: 'atSupv' } },
    // No deadline for the supervision body in the text (P16).
    atSupv: { on: { SUPV_DECISION: 'decided' } },
    // The corrected payment document is issued; disputing it is a new case.
    upheld: { type: 'final' },
    decided: { type: 'final' },
  },
});
