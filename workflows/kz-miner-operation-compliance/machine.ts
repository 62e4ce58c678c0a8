// kz.miner.operation-compliance — a suspected breach of Req p.11 of Order 275, as the state machine
// SM-3 of detail/000-001.md. Whether the evidence supports a suspicion, whether telemetry alone
// confirms it (A19 switch) and whether a finding may be recorded are decisions of
// rules/kz/miner-operation-compliance.yaml; the machine reads them through named guards. Entering
// violationConfirmed sends P11_FINDING to the energization case (the definition's `sends`).
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionHolds, decisionsAfter } from '../shared/decisions.ts';

/** One piece of evidence of the open suspicion, as it arrived. */
export interface EvidenceRecord {
  at: string;
  signal: string;
}

export interface ComplianceContext {
  decisions: DecisionValues;
  /** The evidence of the open suspicion, in arrival order. */
  evidence: readonly EvidenceRecord[];
  /** Suspicions an inspection cleared (NO_FINDING). */
  cleared: number;
  /** The recorded violation: the p.11 ground, and whether an inspection or telemetry (A19) found it. */
  finding: { kind: string; by: 'inspection' | 'telemetry'; at: string } | null;
}

type Judged<T extends string> = { type: T; decisions: DecisionValues; at: string };
export type ComplianceEvent =
  /** `problem`: what is wrong with the evidence's intervals (not consecutive, not yet ended). */
  | (Judged<'SUSPICION_RAISED'> & { signal: string; problem?: string })
  | Judged<'INSPECTION_SCHEDULED'>
  | (Judged<'FINDING'> & { kind: string })
  | Judged<'NO_FINDING'>;

const holds = decisionHolds;

const record = { actions: 'recordDecisions' } as const;
// Evidence keeps arriving while the suspicion is open (the telemetry module flags every interval).
const moreEvidence = {
  SUSPICION_RAISED: { guard: 'evidenceSupportsSuspicion', actions: ['recordDecisions', 'addEvidence'] },
} as const;
// Only an inspection clears a suspicion: before one is scheduled the guard refuses and says so.
const clearance = {
  NO_FINDING: {
    guard: 'inspectionScheduled',
    target: 'monitoring',
    actions: ['recordDecisions', 'clearSuspicion'],
  },
} as const;
const finding = {
  FINDING: {
    guard: 'findingRecordable',
    target: 'violationConfirmed',
    actions: ['recordDecisions', 'recordFinding'],
  },
} as const;

export const operationComplianceMachine = setup({
  types: { context: {} as ComplianceContext, events: {} as ComplianceEvent },
  guards: {
    evidenceSupportsSuspicion: (args) =>
      args.event.type === 'SUSPICION_RAISED' && !args.event.problem && holds('suspicion-founded')(args),
    telemetryConfirmsViolation: holds('telemetry-confirms-violation'),
    findingRecordable: holds('finding-recordable'),
    inspectionScheduled: holds('inspection-scheduled'),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    addEvidence: assign({
      evidence: ({ context, event }) =>
        event.type === 'SUSPICION_RAISED'
          ? [...context.evidence, { at: event.at, signal: event.signal }]
          : context.evidence,
    }),
    recordFinding: assign({
      finding: ({ event }) =>
        event.type === 'FINDING' ? { kind: event.kind, by: 'inspection' as const, at: event.at } : null,
    }),
    recordTelemetryFinding: assign({
      finding: ({ event }) => ({
        kind: 'dpc-capacity-above-permitted',
        by: 'telemetry' as const,
        at: event.at,
      }),
    }),
    clearSuspicion: assign({ evidence: () => [], cleared: ({ context }) => context.cleared + 1 }),
  },
}).createMachine({
  id: 'operationCompliance',
  context: { decisions: {}, evidence: [], cleared: 0, finding: null },
  initial: 'monitoring',
  states: {
    monitoring: {
      on: {
        SUSPICION_RAISED: {
          guard: 'evidenceSupportsSuspicion',
          target: 'suspected',
          actions: ['recordDecisions', 'addEvidence'],
        },
      },
    },
    // A finding or a clearance needs an inspection: here both are refused by their guards, which
    // say so (finding-recordable F-NO-INSPECTION, inspection-scheduled).
    suspected: {
      always: {
        guard: 'telemetryConfirmsViolation',
        target: 'violationConfirmed',
        actions: 'recordTelemetryFinding',
      },
      on: {
        ...moreEvidence,
        ...finding,
        ...clearance,
        INSPECTION_SCHEDULED: { target: 'underInspection', ...record },
      },
    },
    underInspection: {
      on: {
        ...moreEvidence,
        ...finding,
        ...clearance,
      },
    },
    // Operation is not allowed (Req p.11); the text has no re-admission path in this case (A19).
    violationConfirmed: { type: 'final' },
  },
});
