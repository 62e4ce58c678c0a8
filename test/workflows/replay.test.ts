// Replays recorded case histories (test/fixtures/histories) against today's workflow code: a change
// that would make running cases non-deterministic fails here, before it reaches a worker.
// Re-record after an intended, versioned change: GRIDCASE_RECORD_HISTORIES=1 npx vitest run test/workflows/case-workflow.test.ts
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const HISTORIES = fileURLToPath(new URL('../fixtures/histories', import.meta.url));

describe('workflow determinism', () => {
  it('replays every recorded case history without divergence', async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.history.b64')).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
      logger: new DefaultLogger('WARN'),
    });
    const histories = await Promise.all(
      files.map(async (f) => ({
        workflowId: f,
        history: temporal.api.history.v1.History.decode(
          Buffer.from(await readFile(path.join(HISTORIES, f), 'utf8'), 'base64'),
        ),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
