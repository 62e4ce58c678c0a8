// What the generic case workflow needs to know of each process beyond its rule file: its machine,
// how an event's data becomes facts, which decision explains a refused guard, how the process
// reacts when a bar ends, and which calculations an accepted event runs. Pure and deterministic: it runs inside workflow code. Each process keeps
// its definition beside its machine (workflows/<process>/definition.ts).
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CaseEvent } from './case-messages.ts';
import type { DecisionValues } from './shared/decisions.ts';

export type Facts = Record<string, unknown>;

/** A calculation of the rule files (e.g. kg.unmetered-electricity) and where its inputs come from. */
export interface CalculationHook {
  calculation: string;
  /** The calculation's inputs, from the facts after the event and the event itself. */
  inputs(facts: Facts, event: CaseEvent): Record<string, unknown>;
}

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
  /**
   * By event type: the calculations run (by an activity, in order) when such an event passes its
   * guard. Inputs a calculation refuses refuse the event; otherwise the case records each result
   * with its inputs, formula version and rule-set version.
   */
  calculations?: Readonly<Record<string, readonly CalculationHook[]>>;
}
