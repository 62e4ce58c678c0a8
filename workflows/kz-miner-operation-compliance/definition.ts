import type { ProcessDefinition } from '../process-definition.ts';
import { merge } from '../shared/event-data.ts';
import { intervalsProblem } from './evidence.ts';
import { operationComplianceMachine } from './machine.ts';

export const minerOperationCompliance: ProcessDefinition = {
  machine: operationComplianceMachine,
  dateFacts: [],
  // `inspection` follows the open suspicion: scheduled, then cleared by NO_FINDING (judged with the
  // facts after it, so the clearance itself still counts as inspected); a new suspicion starts over.
  updateFacts(facts, event) {
    switch (event.type) {
      case 'SUSPICION_RAISED':
        return {
          ...merge(facts, event.data),
          ...(facts.inspection === 'cleared' ? { inspection: 'none' } : {}),
        };
      case 'INSPECTION_SCHEDULED':
        return { ...merge(facts, event.data), inspection: 'scheduled' };
      case 'NO_FINDING':
        return {
          ...merge(facts, event.data),
          ...(facts.inspection === 'scheduled' ? { inspection: 'cleared' } : {}),
        };
      // FINDING {kind, dpcCapacityKw}: checked as the input object `finding`, each field named.
      case 'FINDING':
        return { ...facts, finding: event.data ?? {} };
      default:
        return merge(facts, event.data);
    }
  },
  machineEvent(event, decisions) {
    const judged = { type: event.type, decisions, at: event.at };
    if (event.type === 'SUSPICION_RAISED') {
      const problem = intervalsProblem(event);
      const signal = (event.data?.evidence as { signal?: string } | undefined)?.signal ?? '';
      return { ...judged, signal, ...(problem ? { problem } : {}) };
    }
    if (event.type === 'FINDING') return { ...judged, kind: String(event.data?.kind ?? '') };
    return judged;
  },
  guardDecisions: {
    SUSPICION_RAISED: 'suspicion-founded',
    FINDING: 'finding-recordable',
    NO_FINDING: 'inspection-scheduled',
  },
  refusalDetail: (event) => (event.type === 'SUSPICION_RAISED' ? intervalsProblem(event) : undefined),
  cancels: () => [],
  onBarElapsed: {},
  // A confirmed violation forbids operation (Req p.11): the energization case learns it as P11_FINDING.
  sends: [{ onEntering: 'violationConfirmed', to: 'energizationCase', type: 'P11_FINDING' }],
};
