// SM-7 of detail/004-part1.md driven like the case workflow drives it (test/support/machine.ts);
// the 10-minute bar is the workflow's, run by test/scenarios/kg-supply-overload.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { supplyOverload } from '../../workflows/kg-supply-overload/definition.ts';
import { driveProcess, type Step } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const ts7 = { permittedCapacityKw: 500, emergencyArmorKw: 120 };
const drive = (steps: Step[], input: Record<string, unknown> = ts7) =>
  driveProcess(supplyOverload, (date) => rules.at(date).process('kg.supply.overload'), input, steps);
const warning: Step = {
  type: 'OVERLOAD_WARNING_SENT',
  at: '2025-10-06T14:02:00+06:00',
  data: { measuredLoadKw: 620 },
};
const cutTo = (retainedLoadKw: number, measuredLoadKw = 560): Step => ({
  type: 'PARTIAL_DISCONNECTION',
  at: '2025-10-06T14:12:00+06:00',
  data: { retainedLoadKw, measuredLoadKw },
});
const measured = (measuredLoadKw: number): Step => ({
  type: 'LOAD_REDUCED',
  at: '2025-10-06T14:30:00+06:00',
  data: { measuredLoadKw },
});

describe('kg.supply.overload state machine (SM-7)', () => {
  it('TS-7: warns only above the permitted capacity, cuts down to the armor and no further, closes within it', () => {
    expect(drive([{ ...warning, data: { measuredLoadKw: 500 } }])).toEqual({
      state: 'monitoring',
      refused: [{ type: 'OVERLOAD_WARNING_SENT', codes: [] }],
    });
    expect(drive([warning, cutTo(100), cutTo(120), measured(510), measured(480)])).toEqual({
      state: 'loadReduced',
      refused: [
        { type: 'PARTIAL_DISCONNECTION', codes: ['O-BELOW-EMERGENCY-ARMOR'] },
        { type: 'LOAD_REDUCED', codes: ['O-ABOVE-PERMITTED'] },
      ],
    });
  });

  it('TS-7 variant: a load back within the permitted capacity closes the case and bars the disconnection', () => {
    expect(drive([warning, measured(480)]).state).toBe('loadReduced');
    expect(drive([warning, cutTo(300, 490)])).toEqual({
      state: 'warned',
      refused: [{ type: 'PARTIAL_DISCONNECTION', codes: ['O-LOAD-WITHIN-PERMITTED'] }],
    });
  });

  it('without an armor act there is no floor to check (R§120 names the armor, not a value)', () => {
    expect(drive([warning, cutTo(50)], { permittedCapacityKw: 500 }).state).toBe('partiallyDisconnected');
  });
});
