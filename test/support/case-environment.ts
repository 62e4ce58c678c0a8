// The time-skipping Temporal server, a throwaway read-model schema and the engine's activities,
// shared by the tests that run real case workflows.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createCalculationActivities } from '../../activities/calculation.ts';
import { createReadModelActivities } from '../../activities/read-model.ts';
import { createRuleEngineActivities } from '../../activities/rule-engine.ts';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';
import { RuleSetStore } from '../../src/rules/rule-set-store.ts';
import { testServerExecutable } from '../../src/temporal/binaries.ts';
import { applyEventUpdate, type CaseEvent } from '../../workflows/case-messages.ts';

export const CASE_WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface CaseEnvironment {
  env: TestWorkflowEnvironment;
  database: ScratchSchema;
  readModel: CaseReadModel;
  activities: ReturnType<typeof createRuleEngineActivities> &
    ReturnType<typeof createCalculationActivities> &
    ReturnType<typeof createReadModelActivities>;
  /** Runs a worker of `taskQueue` on the given workflow code; the result stops it. */
  startWorker(options: {
    taskQueue: string;
    workflowsPath?: string;
    workflowBundle?: { code: string };
    /** 0: every task replays the case's history on this worker's code. */
    maxCachedWorkflows?: number;
  }): Promise<() => Promise<void>>;
  teardown(): Promise<void>;
}

export async function caseEnvironment(rulesDir: string): Promise<CaseEnvironment> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testServerExecutable() },
  });
  const database = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_test');
  const readModel = new CaseReadModel(database.pool);
  const store = new RuleSetStore(rulesDir, await mkdtemp(path.join(tmpdir(), 'gridcase-rulesets-')));
  const activities = {
    ...createRuleEngineActivities(store),
    ...createCalculationActivities(store),
    ...createReadModelActivities(readModel),
  };
  const stops: (() => Promise<void>)[] = [];
  return {
    env,
    database,
    readModel,
    activities,
    async startWorker({ taskQueue, workflowsPath, workflowBundle, maxCachedWorkflows }) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle:
          workflowBundle ??
          (await bundleWorkflowCode({
            workflowsPath: workflowsPath ?? CASE_WORKFLOWS,
            logger: new DefaultLogger('WARN'),
          })),
        activities,
        ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
      });
      const running = worker.run();
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        worker.shutdown();
        await running;
      };
      stops.push(stop);
      return stop;
    },
    async teardown() {
      for (const stop of stops) await stop();
      await env.teardown();
      await database.drop();
    },
  };
}

/** Applies an event through the case's Update, keyed by type and instant. */
export const sendEvent = (handle: WorkflowHandle, type: string, at: string, data?: Record<string, unknown>) =>
  handle.executeUpdate(applyEventUpdate, {
    args: [{ type, at, ...(data ? { data } : {}), idempotencyKey: `${type}@${at}` } satisfies CaseEvent],
  });

/**
 * With GRIDCASE_RECORD_HISTORIES=1, keeps the case's history as a replay fixture
 * (test/fixtures/histories), so that a non-deterministic workflow change fails test/workflows/replay.test.ts.
 */
export async function keepHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.GRIDCASE_RECORD_HISTORIES) return;
  const dir = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
  await mkdir(dir, { recursive: true });
  const history = temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
  await writeFile(path.join(dir, `${name}.history.b64`), Buffer.from(history).toString('base64'));
}
