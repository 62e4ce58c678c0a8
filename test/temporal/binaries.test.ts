import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devServerExecutable, temporalCliPath, testServerExecutable } from '../../src/temporal/binaries.ts';
import { approve, status } from '../fixtures/workflows/wait-for-approval.ts';

async function fakeBinaries(...names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gridcase-bin-'));
  for (const name of names) {
    await writeFile(path.join(dir, name), '#!/bin/sh\n');
    await chmod(path.join(dir, name), 0o755);
  }
  return dir;
}

describe('Temporal binary lookup', () => {
  it('prefers explicit paths, then the project virtualenv, then PATH, then the SDK download', async () => {
    const venv = await fakeBinaries('temporal', 'temporal-test-server');
    const elsewhere = await fakeBinaries('temporal', 'temporal-test-server');
    const empty = await fakeBinaries();
    const explicit = {
      TEMPORAL_CLI_PATH: path.join(elsewhere, 'temporal'),
      TEMPORAL_TEST_SERVER_PATH: path.join(elsewhere, 'temporal-test-server'),
    };
    expect(temporalCliPath({ env: explicit, venvBin: venv })).toBe(path.join(elsewhere, 'temporal'));
    expect(testServerExecutable({ env: explicit, venvBin: venv })).toEqual({
      type: 'existing-path',
      path: path.join(elsewhere, 'temporal-test-server'),
    });
    expect(temporalCliPath({ env: { PATH: elsewhere }, venvBin: venv })).toBe(path.join(venv, 'temporal'));
    expect(temporalCliPath({ env: { PATH: elsewhere }, venvBin: empty })).toBe(
      path.join(elsewhere, 'temporal'),
    );
    expect(testServerExecutable({ env: { PATH: '' }, venvBin: empty })).toEqual({ type: 'cached-download' });
    expect(temporalCliPath({ env: { PATH: '' }, venvBin: empty })).toBeUndefined();
    expect(devServerExecutable({ env: { PATH: '' }, venvBin: venv })).toEqual({
      type: 'existing-path',
      path: path.join(venv, 'temporal'),
    });
    expect(devServerExecutable({ env: { PATH: '' }, venvBin: empty })).toEqual({ type: 'cached-download' });
  });

  it('names a wrong explicit path instead of silently downloading', () => {
    expect(() =>
      testServerExecutable({ env: { TEMPORAL_TEST_SERVER_PATH: '/nonexistent/test-server' } }),
    ).toThrow('TEMPORAL_TEST_SERVER_PATH=/nonexistent/test-server is not an executable file');
  });

  it('finds the binaries that scripts/install-temporal.sh installed', () => {
    expect(testServerExecutable()).toMatchObject({ type: 'existing-path' });
    expect(temporalCliPath()).toMatch(/temporal$/);
  });
});

describe('the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: testServerExecutable() },
    });
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../fixtures/workflows/wait-for-approval.ts', import.meta.url)),
      logger: new DefaultLogger('WARN'),
    });
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a real workflow whose 10-day timer elapses in moments', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'smoke',
      workflowBundle,
    });
    const started = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('waitForApproval', {
        args: [10],
        taskQueue: 'smoke',
        workflowId: 'timeout-case',
      }),
    );
    expect(result).toBe('timed out');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('delivers a signal and answers a query', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'smoke',
      workflowBundle,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('waitForApproval', {
        args: [10],
        taskQueue: 'smoke',
        workflowId: 'signal-case',
      });
      expect(await handle.query(status)).toBe('waiting');
      await handle.signal(approve, 'officer-1');
      expect(await handle.result()).toBe('approved by officer-1');
    });
  }, 60_000);
});
