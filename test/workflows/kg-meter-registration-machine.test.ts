// The registration end of SM-1 of detail/004-part1.md (R§68, R§71, R§58, R§108), with decisions
// from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  meterRegistrationMachine,
  type RegistrationEvent,
} from '../../workflows/kg-meter-registration/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

function decide(facts: Record<string, unknown>, switches: Record<string, string> = {}): DecisionValues {
  const view = rules.at('2025-10-13', { switches }).process('kg.meter.registration');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}

const energized = (consumerClass: string): RegistrationEvent[] => [
  { type: 'VOLTAGE_APPLIED', decisions: decide({ consumerClass }) },
];

describe('kg.meter.registration state machine (SM-1 ENERGIZED_UNREGISTERED -> IN_OPERATION)', () => {
  it('TS-1: billed by contract capacity once energized, by the meter once registered', () => {
    const s = runMachine(meterRegistrationMachine, energized('household'));
    expect(s.value).toBe('energizedUnregistered');
    expect(s.context.decisions['billing-basis']?.value).toBe('contract-capacity');
    const registered = decide({
      consumerClass: 'household',
      meteringSystem: 'meter',
      verificationSealed: true,
      meteringRegistered: true,
    });
    const done = runMachine(meterRegistrationMachine, [
      ...energized('household'),
      { type: 'METER_REGISTERED', decisions: registered },
    ]);
    expect(done.value).toBe('inOperation');
    expect(done.status).toBe('done');
    expect(done.context.decisions['billing-basis']?.value).toBe('metered');
  });

  it('registers nothing before voltage is applied', () => {
    expect(
      runMachine(meterRegistrationMachine, []).can({
        type: 'METER_REGISTERED',
        decisions: decide({ consumerClass: 'household', meteringSystem: 'meter', verificationSealed: true }),
      }),
    ).toBe(false);
  });

  it('refuses an unsealed device (R§71 ¶1) and a non-household meter without ASKUE (R§58)', () => {
    const s = runMachine(meterRegistrationMachine, energized('nonHousehold'));
    const unsealed = decide({
      consumerClass: 'nonHousehold',
      meteringSystem: 'askue',
      verificationSealed: false,
    });
    expect(unsealed['registration-acceptable']).toMatchObject({ value: false, codes: ['R71-SEALS'] });
    expect(s.can({ type: 'METER_REGISTERED', decisions: unsealed })).toBe(false);
    const meterOnly = { consumerClass: 'nonHousehold', meteringSystem: 'meter', verificationSealed: true };
    expect(s.can({ type: 'METER_REGISTERED', decisions: decide(meterOnly) })).toBe(false);
    const reported = decide(meterOnly, { askueForNonHousehold: 'report-only' });
    expect(reported['askue-compliant']).toMatchObject({ value: false, codes: ['R58-ASKUE'] });
    expect(s.can({ type: 'METER_REGISTERED', decisions: reported })).toBe(true);
  });
});
