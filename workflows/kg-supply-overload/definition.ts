import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { overloadMachine } from './machine.ts';

// Every event carries its measurements (measuredLoadKw, retainedLoadKw) as data.
export const supplyOverload: ProcessDefinition = {
  machine: overloadMachine,
  dateFacts: [],
  updateFacts: (facts, event) => merge(facts, event.data),
  machineEvent: withDecisions,
  guardDecisions: {
    OVERLOAD_WARNING_SENT: 'overload',
    LOAD_REDUCED: 'overload',
    PARTIAL_DISCONNECTION: 'partial-disconnection-lawful',
  },
  cancels: () => [],
  onBarElapsed: {},
};
