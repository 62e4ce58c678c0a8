import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  initialTransition,
  type SnapshotFrom,
  transition,
} from 'xstate';
import type { ProcessView } from '../../src/rules/rule-set.ts';
import type { ProcessDefinition } from '../../workflows/process-definition.ts';

/** The snapshot a machine reaches from its initial state through these events (pure `transition`). */
export function runMachine<M extends AnyStateMachine>(
  machine: M,
  events: EventFromLogic<M>[],
): SnapshotFrom<M> {
  // Machines here take no input.
  let [snapshot] = initialTransition(machine as AnyStateMachine) as [SnapshotFrom<M>, unknown];
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

export type Step = { type: string; at: string; data?: Record<string, unknown> };
export interface DriveOutcome {
  state: unknown;
  /** Events refused by a guard, with the codes of the decision that explains it ('STATE': none handles it). */
  refused: { type: string; codes: readonly string[] }[];
}

/**
 * Drives a process as the case workflow does, without its bars and timers: each event updates the
 * facts through the definition, the rule set decides at the event's local date (the offset in
 * `at` is taken as local), and the machine moves or the event is refused.
 */
export function driveProcess(
  def: ProcessDefinition,
  view: (date: string) => ProcessView,
  input: Record<string, unknown>,
  steps: Step[],
): DriveOutcome {
  const { snapshot, refused } = driveSnapshot(def, view, input, steps);
  return { state: snapshot.value, refused: refused.map(({ type, codes }) => ({ type, codes })) };
}

/** The same, giving the machine's snapshot and each refusal's detail (the definition's refusalDetail). */
export function driveSnapshot(
  def: ProcessDefinition,
  view: (date: string) => ProcessView,
  input: Record<string, unknown>,
  steps: Step[],
): { snapshot: AnyMachineSnapshot; refused: (DriveOutcome['refused'][number] & { detail?: string })[] } {
  let [snapshot] = initialTransition(def.machine);
  let facts = input;
  const refused: (DriveOutcome['refused'][number] & { detail?: string })[] = [];
  steps.forEach((step, i) => {
    const event = { ...step, idempotencyKey: `#${i}` };
    const next = def.updateFacts(facts, event);
    const date = step.at.slice(0, 10);
    const dated = Object.fromEntries(
      def.dateFacts.filter((f) => next[f] === undefined).map((f) => [f, date]),
    );
    const v = view(date);
    const decisions = Object.fromEntries(v.decideValues(v.prepare({ ...next, ...dated })));
    const machineEvent = def.machineEvent(event, decisions, next);
    if (!snapshot.can(machineEvent)) {
      // As the workflow: a state that does not handle the type refuses it whatever the rules say.
      const handled = snapshot._nodes.some((n) => Object.hasOwn(n.on, step.type));
      const guard = handled ? def.guardDecisions[step.type] : undefined;
      const detail = def.refusalDetail?.(event, facts, decisions);
      refused.push({
        type: step.type,
        codes: guard ? (decisions[guard]?.codes ?? []) : ['STATE'],
        ...(detail ? { detail } : {}),
      });
      return;
    }
    [snapshot] = transition(def.machine, snapshot, machineEvent);
    facts = next;
  });
  return { snapshot, refused };
}
