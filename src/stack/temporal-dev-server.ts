// The Temporal dev server as a child process, persisting to SQLite in the data directory (without
// --db-filename it keeps everything in memory and loses cases on restart).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';

export interface TemporalDevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort: number;
}): Promise<TemporalDevServer> {
  await mkdir(options.dataDir, { recursive: true });
  const child = spawn(
    options.cliPath,
    [
      'server',
      'start-dev',
      '--db-filename',
      path.join(options.dataDir, 'temporal.sqlite'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const address = `127.0.0.1:${options.port}`;
  await waitUntilServing(address, child, () => stderr);
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: () => stopProcess(child),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`temporal server exited with ${child.exitCode}: ${stderr()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(`temporal server at ${address} did not come up: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
