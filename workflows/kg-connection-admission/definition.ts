import type { ProcessDefinition } from '../process-definition.ts';
import { listIn, merge, withDecisions } from '../shared/event-data.ts';
import { admissionMachine } from './machine.ts';

export const connectionAdmission: ProcessDefinition = {
  machine: admissionMachine,
  dateFacts: [],
  updateFacts(facts, event) {
    const next = merge(facts, event.data, ['violations']);
    // Each inspection act replaces the previous one's findings; an act without any means none.
    if (event.type === 'INSPECTION_ACT') return { ...next, violations: listIn(event, 'violations') };
    if (event.type === 'SUPV_ACCEPT_LAID_CABLE') return { ...next, hiddenWorksAccepted: true };
    return next;
  },
  machineEvent: withDecisions,
  guardDecisions: {
    SUBMIT_ACCEPTANCE_ACT: 'acceptance-documents-complete',
    ISSUE_CONNECTION_ORDER: 'order-may-issue',
    VOLTAGE_APPLIED: 'connection-permitted',
  },
  cancels: () => [],
  onBarElapsed: {},
};
