import type { ProcessDefinition } from '../process-definition.ts';
import { merge, reasonsOf, withDecisions } from '../shared/event-data.ts';
import { schemeApprovalMachine } from './machine.ts';
import { schemeApprovalMachineV1 } from './machine-v1.ts';
import { upgradeFromV1 } from './upgrade-v1.ts';

export const meteringSchemeApproval: ProcessDefinition = {
  machine: schemeApprovalMachine,
  previous: {
    patch: 'kz.metering.scheme-approval/overdue-review',
    machine: schemeApprovalMachineV1,
    migrate: upgradeFromV1,
  },
  dateFacts: [],
  updateFacts(facts, event) {
    const next = merge(facts, event.data, ['reasons']);
    return event.type === 'SCHEME_REFUSED' ? { ...next, refusalReasons: reasonsOf(event) } : next;
  },
  machineEvent(event, decisions) {
    return event.type === 'SCHEME_REFUSED'
      ? { type: event.type, decisions, reasons: reasonsOf(event) }
      : withDecisions(event, decisions);
  },
  guardDecisions: { SCHEME_REFUSED: 'refusal-reasoned' },
  cancels: () => [],
  onBarElapsed: {},
};
