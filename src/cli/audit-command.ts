// `gridcase audit verify`: walks the audit log's hash chain and reports the first break.
import pg from 'pg';
import { AuditLog } from '../audit/audit-log.ts';
import type { Output } from './rules-commands.ts';
import { UsageError } from './usage-error.ts';

const UNDEFINED_TABLE = '42P01';

export async function auditVerifyCommand(options: {
  databaseUrl: string;
  json?: boolean;
  expectHead?: string;
}): Promise<Output> {
  if (options.expectHead !== undefined && !/^[0-9a-f]{64}$/.test(options.expectHead))
    throw new UsageError(
      `--expect-head: expected a sha256 hash (64 lowercase hex digits), got '${options.expectHead}'`,
    );
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    const v = await new AuditLog(pool).verify(
      options.expectHead === undefined ? {} : { expectHead: options.expectHead },
    );
    const exitCode = v.ok ? 0 : 1;
    if (options.json) return { stdout: JSON.stringify(v, null, 2), exitCode };
    return v.ok
      ? { stdout: `audit log intact: ${v.entries} entries, head seq ${v.head.seq} ${v.head.hash}`, exitCode }
      : {
          stdout: `audit log broken at seq ${v.break.seq} (${v.break.reason}): ${v.break.message}\n${v.entries} entries verified before it`,
          exitCode,
        };
  } catch (e) {
    if ((e as { code?: string }).code === UNDEFINED_TABLE)
      return { stderr: 'error: the database has no audit_log table: apply the migrations', exitCode: 1 };
    throw e;
  } finally {
    await pool.end();
  }
}
