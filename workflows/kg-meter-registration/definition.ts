import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { meterRegistrationMachine } from './machine.ts';

export const meterRegistration: ProcessDefinition = {
  machine: meterRegistrationMachine,
  dateFacts: [],
  updateFacts(facts, event) {
    const next = merge(facts, event.data);
    return event.type === 'METER_REGISTERED' ? { ...next, meteringRegistered: true } : next;
  },
  machineEvent: withDecisions,
  guardDecisions: { METER_REGISTERED: 'registration-acceptable' },
  cancels: () => [],
  onBarElapsed: {},
};
