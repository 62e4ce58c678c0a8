import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { billingDisputeMachine } from './machine.ts';

export const billingDispute: ProcessDefinition = {
  machine: billingDisputeMachine,
  dateFacts: [],
  updateFacts: (facts, event) => merge(facts, event.data),
  machineEvent: withDecisions,
  guardDecisions: { DISPUTE_FILED: 'dispute-grounds-stated' },
  cancels: () => [],
  onBarElapsed: {},
  onBreached: { 'dispute-answer': { type: 'DISPUTE_REPLY_OVERDUE', facts: {} } },
};
