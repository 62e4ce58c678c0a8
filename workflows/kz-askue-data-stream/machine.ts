// kz.askue.data-stream — the interval-data obligation of one metering point (ASKUE Rules p.54;
// R26.33 from 2027), SM-5 of detail/000-001.md kept for all intervals at once: instead of one
// machine per interval (expected → received → forwarded, expected → missing → received), the
// context holds the received, forwarded and missing intervals as ranges (tracking.ts). The case is
// `receiving` while no interval is missing and `missing` while a gap is open. The interval length
// is the decision interval-length of rules/kz/askue-data-stream.yaml; the definition reads each
// event's intervals against it.
import { and, assign, not, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';
import type { IntervalReading } from './intervals.ts';
import { forward, markMissing, type Named, NOTHING_YET, receive, type Tracking } from './tracking.ts';

export interface DataStreamContext extends Tracking {
  decisions: DecisionValues;
}

export interface DataStreamEvent {
  type: 'READING' | 'BATCH' | 'GRACE_ELAPSED' | 'FORWARDED_TO_AUTHORITY_IS';
  decisions: DecisionValues;
  /** The intervals the event names; absent when no interval length is in force. */
  intervals?: IntervalReading;
}

const named = (event: DataStreamEvent) => event.intervals as Named;

export const dataStreamMachine = setup({
  types: { context: {} as DataStreamContext, events: {} as DataStreamEvent },
  guards: {
    intervalInForce: ({ event }) => Number(decisionValue(event.decisions, 'interval-length')) > 0,
    intervalsOnTheGrid: ({ event }) => event.intervals !== undefined && 'spans' in event.intervals,
    intervalsMissing: ({ context }) => context.gaps.length > 0,
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordDelivery: assign(({ context, event }) => receive(context, named(event), true)),
    recordForwarding: assign(({ context, event }) => forward(context, named(event))),
    recordMissing: assign(({ context, event }) => markMissing(context, named(event))),
  },
}).createMachine({
  id: 'askueIntervalStream',
  context: { decisions: {}, ...NOTHING_YET },
  initial: 'receiving',
  on: {
    READING: {
      guard: and(['intervalInForce', 'intervalsOnTheGrid']),
      actions: ['recordDecisions', 'recordDelivery'],
    },
    BATCH: {
      guard: and(['intervalInForce', 'intervalsOnTheGrid']),
      actions: ['recordDecisions', 'recordDelivery'],
    },
    GRACE_ELAPSED: {
      guard: and(['intervalInForce', 'intervalsOnTheGrid']),
      actions: ['recordDecisions', 'recordMissing'],
    },
    FORWARDED_TO_AUTHORITY_IS: {
      guard: and(['intervalInForce', 'intervalsOnTheGrid']),
      actions: ['recordDecisions', 'recordForwarding'],
    },
  },
  states: {
    receiving: { always: { guard: 'intervalsMissing', target: 'missing' } },
    missing: { always: { guard: not('intervalsMissing'), target: 'receiving' } },
  },
});
