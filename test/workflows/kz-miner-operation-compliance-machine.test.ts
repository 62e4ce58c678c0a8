// SM-3 of detail/000-001.md driven like the case workflow drives it (test/support/machine.ts), with
// the decisions of rules/kz/miner-operation-compliance.yaml; the delivery of P11_FINDING to the
// energization case is the workflow's, run by test/scenarios/kz-miner-operation-compliance.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import type { Scalar } from '../../src/rules/schema.ts';
import { minerOperationCompliance } from '../../workflows/kz-miner-operation-compliance/definition.ts';
import {
  type ComplianceContext,
  operationComplianceMachine,
} from '../../workflows/kz-miner-operation-compliance/machine.ts';
import { driveSnapshot, type Step } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const input = { permittedCapacityKw: 10_000, energizationCase: 'energization-1' };
const drive = (steps: Step[], switches: Record<string, Scalar> = {}) => {
  const { snapshot, refused } = driveSnapshot(
    minerOperationCompliance,
    (date) => rules.at(date, { switches }).process('kz.miner.operation-compliance'),
    input,
    steps,
  );
  return {
    state: snapshot.value,
    context: snapshot.context as ComplianceContext,
    status: snapshot.status,
    refused,
  };
};

const interval = (start: string, energy: number, minutes = 15) => ({ start, minutes, energy });
const s1 = (at: string, ...intervals: ReturnType<typeof interval>[]): Step => ({
  type: 'SUSPICION_RAISED',
  at,
  data: { evidence: { signal: 'demand-above-permitted', meteringPoint: 'mp-1', intervals } },
});
// §12 scenario 10: permitted 10,000 kW; 10:00-10:15 2,500 kWh; 10:15-10:30 2,650 kWh.
const s10a = s1('2024-03-12T10:15:30+05:00', interval('2024-03-12T10:00:00+05:00', 2500));
const s10b = s1('2024-03-12T10:30:30+05:00', interval('2024-03-12T10:15:00+05:00', 2650));
const scheduled: Step = { type: 'INSPECTION_SCHEDULED', at: '2024-03-13T09:00:00+05:00' };
const found = (data: Record<string, unknown>): Step => ({
  type: 'FINDING',
  at: '2024-03-14T11:00:00+05:00',
  data,
});
const noFinding: Step = { type: 'NO_FINDING', at: '2024-03-14T11:00:00+05:00' };

describe('kz.miner.operation-compliance state machine (SM-3)', () => {
  it('§12 scenario 10(a)-(b): 2,500 kWh in 15 minutes is no suspicion, 2,650 kWh is one, not a prohibition', () => {
    const outcome = drive([s10a, s10b]);
    expect(outcome.refused).toEqual([{ type: 'SUSPICION_RAISED', codes: ['S-DEMAND-NOT-ABOVE'] }]);
    expect(outcome.state).toBe('suspected');
    expect(outcome.context.evidence).toEqual([
      { at: '2024-03-12T10:30:30+05:00', signal: 'demand-above-permitted' },
    ]);
    expect(outcome.context.finding).toBeNull();
  });

  it('an inspection confirms: a p.11(e) finding strictly above the permitted capacity closes the case as a violation', () => {
    const outcome = drive([
      s10b,
      found({ kind: 'dpc-capacity-above-permitted', dpcCapacityKw: 10_600 }),
      scheduled,
      found({ kind: 'dpc-capacity-above-permitted', dpcCapacityKw: 10_000 }),
      found({ kind: 'dpc-capacity-above-permitted' }),
      found({}),
      found({ kind: 'dpc-capacity-above-permitted', dpcCapacityKw: 10_600 }),
    ]);
    expect(outcome.refused).toEqual([
      { type: 'FINDING', codes: ['F-NO-INSPECTION'] },
      { type: 'FINDING', codes: ['F-DPC-CAPACITY-NOT-ABOVE'] },
      { type: 'FINDING', codes: ['F-DPC-CAPACITY-NOT-ABOVE'] },
      { type: 'FINDING', codes: ['F-NO-KIND'] },
    ]);
    expect(outcome.state).toBe('violationConfirmed');
    expect(outcome.status).toBe('done');
    expect(outcome.context.finding).toEqual({
      kind: 'dpc-capacity-above-permitted',
      by: 'inspection',
      at: '2024-03-14T11:00:00+05:00',
    });
  });

  it('records any p.11 ground found, without a capacity for the deviations', () => {
    expect(drive([s10b, scheduled, found({ kind: 'design-deviation' })]).context.finding).toMatchObject({
      kind: 'design-deviation',
      by: 'inspection',
    });
  });

  it('an inspection clears: back to monitoring, and a later suspicion opens a new inspection', () => {
    const later = s1('2024-03-20T10:30:30+05:00', interval('2024-03-20T10:15:00+05:00', 2700));
    const outcome = drive([
      s10b,
      noFinding,
      scheduled,
      noFinding,
      noFinding,
      found({ kind: 'tc-deviation' }),
      later,
    ]);
    expect(outcome.refused).toEqual([
      { type: 'NO_FINDING', codes: [] },
      { type: 'NO_FINDING', codes: ['STATE'] },
      { type: 'FINDING', codes: ['STATE'] },
    ]);
    expect(outcome.state).toBe('suspected');
    expect(outcome.context.cleared).toBe(1);
    expect(outcome.context.evidence).toEqual([
      { at: '2024-03-20T10:30:30+05:00', signal: 'demand-above-permitted' },
    ]);
  });

  it('a second clearance needs its own inspection', () => {
    const later = s1('2024-03-20T10:30:30+05:00', interval('2024-03-20T10:15:00+05:00', 2700));
    expect(drive([s10b, scheduled, noFinding, later, noFinding]).refused).toEqual([
      { type: 'NO_FINDING', codes: [] },
    ]);
  });

  it('adds further evidence to the open suspicion, suspected or under inspection', () => {
    const next = s1('2024-03-12T10:45:30+05:00', interval('2024-03-12T10:30:00+05:00', 2600));
    const last = s1('2024-03-13T10:15:30+05:00', interval('2024-03-13T10:00:00+05:00', 2550));
    const outcome = drive([s10b, next, scheduled, last, s10a]);
    expect(outcome.state).toBe('underInspection');
    expect(outcome.context.evidence.map((e) => e.at)).toEqual([
      '2024-03-12T10:30:30+05:00',
      '2024-03-12T10:45:30+05:00',
      '2024-03-13T10:15:30+05:00',
    ]);
    expect(outcome.refused).toEqual([{ type: 'SUSPICION_RAISED', codes: ['S-DEMAND-NOT-ABOVE'] }]);
  });

  it('opens on S2 consumption without admission and on an officer report; refuses S2 without consumption', () => {
    const s2 = (energy: number): Step => ({
      type: 'SUSPICION_RAISED',
      at: '2024-03-12T10:15:30+05:00',
      data: {
        evidence: {
          signal: 'consumption-without-admission',
          intervals: [interval('2024-03-12T10:00:00+05:00', energy)],
        },
      },
    });
    expect(drive([s2(0), s2(12)])).toMatchObject({
      state: 'suspected',
      refused: [{ type: 'SUSPICION_RAISED', codes: ['S-NO-CONSUMPTION'] }],
    });
    const officer: Step = {
      type: 'SUSPICION_RAISED',
      at: '2024-03-12T16:00:00+05:00',
      data: { evidence: { signal: 'officer-report', note: 'containers beyond the design' } },
    };
    expect(drive([officer]).state).toBe('suspected');
  });

  it('refuses evidence whose intervals do not follow one another or have not ended, naming the field', () => {
    const gap = s1(
      '2024-03-12T11:00:30+05:00',
      interval('2024-03-12T10:15:00+05:00', 2650),
      interval('2024-03-12T10:45:00+05:00', 2650),
    );
    const early = s1('2024-03-12T10:25:00+05:00', interval('2024-03-12T10:15:00+05:00', 2650));
    const outcome = drive([gap, early]);
    expect(outcome.state).toBe('monitoring');
    expect(outcome.refused).toEqual([
      {
        type: 'SUSPICION_RAISED',
        codes: [],
        detail:
          'evidence.intervals[1].start: 2024-03-12T10:45:00+05:00 does not follow the 15-minute interval from 2024-03-12T10:15:00+05:00: the intervals of a run are consecutive',
      },
      {
        type: 'SUSPICION_RAISED',
        codes: [],
        detail:
          "evidence.intervals[0]: the 15-minute interval from 2024-03-12T10:15:00+05:00 has not ended at the event's time 2024-03-12T10:25:00+05:00",
      },
    ]);
  });

  it('A19 alternative (telemetryEvidence = finding): an S1 suspicion confirms the violation at once', () => {
    const outcome = drive([s10a, s10b], { telemetryEvidence: 'finding' });
    expect(outcome.state).toBe('violationConfirmed');
    expect(outcome.context.finding).toEqual({
      kind: 'dpc-capacity-above-permitted',
      by: 'telemetry',
      at: '2024-03-12T10:30:30+05:00',
    });
    const officer: Step = {
      type: 'SUSPICION_RAISED',
      at: '2024-03-12T16:00:00+05:00',
      data: { evidence: { signal: 'officer-report' } },
    };
    expect(drive([officer], { telemetryEvidence: 'finding' }).state).toBe('suspected');
  });

  it('sends P11_FINDING to the energization case on entering violationConfirmed only', () => {
    expect(minerOperationCompliance.sends).toEqual([
      { onEntering: 'violationConfirmed', to: 'energizationCase', type: 'P11_FINDING' },
    ]);
    expect(Object.keys(operationComplianceMachine.root.states)).toContain('violationConfirmed');
  });
});
