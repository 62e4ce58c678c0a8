// Real case workflows on the time-skipping server, with the shipped rule files.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import type { ScratchSchema } from '../../src/read-model/scratch-schema.ts';
import { type CaseStart, caseQuery, eventSignal } from '../../workflows/case-messages.ts';
import {
  type CaseEnvironment,
  caseEnvironment,
  keepHistory,
  sendEvent as send,
} from '../support/case-environment.ts';
import { RULES_DIR } from '../support/rule-set.ts';

let cases: CaseEnvironment;
let env: TestWorkflowEnvironment;
let database: ScratchSchema;
let readModel: CaseReadModel;
const taskQueue = 'cases';

beforeAll(async () => {
  cases = await caseEnvironment(RULES_DIR);
  ({ env, database, readModel } = cases);
  await cases.startWorker({ taskQueue });
}, 120_000);

afterAll(() => cases?.teardown());

let counter = 0;
async function startCase(start: CaseStart) {
  return env.client.workflow.start('caseWorkflow', {
    args: [start],
    taskQueue,
    workflowId: `case-${++counter}`,
  });
}
type Handle = Awaited<ReturnType<typeof startCase>>;
/** The simulated clock of a case: moves the time-skipping server forward to a legal instant. */
function clockFrom(start: string) {
  let now = start;
  return async (to: string) => {
    await env.sleep(Date.parse(to) - Date.parse(now));
    now = to;
  };
}

const allItems = Array.from({ length: 15 }, (_, i) => i + 1);
const complete = { application: true, questionnaire: true, sitePlan: true, capacityCalculation: true };

describe('kz.miner.tc case workflow', () => {
  it('scenario 2: notice breached after 2024-04-25, copy met, one copy closes both late (A4)', async () => {
    const start = '2024-04-15T09:00:00+05:00';
    const advanceTo = clockFrom(start);
    const handle = await startCase({
      process: 'kz.miner.tc',
      simulatedClock: { startsAt: start },
      input: {
        declaredCapacityKw: 5000,
        substationKv: 35,
        isSubConsumer: false,
        attachments: complete,
        externalScheme: { designOrgLicensed: true, agreedByEto: true },
      },
    });
    expect(await send(handle, 'SUBMIT', '2024-04-15T09:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'schemeReview',
    });
    await send(handle, 'SCHEME_AGREED', '2024-04-15T10:00:00+05:00');
    expect(await send(handle, 'TC_DRAFTED', '2024-04-15T11:00:00+05:00', { tcContent: allItems })).toEqual({
      accepted: true,
      stateAfter: 'readyToIssue',
    });
    expect(await send(handle, 'TC_ISSUED', '2024-04-15T12:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'issued',
    });

    let view = await handle.query(caseQuery);
    expect(view.decisions['so-agreement-required']?.value).toBe(false);
    expect(view.decisions['so-info-copy-required']?.value).toBe(true);
    expect(view.deadlines.map((d) => [d.id, d.dueDate, d.dueAt, d.status])).toEqual([
      ['so-issuance-notice', '2024-04-25', '2024-04-26T00:00:00+05:00', 'pending'],
      ['so-info-copy', '2024-05-15', '2024-05-16T00:00:00+05:00', 'pending'],
    ]);

    await advanceTo('2024-04-27T00:00:00+05:00');
    view = await handle.query(caseQuery);
    expect(view.deadlines.find((d) => d.id === 'so-issuance-notice')?.status).toBe('breached');

    expect(await send(handle, 'SO_COPY_SENT', '2024-04-27T10:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'issued',
    });
    view = await handle.query(caseQuery);
    expect(view.deadlines).toMatchObject([
      {
        id: 'so-issuance-notice',
        status: 'breached',
        metAt: '2024-04-27T10:00:00+05:00',
        latenessMs: (24 + 10) * 3_600_000,
      },
      { id: 'so-info-copy', status: 'met', metAt: '2024-04-27T10:00:00+05:00' },
    ]);
    expect(view.stateValue).toEqual({
      issued: { soNotice: 'done', soCopy: 'done', soAgreement: 'notRequired' },
    });
    await keepHistory(handle, 'kz-miner-tc-scenario-2');
  }, 60_000);

  it('refuses with reasons: state, guard and facts; applies a repeated idempotency key once', async () => {
    const handle = await startCase({
      process: 'kz.miner.tc',
      simulatedClock: { startsAt: '2024-01-03T09:00:00+06:00' },
      input: { declaredCapacityKw: 3000, substationKv: 110, isSubConsumer: false, attachments: complete },
    });
    expect(await send(handle, 'TC_ISSUED', '2024-01-03T09:00:00+06:00')).toEqual({
      accepted: false,
      reason: 'TC_ISSUED not allowed in state draft',
      stateAfter: 'draft',
    });
    const bad = await send(handle, 'SUBMIT', '2024-01-03T09:05:00+06:00', { declaredCapacityKw: 'three' });
    expect(bad).toEqual({
      accepted: false,
      reason: 'invalid facts:\n  declaredCapacityKw: expected a number in kW, got "three"',
      stateAfter: 'draft',
    });
    await send(handle, 'SUBMIT', '2024-01-03T09:10:00+06:00');
    const missing14 = await send(handle, 'TC_DRAFTED', '2024-01-03T10:00:00+06:00', {
      tcContent: allItems.filter((i) => i !== 14),
    });
    expect(missing14.accepted).toBe(false);
    expect(missing14.reason).toContain('guard failed: Req p.6 sub-p.14) ASKUE metering requirements missing');
    expect(missing14.reason).toContain('(order275 Req p.6 sub-p.14); Order p.4)');
    const again = await send(handle, 'SUBMIT', '2024-01-03T09:10:00+06:00');
    expect(again).toEqual({ accepted: true, stateAfter: 'drafting' });
    const view = await handle.query(caseQuery);
    expect(view.history.map((h) => [h.type, h.accepted])).toEqual([
      ['TC_ISSUED', false],
      ['SUBMIT', false],
      ['SUBMIT', true],
      ['TC_DRAFTED', false],
    ]);
    expect(view.ruleSetVersion).toMatch(/^[0-9a-f]{64}$/);
    await keepHistory(handle, 'kz-miner-tc-refusals');
  }, 60_000);
});

/** A miner whose TC allows connection and who holds every Req p.10 document and the contracts. */
const readyMiner = {
  connectable: true,
  wholesaleContracts: true,
  documents: {
    servicingContract: true,
    meteringAcceptanceAct: true,
    telecomAcceptanceAct: true,
    loadSheddingDecision: true,
  },
};

describe('kz.miner.energization case workflow', () => {
  it('issues the three acts of Req p.8 on ENERGIZED, once, into the read model', async () => {
    const start = '2024-02-12T09:00:00+06:00';
    const handle = await startCase({
      process: 'kz.miner.energization',
      simulatedClock: { startsAt: start },
      input: readyMiner,
    });
    await send(handle, 'READINESS_NOTICE', '2024-02-12T09:00:00+06:00');
    await send(handle, 'INSPECTION_DONE', '2024-02-13T10:00:00+06:00', { remarks: [] });
    expect(await send(handle, 'ENERGIZED', '2024-02-14T10:00:00+06:00')).toEqual({
      accepted: true,
      stateAfter: 'energized',
    });
    await send(handle, 'ENERGIZED', '2024-02-14T10:00:00+06:00');
    const view = await handle.query(caseQuery);
    expect(view.documents.map((d) => [d.id, d.issuedAt])).toEqual([
      ['sealing-act', '2024-02-14T10:00:00+06:00'],
      ['inspection-and-conformity-act', '2024-02-14T10:00:00+06:00'],
      ['balance-ownership-and-responsibility-act', '2024-02-14T10:00:00+06:00'],
    ]);
    const rows = await database.pool.query(
      'SELECT document_id, clause FROM documents WHERE case_id = $1 ORDER BY document_id',
      [handle.workflowId],
    );
    expect(rows.rows).toEqual([
      {
        document_id: 'balance-ownership-and-responsibility-act',
        clause: 'order275 Req p.8 sub-p.2) indent 2',
      },
      { document_id: 'inspection-and-conformity-act', clause: 'order275 Req p.8 sub-p.2) indent 2' },
      { document_id: 'sealing-act', clause: 'order275 Req p.8 sub-p.2) indent 2' },
    ]);
  }, 60_000);

  it('scenario 7: deficiency act, re-inspection guard, lockout refusal, and the notice accepted after it', async () => {
    const start = '2024-02-12T09:00:00+06:00';
    const advanceTo = clockFrom(start);
    const handle = await startCase({
      process: 'kz.miner.energization',
      simulatedClock: { startsAt: start },
      input: readyMiner,
    });
    await send(handle, 'READINESS_NOTICE', '2024-02-12T09:00:00+06:00');
    expect((await handle.query(caseQuery)).deadlines.map((d) => [d.id, d.dueDate])).toEqual([
      ['inspection', '2024-02-14'],
      ['energization', '2024-02-15'],
    ]);
    await advanceTo('2024-02-14T12:00:00+06:00');
    expect(
      await send(handle, 'INSPECTION_DONE', '2024-02-14T12:00:00+06:00', { remarks: ['R1', 'R2'] }),
    ).toEqual({ accepted: true, stateAfter: 'deficiencies' });
    let view = await handle.query(caseQuery);
    expect(view.deadlines.map((d) => [d.id, d.dueDate, d.status])).toEqual([
      ['inspection', '2024-02-14', 'met'],
      ['energization', '2024-02-15', 'cancelled'],
      ['deficiency-act', '2024-02-16', 'pending'],
    ]);
    await send(handle, 'DEFICIENCY_ACT_ISSUED', '2024-02-15T10:00:00+06:00');
    expect((await send(handle, 'REPEAT_NOTICE', '2024-02-26T09:00:00+06:00')).stateAfter).toBe(
      'reinspection',
    );
    const newRemark = await send(handle, 'REINSPECTION_DONE', '2024-02-27T10:00:00+06:00', {
      remarks: ['R1', 'R3'],
    });
    expect(newRemark.accepted).toBe(false);
    expect(newRemark.reason).toBe(
      'guard failed: remarks R3 not in the initial remarks (R1, R2) (order275 Req p.9 ¶4)',
    );
    expect(await send(handle, 'REINSPECTION_DONE', '2024-02-27T11:00:00+06:00', { remarks: ['R1'] })).toEqual(
      { accepted: true, stateAfter: 'lockout' },
    );
    view = await handle.query(caseQuery);
    expect(view.deadlines.find((d) => d.id === 'reinspection-lockout')).toMatchObject({
      dueDate: '2024-03-27',
      dueAt: '2024-03-28T00:00:00+05:00',
      status: 'pending',
    });

    await advanceTo('2024-03-10T09:00:00+05:00');
    expect(await send(handle, 'REPEAT_NOTICE', '2024-03-10T09:00:00+05:00')).toEqual({
      accepted: false,
      reason: 'REPEAT_NOTICE not accepted: reinspection-lockout until 2024-03-27 (order275 Req p.9 ¶5)',
      clause: 'order275 Req p.9 ¶5',
      stateAfter: 'lockout',
    });

    await advanceTo('2024-03-28T09:00:00+05:00');
    view = await handle.query(caseQuery);
    expect(view.state).toBe('awaitingRepeatNotice');
    expect(view.deadlines.find((d) => d.id === 'reinspection-lockout')?.status).toBe('elapsed');
    expect(view.history.at(-1)).toMatchObject({
      type: 'LOCKOUT_ELAPSED',
      at: '2024-03-28T00:00:00+05:00',
      accepted: true,
      actor: 'engine',
    });
    expect(await send(handle, 'REPEAT_NOTICE', '2024-03-28T09:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'reinspection',
    });
    view = await handle.query(caseQuery);
    expect(view.deadlines.filter((d) => d.id === 'reinspection').map((d) => [d.dueDate, d.status])).toEqual([
      ['2024-02-27', 'met'],
      ['2024-03-29', 'pending'],
    ]);
    await keepHistory(handle, 'kz-miner-energization-scenario-7');

    // The read model holds the same case: every event once, every deadline with its status.
    expect(await readModel.differences(handle.workflowId, view)).toEqual([]);
    const events = await database.pool.query(
      'SELECT type, accepted, clause FROM case_events WHERE case_id = $1 ORDER BY seq',
      [handle.workflowId],
    );
    expect(events.rows.filter((r) => !r.accepted)).toEqual([
      { type: 'REINSPECTION_DONE', accepted: false, clause: 'order275 Req p.9 ¶4' },
      { type: 'REPEAT_NOTICE', accepted: false, clause: 'order275 Req p.9 ¶5' },
    ]);
    const lockout = await database.pool.query(
      "SELECT to_char(due_date, 'YYYY-MM-DD') AS due, status FROM deadlines WHERE case_id = $1 AND deadline_id = 'reinspection-lockout'",
      [handle.workflowId],
    );
    expect(lockout.rows).toEqual([{ due: '2024-03-27', status: 'elapsed' }]);
  }, 60_000);
});

describe('kz.miner.operation-compliance case workflow', () => {
  const evidence = {
    signal: 'demand-above-permitted',
    intervals: [{ start: '2024-03-12T10:15:00+05:00', minutes: 15, energy: 2650 }],
  };
  const confirm = async (compliance: Handle) => {
    await send(compliance, 'SUSPICION_RAISED', '2024-03-12T10:30:30+05:00', { evidence });
    await send(compliance, 'INSPECTION_SCHEDULED', '2024-03-13T09:00:00+05:00');
    return send(compliance, 'FINDING', '2024-03-14T11:00:00+05:00', {
      kind: 'dpc-capacity-above-permitted',
      dpcCapacityKw: 10_600,
    });
  };

  it('sends P11_FINDING to the energization case it names and records the delivery', async () => {
    const energization = await startCase({
      process: 'kz.miner.energization',
      simulatedClock: { startsAt: '2024-02-12T09:00:00+06:00' },
      input: readyMiner,
    });
    await send(energization, 'READINESS_NOTICE', '2024-02-12T09:00:00+06:00');
    await send(energization, 'INSPECTION_DONE', '2024-02-13T10:00:00+06:00', { remarks: [] });
    await send(energization, 'ENERGIZED', '2024-02-14T10:00:00+06:00');
    const compliance = await startCase({
      process: 'kz.miner.operation-compliance',
      simulatedClock: { startsAt: '2024-03-12T10:30:30+05:00' },
      input: { permittedCapacityKw: 10_000, energizationCase: energization.workflowId },
    });
    const sent = {
      to: 'energizationCase',
      caseId: energization.workflowId,
      type: 'P11_FINDING',
      idempotencyKey: `${compliance.workflowId}/FINDING@2024-03-14T11:00:00+05:00/P11_FINDING`,
    };
    expect(await confirm(compliance)).toEqual({
      accepted: true,
      stateAfter: 'violationConfirmed',
      sent: [{ ...sent, delivered: true }],
    });
    const deadline = Date.now() + 20_000;
    let view = await energization.query(caseQuery);
    while (view.state !== 'operationProhibited' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = await energization.query(caseQuery);
    }
    expect(view.history.at(-1)).toMatchObject({
      type: 'P11_FINDING',
      at: '2024-03-14T11:00:00+05:00',
      actor: compliance.workflowId,
      idempotencyKey: sent.idempotencyKey,
      accepted: true,
      stateAfter: 'operationProhibited',
    });
    expect(view.facts.p11Impediment).toBe(true);
    const rows = await database.pool.query(
      "SELECT sent FROM case_events WHERE case_id = $1 AND type = 'FINDING' AND accepted",
      [compliance.workflowId],
    );
    expect(rows.rows).toEqual([{ sent: [{ ...sent, delivered: true }] }]);
  }, 60_000);

  it('records a finding it could not deliver, naming the case', async () => {
    const compliance = await startCase({
      process: 'kz.miner.operation-compliance',
      simulatedClock: { startsAt: '2024-03-12T10:30:30+05:00' },
      input: { permittedCapacityKw: 10_000, energizationCase: 'no-such-case' },
    });
    const result = await confirm(compliance);
    expect(result).toMatchObject({
      accepted: true,
      stateAfter: 'violationConfirmed',
      sent: [{ to: 'energizationCase', caseId: 'no-such-case', type: 'P11_FINDING', delivered: false }],
    });
    expect(result.sent?.[0]?.error).toEqual(expect.any(String));
  }, 60_000);
});

describe('kg.billing.dispute case workflow', () => {
  it('sends DISPUTE_REPLY_OVERDUE when the reply deadline passes, and still takes a late reply', async () => {
    const start = '2025-10-06T10:00:00+06:00';
    const advanceTo = clockFrom(start);
    const handle = await startCase({
      process: 'kg.billing.dispute',
      simulatedClock: { startsAt: start },
      input: {},
    });
    await send(handle, 'PAYMENT_DOCUMENT_RECEIVED', start);
    await advanceTo('2025-10-08T11:00:00+06:00');
    await send(handle, 'DISPUTE_FILED', '2025-10-08T11:00:00+06:00', {
      disputeGrounds: ['reading-inaccuracy'],
    });

    await advanceTo('2025-10-21T09:00:00+06:00');
    let view = await handle.query(caseQuery);
    expect(view.state).toBe('replyOverdue');
    expect(view.history.at(-1)).toMatchObject({
      type: 'DISPUTE_REPLY_OVERDUE',
      at: '2025-10-21T00:00:00+06:00',
      accepted: true,
      actor: 'engine',
    });
    expect(await send(handle, 'DISPUTE_UPHELD', '2025-10-21T09:00:00+06:00')).toEqual({
      accepted: true,
      stateAfter: 'upheld',
    });
    view = await handle.query(caseQuery);
    expect(view.deadlines.map((d) => [d.id, d.dueDate, d.status, d.metAt])).toEqual([
      ['dispute-filing', '2025-10-09', 'met', '2025-10-08T11:00:00+06:00'],
      ['dispute-answer', '2025-10-20', 'breached', '2025-10-21T09:00:00+06:00'],
    ]);
    expect(view.documents.map((d) => d.id)).toEqual(['upholding-reply', 'corrected-payment-document']);
    expect(await readModel.differences(handle.workflowId, view)).toEqual([]);
  }, 60_000);
});

describe('signals', () => {
  it('drops a malformed signal without harming the case, and applies a well-formed one', async () => {
    const handle = await startCase({
      process: 'kz.miner.tc',
      simulatedClock: { startsAt: '2024-02-13T09:00:00+06:00' },
      input: { declaredCapacityKw: 3000, substationKv: 110, isSubConsumer: false, attachments: complete },
    });
    await handle.signal(eventSignal, { type: 'SUBMIT', at: 'yesterday', idempotencyKey: 'bad' });
    await handle.signal(eventSignal, {
      type: 'SUBMIT',
      at: '2024-02-13T09:00:00+06:00',
      idempotencyKey: 'good',
    });
    const deadline = Date.now() + 20_000;
    let view = await handle.query(caseQuery);
    while (view.history.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = await handle.query(caseQuery);
    }
    expect(view.history.map((h) => [h.idempotencyKey, h.accepted])).toEqual([['good', true]]);
    expect(view.state).toBe('drafting');
  }, 60_000);
});
