import type { ProcessDefinition } from '../process-definition.ts';
import { merge, remarksOf, withDecisions } from '../shared/event-data.ts';
import { minerEnergizationMachine } from './machine.ts';

export const minerEnergization: ProcessDefinition = {
  machine: minerEnergizationMachine,
  dateFacts: ['connectionDate'],
  updateFacts(facts, event) {
    // Each event is judged at its own date (the p.10 gate reads the connection date, A10).
    const { connectionDate: _previous, ...rest } = merge(facts, event.data, ['remarks']);
    if (event.type === 'INSPECTION_DONE')
      return { ...rest, initialRemarks: remarksOf(event), reinspectionRemarks: [] };
    if (event.type === 'REINSPECTION_DONE') return { ...rest, reinspectionRemarks: remarksOf(event) };
    if (event.type === 'P11_FINDING' || event.type === 'FINDING_CLEARED')
      return { ...rest, p11Impediment: event.type === 'P11_FINDING' };
    return rest;
  },
  machineEvent(event, decisions) {
    return event.type === 'INSPECTION_DONE' || event.type === 'REINSPECTION_DONE'
      ? { type: event.type, decisions, remarks: remarksOf(event) }
      : withDecisions(event, decisions);
  },
  guardDecisions: { REINSPECTION_DONE: 'remarks-subset-of-initial', ENERGIZED: 'can-energize' },
  refusalDetail(event, facts) {
    if (event.type !== 'REINSPECTION_DONE') return undefined;
    const initial = Array.isArray(facts.initialRemarks) ? (facts.initialRemarks as string[]) : [];
    const added = remarksOf(event).filter((r) => !initial.includes(r));
    return added.length
      ? `remarks ${added.join(', ')} not in the initial remarks (${initial.join(', ') || 'none'})`
      : undefined;
  },
  // Remarks at the inspection end the 3-working-day energization duty (SM-2, [I]).
  cancels: (event) =>
    event.type === 'INSPECTION_DONE' && remarksOf(event).length > 0 ? ['energization'] : [],
  // A11: while a precondition is missing the energization duty does not run.
  suspendedIn: { awaitingPreconditions: ['energization'] },
  onBarElapsed: { 'reinspection-lockout': { type: 'LOCKOUT_ELAPSED', facts: { lockoutElapsed: true } } },
  // The TC case decides whether the miner may be connected (catalogue §2; Req p.4 ¶3): an SO
  // agreement arriving later unblocks an energization waiting for it.
  related: {
    tcCase: {
      facts: (outputs) => ({ connectable: outputs.connectable === true }),
      recheckWith: 'PRECONDITIONS_MET',
    },
  },
};
