// Cases per second (start + 3 transitions) through the engine and through a bare Temporal workflow
// of the same shape, on one Temporal dev server in one run: `npm run bench:cases`.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import { createScratchSchema, DEFAULT_DATABASE_URL } from '../src/read-model/scratch-schema.ts';
import { DEFAULT_RULES_DIR } from '../src/rules/default-rules-dir.ts';
import { CASES_TASK_QUEUE, createCaseWorker } from '../src/stack/case-worker.ts';
import { startTemporalDevServer } from '../src/stack/temporal-dev-server.ts';
import { applyEventUpdate } from '../workflows/case-messages.ts';
import { bareEvent } from './bare-workflow.ts';
import { fmt } from './measure.ts';

const CASES = Number(process.env.BENCH_CASES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});
const server = await startTemporalDevServer({
  dataDir: await mkdtemp(path.join(tmpdir(), 'gridcase-bench-')),
  port: 27233,
  uiPort: 28233,
});
const database = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_bench');
const connection = await NativeConnection.connect({ address: server.address });
const client = new Client({ connection: await Connection.connect({ address: server.address }) });

// Whatever happens, the dev server and the scratch schema do not outlive the bench.
try {
  const engine = await createCaseWorker({
    connection,
    rulesDir: DEFAULT_RULES_DIR,
    ruleSetArchive: await mkdtemp(path.join(tmpdir(), 'gridcase-rulesets-')),
    pool: database.pool,
  });
  const bare = await Worker.create({
    connection,
    taskQueue: 'bare-cases',
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./bare-workflow.ts', import.meta.url)),
      logger: new DefaultLogger('ERROR'),
    }),
    activities: { decide: async () => ({ accepted: true }), record: async () => undefined },
  });
  const running = [engine.run(), bare.run()];

  const input = {
    declaredCapacityKw: 3000,
    substationKv: 110,
    isSubConsumer: false,
    attachments: { application: true, questionnaire: true, sitePlan: true, capacityCalculation: true },
  };
  const events = [
    { type: 'SUBMIT' },
    { type: 'TC_DRAFTED', data: { tcContent: Array.from({ length: 15 }, (_, i) => i + 1) } },
    { type: 'TC_ISSUED' },
  ];

  async function throughput(name: string, runCase: (i: number) => Promise<void>): Promise<number> {
    await runCase(-1); // warm-up
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CASES) await runCase(next++);
      }),
    );
    const perSecond = (CASES / (performance.now() - started)) * 1000;
    console.log(`  ${name.padEnd(44)} ${fmt(perSecond)} cases/s`);
    return perSecond;
  }

  console.log(
    `cases: start + 3 transitions, ${CASES} cases, ${CONCURRENCY} at a time, one Temporal dev server (SQLite), one worker process`,
  );
  const run = `${Date.now()}`;
  const viaEngine = await throughput('engine (rules, XState, PostgreSQL read model)', async (i) => {
    const handle = await client.workflow.start('caseWorkflow', {
      taskQueue: CASES_TASK_QUEUE,
      workflowId: `bench-${run}-${i}`,
      args: [{ process: 'kz.miner.tc', input }],
    });
    for (const [k, e] of events.entries()) {
      await handle.executeUpdate(applyEventUpdate, {
        args: [{ ...e, at: new Date().toISOString(), idempotencyKey: String(k) }],
      });
    }
  });
  const viaBare = await throughput('bare workflow of the same shape', async (i) => {
    const handle = await client.workflow.start('bareCase', {
      taskQueue: 'bare-cases',
      workflowId: `bare-${run}-${i}`,
      args: [events.length],
    });
    for (const e of events) await handle.executeUpdate(bareEvent, { args: [{ type: e.type }] });
  });
  console.log(`  engine / bare:                               ${(viaEngine / viaBare).toFixed(2)}`);
  engine.shutdown();
  bare.shutdown();
  await Promise.all(running);
  await connection.close();
} finally {
  await database.drop().catch(() => undefined);
  await server.stop();
}
