// kg.supply.overload — load above the permitted capacity (R§120), as the state machine SM-7 of
// detail/004-part1.md. The 10 minutes after the warning are a bar of rules/kg/supply-overload.yaml
// (the workflow refuses an earlier partial disconnection); whether the load exceeds the permitted
// capacity, and how far a disconnection may go, are decisions of that file read by named guards.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue, type Judged } from '../shared/decisions.ts';

export interface OverloadContext {
  decisions: DecisionValues;
}

export type OverloadEvent =
  | Judged<'OVERLOAD_WARNING_SENT'>
  | Judged<'PARTIAL_DISCONNECTION'>
  | Judged<'LOAD_REDUCED'>;

type Args = { event: OverloadEvent };
const overload = ({ event }: Args) => decisionValue(event.decisions, 'overload');

const record = { actions: 'recordDecisions' } as const;
const reduced = { LOAD_REDUCED: { guard: 'loadWithinPermitted', target: 'loadReduced', ...record } } as const;

export const overloadMachine = setup({
  types: { context: {} as OverloadContext, events: {} as OverloadEvent },
  guards: {
    loadAbovePermitted: (args) => overload(args) === true,
    loadWithinPermitted: (args) => overload(args) === false,
    notBelowEmergencyArmor: ({ event }) =>
      decisionValue(event.decisions, 'partial-disconnection-lawful') === true,
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'supplyOverload',
  context: { decisions: {} },
  initial: 'monitoring',
  states: {
    monitoring: {
      on: { OVERLOAD_WARNING_SENT: { guard: 'loadAbovePermitted', target: 'warned', ...record } },
    },
    // The consumer must reduce the load at once; 10 minutes after the warning the licensee may act.
    warned: {
      on: {
        ...reduced,
        PARTIAL_DISCONNECTION: {
          guard: 'notBelowEmergencyArmor',
          target: 'partiallyDisconnected',
          ...record,
        },
      },
    },
    // No rule restores supply after a partial disconnection (ambiguity 42); the case ends when
    // the load is within the permitted capacity.
    partiallyDisconnected: { on: reduced },
    loadReduced: { type: 'final' },
  },
});
