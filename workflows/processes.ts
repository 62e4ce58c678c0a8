// What the generic case workflow needs to know of each process beyond its rule file: its machine,
// how an event's data becomes facts, which decision explains a refused guard, and how the process
// reacts when a bar ends. Pure and deterministic: it runs inside workflow code.
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CaseEvent } from './case-messages.ts';
import { schemeApprovalMachine } from './kz-metering-scheme-approval/machine.ts';
import { minerEnergizationMachine } from './kz-miner-energization/machine.ts';
import { isConnectable, minerTcMachine } from './kz-miner-tc/machine.ts';
import type { DecisionValues } from './shared/decisions.ts';

export type Facts = Record<string, unknown>;

export interface ProcessDefinition {
  machine: AnyStateMachine;
  /** Facts after the event, before the rules are consulted. */
  updateFacts(facts: Facts, event: CaseEvent): Facts;
  /** Date facts that default to the event's local date (computed by the rule-engine activity). */
  dateFacts: readonly string[];
  machineEvent(event: CaseEvent, decisions: DecisionValues): AnyEventObject;
  /** The decision that explains a guard refusing this event type. */
  guardDecisions: Readonly<Record<string, string>>;
  /** What exactly failed, in the case's own terms (e.g. which remarks are new). */
  refusalDetail?(event: CaseEvent, facts: Facts): string | undefined;
  /** Pending deadlines an event makes moot (not met, not breached). */
  cancels(event: CaseEvent): readonly string[];
  /** Deadlines that stop running while the case is in a state (no breach while suspended). */
  suspendedIn?: Readonly<Record<string, readonly string[]>>;
  /** The event a process receives when one of its bars ends, and the facts that then hold. */
  onBarElapsed: Readonly<Record<string, { type: string; facts: Facts }>>;
  /** What this case publishes to the cases that refer to it. */
  outputs?(snapshot: AnyMachineSnapshot): Record<string, unknown>;
  /**
   * Input fields naming another case: the facts taken from that case's outputs, and the event
   * that makes this case re-check its preconditions when they change.
   */
  related?: Readonly<Record<string, { facts(outputs: Record<string, unknown>): Facts; recheckWith: string }>>;
}

/** Event data merged into the facts, minus the keys the process consumes itself. */
const merge = (facts: Facts, data: Facts | undefined, consumed: readonly string[] = []): Facts => ({
  ...facts,
  ...Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => !consumed.includes(k))),
});
/** A list carried in an event's data (remark or reason codes); absent means none. */
const listIn = (event: CaseEvent, key: string): string[] => {
  const value = event.data?.[key];
  return Array.isArray(value) ? (value as string[]) : [];
};
const remarksOf = (event: CaseEvent) => listIn(event, 'remarks');
const withDecisions = (event: CaseEvent, decisions: DecisionValues) => ({ type: event.type, decisions });
const reasonsOf = (event: CaseEvent) => listIn(event, 'reasons');

const minerTc: ProcessDefinition = {
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

const minerEnergization: ProcessDefinition = {
  machine: minerEnergizationMachine,
  dateFacts: ['connectionDate'],
  updateFacts(facts, event) {
    // Each event is judged at its own date (the p.10 gate reads the connection date, A10).
    const { connectionDate: _previous, ...rest } = merge(facts, event.data, ['remarks']);
    if (event.type === 'INSPECTION_DONE')
      return { ...rest, initialRemarks: remarksOf(event), reinspectionRemarks: [] };
    if (event.type === 'REINSPECTION_DONE') return { ...rest, reinspectionRemarks: remarksOf(event) };
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

const meteringSchemeApproval: ProcessDefinition = {
  machine: schemeApprovalMachine,
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

export const PROCESSES: Readonly<Record<string, ProcessDefinition>> = {
  'kz.miner.tc': minerTc,
  'kz.miner.energization': minerEnergization,
  'kz.metering.scheme-approval': meteringSchemeApproval,
};
