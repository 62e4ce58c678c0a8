// kz.heat.equipment-replacement — a heat supply subject replaces failed metering equipment, as
// SM-5 of detail/003-part1.md (P15a) with the 2025 branch of 002.md SM-6. Which edition governs
// (R25.92: the authority's term; R26.101: min(technical regulation, 30 calendar days)) is decided
// by rules/kz/heat-equipment-replacement.yaml at the failure's date; the machine only reads the
// decisions. The deadline is armed by the workflow; a late replacement is recorded as breached.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface HeatReplacementContext {
  decisions: DecisionValues;
  /** How metering continuity is kept during the outage (R26.101, R25.92; A12). */
  continuityMeasure: string | null;
  /** A metering gap was reported while the case was open (002.md SM-6 continuityWatch). */
  continuityViolated: boolean;
}

type WithDecisions = { decisions: DecisionValues };
export type HeatReplacementEvent =
  | ({ type: 'EQUIPMENT_FAILED'; termStated: boolean } & WithDecisions)
  | ({ type: 'TERM_SET'; termStated: boolean } & WithDecisions)
  | ({ type: 'CONTINUITY_MEASURE_RECORDED'; measure: string | null } & WithDecisions)
  | ({ type: 'METERING_CONTINUITY_BREACH' } & WithDecisions)
  | ({ type: 'REPLACED' } & WithDecisions);

type Args = { event: HeatReplacementEvent };
const holds =
  (id: string, value: unknown) =>
  ({ event }: Args) =>
    decisionValue(event.decisions, id) === value;
const termStated = ({ event }: Args) => 'termStated' in event && event.termStated;

export const heatReplacementMachine = setup({
  types: { context: {} as HeatReplacementContext, events: {} as HeatReplacementEvent },
  guards: {
    /** Heat supply subjects only, unless policy extends the scope (002.md A4, 003-part1.md A12). */
    replacementDutyApplies: holds('replacement-duty', true),
    /** R25.92: the authorized body sets the term, and it has not yet (SM-5 awaiting_term_from_authority). */
    termAwaitedFromAuthority: (args) =>
      holds('replacement-duty', true)(args) &&
      holds('term-source', 'authorized-body')(args) &&
      !termStated(args),
    termStated,
    /** The new instrument is registered and verified (R26.96; R25.87 also national standards). */
    newEquipmentAdmissible: holds('replacement-admissible', true),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordMeasure: assign({
      continuityMeasure: ({ context, event }) =>
        event.type === 'CONTINUITY_MEASURE_RECORDED' ? event.measure : context.continuityMeasure,
    }),
    recordBreach: assign({ continuityViolated: true }),
  },
}).createMachine({
  id: 'heatEquipmentReplacement',
  context: { decisions: {}, continuityMeasure: null, continuityViolated: false },
  initial: 'operational',
  states: {
    operational: {
      on: {
        EQUIPMENT_FAILED: [
          {
            guard: 'termAwaitedFromAuthority',
            target: 'awaitingTermFromAuthority',
            actions: 'recordDecisions',
          },
          {
            guard: 'replacementDutyApplies',
            target: 'failedAwaitingReplacement',
            actions: 'recordDecisions',
          },
        ],
      },
    },
    // No timer runs until the authority's term is known (R25.92 gives no number).
    awaitingTermFromAuthority: {
      on: {
        TERM_SET: { guard: 'termStated', target: 'failedAwaitingReplacement', actions: 'recordDecisions' },
        CONTINUITY_MEASURE_RECORDED: { actions: ['recordDecisions', 'recordMeasure'] },
        METERING_CONTINUITY_BREACH: { actions: ['recordDecisions', 'recordBreach'] },
        // Nothing forbids replacing before the authority has spoken [I].
        REPLACED: { guard: 'newEquipmentAdmissible', target: 'replaced', actions: 'recordDecisions' },
      },
    },
    failedAwaitingReplacement: {
      on: {
        CONTINUITY_MEASURE_RECORDED: { actions: ['recordDecisions', 'recordMeasure'] },
        METERING_CONTINUITY_BREACH: { actions: ['recordDecisions', 'recordBreach'] },
        REPLACED: { guard: 'newEquipmentAdmissible', target: 'replaced', actions: 'recordDecisions' },
      },
    },
    // SM-5 returns to `operational`; one case is one failure, so the case ends here (a new failure
    // opens a new case [I]). A late replacement stays recorded on the deadline.
    replaced: { type: 'final' },
  },
});
