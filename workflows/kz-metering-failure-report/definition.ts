import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { failureReportMachine } from './machine.ts';

export const meteringFailureReport: ProcessDefinition = {
  machine: failureReportMachine,
  dateFacts: [],
  updateFacts(facts, event) {
    const next = merge(facts, event.data);
    // B7(a): the detection is kept beside the occurrence, and stands in for it when it is unknown.
    return event.type === 'FAILURE_DETECTED' ? { ...next, detectedAt: event.at } : next;
  },
  machineEvent: withDecisions,
  guardDecisions: { FAILURE_DETECTED: 'failure-report-valid', TECH_BREAK_PLANNED: 'break-plan-valid' },
  cancels: (event) => {
    // A fault eliminated leaves no time-frame to report [I]; a break called off, nothing to agree.
    if (event.type === 'RESOLVED') return ['repair-timeframe'];
    if (event.type === 'TECH_BREAK_CANCELLED') return ['tech-break-agreement'];
    return [];
  },
  onBarElapsed: {},
};
