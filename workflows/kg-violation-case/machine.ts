// kg.violation.case — a violation of the Rules found at commercial metering (Decree 576 Annex 3), as
// the state machine of detail/004-part2.md §1.13. The act routes the case (decision
// violation-route of rules/kg/violation-case.yaml): outside the Instruction or without the custody
// act to manual handling, a non-fault violation to the standing commission, a consumer-fault one
// into two regions — the settlement (forensic expertise or commission, calculation, invoice,
// payment) and the supply (disconnection and restoration), which run side by side because a §21
// consumer is cut off within 48 hours while the commission is still to sit. Deadlines are armed by
// the workflow; it sends ACT_ENTERED_INTO_FORCE when the 30 forensic days pass and PAYMENT_OVERDUE
// when the invoice's 3 bank days end unpaid. Every condition is a decision read by a named guard.
import { and, assign, or, setup, stateIn } from 'xstate';
import {
  type DecisionValues,
  decisionsAfter,
  decisionValue,
  type Judged,
  type Scalar,
} from '../shared/decisions.ts';

export interface ViolationContext {
  decisions: DecisionValues;
}

export type ViolationEvent =
  | Judged<'ACT_DRAFTED'>
  | Judged<'FORENSIC_CONCLUSION_RECEIVED'>
  | Judged<'ACT_ENTERED_INTO_FORCE'>
  | Judged<'REIMBURSED'>
  | Judged<'COMMISSION_DECIDED'>
  | Judged<'UNMETERED_ENERGY_CALCULATED'>
  | Judged<'INVOICE_DELIVERED'>
  | Judged<'PAID'>
  | Judged<'PAYMENT_OVERDUE'>
  | Judged<'DISCONNECTION_NOTICE_SENT'>
  | Judged<'DISCONNECTED'>
  | Judged<'VIOLATION_ELIMINATED'>
  | Judged<'RECONNECTION_FEE_PAID'>
  | Judged<'SUPPLY_RESTORED'>
  | Judged<'SETTLED_BY_CONTROL_METERING'>
  | Judged<'DISPUTE_FILED'>
  | Judged<'DISPUTE_RESOLVED'>;

type Args = { context: ViolationContext; event: ViolationEvent };
/** A decision at the event being judged. */
const says =
  (id: string, value: Scalar) =>
  ({ event }: Args) =>
    decisionValue(event.decisions, id) === value;
/** A decision recorded by the act, for the routing that follows it. */
const routed =
  (route: string) =>
  ({ context }: Args) =>
    decisionValue(context.decisions, 'violation-route') === route;

const record = { actions: 'recordDecisions' } as const;
// The settlement is over: paid, not confirmed by the expertise, or settled by control metering.
const settlementClosed = or([
  stateIn({ consumerFault: { settlement: 'paid' } }),
  stateIn({ consumerFault: { settlement: 'noCharge' } }),
  stateIn({ consumerFault: { settlement: 'settledByControlMetering' } }),
]);
// Connected (or restored) the consumer may be cut off; once the settlement is over nothing remains.
const supplied = {
  always: { guard: settlementClosed, target: 'supplied' },
  on: { DISCONNECTED: { guard: 'disconnectionPermitted', target: 'disconnected', ...record } },
} as const;
const pay = { PAID: { target: 'paid', ...record } } as const;

export const violationCaseMachine = setup({
  types: { context: {} as ViolationContext, events: {} as ViolationEvent },
  guards: {
    outsideInstructionOrWithoutCustodyAct: says('violation-route', 'manual-review'),
    actDrawnUpAsRequired: says('act-complete', true),
    notTheConsumersFault: says('violation-route', 'non-fault'),
    settledByControlMetering: routed('control-metering'),
    disputedIntegrityViolation: routed('forensic'),
    disputedBeforeCommission: routed('commission'),
    conclusionConfirmsAct: says('forensic-outcome', 'confirmed'),
    reviewTimeHasCome: says('commission-may-decide', true),
    disconnectionPermitted: says('disconnection-permitted', true),
    supplyMayBeRestored: says('restoration-allowed', true),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'violationCase',
  context: { decisions: {} },
  initial: 'drafting',
  states: {
    // Refused while the act lacks a mandatory field (act-complete); outside the Instruction's scope
    // the act's form is not the question, so that route is taken first.
    drafting: {
      on: {
        ACT_DRAFTED: [
          { guard: 'outsideInstructionOrWithoutCustodyAct', target: 'manualReview', ...record },
          {
            guard: and(['actDrawnUpAsRequired', 'notTheConsumersFault']),
            target: 'nonFaultInvestigation',
            ...record,
          },
          { guard: 'actDrawnUpAsRequired', target: 'consumerFault', ...record },
        ],
      },
    },
    // Meters off the consumer's premises, or §18/§19(1) without a custody act (A3 preamble).
    manualReview: { type: 'final' },

    consumerFault: {
      type: 'parallel',
      on: {
        VIOLATION_ELIMINATED: record,
        RECONNECTION_FEE_PAID: record,
        DISPUTE_FILED: record,
        DISPUTE_RESOLVED: record,
      },
      states: {
        settlement: {
          initial: 'routing',
          states: {
            routing: {
              always: [
                { guard: 'settledByControlMetering', target: 'controlMeterSettlement' },
                { guard: 'disputedIntegrityViolation', target: 'awaitingForensic' },
                { guard: 'disputedBeforeCommission', target: 'awaitingCommission' },
                // The consumer agrees: straight to the calculation (004-part2.md §7 item 18).
                { target: 'calculating' },
              ],
            },
            // §18: the seized meter is examined; 30 days, then the act is in force without it.
            awaitingForensic: {
              on: {
                FORENSIC_CONCLUSION_RECEIVED: [
                  { guard: 'conclusionConfirmsAct', target: 'calculating', ...record },
                  { target: 'reimbursing', ...record },
                ],
                ACT_ENTERED_INTO_FORCE: { target: 'calculating', ...record },
              },
            },
            // Not confirmed: the consumer's costs are refunded within ten days, and nothing is charged.
            reimbursing: { on: { REIMBURSED: { target: 'noCharge', ...record } } },
            noCharge: { type: 'final' },
            // §§19-21: the commission sits at the time the act states, attended or not.
            awaitingCommission: {
              on: { COMMISSION_DECIDED: { guard: 'reviewTimeHasCome', target: 'calculating', ...record } },
            },
            // A3-B: the calculation runs on this event (workflows/kg-violation-case/definition.ts).
            calculating: { on: { UNMETERED_ENERGY_CALCULATED: { target: 'calculated', ...record } } },
            calculated: { on: { INVOICE_DELIVERED: { target: 'invoiced', ...record } } },
            // Three bank days; the warning may come with the invoice.
            invoiced: {
              on: {
                ...pay,
                PAYMENT_OVERDUE: { target: 'paymentOverdue', ...record },
                DISCONNECTION_NOTICE_SENT: record,
              },
            },
            // From here a disconnection with prior warning is possible (§32).
            paymentOverdue: { on: { ...pay, DISCONNECTION_NOTICE_SENT: record } },
            paid: { type: 'final' },
            // §§27-28: Section 3 does not apply; the control metering settles the consumption.
            controlMeterSettlement: {
              on: { SETTLED_BY_CONTROL_METERING: { target: 'settledByControlMetering', ...record } },
            },
            settledByControlMetering: { type: 'final' },
          },
        },
        supply: {
          initial: 'connected',
          states: {
            connected: supplied,
            disconnected: {
              on: { SUPPLY_RESTORED: { guard: 'supplyMayBeRestored', target: 'restored', ...record } },
            },
            restored: supplied,
            supplied: { type: 'final' },
          },
        },
      },
      onDone: [
        { guard: stateIn({ consumerFault: { settlement: 'noCharge' } }), target: 'closedNoCharge' },
        { target: 'settled' },
      ],
    },
    settled: { type: 'final' },
    closedNoCharge: { type: 'final' },

    // §§22-26: the standing commission investigates within 3 days, then the licensee puts its
    // equipment right; the settlement by average daily consumption follows (A3 §26, R§99).
    nonFaultInvestigation: {
      on: { COMMISSION_DECIDED: { guard: 'reviewTimeHasCome', target: 'nonFaultElimination', ...record } },
    },
    nonFaultElimination: { on: { VIOLATION_ELIMINATED: { target: 'nonFaultSettlement', ...record } } },
    nonFaultSettlement: { type: 'final' },
  },
});
