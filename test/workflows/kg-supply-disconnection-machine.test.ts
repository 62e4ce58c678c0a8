// SM-3 / SM-4 of detail/004-part1.md driven like the case workflow drives it: each event updates
// the facts through the process definition, the shipped rule file decides, the machine moves.
// (The notice bars are the workflow's; test/scenarios/kg-supply-disconnection runs them.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { supplyDisconnection } from '../../workflows/kg-supply-disconnection/definition.ts';
import { driveProcess, type Step } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const drive = (input: Record<string, unknown>, steps: Step[], switches: Record<string, string> = {}) =>
  driveProcess(
    supplyDisconnection,
    (date) => rules.at(date, { switches }).process('kg.supply.disconnection'),
    input,
    steps,
  );

const household = { consumerClass: 'household', paymentDueDate: '2025-10-10' };
const warnedAndOverdue: Step[] = [
  { type: 'PAYMENT_OVERDUE', at: '2025-10-11T00:00:00+06:00' },
  { type: 'DISCONNECTION_NOTICE_SENT', at: '2025-10-13T09:00:00+06:00' },
];

describe('kg.supply.disconnection state machine (SM-3, SM-4)', () => {
  it('TS-3: a household overdue and warned is disconnected, then reconnected after debt and fee', () => {
    const out = drive(household, [
      { type: 'PAYMENT_OVERDUE', at: '2025-10-10T12:00:00+06:00' },
      ...warnedAndOverdue,
      { type: 'DISCONNECTED', at: '2025-10-20T11:00:00+06:00' },
      { type: 'RECONNECTED', at: '2025-10-21T10:00:00+06:00' },
      { type: 'DEBT_PAID', at: '2025-10-22T10:00:00+06:00' },
      { type: 'RECONNECTED', at: '2025-10-23T10:00:00+06:00' },
      { type: 'RECONNECTION_FEE_PAID', at: '2025-10-23T16:00:00+06:00' },
      { type: 'RECONNECTED', at: '2025-10-27T12:00:00+06:00' },
    ]);
    expect(out.state).toBe('reconnected');
    expect(out.refused).toEqual([
      { type: 'PAYMENT_OVERDUE', codes: ['P-TERM-RUNNING'] },
      { type: 'RECONNECTED', codes: ['C-DEBT-OUTSTANDING', 'C-FEE-OUTSTANDING'] },
      { type: 'RECONNECTED', codes: ['C-FEE-OUTSTANDING'] },
    ]);
  });

  it('refuses a household disconnection before the default and without a warning', () => {
    const out = drive(household, [
      { type: 'PAYMENT_DOCUMENT_RECEIVED', at: '2025-10-01T12:00:00+06:00' },
      { type: 'DISCONNECTION_NOTICE_SENT', at: '2025-10-01T12:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2025-10-09T10:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: 'paymentDue',
      refused: [{ type: 'DISCONNECTED', codes: ['D-NOT-OVERDUE'] }],
    });
    const unwarned = drive(household, [
      { type: 'PAYMENT_OVERDUE', at: '2025-10-11T00:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2025-10-20T10:00:00+06:00' },
    ]);
    expect(unwarned).toEqual({
      state: 'overdue',
      refused: [{ type: 'DISCONNECTED', codes: ['D-NO-WARNING'] }],
    });
  });

  it('TS-11 variant: an open dispute holds a household back until it is resolved (A2 §15), unless switched off', () => {
    const steps: Step[] = [
      ...warnedAndOverdue,
      { type: 'DISPUTE_FILED', at: '2025-10-14T12:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2025-10-21T10:00:00+06:00' },
    ];
    expect(drive(household, steps)).toEqual({
      state: 'overdue',
      refused: [{ type: 'DISCONNECTED', codes: ['D-OPEN-DISPUTE'] }],
    });
    expect(drive(household, steps, { disputeSuspension: 'none' }).state).toBe('disconnected');
    const resolved = drive(household, [
      ...steps.slice(0, 3),
      { type: 'DISPUTE_RESOLVED', at: '2025-10-20T09:00:00+06:00' },
      steps[3] as Step,
    ]);
    expect(resolved).toEqual({ state: 'disconnected', refused: [] });
  });

  it('TS-5: a non-household consumer is cut off at the printed time, not before; paying in time closes the case', () => {
    const document: Step = {
      type: 'PAYMENT_DOCUMENT_RECEIVED',
      at: '2025-10-06T10:00:00+06:00',
      data: { disconnectionAt: '2025-10-15T09:00:00+06:00' },
    };
    const nh = { consumerClass: 'nonHousehold' };
    const unpaid = drive(nh, [
      document,
      { type: 'PAYMENT_OVERDUE', at: '2025-10-14T00:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2025-10-15T08:59:00+06:00' },
      { type: 'DISCONNECTED', at: '2025-10-15T09:00:00+06:00' },
    ]);
    expect(unpaid).toEqual({
      state: 'disconnected',
      refused: [{ type: 'DISCONNECTED', codes: ['D-BEFORE-PRINTED-TIME'] }],
    });
    expect(drive(nh, [document, { type: 'DEBT_PAID', at: '2025-10-13T15:00:00+06:00' }]).state).toBe('paid');
    expect(drive(nh, [{ type: 'PAYMENT_OVERDUE', at: '2025-10-14T00:00:00+06:00' }])).toEqual({
      state: 'awaitingPaymentDocument',
      refused: [{ type: 'PAYMENT_OVERDUE', codes: ['P-NO-DOCUMENT'] }],
    });
  });

  it('reconnects whichever of debt and fee is paid first, and never before both', () => {
    const disconnected: Step[] = [
      ...warnedAndOverdue,
      { type: 'DISCONNECTED', at: '2025-10-20T11:00:00+06:00' },
    ];
    const feeFirst = drive(household, [
      ...disconnected,
      { type: 'RECONNECTION_FEE_PAID', at: '2025-10-21T10:00:00+06:00' },
      { type: 'RECONNECTED', at: '2025-10-21T11:00:00+06:00' },
      { type: 'DEBT_PAID', at: '2025-10-22T10:00:00+06:00' },
    ]);
    expect(feeFirst).toEqual({
      state: 'awaitingReconnection',
      refused: [{ type: 'RECONNECTED', codes: ['C-DEBT-OUTSTANDING'] }],
    });
  });
});
