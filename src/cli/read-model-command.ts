// `gridcase read-model check|rebuild`: the read model against the case workflows.
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { CaseReadModel } from '../read-model/case-read-model.ts';
import { reconcile } from '../read-model/reconcile.ts';
import type { Output } from './rules-commands.ts';

export async function readModelCommand(options: {
  temporalAddress: string;
  databaseUrl: string;
  rebuild: boolean;
}): Promise<Output> {
  const connection = await Connection.connect({ address: options.temporalAddress });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    const r = await reconcile(new Client({ connection }), new CaseReadModel(pool), {
      rebuild: options.rebuild,
    });
    const lines = [
      ...r.differences,
      `${r.cases} cases, ${r.differences.length} differences${options.rebuild ? `, ${r.rebuilt} rebuilt` : ''}`,
    ];
    return { stdout: lines.join('\n'), exitCode: r.differences.length ? 1 : 0 };
  } finally {
    await pool.end();
    await connection.close();
  }
}
