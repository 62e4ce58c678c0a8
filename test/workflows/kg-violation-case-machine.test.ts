// The violation case (detail/004-part2.md §1.13) driven like the case workflow drives it: each event
// updates the facts through the process definition, the shipped rule file decides, the machine
// moves. (Deadlines, the engine's ACT_ENTERED_INTO_FORCE and PAYMENT_OVERDUE timing and the
// calculation are the workflow's; test/scenarios/kg-violation-case runs them.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { violationCase } from '../../workflows/kg-violation-case/definition.ts';
import { driveProcess, type Step } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const drive = (input: Record<string, unknown>, steps: Step[], switches: Record<string, string> = {}) =>
  driveProcess(
    violationCase,
    (date) => rules.at(date, { switches }).process('kg.violation.case'),
    input,
    steps,
  );

const act = {
  number: '000123',
  registered: true,
  copies: 2,
  place: 'Bishkek',
  drafter: 'Controller A. Asanov',
  drawnUpInPresenceOf: 'Main tenant B. Bekov',
  consumer: 'B. Bekov',
  accountNumber: '100234',
  address: 'Bishkek, Ibraimov st. 1',
  violation: 'Self-reconnection at the meter board',
  premisesPurpose: 'Dwelling',
  consumerSigned: true,
  copyHandedToConsumer: true,
  rightsExplained: true,
  eliminationTaskGiven: true,
  schemeDrawing: true,
};
const atCommission = { ...act, commissionReviewAt: '2024-03-19T10:00:00+06:00', commissionPlace: 'Office' };
const drafted = (at: string, data: Record<string, unknown> = { act: atCommission }): Step => ({
  type: 'ACT_DRAFTED',
  at,
  data,
});
// TS-4: a household that reconnected itself after a disconnection for debt (§21(2)).
const ts4 = {
  consumerClass: 'household',
  violationClause: 'p21_2',
  meterLocation: 'consumer-installation',
  detectionDate: '2024-03-15',
  detectedAt: '2024-03-15T14:00:00+06:00',
  phases: 1,
  breakerTripSetting: 16,
  receiversConnected: 'after_protection',
  disconnectionDate: '2024-01-10',
};
const invoiced: Step[] = [
  { type: 'UNMETERED_ENERGY_CALCULATED', at: '2024-03-19T11:00:00+06:00', data: { paidEnergy: 0 } },
  { type: 'INVOICE_DELIVERED', at: '2024-03-20T10:00:00+06:00' },
];

describe('kg.violation.case state machine (004-part2.md §1.13)', () => {
  it('TS-4: disconnected without warning at once, commission at its time, invoice paid, restored after elimination and fee', () => {
    const out = drive(ts4, [
      drafted('2024-03-15T15:00:00+06:00'),
      { type: 'DISCONNECTED', at: '2024-03-16T10:00:00+06:00' },
      { type: 'COMMISSION_DECIDED', at: '2024-03-19T09:00:00+06:00' },
      { type: 'COMMISSION_DECIDED', at: '2024-03-19T10:30:00+06:00' },
      ...invoiced,
      { type: 'PAID', at: '2024-03-26T12:00:00+06:00' },
      { type: 'SUPPLY_RESTORED', at: '2024-03-26T13:00:00+06:00' },
      { type: 'VIOLATION_ELIMINATED', at: '2024-03-27T10:00:00+06:00' },
      { type: 'RECONNECTION_FEE_PAID', at: '2024-03-27T12:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: { consumerFault: { settlement: 'paid', supply: 'disconnected' } },
      refused: [
        { type: 'COMMISSION_DECIDED', codes: ['C-BEFORE-REVIEW-TIME'] },
        { type: 'SUPPLY_RESTORED', codes: ['R-NOT-ELIMINATED', 'R-FEE-UNPAID'] },
      ],
    });
    const restored = drive(ts4, [
      drafted('2024-03-15T15:00:00+06:00'),
      { type: 'DISCONNECTED', at: '2024-03-16T10:00:00+06:00' },
      { type: 'COMMISSION_DECIDED', at: '2024-03-19T10:30:00+06:00' },
      ...invoiced,
      { type: 'PAID', at: '2024-03-26T12:00:00+06:00' },
      { type: 'VIOLATION_ELIMINATED', at: '2024-03-27T10:00:00+06:00' },
      { type: 'RECONNECTION_FEE_PAID', at: '2024-03-27T12:00:00+06:00' },
      { type: 'SUPPLY_RESTORED', at: '2024-03-29T10:00:00+06:00' },
    ]);
    expect(restored).toEqual({ state: 'settled', refused: [] });
  });

  it('refuses an act missing mandatory fields, naming each; routes scope and custody failures to manual review', () => {
    const { rightsExplained: _r, schemeDrawing: _s, ...gaps } = atCommission;
    expect(drive(ts4, [drafted('2024-03-15T15:00:00+06:00', { act: gaps })])).toEqual({
      state: 'drafting',
      refused: [{ type: 'ACT_DRAFTED', codes: ['A-RIGHTS', 'A-SCHEME-BYPASS'] }],
    });
    // Outside the Instruction the act's form is not the question.
    expect(
      drive({ ...ts4, meterLocation: 'elsewhere' }, [drafted('2024-03-15T15:00:00+06:00', {})]).state,
    ).toBe('manualReview');
    const p19 = { ...ts4, violationClause: 'p19_1' };
    expect(drive(p19, [drafted('2024-03-15T15:00:00+06:00')]).state).toBe('manualReview');
    expect(drive({ ...p19, custodyAct: true }, [drafted('2024-03-15T15:00:00+06:00')]).state).toEqual({
      consumerFault: { settlement: 'awaitingCommission', supply: 'connected' },
    });
  });

  it('TS-6(a): a disputed §18 act in force without a conclusion; disconnection only after the unpaid invoice and a warning', () => {
    const p18 = { ...ts4, violationClause: 'p18', custodyAct: true, lastInspectorVisitDate: '2024-04-03' };
    const withReferral = { act: { ...act, forensicReferral: 'No. 17 of 2024-06-03' } };
    const out = drive(p18, [
      drafted('2024-06-03T10:00:00+06:00', withReferral),
      { type: 'DISCONNECTED', at: '2024-06-04T10:00:00+06:00' },
      { type: 'ACT_ENTERED_INTO_FORCE', at: '2024-07-04T00:00:00+06:00' },
      { type: 'UNMETERED_ENERGY_CALCULATED', at: '2024-07-04T10:00:00+06:00', data: { paidEnergy: 0 } },
      { type: 'INVOICE_DELIVERED', at: '2024-07-05T10:00:00+06:00' },
      { type: 'PAYMENT_OVERDUE', at: '2024-07-11T00:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2024-07-11T08:00:00+06:00' },
      { type: 'DISCONNECTION_NOTICE_SENT', at: '2024-07-11T09:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2024-07-11T10:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: { consumerFault: { settlement: 'paymentOverdue', supply: 'disconnected' } },
      refused: [
        { type: 'DISCONNECTED', codes: ['D-NOT-OVERDUE', 'D-NO-WARNING'] },
        { type: 'DISCONNECTED', codes: ['D-NO-WARNING'] },
      ],
    });
  });

  it('TS-6(b): a conclusion that does not confirm the act closes the case without charge once the costs are refunded', () => {
    const p18 = { ...ts4, violationClause: 'p18', custodyAct: true };
    const out = drive(p18, [
      drafted('2024-06-03T10:00:00+06:00', { act: { ...act, forensicReferral: 'No. 17' } }),
      {
        type: 'FORENSIC_CONCLUSION_RECEIVED',
        at: '2024-06-28T11:00:00+06:00',
        data: { forensicConfirmed: false },
      },
      { type: 'UNMETERED_ENERGY_CALCULATED', at: '2024-06-28T12:00:00+06:00' },
      { type: 'REIMBURSED', at: '2024-07-05T10:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: 'closedNoCharge',
      refused: [{ type: 'UNMETERED_ENERGY_CALCULATED', codes: ['STATE'] }],
    });
  });

  it('TS-3: a consumer who agrees goes straight to the calculation; paid in time, nothing is disconnected', () => {
    const ts3 = {
      consumerClass: 'nonHousehold',
      violationClause: 'p19_2',
      meterLocation: 'consumer-territory',
      consumerAgrees: true,
      detectionDate: '2024-03-31',
      breakerTripSetting: 100,
    };
    const steps: Step[] = [
      drafted('2024-03-31T10:00:00+06:00', { act }),
      { type: 'UNMETERED_ENERGY_CALCULATED', at: '2024-04-01T10:00:00+06:00' },
      { type: 'INVOICE_DELIVERED', at: '2024-04-05T10:00:00+06:00' },
      { type: 'PAID', at: '2024-04-11T10:00:00+06:00' },
    ];
    expect(drive(ts3, steps)).toEqual({ state: 'settled', refused: [] });
    // By policy the agreeing consumer's act goes to the commission, which the act must schedule.
    expect(drive(ts3, steps.slice(0, 1), { agreedActPath: 'commission' })).toEqual({
      state: 'drafting',
      refused: [{ type: 'ACT_DRAFTED', codes: ['A-COMMISSION-REVIEW'] }],
    });
  });

  it('settles a consumer with control metering by it, still cutting off a §21 consumer unless switched off (§7 item 43)', () => {
    const control = { ...ts4, violationClause: 'p21_3', controlMetering: true };
    const steps: Step[] = [
      drafted('2024-06-03T10:30:00+06:00', { act }),
      { type: 'DISCONNECTED', at: '2024-06-04T10:00:00+06:00' },
      { type: 'SETTLED_BY_CONTROL_METERING', at: '2024-06-10T10:00:00+06:00' },
    ];
    expect(drive(control, steps).state).toEqual({
      consumerFault: { settlement: 'settledByControlMetering', supply: 'disconnected' },
    });
    expect(drive(control, steps, { controlMeteringDisconnection: 'suspended' })).toEqual({
      state: 'settled',
      refused: [{ type: 'DISCONNECTED', codes: ['D-CONTROL-METERING'] }],
    });
  });

  it('TS-7: a non-fault violation goes to the standing commission, is never a ground for disconnection, and settles after elimination', () => {
    const nonFault = { ...ts4, violationClause: 'p22' };
    const out = drive(nonFault, [
      drafted('2024-06-03T11:00:00+06:00', { act }),
      { type: 'DISCONNECTED', at: '2024-06-04T10:00:00+06:00' },
      { type: 'COMMISSION_DECIDED', at: '2024-06-05T15:00:00+06:00', data: { misconduct: false } },
      { type: 'VIOLATION_ELIMINATED', at: '2024-06-15T10:00:00+06:00' },
    ]);
    expect(out).toEqual({
      state: 'nonFaultSettlement',
      // The non-fault branch has no disconnection at all: the case refuses it by its state.
      refused: [{ type: 'DISCONNECTED', codes: ['STATE'] }],
    });
  });

  it('holds a household disconnection back during a dispute (A2 §15): §21 only with a supervisor, with warning not at all', () => {
    const disputed: Step[] = [
      drafted('2024-03-15T15:00:00+06:00'),
      { type: 'DISPUTE_FILED', at: '2024-03-15T16:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2024-03-16T10:00:00+06:00' },
      { type: 'DISCONNECTED', at: '2024-03-16T11:00:00+06:00', data: { supervisorApproved: true } },
    ];
    expect(drive(ts4, disputed)).toEqual({
      state: { consumerFault: { settlement: 'awaitingCommission', supply: 'disconnected' } },
      refused: [{ type: 'DISCONNECTED', codes: ['D-SUPERVISOR-APPROVAL'] }],
    });
    expect(drive(ts4, disputed.slice(0, 3), { disputeSuspension: 'none' }).refused).toEqual([]);
  });
});
