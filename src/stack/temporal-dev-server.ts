// The Temporal dev server, managed by the SDK (core-bridge's ephemeral server): the CLI found by
// src/temporal/binaries.ts, or on a normal network the SDK's own download. It persists to SQLite
// in the data directory — without --db-filename it keeps everything in memory and loses cases on
// restart.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerExecutable } from '../temporal/binaries.ts';

export interface TemporalDevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: {
  dataDir: string;
  port: number;
  uiPort: number;
}): Promise<TemporalDevServer> {
  await mkdir(options.dataDir, { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      dbFilename: path.join(options.dataDir, 'temporal.sqlite'),
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    address: env.address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: () => env.teardown(),
  };
}
