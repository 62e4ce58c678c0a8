// A throwaway schema with the read model migrated into it: for tests and simulations that must
// not touch the real tables of the database they run against.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.ts';

export interface ScratchSchema {
  schema: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createScratchSchema(databaseUrl: string, prefix: string): Promise<ScratchSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await migrate(databaseUrl, { schema });
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: 4 });
  return {
    schema,
    pool,
    async drop() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

/** The database the tests, the simulator and the engine use unless told otherwise. */
export const DEFAULT_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
