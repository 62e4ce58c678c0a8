// Brings a database (or one schema of it) to the latest read-model migration.
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function migrate(
  databaseUrl: string,
  options: { schema?: string; log?: (message: string) => void } = {},
): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    ...(options.schema ? { schema: options.schema, createSchema: true } : {}),
    log: options.log ?? (() => undefined),
    noLock: false,
  });
  return applied.map((m) => m.name);
}
