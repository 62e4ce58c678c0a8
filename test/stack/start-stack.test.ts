// `npm start`'s stack as a real process: embedded PGlite, the Temporal dev server on SQLite, the
// worker and /health; a case survives a graceful restart of the whole stack.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES_TASK_QUEUE } from '../../src/stack/case-worker.ts';
import { applyEventUpdate, caseQuery } from '../../workflows/case-messages.ts';
import { exited, freePort, waitForHealth } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('gridcase start', () => {
  it('serves on embedded defaults, stops gracefully and keeps cases across a restart', async () => {
    const env = {
      ...process.env,
      GRIDCASE_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'gridcase-data-')),
      GRIDCASE_HTTP_PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      GRIDCASE_PG_PORT: String(await freePort()),
      GRIDCASE_JWT_ISSUER: '',
      GRIDCASE_JWT_AUDIENCE: '',
      GRIDCASE_JWT_PUBLIC_KEY_FILE: '',
      GRIDCASE_JWKS_FILE: '',
      GRIDCASE_JWKS_URL: '',
      GRIDCASE_JWT_ALGORITHM: '',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
    };
    let logs = '';
    const start = () => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/gridcase.js'), 'start'], {
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      child.stdout.on('data', (chunk: Buffer) => {
        logs += chunk.toString();
      });
      running.push(child);
      return child;
    };
    const healthUrl = `http://127.0.0.1:${env.GRIDCASE_HTTP_PORT}/health`;

    let stack = start();
    expect(await waitForHealth(healthUrl, stack)).toMatchObject({
      status: 'ok',
      worker: 'RUNNING',
      taskQueue: CASES_TASK_QUEUE,
    });

    // No key configured: the dev issuer logs one token per role before 'GridCase is up'.
    for (let i = 0; i < 100 && !logs.includes('GridCase is up'); i++) await setTimeout(50);
    const devTokens = logs
      .split('\n')
      .filter((line) => line.includes('"token"'))
      .map((line) => JSON.parse(line).msg);
    expect(devTokens).toEqual([
      'dev token for officer of org-1, valid 8h',
      'dev token for policy, valid 8h',
      'dev token for external of org-1, valid 8h',
      'dev token for compliance, valid 8h',
      'dev token for admin, valid 8h',
    ]);

    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const client = new Client({ connection });
    const handle = await client.workflow.start('caseWorkflow', {
      taskQueue: CASES_TASK_QUEUE,
      workflowId: 'restart-case',
      args: [
        {
          process: 'kz.miner.tc',
          input: {
            declaredCapacityKw: 3000,
            substationKv: 110,
            isSubConsumer: false,
            attachments: {
              application: true,
              questionnaire: true,
              sitePlan: true,
              capacityCalculation: true,
            },
          },
        },
      ],
    });
    const now = () => new Date().toISOString();
    expect(
      await handle.executeUpdate(applyEventUpdate, {
        args: [{ type: 'SUBMIT', at: now(), idempotencyKey: 'submit' }],
      }),
    ).toEqual({
      accepted: true,
      stateAfter: 'drafting',
    });

    stack.kill('SIGTERM');
    expect(await exited(stack)).toBe(0);

    stack = start();
    await waitForHealth(healthUrl, stack);
    const restarted = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    const again = new Client({ connection: restarted }).workflow.getHandle('restart-case');
    expect((await again.query(caseQuery)).history.map((h) => h.type)).toEqual(['SUBMIT']);
    const drafted = await again.executeUpdate(applyEventUpdate, {
      args: [
        {
          type: 'TC_DRAFTED',
          at: now(),
          idempotencyKey: 'drafted',
          data: { tcContent: Array.from({ length: 15 }, (_, i) => i + 1) },
        },
      ],
    });
    expect(drafted).toEqual({ accepted: true, stateAfter: 'readyToIssue' });

    stack.kill('SIGTERM');
    expect(await exited(stack)).toBe(0);
    await connection.close();
    await restarted.close();
  }, 180_000);
});
