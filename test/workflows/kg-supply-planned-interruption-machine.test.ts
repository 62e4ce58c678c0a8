// SM-6 of detail/004-part1.md driven like the case workflow drives it (test/support/machine.ts):
// the lead-time bars and the end of the consumer's 5 days are the workflow's, run by
// test/scenarios/kg-supply-planned-interruption; here AGREEMENT_WINDOW_CLOSED is sent as the
// workflow sends it, with the fact it establishes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { supplyPlannedInterruption } from '../../workflows/kg-supply-planned-interruption/definition.ts';
import { driveProcess, type Step } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const drive = (steps: Step[]) =>
  driveProcess(
    supplyPlannedInterruption,
    (date) => rules.at(date).process('kg.supply.planned-interruption'),
    {},
    steps,
  );

const notice: Step = {
  type: 'INTERRUPTION_NOTICE_SENT',
  at: '2025-10-01T10:00:00+06:00',
  data: { plannedAt: '2025-10-13T09:00:00+06:00' },
};
const reaction = supplyPlannedInterruption.onBreached?.['consumer-agreement'];
const windowClosed: Step = {
  type: reaction?.type ?? '',
  at: '2025-10-07T00:00:00+06:00',
  data: reaction?.facts,
};
const setFor14th: Step = {
  type: 'TIME_SET_BY_LICENSEE',
  at: '2025-10-13T08:00:00+06:00',
  data: { plannedAt: '2025-10-14T09:00:00+06:00' },
};

describe('kg.supply.planned-interruption state machine (SM-6)', () => {
  it('TS-6: the licensee sets the time only after the consumer’s 5 days, then interrupts at that time', () => {
    const out = drive([
      notice,
      { ...setFor14th, at: '2025-10-06T12:00:00+06:00' },
      { type: 'SUPPLY_INTERRUPTED', at: '2025-10-13T07:00:00+06:00' },
      windowClosed,
      setFor14th,
      { type: 'SUPPLY_INTERRUPTED', at: '2025-10-14T08:30:00+06:00' },
      { type: 'SUPPLY_INTERRUPTED', at: '2025-10-14T09:00:00+06:00' },
      { type: 'SUPPLY_RESTORED', at: '2025-10-14T13:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: 'restored',
      refused: [
        { type: 'TIME_SET_BY_LICENSEE', codes: ['I-AGREEMENT-PERIOD-RUNNING'] },
        // Neither fixed nor due: 07:00 is also before the proposed 09:00.
        { type: 'SUPPLY_INTERRUPTED', codes: ['I-TIME-NOT-FIXED', 'I-BEFORE-FIXED-TIME'] },
        { type: 'SUPPLY_INTERRUPTED', codes: ['I-BEFORE-FIXED-TIME'] },
      ],
    });
  });

  it('TS-6(c): an agreed time needs no repeat warning; a late agreement still counts before the licensee sets one', () => {
    const agreed = drive([
      notice,
      {
        type: 'CONSUMER_AGREED',
        at: '2025-10-03T11:00:00+06:00',
        data: { plannedAt: '2025-10-12T09:00:00+06:00' },
      },
      { type: 'SUPPLY_INTERRUPTED', at: '2025-10-12T09:00:00+06:00' },
    ]);
    expect(agreed).toEqual({ state: 'interrupted', refused: [] });
    const late = drive([notice, windowClosed, { type: 'CONSUMER_AGREED', at: '2025-10-08T09:00:00+06:00' }]);
    expect(late.state).toBe('timeAgreed');
    expect(
      drive([notice, windowClosed, setFor14th, { type: 'CONSUMER_AGREED', at: '2025-10-13T09:00:00+06:00' }]),
    ).toEqual({ state: 'timeSetByLicensee', refused: [{ type: 'CONSUMER_AGREED', codes: ['STATE'] }] });
  });

  it('a licensee may set a new time, which needs its own repeat warning', () => {
    const out = drive([
      notice,
      windowClosed,
      setFor14th,
      {
        type: 'TIME_SET_BY_LICENSEE',
        at: '2025-10-14T07:00:00+06:00',
        data: { plannedAt: '2025-10-16T09:00:00+06:00' },
      },
      { type: 'SUPPLY_INTERRUPTED', at: '2025-10-14T09:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: 'timeSetByLicensee',
      refused: [{ type: 'SUPPLY_INTERRUPTED', codes: ['I-BEFORE-FIXED-TIME'] }],
    });
  });
});
