// SM-5 of detail/003-part1.md (with 002.md SM-6's awaiting term) on decisions of the shipped rule
// file, at the failure's date as the case workflow takes them.
import { beforeAll, describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  type HeatReplacementEvent,
  heatReplacementMachine,
} from '../../workflows/kz-heat-equipment-replacement/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const BEFORE_EF26 = '2026-04-15';
const AFTER_EF26 = '2026-07-10';

function decide(date: string, facts: Record<string, unknown>, switches = {}): DecisionValues {
  const view = rules.at(date, { switches }).process('kz.heat.equipment-replacement');
  return Object.fromEntries(view.decideValues(view.prepare({ isHeatSupplySubject: true, ...facts })));
}
const failed = (date: string, facts = {}, termStated = false): HeatReplacementEvent => ({
  type: 'EQUIPMENT_FAILED',
  decisions: decide(date, facts),
  termStated,
});
const replaced = (date: string, facts: Record<string, unknown>): HeatReplacementEvent => ({
  type: 'REPLACED',
  decisions: decide(date, facts),
});
const admissible2026 = { newEquipmentRegistered: true, newEquipmentVerified: true };
const admissible2025 = { ...admissible2026, newEquipmentConformsToStandards: true };
const run = (events: HeatReplacementEvent[]) => runMachine(heatReplacementMachine, events);

describe('kz.heat.equipment-replacement state machine (SM-5)', () => {
  it('under R26.101 the term runs at once; a registered, verified instrument ends the case', () => {
    const s = run([failed(AFTER_EF26), replaced(AFTER_EF26, admissible2026)]);
    expect(s.value).toBe('replaced');
    expect(s.status).toBe('done');
  });

  it('under R25.92 waits for the authority, then for the replacement', () => {
    const waiting = run([failed(BEFORE_EF26)]);
    expect(waiting.value).toBe('awaitingTermFromAuthority');
    const termSet = transition(heatReplacementMachine, waiting, {
      type: 'TERM_SET',
      decisions: decide(BEFORE_EF26, { termDays: 30 }),
      termStated: true,
    })[0];
    expect(termSet.value).toBe('failedAwaitingReplacement');
    expect(transition(heatReplacementMachine, termSet, replaced(BEFORE_EF26, admissible2025))[0].value).toBe(
      'replaced',
    );
  });

  it("does not wait when the authority's term comes with the report", () => {
    expect(run([failed(BEFORE_EF26, { termDays: 30 }, true)]).value).toBe('failedAwaitingReplacement');
  });

  it('refuses a TERM_SET without the term, and one under R26.101', () => {
    const waiting = run([failed(BEFORE_EF26)]);
    expect(waiting.can({ type: 'TERM_SET', decisions: decide(BEFORE_EF26, {}), termStated: false })).toBe(
      false,
    );
    const running = run([failed(AFTER_EF26)]);
    expect(running.can({ type: 'TERM_SET', decisions: decide(AFTER_EF26, {}), termStated: true })).toBe(
      false,
    );
  });

  it('opens no case for a subject outside the scope, unless policy extends it (002.md A4)', () => {
    const electricity = { isHeatSupplySubject: false };
    const start = run([]);
    expect(
      start.can({ type: 'EQUIPMENT_FAILED', decisions: decide(AFTER_EF26, electricity), termStated: false }),
    ).toBe(false);
    const extended = decide(AFTER_EF26, electricity, { scopeIncludesElectricity: true });
    expect(run([{ type: 'EQUIPMENT_FAILED', decisions: extended, termStated: false }]).value).toBe(
      'failedAwaitingReplacement',
    );
  });

  it('guards REPLACED by the edition of the case: R25.87 also asks for national standards', () => {
    const waiting = run([failed(BEFORE_EF26)]);
    expect(waiting.can(replaced(BEFORE_EF26, admissible2026))).toBe(false);
    expect(waiting.can(replaced(BEFORE_EF26, admissible2025))).toBe(true);
    const running = run([failed(AFTER_EF26)]);
    expect(running.can(replaced(AFTER_EF26, { newEquipmentRegistered: true }))).toBe(false);
    expect(running.can(replaced(AFTER_EF26, admissible2026))).toBe(true);
  });

  it('records the continuity measure and a continuity breach without changing state', () => {
    const s = run([
      failed(AFTER_EF26),
      {
        type: 'CONTINUITY_MEASURE_RECORDED',
        decisions: decide(AFTER_EF26, {}),
        measure: 'substitute meter hm-90',
      },
      { type: 'METERING_CONTINUITY_BREACH', decisions: decide(AFTER_EF26, {}) },
    ]);
    expect(s.value).toBe('failedAwaitingReplacement');
    expect([s.context.continuityMeasure, s.context.continuityViolated]).toEqual([
      'substitute meter hm-90',
      true,
    ]);
  });

  it('accepts nothing before a failure but the failure itself', () => {
    const start = run([]);
    expect(start.can(replaced(AFTER_EF26, admissible2026))).toBe(false);
    expect(start.can({ type: 'METERING_CONTINUITY_BREACH', decisions: {} })).toBe(false);
  });
});
