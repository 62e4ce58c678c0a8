import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { askueConnectionTcMachine } from './machine.ts';

export const askueConnectionTc: ProcessDefinition = {
  machine: askueConnectionTcMachine,
  dateFacts: [],
  // A submission carries its attachments; a resubmission states them all again.
  updateFacts: (facts, event) => merge(facts, event.data),
  machineEvent: withDecisions,
  guardDecisions: {},
  cancels: () => [],
  onBarElapsed: {},
};
