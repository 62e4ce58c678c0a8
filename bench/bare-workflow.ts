// The baseline for the case bench: a bare Temporal workflow of the same shape as a case —
// updates applied one at a time, each calling a "decide" and a "record" activity — with no rules,
// no state machine and no database.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

export interface BareActivities {
  decide(type: string): Promise<{ accepted: boolean }>;
  record(count: number): Promise<void>;
}

const { decide, record } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });
export const bareEvent = defineUpdate<{ accepted: boolean; stateAfter: string }, [{ type: string }]>(
  'applyEvent',
);

export async function bareCase(events: number): Promise<number> {
  let applied = 0;
  let tail: Promise<unknown> = Promise.resolve();
  setHandler(bareEvent, (event) => {
    const result = tail.then(async () => {
      const decision = await decide(event.type);
      applied++;
      await record(applied);
      return { ...decision, stateAfter: event.type };
    });
    tail = result.catch(() => undefined);
    return result;
  });
  await condition(() => applied >= events && allHandlersFinished());
  return applied;
}
