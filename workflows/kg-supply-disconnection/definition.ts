import type { CaseEvent } from '../case-messages.ts';
import type { Facts, ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { disconnectionMachine } from './machine.ts';

/** What each event establishes, in the rule file's facts. */
const established: Readonly<Record<string, (event: CaseEvent) => Facts>> = {
  PAYMENT_DOCUMENT_RECEIVED: () => ({ paymentDocumentReceived: true }),
  PAYMENT_OVERDUE: () => ({ paymentOverdue: true }),
  DISCONNECTION_NOTICE_SENT: () => ({ disconnectionNoticeSent: true }),
  DISCONNECTED: (event) => ({ disconnectedAt: event.at, supplyStopped: true }),
  DEBT_PAID: () => ({ debtPaid: true, lastPayment: 'debt' }),
  RECONNECTION_FEE_PAID: () => ({ reconnectionFeePaid: true, lastPayment: 'reconnection-fee' }),
  DISPUTE_FILED: () => ({ openDispute: true }),
  DISPUTE_RESOLVED: () => ({ openDispute: false }),
};

export const supplyDisconnection: ProcessDefinition = {
  machine: disconnectionMachine,
  // The household's payment term is judged at the date of the event claiming it has passed.
  dateFacts: ['eventDate'],
  updateFacts(facts, event) {
    const { eventDate: _previous, ...rest } = merge(facts, event.data);
    return { ...rest, ...established[event.type]?.(event) };
  },
  machineEvent: withDecisions,
  guardDecisions: {
    PAYMENT_OVERDUE: 'payment-term-expired',
    DISCONNECTED: 'disconnection-permitted',
    RECONNECTED: 'reconnection-allowed',
  },
  cancels: () => [],
  // The 5 bank days of R§112 ended unpaid: the non-household consumer is in default.
  onBarElapsed: { 'payment-term': { type: 'PAYMENT_OVERDUE', facts: {} } },
};
