// kg.supply.disconnection — disconnection for non-payment and reconnection, as the state machines
// SM-3 (non-household) and SM-4 (household) of detail/004-part1.md. The notice periods are bars of
// rules/kg/supply-disconnection.yaml (the workflow refuses a disconnection before they end, and
// records PAYMENT_OVERDUE when a non-household consumer's 5 bank days end); every other condition
// (overdue, warned, no open dispute, not before the printed time, debt and fee paid) is a decision
// of that file read by a named guard.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue, type Judged } from '../shared/decisions.ts';

export interface DisconnectionContext {
  decisions: DecisionValues;
}

export type DisconnectionEvent =
  | Judged<'PAYMENT_DOCUMENT_RECEIVED'>
  | Judged<'PAYMENT_OVERDUE'>
  | Judged<'DISCONNECTION_NOTICE_SENT'>
  | Judged<'DISCONNECTED'>
  | Judged<'DEBT_PAID'>
  | Judged<'RECONNECTION_FEE_PAID'>
  | Judged<'RECONNECTED'>
  | Judged<'DISPUTE_FILED'>
  | Judged<'DISPUTE_RESOLVED'>;

type Args = { event: DisconnectionEvent };
const holds =
  (id: string) =>
  ({ event }: Args) =>
    decisionValue(event.decisions, id) === true;

const record = { actions: 'recordDecisions' } as const;
// Before the disconnection: warnings may be repeated (each starts the notice period again) and
// disputes opened or resolved (A2 §15) without changing where the case stands.
const whileUnpaid = {
  DISCONNECTION_NOTICE_SENT: record,
  DISPUTE_FILED: record,
  DISPUTE_RESOLVED: record,
} as const;
const reconnect = { RECONNECTED: { guard: 'debtAndFeePaid', target: 'reconnected', ...record } } as const;

export const disconnectionMachine = setup({
  types: { context: {} as DisconnectionContext, events: {} as DisconnectionEvent },
  guards: {
    paymentTermExpired: holds('payment-term-expired'),
    disconnectionPermitted: holds('disconnection-permitted'),
    debtAndFeePaid: holds('reconnection-allowed'),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'supplyDisconnection',
  context: { decisions: {} },
  initial: 'awaitingPaymentDocument',
  states: {
    // A household's contract term can pass without a recorded payment document (TS-3).
    awaitingPaymentDocument: {
      on: {
        PAYMENT_DOCUMENT_RECEIVED: { target: 'paymentDue', ...record },
        PAYMENT_OVERDUE: { guard: 'paymentTermExpired', target: 'overdue', ...record },
      },
    },
    paymentDue: {
      on: {
        ...whileUnpaid,
        PAYMENT_OVERDUE: { guard: 'paymentTermExpired', target: 'overdue', ...record },
        // Refused here by its guard: the payment is not overdue yet (R§112, R§113).
        DISCONNECTED: { guard: 'disconnectionPermitted', target: 'disconnected', ...record },
        DEBT_PAID: { target: 'paid', ...record },
      },
    },
    overdue: {
      on: {
        ...whileUnpaid,
        DISCONNECTED: { guard: 'disconnectionPermitted', target: 'disconnected', ...record },
        DEBT_PAID: { target: 'paid', ...record },
      },
    },
    // Supply stays stopped until the debt is paid; the consumer is reconnected after the debt and
    // the reconnection fee are paid (R§116), within 5 days (R§117, deadline reconnection).
    disconnected: {
      on: {
        ...reconnect,
        DEBT_PAID: { target: 'debtCleared', ...record },
        RECONNECTION_FEE_PAID: { target: 'feePaid', ...record },
      },
    },
    debtCleared: {
      on: { ...reconnect, RECONNECTION_FEE_PAID: { target: 'awaitingReconnection', ...record } },
    },
    feePaid: { on: { ...reconnect, DEBT_PAID: { target: 'awaitingReconnection', ...record } } },
    awaitingReconnection: { on: reconnect },
    paid: { type: 'final' },
    reconnected: { type: 'final' },
  },
});
