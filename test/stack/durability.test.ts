// Durability: the worker process is SIGKILLed while cases are mid-flight and a new one takes over;
// every case completes its events, none is lost or applied twice, and the read model agrees.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelCommand } from '../../src/cli/read-model-command.ts';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import { DEFAULT_DATABASE_URL } from '../../src/read-model/scratch-schema.ts';
import { CASES_TASK_QUEUE } from '../../src/stack/case-worker.ts';
import { startTemporalDevServer, type TemporalDevServer } from '../../src/stack/temporal-dev-server.ts';
import { type CaseView, caseQuery, eventSignal } from '../../workflows/case-messages.ts';
import { exited, freePort, waitForHealth } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 8;
const database = `gridcase_durability_${process.pid}`;
const admin = new pg.Pool({ connectionString: DEFAULT_DATABASE_URL, max: 1 });
const databaseUrl = (() => {
  const url = new URL(DEFAULT_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
})();

let server: TemporalDevServer;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  await admin.query(`CREATE DATABASE ${database}`);
  server = await startTemporalDevServer({
    dataDir: await mkdtemp(path.join(tmpdir(), 'gridcase-temporal-')),
    port: await freePort(),
    uiPort: await freePort(),
  });
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await server?.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

async function startWorker(): Promise<{ child: ChildProcess; health: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gridcase.js'), 'start'], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: server.address,
      DATABASE_URL: databaseUrl,
      GRIDCASE_HTTP_PORT: String(port),
      GRIDCASE_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'gridcase-worker-')),
    },
    stdio: 'ignore',
  });
  workers.push(child);
  const health = `http://127.0.0.1:${port}/health`;
  await waitForHealth(health, child);
  return { child, health };
}

describe('durability', () => {
  it('loses and duplicates nothing when the worker is killed mid-flight', async () => {
    const first = await startWorker();
    const client = new Client({ connection: await Connection.connect({ address: server.address }) });
    const input = {
      declaredCapacityKw: 3000,
      substationKv: 110,
      isSubConsumer: false,
      attachments: { application: true, questionnaire: true, sitePlan: true, capacityCalculation: true },
    };
    const now = new Date().toISOString();
    const events = [
      { type: 'SUBMIT', at: now, idempotencyKey: 'submit' },
      {
        type: 'TC_DRAFTED',
        at: now,
        idempotencyKey: 'drafted',
        data: { tcContent: Array.from({ length: 15 }, (_, i) => i + 1) },
      },
      { type: 'TC_ISSUED', at: now, idempotencyKey: 'issued' },
    ];
    const handles = await Promise.all(
      Array.from({ length: CASES }, (_, i) =>
        client.workflow.start('caseWorkflow', {
          taskQueue: CASES_TASK_QUEUE,
          workflowId: `durable-${i}`,
          args: [{ process: 'kz.miner.tc', input }],
        }),
      ),
    );
    // Every event is signalled twice (a client retry): it must be applied once.
    await Promise.all(
      handles.map(async (h) => {
        for (const e of events) {
          await h.signal(eventSignal, e);
          await h.signal(eventSignal, e);
        }
      }),
    );
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await startWorker();
    const settled = async (h: (typeof handles)[number]): Promise<CaseView> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const view = await h.query(caseQuery);
        if (view.history.length >= events.length || Date.now() > deadline) return view;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const views = await Promise.all(handles.map(settled));
    for (const view of views) {
      expect(view.history.map((e) => [e.type, e.accepted])).toEqual([
        ['SUBMIT', true],
        ['TC_DRAFTED', true],
        ['TC_ISSUED', true],
      ]);
      expect(view.state).toBe('issued');
    }

    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const readModel = new CaseReadModel(pool);
    for (const [i, view] of views.entries())
      expect(await readModel.differences(`durable-${i}`, view)).toEqual([]);
    const counts = await pool.query(
      'SELECT case_id, count(*)::int AS n FROM case_events GROUP BY case_id ORDER BY case_id',
    );
    expect(counts.rows).toEqual(
      Array.from({ length: CASES }, (_, i) => ({ case_id: `durable-${i}`, n: events.length })),
    );

    // The read model can be checked against, and rebuilt from, the workflows.
    const options = { temporalAddress: server.address, databaseUrl };
    expect(await readModelCommand({ ...options, rebuild: false })).toEqual({
      stdout: `${CASES} cases, 0 differences`,
      exitCode: 0,
    });
    await pool.query("DELETE FROM case_events WHERE case_id = 'durable-0' AND seq = 2");
    await pool.query("UPDATE cases SET state = 'drafting' WHERE case_id = 'durable-1'");
    const broken = await readModelCommand({ ...options, rebuild: false });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout?.split('\n').sort()).toEqual([
      `${CASES} cases, 2 differences`,
      'durable-0: 2 events in the read model, 3 in the workflow',
      'durable-1: state drafting in the read model, issued in the workflow',
    ]);
    expect((await readModelCommand({ ...options, rebuild: true })).stdout).toBe(
      `${CASES} cases, 0 differences, 2 rebuilt`,
    );
    expect((await readModelCommand({ ...options, rebuild: false })).exitCode).toBe(0);
    await pool.end();

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 240_000);
});
