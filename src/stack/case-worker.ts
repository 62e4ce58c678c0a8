// A worker for case workflows: the workflow bundle, the rule-engine, calculation and read-model activities.
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, type NativeConnection, Worker } from '@temporalio/worker';
import type pg from 'pg';
import { createCalculationActivities } from '../../activities/calculation.ts';
import { createReadModelActivities } from '../../activities/read-model.ts';
import { createRuleEngineActivities } from '../../activities/rule-engine.ts';
import { CaseReadModel } from '../read-model/case-read-model.ts';
import { RuleSetStore } from '../rules/rule-set-store.ts';

const WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
export const CASES_TASK_QUEUE = 'gridcase-cases';

export async function createCaseWorker(options: {
  connection: NativeConnection;
  taskQueue?: string;
  rulesDir: string;
  /** Where every rule-set version the worker loads is archived (see RuleSetStore). */
  ruleSetArchive: string;
  pool: pg.Pool;
}): Promise<Worker> {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS,
    logger: new DefaultLogger('WARN'),
  });
  const store = new RuleSetStore(options.rulesDir, options.ruleSetArchive);
  return Worker.create({
    connection: options.connection,
    taskQueue: options.taskQueue ?? CASES_TASK_QUEUE,
    workflowBundle,
    activities: {
      ...createRuleEngineActivities(store),
      ...createCalculationActivities(store),
      ...createReadModelActivities(new CaseReadModel(options.pool)),
    },
  });
}
