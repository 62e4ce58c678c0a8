// kz.metering.scheme-approval — a metering-device installation scheme reviewed by the authorized
// body (2026 Rules R26.110; SM-6 of detail/003-part1.md). The 30-working-day review is a deadline
// of rules/kz/metering-scheme-approval.yaml; its breach is recorded, never a deemed approval (A13).
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionValue } from '../shared/decisions.ts';

export interface SchemeApprovalContext {
  decisions: DecisionValues;
  /** Reasons of the latest refusal. */
  reasons: readonly string[];
}

export type SchemeApprovalEvent =
  | { type: 'SCHEME_SUBMITTED'; decisions: DecisionValues }
  | { type: 'SCHEME_APPROVED'; decisions: DecisionValues }
  | { type: 'SCHEME_REFUSED'; decisions: DecisionValues; reasons: readonly string[] };

export const schemeApprovalMachine = setup({
  types: { context: {} as SchemeApprovalContext, events: {} as SchemeApprovalEvent },
  guards: {
    refusalReasoned: ({ event }) => decisionValue(event.decisions, 'refusal-reasoned') === true,
  },
  actions: {
    recordDecisions: assign({
      decisions: ({ context, event }) => ({ ...context.decisions, ...event.decisions }),
    }),
    recordReasons: assign({ reasons: ({ event }) => ('reasons' in event ? event.reasons : []) }),
  },
}).createMachine({
  id: 'meteringSchemeApproval',
  context: { decisions: {}, reasons: [] },
  initial: 'draft',
  states: {
    draft: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    underReview: {
      on: {
        SCHEME_APPROVED: { target: 'approved', actions: 'recordDecisions' },
        SCHEME_REFUSED: {
          guard: 'refusalReasoned',
          target: 'refused',
          actions: ['recordDecisions', 'recordReasons'],
        },
      },
    },
    // A new submission after a refusal starts a new review [I].
    refused: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    approved: { type: 'final' },
  },
});
