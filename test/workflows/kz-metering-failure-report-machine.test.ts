// SM-X3 of detail/003-part2.md §1.13 with decisions from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  type FailureReportEvent,
  failureReportMachine,
} from '../../workflows/kz-metering-failure-report/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

function decide(facts: Record<string, unknown>): DecisionValues {
  const view = rules.at('2027-03-10').process('kz.metering.failure-report');
  return Object.fromEntries(view.decideValues(view.prepare({ hydrocarbonMetering: true, ...facts })));
}

const outage = {
  kind: 'POWER_OUTAGE',
  occurredAt: '2027-03-10T08:00:00+05:00',
  detectedAt: '2027-03-10T08:05:00+05:00',
};
const breakPlan = {
  startsAt: '2027-05-15T22:00:00+05:00',
  endsAt: '2027-05-16T06:00:00+05:00',
};
type Type = FailureReportEvent['type'];
// Later events are decided on the case's facts so far, as the workflow does.
const event = (
  type: Type,
  facts: Record<string, unknown> = type.startsWith('TECH_BREAK') ? breakPlan : outage,
) => ({ type, decisions: decide(facts) }) as FailureReportEvent;
const detected = () => event('FAILURE_DETECTED');
const planned = () => event('TECH_BREAK_PLANNED');
const run = (events: (Type | FailureReportEvent)[]) =>
  runMachine(
    failureReportMachine,
    events.map((e) => (typeof e === 'string' ? event(e) : e)),
  );

describe('kz.metering.failure-report state machine (SM-X3)', () => {
  it('runs open → notified → timeframeReported → resolved, and then accepts nothing more', () => {
    expect(run([detected()]).value).toBe('open');
    expect(run([detected(), 'NOTICE_SENT']).value).toBe('notified');
    expect(run([detected(), 'NOTICE_SENT', 'TIMEFRAME_REPORTED']).value).toBe('timeframeReported');
    const s = run([detected(), 'NOTICE_SENT', 'TIMEFRAME_REPORTED', 'RESOLVED']);
    expect(s.value).toBe('resolved');
    expect(s.status).toBe('done');
    expect(s.context.decisions['failure-report-valid']?.value).toBe(true);
  });

  it('closes a fault eliminated before its time-frame report once notified', () => {
    const s = run([detected(), 'NOTICE_SENT', 'RESOLVED']);
    expect([s.value, s.status]).toEqual(['resolved', 'done']);
  });

  it('keeps a fault eliminated before the notice open until the notice is sent', () => {
    const waiting = run([detected(), 'RESOLVED']);
    expect([waiting.value, waiting.status]).toEqual(['resolvedAwaitingNotice', 'active']);
    expect(waiting.can(event('TIMEFRAME_REPORTED'))).toBe(false);
    const s = run([detected(), 'RESOLVED', 'NOTICE_SENT']);
    expect([s.value, s.status]).toEqual(['resolved', 'done']);
  });

  it('takes the time-frame report only after the notice', () => {
    expect(run([detected()]).can(event('TIMEFRAME_REPORTED'))).toBe(false);
    expect(run([]).can(event('NOTICE_SENT'))).toBe(false);
    expect(run([]).can(event('RESOLVED'))).toBe(false);
  });

  it.each([
    ['outside hydrocarbon metering (A1.2)', { ...outage, hydrocarbonMetering: false }],
    ['without a kind', { occurredAt: outage.occurredAt }],
    ['occurring after its detection (B7(a))', { ...outage, occurredAt: '2027-03-10T08:06:00+05:00' }],
  ])('refuses a failure report %s', (_, facts) => {
    const idle = run([]);
    const report = event('FAILURE_DETECTED', facts);
    expect(report.decisions['failure-report-valid']?.value).toBe(false);
    expect(idle.can(report)).toBe(false);
  });

  it('opens a case from a detection without an occurrence (the detection counts, B7(a))', () => {
    const telemetry = event('FAILURE_DETECTED', { kind: 'CHANNEL_LOSS', detectedAt: outage.detectedAt });
    expect(run([telemetry]).value).toBe('open');
  });

  it('agrees a planned break, or drops it when cancelled', () => {
    expect(run([planned()]).value).toBe('breakPlanned');
    const agreed = run([planned(), 'TECH_BREAK_AGREED']);
    expect([agreed.value, agreed.status]).toEqual(['breakAgreed', 'done']);
    const cancelled = run([planned(), 'TECH_BREAK_CANCELLED']);
    expect([cancelled.value, cancelled.status]).toEqual(['breakCancelled', 'done']);
  });

  it('re-plans a break only with a valid period', () => {
    const later = event('TECH_BREAK_PLANNED', {
      startsAt: '2027-05-22T22:00:00+05:00',
      endsAt: '2027-05-23T06:00:00+05:00',
    });
    expect(run([planned(), later]).value).toBe('breakPlanned');
    const backwards = event('TECH_BREAK_PLANNED', { ...breakPlan, endsAt: '2027-05-15T21:00:00+05:00' });
    expect(backwards.decisions['break-plan-valid']?.codes).toEqual(['R-BREAK-PERIOD']);
    expect(run([planned()]).can(backwards)).toBe(false);
    expect(run([]).can(backwards)).toBe(false);
  });

  it('keeps failures and breaks apart', () => {
    expect(run([detected()]).can(event('TECH_BREAK_AGREED'))).toBe(false);
    expect(run([detected()]).can(planned())).toBe(false);
    expect(run([planned()]).can(event('NOTICE_SENT'))).toBe(false);
    expect(run([planned()]).can(detected())).toBe(false);
    expect(run([]).can(event('TECH_BREAK_AGREED'))).toBe(false);
  });
});
