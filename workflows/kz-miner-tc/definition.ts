import type { Facts, ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { isConnectable, minerTcMachine } from './machine.ts';

export const minerTc: ProcessDefinition = {
  machine: minerTcMachine,
  dateFacts: ['tcIssueDate'],
  updateFacts(facts, event) {
    const next = merge(facts, event.data);
    switch (event.type) {
      case 'TC_ISSUED': {
        // The issue date is the event's own date unless the TC states another.
        const { tcIssueDate: _planned, ...rest } = next;
        return {
          ...rest,
          ...(event.data?.tcIssueDate ? { tcIssueDate: event.data.tcIssueDate } : {}),
          tcIssued: true,
        };
      }
      case 'SCHEME_AGREED':
      case 'SCHEME_NOT_AGREED':
        return {
          ...next,
          externalScheme: { ...(next.externalScheme as Facts), agreedByEto: event.type === 'SCHEME_AGREED' },
        };
      case 'SO_AGREED':
        return { ...next, soAgreement: 'agreed' };
      case 'SO_NOT_AGREED':
        return { ...next, soAgreement: 'not-agreed' };
      case 'TC_EXPIRED':
        return { ...next, tcExpired: true };
      default:
        return next;
    }
  },
  machineEvent: withDecisions,
  guardDecisions: { TC_DRAFTED: 'tc-content-complete' },
  cancels: () => [],
  onBarElapsed: {},
  outputs: (snapshot) => ({ connectable: isConnectable(snapshot as Parameters<typeof isConnectable>[0]) }),
};
