// kz.miner.energization — admission and energization of a digital miner's installations, as the
// state machine SM-2 of detail/000-001.md (P5, P6, P7). Every condition (p.10 documents at the
// connection date, remarks ⊆ initial remarks, the energization preconditions, the A16 reading)
// is a decision of rules/kz/miner-energization.yaml; deadlines and the lockout bar are armed by the
// workflow from that file, which also sends LOCKOUT_ELAPSED when the bar ends.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionHolds, decisionsAfter } from '../shared/decisions.ts';

export interface EnergizationContext {
  decisions: DecisionValues;
  /** Remarks of the initial inspection: the ceiling for later remarks (Req p.9 ¶4). */
  initialRemarks: readonly string[];
  /** Remarks of the latest inspection. */
  lastRemarks: readonly string[];
}

type WithDecisions = { decisions: DecisionValues };
type WithRemarks = { remarks: readonly string[] };
export type EnergizationEvent =
  | ({ type: 'READINESS_NOTICE' } & WithDecisions)
  | ({ type: 'INSPECTION_DONE' } & WithDecisions & WithRemarks)
  | { type: 'DEFICIENCY_ACT_ISSUED' }
  | { type: 'REPEAT_NOTICE' }
  | ({ type: 'REINSPECTION_DONE' } & WithDecisions & WithRemarks)
  | ({ type: 'PRECONDITIONS_MET' } & WithDecisions)
  | ({ type: 'ENERGIZED' } & WithDecisions)
  | ({ type: 'LOCKOUT_ELAPSED' } & WithDecisions)
  | ({ type: 'P11_FINDING' } & WithDecisions)
  | ({ type: 'FINDING_CLEARED' } & WithDecisions);

type Args = { context: EnergizationContext; event: EnergizationEvent };
const holds = decisionHolds;
const noRemarks = ({ event }: Args) => 'remarks' in event && event.remarks.length === 0;

export const minerEnergizationMachine = setup({
  types: { context: {} as EnergizationContext, events: {} as EnergizationEvent },
  guards: {
    noRemarks,
    canEnergize: holds('can-energize'),
    remarksSubsetOfInitial: holds('remarks-subset-of-initial'),
    postLockoutNoticeIsRepeat: holds('post-lockout-notice-is-repeat'),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordInitialRemarks: assign({
      initialRemarks: ({ event }) => ('remarks' in event ? event.remarks : []),
      lastRemarks: ({ event }) => ('remarks' in event ? event.remarks : []),
    }),
    recordRemarks: assign({ lastRemarks: ({ event }) => ('remarks' in event ? event.remarks : []) }),
  },
}).createMachine({
  id: 'minerEnergization',
  context: { decisions: {}, initialRemarks: [], lastRemarks: [] },
  initial: 'awaitingNotice',
  // A p.11 finding (kz.miner.operation-compliance) may come before energization too: it is an
  // impediment to connecting (can-energize, SM-2 D5) until it is cleared.
  on: { P11_FINDING: { actions: 'recordDecisions' }, FINDING_CLEARED: { actions: 'recordDecisions' } },
  states: {
    awaitingNotice: { on: { READINESS_NOTICE: { target: 'noticeReceived', actions: 'recordDecisions' } } },
    noticeReceived: {
      on: {
        INSPECTION_DONE: [
          { guard: 'noRemarks', target: 'inspectionPassed', actions: ['recordDecisions', 'recordRemarks'] },
          { target: 'deficiencies', actions: ['recordDecisions', 'recordInitialRemarks'] },
        ],
      },
    },
    // The p.8 3-working-day duty arises only when every precondition holds (A11).
    inspectionPassed: {
      always: [{ guard: 'canEnergize', target: 'energizing' }, { target: 'awaitingPreconditions' }],
    },
    awaitingPreconditions: {
      on: {
        // Connecting is allowed as soon as the preconditions hold on the connection date; otherwise
        // the refusal names the missing one (the can-energize decision's message and clause).
        ENERGIZED: { guard: 'canEnergize', target: 'energized', actions: 'recordDecisions' },
        PRECONDITIONS_MET: [
          { guard: 'canEnergize', target: 'energizing', actions: 'recordDecisions' },
          { actions: 'recordDecisions' },
        ],
      },
    },
    energizing: {
      on: {
        ENERGIZED: { guard: 'canEnergize', target: 'energized', actions: 'recordDecisions' },
        PRECONDITIONS_MET: { actions: 'recordDecisions' },
        // The 3-working-day duty stops while the finding forbids connecting (A11).
        P11_FINDING: { target: 'awaitingPreconditions', actions: 'recordDecisions' },
      },
    },
    deficiencies: { on: { DEFICIENCY_ACT_ISSUED: 'awaitingRepeatNotice' } },
    awaitingRepeatNotice: { on: { REPEAT_NOTICE: 'reinspection' } },
    reinspection: {
      on: {
        REINSPECTION_DONE: [
          { guard: 'noRemarks', target: 'inspectionPassed', actions: ['recordDecisions', 'recordRemarks'] },
          {
            guard: 'remarksSubsetOfInitial',
            target: 'lockout',
            actions: ['recordDecisions', 'recordRemarks'],
          },
        ],
      },
    },
    // Readiness and repeat notices are refused here with Req p.9 ¶5 (the bar's `rejects`).
    lockout: {
      on: {
        LOCKOUT_ELAPSED: [
          { guard: 'postLockoutNoticeIsRepeat', target: 'awaitingRepeatNotice', actions: 'recordDecisions' },
          { target: 'awaitingNotice', actions: 'recordDecisions' },
        ],
      },
    },
    energized: { on: { P11_FINDING: 'operationProhibited' } },
    operationProhibited: { on: { FINDING_CLEARED: 'energized' } },
  },
});
