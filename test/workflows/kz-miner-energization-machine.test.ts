// SM-2 driven with decisions computed by the shipped rule files for the §12 scenarios.
import { beforeAll, describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  type EnergizationEvent,
  minerEnergizationMachine,
} from '../../workflows/kz-miner-energization/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const allDocuments = {
  servicingContract: true,
  meteringAcceptanceAct: true,
  telecomAcceptanceAct: true,
  loadSheddingDecision: true,
};
const ready = {
  connectable: true,
  wholesaleContracts: true,
  documents: allDocuments,
  initialRemarks: [],
  reinspectionRemarks: [],
};

function decide(
  asOf: string,
  facts: Record<string, unknown>,
  switches: Record<string, string> = {},
): DecisionValues {
  const view = rules.at(asOf, { switches }).process('kz.miner.energization');
  return Object.fromEntries(view.decideValues(view.prepare({ connectionDate: asOf, ...facts })));
}

const run = (events: EnergizationEvent[]) => runMachine(minerEnergizationMachine, events);

describe('kz.miner.energization state machine (SM-2)', () => {
  it('scenario 4: clean inspection with every precondition goes straight to energizing, then energized', () => {
    const d = decide('2024-02-14', ready);
    const steps: EnergizationEvent[] = [
      { type: 'READINESS_NOTICE', decisions: d },
      { type: 'INSPECTION_DONE', remarks: [], decisions: d },
    ];
    expect(run(steps).value).toBe('energizing');
    expect(run([...steps, { type: 'ENERGIZED', decisions: d }]).value).toBe('energized');
  });

  it('scenario 5a: without wholesale contracts the case waits, and goes on when they arrive', () => {
    const missing = decide('2024-02-14', { ...ready, wholesaleContracts: false });
    const waiting = run([
      { type: 'READINESS_NOTICE', decisions: missing },
      { type: 'INSPECTION_DONE', remarks: [], decisions: missing },
    ]);
    expect(waiting.value).toBe('awaitingPreconditions');
    expect(waiting.can({ type: 'ENERGIZED', decisions: missing })).toBe(false);
    const met = transition(minerEnergizationMachine, waiting, {
      type: 'PRECONDITIONS_MET',
      decisions: decide('2024-02-16', ready),
    })[0];
    expect(met.value).toBe('energizing');
  });

  it('scenario 5b: connection on 2024-03-05 without a telecom acceptance act is blocked (p.10 sub-p.2)', () => {
    const d = decide('2024-03-05', { ...ready, documents: { ...allDocuments, telecomAcceptanceAct: false } });
    expect(d['p10-satisfied']).toEqual({ value: false, codes: ['P10-TELECOM-ACT'] });
    const s = run([
      { type: 'READINESS_NOTICE', decisions: d },
      { type: 'INSPECTION_DONE', remarks: [], decisions: d },
    ]);
    expect(s.value).toBe('awaitingPreconditions');
  });

  it('scenario 9c/9d: the p.10 gate is read at the connection date', () => {
    const onlyServicing = { ...ready, documents: { servicingContract: true } };
    expect(
      run([
        { type: 'READINESS_NOTICE', decisions: decide('2023-12-18', onlyServicing) },
        { type: 'INSPECTION_DONE', remarks: [], decisions: decide('2023-12-20', onlyServicing) },
      ]).value,
    ).toBe('energizing');
    expect(
      run([
        { type: 'READINESS_NOTICE', decisions: decide('2024-02-16', onlyServicing) },
        { type: 'INSPECTION_DONE', remarks: [], decisions: decide('2024-02-20', onlyServicing) },
      ]).value,
    ).toBe('awaitingPreconditions');
  });

  it('scenario 1: a TC still awaiting SO agreement is inspected but not connected', () => {
    const d = decide('2024-02-14', { ...ready, connectable: false });
    expect(
      run([
        { type: 'READINESS_NOTICE', decisions: d },
        { type: 'INSPECTION_DONE', remarks: [], decisions: d },
      ]).value,
    ).toBe('awaitingPreconditions');
  });

  describe('scenario 7: deficiencies, re-inspection and lockout', () => {
    const failed = (remarks: string[], switches: Record<string, string> = {}) =>
      decide(
        '2024-02-27',
        { ...ready, initialRemarks: ['R1', 'R2'], reinspectionRemarks: remarks },
        switches,
      );
    const upToReinspection = (): EnergizationEvent[] => [
      { type: 'READINESS_NOTICE', decisions: decide('2024-02-12', ready) },
      {
        type: 'INSPECTION_DONE',
        remarks: ['R1', 'R2'],
        decisions: decide('2024-02-14', { ...ready, initialRemarks: ['R1', 'R2'] }),
      },
      { type: 'DEFICIENCY_ACT_ISSUED' },
      { type: 'REPEAT_NOTICE' },
    ];

    it('records the initial remarks as the ceiling and re-inspects after the repeat notice', () => {
      const s = run(upToReinspection());
      expect(s.value).toBe('reinspection');
      expect(s.context.initialRemarks).toEqual(['R1', 'R2']);
    });

    it('refuses remarks that were not raised at the initial inspection (p.9 ¶4)', () => {
      const s = run(upToReinspection());
      expect(
        s.can({ type: 'REINSPECTION_DONE', remarks: ['R1', 'R3'], decisions: failed(['R1', 'R3']) }),
      ).toBe(false);
    });

    it('locks out after a failed re-inspection and refuses notices until the bar ends', () => {
      const s = run([
        ...upToReinspection(),
        { type: 'REINSPECTION_DONE', remarks: ['R1'], decisions: failed(['R1']) },
      ]);
      expect(s.value).toBe('lockout');
      expect(s.context.lastRemarks).toEqual(['R1']);
      expect(s.can({ type: 'READINESS_NOTICE', decisions: {} })).toBe(false);
      expect(s.can({ type: 'REPEAT_NOTICE' })).toBe(false);
    });

    it('after the lockout, treats the next notice as a repeat notice (A16 default) or a fresh one (switch)', () => {
      const locked = [
        ...upToReinspection(),
        { type: 'REINSPECTION_DONE', remarks: ['R1'], decisions: failed(['R1']) } as const,
      ];
      const elapsed = (switches: Record<string, string>) =>
        decide(
          '2024-03-28',
          { ...ready, initialRemarks: ['R1', 'R2'], reinspectionRemarks: ['R1'], lockoutElapsed: true },
          switches,
        );
      expect(run([...locked, { type: 'LOCKOUT_ELAPSED', decisions: elapsed({}) }]).value).toBe(
        'awaitingRepeatNotice',
      );
      expect(
        run([
          ...locked,
          { type: 'LOCKOUT_ELAPSED', decisions: elapsed({ afterLockoutNotice: 'fresh-notice' }) },
        ]).value,
      ).toBe('awaitingNotice');
    });

    it('connects when the re-inspection finds nothing left', () => {
      expect(
        run([...upToReinspection(), { type: 'REINSPECTION_DONE', remarks: [], decisions: failed([]) }]).value,
      ).toBe('energizing');
    });
  });

  it('prohibits operation on a p.11 finding until it is cleared', () => {
    const d = decide('2024-02-14', ready);
    const energized = run([
      { type: 'READINESS_NOTICE', decisions: d },
      { type: 'INSPECTION_DONE', remarks: [], decisions: d },
      { type: 'ENERGIZED', decisions: d },
    ]);
    const finding = decide('2024-03-14', { ...ready, p11Impediment: true });
    const prohibited = transition(minerEnergizationMachine, energized, {
      type: 'P11_FINDING',
      decisions: finding,
    })[0];
    expect(prohibited.value).toBe('operationProhibited');
    expect(
      transition(minerEnergizationMachine, prohibited, { type: 'FINDING_CLEARED', decisions: d })[0].value,
    ).toBe('energized');
  });

  it('a p.11 finding before energization stops the clock and blocks connecting until it is cleared', () => {
    const d = decide('2024-02-14', ready);
    const finding = decide('2024-02-15', { ...ready, p11Impediment: true });
    expect(finding['can-energize']?.codes).toEqual(['E-P11-IMPEDIMENT']);
    const energizing: EnergizationEvent[] = [
      { type: 'READINESS_NOTICE', decisions: d },
      { type: 'INSPECTION_DONE', remarks: [], decisions: d },
    ];
    const waiting = run([...energizing, { type: 'P11_FINDING', decisions: finding }]);
    expect(waiting.value).toBe('awaitingPreconditions');
    expect(waiting.can({ type: 'ENERGIZED', decisions: finding })).toBe(false);
    const cleared = transition(minerEnergizationMachine, waiting, {
      type: 'FINDING_CLEARED',
      decisions: d,
    })[0];
    expect(cleared.value).toBe('awaitingPreconditions');
    expect(transition(minerEnergizationMachine, cleared, { type: 'ENERGIZED', decisions: d })[0].value).toBe(
      'energized',
    );
    // Recorded in any state before energization: the notice not yet received, a lockout.
    expect(run([{ type: 'P11_FINDING', decisions: finding }]).context.decisions['can-energize']?.value).toBe(
      false,
    );
  });

  it('refuses events that are not allowed in the current state', () => {
    const s = run([]);
    for (const event of [
      { type: 'ENERGIZED', decisions: {} },
      { type: 'REPEAT_NOTICE' },
    ] as EnergizationEvent[]) {
      expect(s.can(event)).toBe(false);
    }
  });
});
