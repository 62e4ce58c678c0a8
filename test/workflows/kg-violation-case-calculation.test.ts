// A violation case on the time-skipping server, with the shipped rule files and the real case
// workflows: the calculation step runs kg.unmetered-electricity in an activity and the case records
// its inputs, formula and rule-set versions, switches and result, in its view and in the read
// model; inputs the calculation refuses refuse the event; the case may set the calculation's
// switches (TS-2's detection-date tariff).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import type { ScratchSchema } from '../../src/read-model/scratch-schema.ts';
import { createCaseWorker } from '../../src/stack/case-worker.ts';
import { type CaseStart, caseQuery } from '../../workflows/case-messages.ts';
import { type CaseEnvironment, caseEnvironment, sendEvent } from '../support/case-environment.ts';
import { RULES_DIR } from '../support/rule-set.ts';

let cases: CaseEnvironment;
let env: TestWorkflowEnvironment;
let database: ScratchSchema;
let readModel: CaseReadModel;
let stopWorker: () => Promise<void>;
const taskQueue = 'violation-cases';

// The production worker (src/stack/case-worker.ts), so that its activity wiring is tested too.
beforeAll(async () => {
  cases = await caseEnvironment(RULES_DIR);
  ({ env, database, readModel } = cases);
  const worker = await createCaseWorker({
    connection: env.nativeConnection,
    taskQueue,
    rulesDir: RULES_DIR,
    ruleSetArchive: await mkdtemp(path.join(tmpdir(), 'gridcase-rulesets-')),
    pool: database.pool,
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
  };
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await cases?.teardown();
});

let counter = 0;
async function openCase(start: Omit<CaseStart, 'process'>) {
  const handle = await env.client.workflow.start('caseWorkflow', {
    args: [{ process: 'kg.violation.case', ...start }],
    taskQueue,
    workflowId: `violation-${++counter}`,
  });
  const send = (type: string, at: string, data?: Record<string, unknown>) =>
    sendEvent(handle, type, at, data);
  return { handle, send };
}

const act = {
  number: '000123',
  registered: true,
  copies: 2,
  place: 'Bishkek, Ibraimov st. 1',
  drafter: 'Controller A. Asanov',
  drawnUpInPresenceOf: 'Main tenant B. Bekov',
  consumer: 'B. Bekov',
  accountNumber: '100234',
  address: 'Bishkek, Ibraimov st. 1',
  violation: 'Self-reconnection after the disconnection for debt',
  premisesPurpose: 'Dwelling',
  refusalNoted: true,
  copyHandedToConsumer: true,
  rightsExplained: true,
  eliminationTaskGiven: true,
  schemeDrawing: true,
  commissionReviewAt: '2024-03-19T10:00:00+06:00',
  commissionPlace: "Licensee's office",
};
const tariffs = [{ from: '2024-01-01', rate: 77 }];

describe('kg.violation.case runs the unmetered-electricity calculation', () => {
  it('TS-4: records inputs, formula version and result on the case and in the read model; refused inputs refuse the event', async () => {
    const { handle, send } = await openCase({
      input: {
        consumerClass: 'household',
        violationClause: 'p21_2',
        meterLocation: 'consumer-installation',
        detectionDate: '2024-03-15',
        detectedAt: '2024-03-15T14:00:00+06:00',
        phases: 1,
        breakerTripSetting: 16,
        receiversConnected: 'after_protection',
      },
      simulatedClock: { startsAt: '2024-03-15T15:00:00+06:00' },
    });
    expect(await send('ACT_DRAFTED', '2024-03-15T15:00:00+06:00', { act })).toMatchObject({ accepted: true });
    expect(await send('DISCONNECTED', '2024-03-16T10:00:00+06:00')).toMatchObject({ accepted: true });
    expect(await send('COMMISSION_DECIDED', '2024-03-19T10:30:00+06:00')).toMatchObject({ accepted: true });

    // §21(2) counts from the earlier disconnection, which the case does not know yet.
    expect(
      await send('UNMETERED_ENERGY_CALCULATED', '2024-03-19T11:00:00+06:00', { paidEnergy: 0, tariffs }),
    ).toEqual({
      accepted: false,
      reason:
        'invalid inputs:\n  disconnectionDate: required for p21_2: the period runs from it (decree576 A3-B §1, §4(1)-(2), §5(1)-(2))',
      stateAfter: 'consumerFault',
    });
    expect((await handle.query(caseQuery)).calculations).toEqual([]);

    const calculatedAt = '2024-03-19T11:30:00+06:00';
    expect(
      await send('UNMETERED_ENERGY_CALCULATED', calculatedAt, {
        paidEnergy: 0,
        tariffs,
        disconnectionDate: '2024-01-10',
      }),
    ).toEqual({ accepted: true, stateAfter: 'consumerFault' });
    const view = await handle.query(caseQuery);
    expect(view.stateValue).toEqual({ consumerFault: { settlement: 'calculated', supply: 'disconnected' } });
    expect(view.calculations).toEqual([
      {
        calculation: 'kg.unmetered-electricity',
        title: 'Unmetered electricity and its charge after a violation of the Rules (A3-B)',
        formulaVersion: 1,
        method: 'unmetered-electricity',
        ruleSetVersion: view.ruleSetVersion,
        date: '2024-03-15',
        clause: 'decree576 A3-B §§1-5',
        switches: {
          limitationClausesPeriod: 'full-limitation',
          tariffMode: 'per-period',
          dayCount: 'start-exclusive',
        },
        inputs: {
          consumerClass: 'household',
          violationClause: 'p21_2',
          detectionDate: '2024-03-15',
          phases: 1,
          breakerTripSetting: 16,
          receiversConnected: 'after_protection',
          disconnectionDate: '2024-01-10',
          paidEnergy: 0,
          tariffs,
        },
        outputs: {
          method: 'connected-capacity',
          current: 16,
          currentBasis: 'breaker-trip-setting',
          power: 3.52,
          powerFactor: 1,
          periodFirstDay: '2024-01-11',
          periodLastDay: '2024-03-15',
          days: 65,
          energy: 4118.4,
          unmeteredEnergy: 4118.4,
          charge: 317117,
          months: [
            {
              month: '2024-01',
              days: 21,
              hoursPerDay: 18,
              energy: 1330.56,
              allocatedEnergy: 1330.56,
              charge: 102453.12,
            },
            {
              month: '2024-02',
              days: 29,
              hoursPerDay: 18,
              energy: 1837.44,
              allocatedEnergy: 1837.44,
              charge: 141482.88,
            },
            {
              month: '2024-03',
              days: 15,
              hoursPerDay: 18,
              energy: 950.4,
              allocatedEnergy: 950.4,
              charge: 73180.8,
            },
          ],
          warnings: [],
        },
        eventType: 'UNMETERED_ENERGY_CALCULATED',
        eventKey: `UNMETERED_ENERGY_CALCULATED@${calculatedAt}`,
        calculatedAt,
      },
    ]);

    expect(await readModel.differences(handle.workflowId, view)).toEqual([]);
    const rows = await database.pool.query(
      `SELECT calculation_id, event_type, formula_version, method, rule_set_version,
              to_char(rules_date, 'YYYY-MM-DD') AS rules_date, inputs->>'disconnectionDate' AS disconnection_date,
              outputs->>'unmeteredEnergy' AS unmetered_energy, outputs->>'charge' AS charge
         FROM calculations WHERE case_id = $1`,
      [handle.workflowId],
    );
    expect(rows.rows).toEqual([
      {
        calculation_id: 'kg.unmetered-electricity',
        event_type: 'UNMETERED_ENERGY_CALCULATED',
        formula_version: 1,
        method: 'unmetered-electricity',
        rule_set_version: view.ruleSetVersion,
        rules_date: '2024-03-15',
        disconnection_date: '2024-01-10',
        unmetered_energy: '4118.4',
        charge: '317117',
      },
    ]);
  }, 60_000);

  it("TS-2: the case's calculation switches price at the detection-day tariff; an unknown option refuses the event", async () => {
    const ts2 = (tariffMode: string) =>
      openCase({
        input: {
          consumerClass: 'household',
          violationClause: 'p19_1',
          meterLocation: 'consumer-installation',
          custodyAct: true,
          consumerAgrees: true,
          detectionDate: '2024-05-20',
          phases: 1,
          breakerTripSetting: 25,
          receiversConnected: 'after_protection',
          lastInspectorVisitDate: '2024-02-15',
        },
        calculationSwitches: { 'kg.unmetered-electricity': { tariffMode } },
        simulatedClock: { startsAt: '2024-05-20T11:00:00+06:00' },
      });
    const raised = [...tariffs, { from: '2024-05-01', rate: 100 }];

    const detectionDate = await ts2('detection-date');
    await detectionDate.send('ACT_DRAFTED', '2024-05-20T11:00:00+06:00', { act });
    await detectionDate.send('UNMETERED_ENERGY_CALCULATED', '2024-05-21T10:00:00+06:00', {
      paidEnergy: 450,
      tariffs: raised,
    });
    const [result] = (await detectionDate.handle.query(caseQuery)).calculations ?? [];
    expect(result?.switches).toEqual({
      limitationClausesPeriod: 'full-limitation',
      tariffMode: 'detection-date',
      dayCount: 'start-exclusive',
    });
    expect(result?.outputs).toMatchObject({ unmeteredEnergy: 7305, charge: 730500 });

    const unknown = await ts2('monthly');
    await unknown.send('ACT_DRAFTED', '2024-05-20T11:00:00+06:00', { act });
    expect(
      await unknown.send('UNMETERED_ENERGY_CALCULATED', '2024-05-21T10:00:00+06:00', {
        paidEnergy: 450,
        tariffs,
      }),
    ).toEqual({
      accepted: false,
      reason: "switch 'tariffMode' has no option 'monthly' (options: per-period, detection-date)",
      stateAfter: 'consumerFault',
    });
  }, 60_000);
});
