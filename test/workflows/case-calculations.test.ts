// The calculation hook of the case workflow on the time-skipping server: an accepted event runs its
// calculations in an activity and the case records inputs, formula and rule-set versions and
// results (query and read model); inputs the calculation refuses refuse the event. Runs the
// fixture process and calculation of test/fixtures/valid.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import type { ScratchSchema } from '../../src/read-model/scratch-schema.ts';
import { applyEventUpdate, type CaseEvent, caseQuery } from '../../workflows/case-messages.ts';
import { type CaseEnvironment, caseEnvironment } from '../support/case-environment.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
let cases: CaseEnvironment;
let env: TestWorkflowEnvironment;
let database: ScratchSchema;
let readModel: CaseReadModel;
const taskQueue = 'calculation-cases';

beforeAll(async () => {
  cases = await caseEnvironment(path.join(FIXTURES, 'valid'));
  ({ env, database, readModel } = cases);
  await cases.startWorker({
    taskQueue,
    workflowsPath: path.join(FIXTURES, 'workflows/calculation-cases.ts'),
  });
}, 120_000);

afterAll(() => cases?.teardown());

const transformer = {
  ratedPower: 25,
  manufactureYear: 1980,
  shifts: 1,
  month: '2024-03',
  meteredActiveEnergy: 2000,
};

describe('calculations run by an accepted event', () => {
  it('records inputs, formula and rule-set versions and results; refused inputs refuse the event', async () => {
    const handle = await env.client.workflow.start('caseWorkflow', {
      args: [
        {
          process: 'kz.test.sample',
          input: { capacityKw: 1200 },
          simulatedClock: { startsAt: '2024-03-04T10:00:00+05:00' },
        },
      ],
      taskQueue,
      workflowId: 'calculation-case-1',
    });
    const send = (type: string, at: string, data?: Record<string, unknown>) =>
      handle.executeUpdate(applyEventUpdate, {
        args: [{ type, at, data, idempotencyKey: `${type}@${at}` } satisfies CaseEvent],
      });
    expect(await send('FILED', '2024-03-04T10:00:00+05:00')).toEqual({ accepted: true, stateAfter: 'filed' });

    const { meteredActiveEnergy: _w, ...withoutEnergy } = transformer;
    expect(await send('ANSWERED', '2024-03-05T10:00:00+05:00', withoutEnergy)).toEqual({
      accepted: false,
      reason: 'invalid inputs:\n  meteredActiveEnergy: required number (kWh) is missing',
      stateAfter: 'filed',
    });
    expect((await handle.query(caseQuery)).calculations).toEqual([]);

    expect(await send('ANSWERED', '2024-03-05T11:00:00+05:00', transformer)).toEqual({
      accepted: true,
      stateAfter: 'answered',
    });
    const view = await handle.query(caseQuery);
    expect(view.calculations).toEqual([
      {
        calculation: 'kz.sample-transformer',
        title: 'Sample transformer losses',
        formulaVersion: 1,
        method: 'transformer-losses',
        ruleSetVersion: view.ruleSetVersion,
        date: '2024-03-05',
        clause: 'order1 p.7',
        switches: { overlappingGeneration: 'later' },
        inputs: { ...transformer, windingConnection: 'Y/Yn-0' },
        outputs: {
          generation: '1976',
          parameterRating: 25,
          transformerHours: 744,
          ratedLoadHours: 200,
          loadFactor: 0.5,
          noLoadLossPower: 0.13,
          loadLossPower: 0.6,
          noLoadEnergyLoss: 96.72,
          loadEnergyLoss: 30,
          activeLoss: 127,
          noLoadReactiveLoss: 595.2,
          loadReactiveLoss: 56.25,
          reactiveLoss: 651,
          warnings: [],
        },
        eventType: 'ANSWERED',
        eventKey: 'ANSWERED@2024-03-05T11:00:00+05:00',
        calculatedAt: '2024-03-05T11:00:00+05:00',
      },
    ]);

    expect(await readModel.differences(handle.workflowId, view)).toEqual([]);
    const rows = await database.pool.query(
      `SELECT calculation_id, formula_version, rule_set_version, to_char(rules_date, 'YYYY-MM-DD') AS rules_date,
              outputs->>'activeLoss' AS active_loss, inputs->>'ratedPower' AS rated_power
         FROM calculations WHERE case_id = $1`,
      [handle.workflowId],
    );
    expect(rows.rows).toEqual([
      {
        calculation_id: 'kz.sample-transformer',
        formula_version: 1,
        rule_set_version: view.ruleSetVersion,
        rules_date: '2024-03-05',
        active_loss: '127',
        rated_power: '25',
      },
    ]);
  }, 60_000);
});
