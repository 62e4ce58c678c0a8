import type { CaseEvent } from '../case-messages.ts';
import type { Facts, ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { violationCaseMachine } from './machine.ts';

/**
 * A restoration precondition met by this event; none when it was met before, so that a repeated
 * step does not start the 5 days of `restoration` again.
 */
const step = (fact: string, name: string) => (_event: CaseEvent, before: Facts) => ({
  [fact]: true,
  lastStep: before[fact] === true ? undefined : name,
});

/** What each event establishes, in the rule file's facts (the rest comes with the event's data). */
const established: Readonly<Record<string, (event: CaseEvent, before: Facts) => Facts>> = {
  ACT_DRAFTED: (event) => ({ actDrawnUpAt: event.at }),
  COMMISSION_DECIDED: (event) => ({ commissionDecidedAt: event.at }),
  PAID: step('invoicePaid', 'payment'),
  PAYMENT_OVERDUE: () => ({ paymentOverdue: true }),
  DISCONNECTION_NOTICE_SENT: () => ({ warningSent: true }),
  DISCONNECTED: () => ({ supplyStopped: true }),
  SUPPLY_RESTORED: () => ({ supplyStopped: false }),
  VIOLATION_ELIMINATED: step('violationEliminated', 'elimination'),
  RECONNECTION_FEE_PAID: step('reconnectionFeePaid', 'reconnection-fee'),
  DISPUTE_FILED: () => ({ openDispute: true }),
  DISPUTE_RESOLVED: () => ({ openDispute: false }),
};

/** The facts kg.unmetered-electricity reads, named in the case as in its rule file. */
const UNMETERED_INPUTS = [
  'consumerClass',
  'violationClause',
  'detectionDate',
  'phases',
  'phaseVoltage',
  'breakerTripSetting',
  'breakerNominalCurrent',
  'fuseLinkCurrent',
  'receiversConnected',
  'conductorMaterial',
  'conductorCrossSection',
  'powerFactor',
  'utilizationCoefficient',
  'lastInspectorVisitDate',
  'disconnectionDate',
  'lastMeteringCheckDate',
  'supplyStartDate',
  'paidEnergy',
  'errorCoefficientEnergy',
  'tariffs',
] as const;

export const violationCase: ProcessDefinition = {
  machine: violationCaseMachine,
  dateFacts: [],
  updateFacts: (facts, event) => ({
    ...merge(facts, event.data),
    ...established[event.type]?.(event, facts),
  }),
  machineEvent: withDecisions,
  guardDecisions: {
    ACT_DRAFTED: 'act-complete',
    COMMISSION_DECIDED: 'commission-may-decide',
    DISCONNECTED: 'disconnection-permitted',
    SUPPLY_RESTORED: 'restoration-allowed',
  },
  cancels: () => [],
  // The 3 bank days ended unpaid: the licensee may now disconnect with prior warning (A3 §32).
  onBarElapsed: { 'invoice-payment': { type: 'PAYMENT_OVERDUE', facts: {} } },
  // No conclusion within 30 days: the act enters into force without it (A3 §18).
  onBreached: { 'forensic-conclusion': { type: 'ACT_ENTERED_INTO_FORCE', facts: {} } },
  // A3-B, once the violation is established: the workflow records inputs, versions and result.
  calculations: {
    UNMETERED_ENERGY_CALCULATED: [
      {
        calculation: 'kg.unmetered-electricity',
        inputs: (facts) =>
          Object.fromEntries(
            UNMETERED_INPUTS.flatMap((id) => (facts[id] === undefined ? [] : [[id, facts[id]]])),
          ),
      },
    ],
  },
};
