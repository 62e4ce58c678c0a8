import type { CaseEvent } from '../case-messages.ts';
import type { Facts, ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { plannedInterruptionMachine } from './machine.ts';

/** What each event establishes, in the rule file's facts (plannedAt comes with the event's data). */
const established: Readonly<Record<string, (event: CaseEvent) => Facts>> = {
  CONSUMER_AGREED: () => ({ timeAgreed: true }),
  TIME_SET_BY_LICENSEE: () => ({ timeSetByLicensee: true }),
  SUPPLY_INTERRUPTED: (event) => ({ interruptedAt: event.at }),
};

export const supplyPlannedInterruption: ProcessDefinition = {
  machine: plannedInterruptionMachine,
  dateFacts: [],
  updateFacts: (facts, event) => ({ ...merge(facts, event.data), ...established[event.type]?.(event) }),
  machineEvent: withDecisions,
  guardDecisions: {
    TIME_SET_BY_LICENSEE: 'licensee-may-set-time',
    SUPPLY_INTERRUPTED: 'interruption-permitted',
  },
  cancels: () => [],
  onBarElapsed: {},
  // R§118: the consumer did not agree within 5 days, so the licensee may set the time itself.
  onBreached: {
    'consumer-agreement': { type: 'AGREEMENT_WINDOW_CLOSED', facts: { agreementWindowClosed: true } },
  },
};
