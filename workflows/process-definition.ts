// What the generic case workflow needs to know of each process beyond its rule file: its machine,
// how an event's data becomes facts, which decision explains a refused guard, how the process
// reacts when a bar ends or an action deadline passes unmet, and which calculations an accepted
// event runs. Pure and deterministic: it runs inside workflow code. Each process keeps its
// definition beside its machine (workflows/<process>/definition.ts).
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { CaseEvent, DeadlineRecord } from './case-messages.ts';
import type { DecisionValues } from './shared/decisions.ts';

export type Facts = Record<string, unknown>;

/**
 * What the workflow sends a machine when one of its action deadlines passes unmet, if the machine's
 * current state handles it (a machine event, not a case event: it is not in the rule file).
 */
export const DEADLINE_BREACHED = 'deadline.breached';
export type DeadlineBreached = { type: typeof DEADLINE_BREACHED; deadline: string };

/** A machine's state as a migration maps it. */
export interface MachineState {
  value: StateValue;
  context: Record<string, unknown>;
}

/** A calculation of the rule files (e.g. kg.unmetered-electricity) and where its inputs come from. */
export interface CalculationHook {
  calculation: string;
  /** The calculation's inputs, from the facts after the event and the event itself. */
  inputs(facts: Facts, event: CaseEvent): Record<string, unknown>;
}

export interface ProcessDefinition {
  machine: AnyStateMachine;
  /**
   * The machine this one replaced, still run by cases started before the change, and how such a
   * case moves to `machine` (docs/case-migration.md).
   */
  previous?: {
    /** The Temporal patch whose marker in a case's history is where the case moved to `machine`. */
    patch: string;
    machine: AnyStateMachine;
    /** The state on `machine` for a state of the previous machine. Pure and deterministic. */
    migrate(state: MachineState, deadlines: readonly DeadlineRecord[]): MachineState;
  };
  /** Facts after the event, before the rules are consulted. */
  updateFacts(facts: Facts, event: CaseEvent): Facts;
  /** Date facts that default to the event's local date (computed by the rule-engine activity). */
  dateFacts: readonly string[];
  /** The machine's event, from the event, the decisions at it and the facts after it. */
  machineEvent(event: CaseEvent, decisions: DecisionValues, facts: Facts): AnyEventObject;
  /** The decision that explains a guard refusing this event type. */
  guardDecisions: Readonly<Record<string, string>>;
  /**
   * What exactly failed, in the case's own terms (e.g. which remarks are new, which field of the
   * event's data is malformed), from the facts before the event and the decisions at it.
   */
  refusalDetail?(event: CaseEvent, facts: Facts, decisions: DecisionValues): string | undefined;
  /** Pending deadlines an event makes moot (not met, not breached). */
  cancels(event: CaseEvent): readonly string[];
  /** Deadlines that stop running while the case is in a state (no breach while suspended). */
  suspendedIn?: Readonly<Record<string, readonly string[]>>;
  /** The event a process receives when one of its bars ends, and the facts that then hold. */
  onBarElapsed: Readonly<Record<string, { type: string; facts: Facts }>>;
  /**
   * The event a process receives when an action deadline passes unmet, where that changes what
   * may happen next (e.g. the consumer's 5 days to agree a time, after which the licensee may set
   * it, R§118); other breaches are only recorded.
   */
  onBreached?: Readonly<Record<string, { type: string; facts: Facts }>>;
  /** What this case publishes to the cases that refer to it. */
  outputs?(snapshot: AnyMachineSnapshot): Record<string, unknown>;
  /**
   * Input fields naming another case: the facts taken from that case's outputs, and the event
   * that makes this case re-check its preconditions when they change.
   */
  related?: Readonly<Record<string, { facts(outputs: Record<string, unknown>): Facts; recheckWith: string }>>;
  /**
   * Events this case sends, when it enters a state, to the case an input field names (a confirmed
   * p.11 violation sends P11_FINDING to the energization case). The other case judges the event by
   * its own rules and keeps it, accepted or refused, in its history; this case's history records
   * the delivery with the event that caused it.
   */
  sends?: readonly { onEntering: string; to: string; type: string }[];
  /**
   * By event type: the calculations run (by an activity, in order) when such an event passes its
   * guard. Inputs a calculation refuses refuse the event; otherwise the case records each result
   * with its inputs, formula version and rule-set version.
   */
  calculations?: Readonly<Record<string, readonly CalculationHook[]>>;
}
