import {
  type AnyStateMachine,
  type EventFromLogic,
  initialTransition,
  type SnapshotFrom,
  transition,
} from 'xstate';

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
