// kg.meter.registration — the licensee registers a new consumer's commercial metering or ASKUE
// after voltage is applied (Decree 576 R§68, R§71), the end of SM-1 of detail/004-part1.md
// (ENERGIZED_UNREGISTERED -> IN_OPERATION). The 5-day deadline is armed by the workflow from
// rules/kg/meter-registration.yaml; until registration the billing-basis decision gives contract
// capacity (R§108).
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface RegistrationContext {
  decisions: DecisionValues;
}

type WithDecisions = { decisions: DecisionValues };
export type RegistrationEvent =
  | ({ type: 'VOLTAGE_APPLIED' } & WithDecisions)
  | ({ type: 'METER_REGISTERED' } & WithDecisions);

export const meterRegistrationMachine = setup({
  types: { context: {} as RegistrationContext, events: {} as RegistrationEvent },
  guards: {
    sealedAndOfTheRequiredKind: ({ event }) =>
      decisionValue(event.decisions, 'registration-acceptable') === true,
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'meterRegistration',
  context: { decisions: {} },
  initial: 'awaitingVoltage',
  states: {
    awaitingVoltage: {
      // No application from the consumer is needed (R§68).
      on: { VOLTAGE_APPLIED: { target: 'energizedUnregistered', actions: 'recordDecisions' } },
    },
    // Billed by contract capacity (R§108); a late registration is a breach, not another state.
    energizedUnregistered: {
      on: {
        METER_REGISTERED: {
          guard: 'sealedAndOfTheRequiredKind',
          target: 'inOperation',
          actions: 'recordDecisions',
        },
      },
    },
    inOperation: { type: 'final' },
  },
});
