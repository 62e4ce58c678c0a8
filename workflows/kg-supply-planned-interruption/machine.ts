// kg.supply.planned-interruption — a planned repair interruption (R§118), as the state machine SM-6
// of detail/004-part1.md. The lead times are bars of rules/kg/supply-planned-interruption.yaml (the
// workflow refuses an interruption, or a time planned, before they end); when the consumer's 5 days
// pass without agreement the workflow sends AGREEMENT_WINDOW_CLOSED; the rest is decided by that
// file and read by named guards.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue, type Judged } from '../shared/decisions.ts';

export interface PlannedInterruptionContext {
  decisions: DecisionValues;
}

export type PlannedInterruptionEvent =
  | Judged<'INTERRUPTION_NOTICE_SENT'>
  | Judged<'CONSUMER_AGREED'>
  | Judged<'AGREEMENT_WINDOW_CLOSED'>
  | Judged<'TIME_SET_BY_LICENSEE'>
  | Judged<'SUPPLY_INTERRUPTED'>
  | Judged<'SUPPLY_RESTORED'>;

type Args = { event: PlannedInterruptionEvent };
const holds =
  (id: string) =>
  ({ event }: Args) =>
    decisionValue(event.decisions, id) === true;

const record = { actions: 'recordDecisions' } as const;
// Refused by its guard until a time is agreed or set (I-TIME-NOT-FIXED), and before that time.
const interrupt = {
  SUPPLY_INTERRUPTED: { guard: 'interruptionPermitted', target: 'interrupted', ...record },
} as const;
const setTime = {
  TIME_SET_BY_LICENSEE: { guard: 'licenseeMaySetTime', target: 'timeSetByLicensee', ...record },
} as const;

export const plannedInterruptionMachine = setup({
  types: { context: {} as PlannedInterruptionContext, events: {} as PlannedInterruptionEvent },
  guards: {
    licenseeMaySetTime: holds('licensee-may-set-time'),
    interruptionPermitted: holds('interruption-permitted'),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'supplyPlannedInterruption',
  context: { decisions: {} },
  initial: 'planning',
  states: {
    planning: { on: { INTERRUPTION_NOTICE_SENT: { target: 'noticeSent', ...record } } },
    // The consumer has 5 days to agree; the licensee's own time is refused meanwhile (R§118).
    noticeSent: {
      on: {
        ...interrupt,
        ...setTime,
        CONSUMER_AGREED: { target: 'timeAgreed', ...record },
        AGREEMENT_WINDOW_CLOSED: { target: 'licenseeMaySetTime', ...record },
      },
    },
    // An agreement reaching the licensee before it sets the time is still an agreement [I].
    licenseeMaySetTime: {
      on: { ...interrupt, ...setTime, CONSUMER_AGREED: { target: 'timeAgreed', ...record } },
    },
    timeAgreed: { on: interrupt },
    // A new time needs a new repeat warning, and its own 24 hours.
    timeSetByLicensee: { on: { ...interrupt, ...setTime } },
    interrupted: { on: { SUPPLY_RESTORED: { target: 'restored', ...record } } },
    restored: { type: 'final' },
  },
});
