// kg.connection.admission — admission to operation and connection of new or reconstructed
// installations (Decree 576 ch. 4), as the state machine SM-1 of detail/004-part1.md up to the
// connection; meter registration after it is kg.meter.registration. Every condition (documents,
// inspection grounds, order and connection preconditions) is a decision of
// rules/kg/connection-admission.yaml; the 5-day connection deadline is armed by the workflow.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionHolds, decisionsAfter } from '../shared/decisions.ts';

export interface AdmissionContext {
  decisions: DecisionValues;
}

type WithDecisions = { decisions: DecisionValues };
export type AdmissionEvent =
  | { type: 'SUPV_ACCEPT_TRENCH' }
  | { type: 'SUPV_ACCEPT_LAID_CABLE' }
  | { type: 'BACKFILL' }
  | ({ type: 'SUBMIT_ACCEPTANCE_ACT' } & WithDecisions)
  | { type: 'PRESENT_DOCS_AND_ALLOW_INSPECTION' }
  | ({ type: 'INSPECTION_ACT' } & WithDecisions)
  | { type: 'DEFECTS_ELIMINATED' }
  | ({ type: 'ISSUE_CONNECTION_ORDER' } & WithDecisions)
  | ({ type: 'VOLTAGE_APPLIED' } & WithDecisions);

const holds = decisionHolds;

export const admissionMachine = setup({
  types: { context: {} as AdmissionContext, events: {} as AdmissionEvent },
  guards: {
    acceptanceDocumentsComplete: holds('acceptance-documents-complete'),
    noViolationsAndStaffArranged: holds('commissioning-permitted'),
    orderMayIssue: holds('order-may-issue'),
    commercialMeteringInstalled: holds('connection-permitted'),
  },
  actions: { recordDecisions: assign({ decisions: decisionsAfter }) },
}).createMachine({
  id: 'connectionAdmission',
  context: { decisions: {} },
  initial: 'draft',
  states: {
    draft: {
      // The R§26 hold points of a cable line, in order; without a cable line they stay unused.
      initial: 'trenchPending',
      states: {
        trenchPending: {
          on: { SUPV_ACCEPT_TRENCH: 'cableLaying', BACKFILL: 'hiddenWorksUnverified' },
        },
        cableLaying: {
          on: { SUPV_ACCEPT_LAID_CABLE: 'backfillAllowed', BACKFILL: 'hiddenWorksUnverified' },
        },
        backfillAllowed: { on: { BACKFILL: 'backfilled' } },
        backfilled: {},
        // Backfilled before the laid cable was accepted: RF11 at the inspection [I].
        hiddenWorksUnverified: {},
      },
      on: {
        SUBMIT_ACCEPTANCE_ACT: {
          guard: 'acceptanceDocumentsComplete',
          target: 'readyForSupv',
          actions: 'recordDecisions',
        },
      },
    },
    readyForSupv: { on: { PRESENT_DOCS_AND_ALLOW_INSPECTION: 'underInspection' } },
    // No statutory deadline for the inspection (004-part1.md P1).
    underInspection: {
      on: {
        INSPECTION_ACT: [
          { guard: 'noViolationsAndStaffArranged', target: 'inspectionPassed', actions: 'recordDecisions' },
          { target: 'commissioningProhibited', actions: 'recordDecisions' },
        ],
      },
    },
    // Until the defects are eliminated (R§28) — then at once ready again: no lockout, no wait.
    commissioningProhibited: { on: { DEFECTS_ELIMINATED: 'readyForSupv' } },
    inspectionPassed: {
      on: {
        ISSUE_CONNECTION_ORDER: { guard: 'orderMayIssue', target: 'orderIssued', actions: 'recordDecisions' },
      },
    },
    // The order does not lapse when the 5 days pass (004-part1.md §6 #9).
    orderIssued: {
      on: {
        VOLTAGE_APPLIED: {
          guard: 'commercialMeteringInstalled',
          target: 'energizedUnregistered',
          actions: 'recordDecisions',
        },
      },
    },
    // Connected; billed by contract capacity until the meter is registered (kg.meter.registration).
    energizedUnregistered: { type: 'final' },
  },
});
