// `npm start`: the whole engine on embedded defaults — Temporal (dev server with SQLite under the
// data directory, or TEMPORAL_ADDRESS), PostgreSQL (DATABASE_URL, or embedded PGlite), migrations,
// the case worker, bearer-token verification (configured keys, or the dev issuer whose sample tokens
// are logged) and a health endpoint — with graceful shutdown on SIGINT/SIGTERM.
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker';
import pg from 'pg';
import pino from 'pino';
import { type AuthSettings, authSettingsFromEnv } from '../auth/config.ts';
import { startAuth } from '../auth/startup.ts';
import type { VerifyBearer } from '../auth/verify.ts';
import { migrate } from '../read-model/migrate.ts';
import { RuleSetStore } from '../rules/rule-set-store.ts';
import { CASES_TASK_QUEUE, createCaseWorker } from './case-worker.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { startTemporalDevServer } from './temporal-dev-server.ts';

export interface StackOptions {
  rulesDir: string;
  dataDir: string;
  httpPort: number;
  temporalPort: number;
  temporalUiPort: number;
  embeddedPostgresPort: number;
  temporalAddress?: string;
  databaseUrl?: string;
  auth: AuthSettings;
}

export function stackOptionsFromEnv(rulesDir: string, env: NodeJS.ProcessEnv = process.env): StackOptions {
  const port = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      throw new Error(`${name}: expected a TCP port, got '${value}'`);
    return n;
  };
  return {
    rulesDir,
    dataDir: path.resolve(env.GRIDCASE_DATA_DIR ?? 'data'),
    httpPort: port('GRIDCASE_HTTP_PORT', 8080),
    temporalPort: port('TEMPORAL_PORT', 7233),
    temporalUiPort: port('TEMPORAL_UI_PORT', 8233),
    embeddedPostgresPort: port('GRIDCASE_PG_PORT', 55432),
    ...(env.TEMPORAL_ADDRESS ? { temporalAddress: env.TEMPORAL_ADDRESS } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    auth: authSettingsFromEnv(env),
  };
}

/**
 * Starts everything; resolves once the engine serves, with a stop function and the bearer-token
 * verifier for the API to authenticate requests with.
 */
export async function startStack(
  options: StackOptions,
): Promise<{ stop(): Promise<void>; healthUrl: string; verifyBearer: VerifyBearer }> {
  const log = pino({ base: { service: 'gridcase' } });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: Error) => log.error({ err: e }, 'stop failed'));
  };
  try {
    Runtime.install({
      // Shutdown is ours, in order: stop taking work, drain the worker, then close the servers.
      shutdownSignals: [],
      logger: new DefaultLogger('WARN', (entry) => log.warn({ temporal: entry.meta }, entry.message)),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
    });

    // First, so a bad key configuration stops the start before any server is up.
    const auth = await startAuth(options.auth, options.dataDir, log);

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pgDir = path.join(options.dataDir, 'pglite');
      const embedded = await startEmbeddedPostgres(pgDir, options.embeddedPostgresPort);
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
      log.info({ dataDir: pgDir, url: databaseUrl }, 'embedded PostgreSQL (PGlite) serving');
    } else log.info('using PostgreSQL from DATABASE_URL');
    const applied = await migrate(databaseUrl, { log: (m) => log.debug(m) });
    log.info({ applied }, applied.length ? 'read model migrated' : 'read model up to date');
    // PGlite serves one connection at a time; a real server gets a small pool.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.databaseUrl ? 10 : 1 });
    stops.push(() => pool.end());

    let address = options.temporalAddress;
    if (!address) {
      const server = await startTemporalDevServer({
        dataDir: options.dataDir,
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
      });
      stops.push(server.stop);
      address = server.address;
      log.info(
        { address, ui: server.uiUrl, db: path.join(options.dataDir, 'temporal.sqlite') },
        'Temporal dev server serving',
      );
    } else log.info({ address }, 'using Temporal at TEMPORAL_ADDRESS');

    const ruleSetArchive = path.join(options.dataDir, 'rulesets');
    const ruleSetVersion = await new RuleSetStore(options.rulesDir, ruleSetArchive).current();
    const connection = await NativeConnection.connect({ address });
    stops.push(() => connection.close());
    const worker = await createCaseWorker({ connection, rulesDir: options.rulesDir, ruleSetArchive, pool });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    log.info({ taskQueue: CASES_TASK_QUEUE, ruleSetVersion }, 'case worker running');

    const health = await serveHealth(options.httpPort, async () => {
      const client = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await client.workflowService.getSystemInfo({});
      } finally {
        await client.close();
      }
      await pool.query('SELECT 1');
      return {
        status: 'ok',
        worker: worker.getState(),
        temporal: address,
        taskQueue: CASES_TASK_QUEUE,
        ruleSetVersion,
      };
    });
    stops.push(() => new Promise<void>((resolve) => health.close(() => resolve())));
    const healthUrl = `http://127.0.0.1:${options.httpPort}/health`;
    auth.announce();
    log.info({ url: healthUrl }, 'GridCase is up');
    return {
      healthUrl,
      verifyBearer: auth.verifyBearer,
      stop: async () => {
        log.info('shutting down');
        await stopAll();
        log.info('stopped');
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

function serveHealth(port: number, check: () => Promise<Record<string, unknown>>): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404).end();
      return;
    }
    check().then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (e: Error) =>
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'unavailable', error: e.message })),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
