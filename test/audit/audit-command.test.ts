// `gridcase audit verify` against a throwaway schema, reached through the URL's search_path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { run } from '../../src/cli/main.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';

let db: ScratchSchema;
let url: string;
beforeAll(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_audit_cli');
  url = `${DEFAULT_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${db.schema}`)}`;
  const log = new AuditLog(db.pool);
  for (const n of [1, 2, 3])
    await log.append({
      actor: 'operator',
      role: 'operator',
      organisation: 'KEGOC',
      command: 'case.start',
      target: `case-${n}`,
      input: { process: 'kz.miner.tc' },
      result: { started: true },
    });
});
afterAll(async () => {
  await db?.drop();
});

describe('gridcase audit verify', () => {
  it('exits 0 on an intact log, 1 at the first break, 2 on a usage error', async () => {
    const head = await new AuditLog(db.pool).head();
    const intact = await run(['audit', 'verify', '--database-url', url]);
    expect(intact).toEqual({ stdout: `audit log intact: 3 entries, head seq 3 ${head.hash}`, exitCode: 0 });
    const anchored = await run([
      'audit',
      'verify',
      '--database-url',
      url,
      '--expect-head',
      head.hash,
      '--json',
    ]);
    expect(anchored.exitCode).toBe(0);
    expect(JSON.parse(anchored.stdout ?? '')).toEqual({ ok: true, entries: 3, head });

    await db.pool.query(`UPDATE audit_log SET organisation = 'someone else' WHERE seq = 2`);
    const broken = await run(['audit', 'verify', '--database-url', url]);
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toMatch(
      /^audit log broken at seq 2 \(altered\): entry 2 was altered: .*\n1 entries verified before it$/,
    );
    const json = await run(['audit', 'verify', '--database-url', url, '--json']);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout ?? '')).toMatchObject({
      ok: false,
      entries: 1,
      break: { seq: 2, reason: 'altered' },
    });

    const badHead = await run(['audit', 'verify', '--database-url', url, '--expect-head', 'abc']);
    expect(badHead).toEqual({
      stderr: "error: --expect-head: expected a sha256 hash (64 lowercase hex digits), got 'abc'",
      exitCode: 2,
    });
    expect((await run(['audit', 'verify', '--bogus'])).exitCode).toBe(2);
    expect((await run(['audit', 'verify', '--help'])).exitCode).toBe(0);
  });

  it('exits 1 naming the missing table on a database without the migration', async () => {
    const bare = `${DEFAULT_DATABASE_URL}?options=${encodeURIComponent('-c search_path=gridcase_no_such_schema')}`;
    expect(await run(['audit', 'verify', '--database-url', bare])).toEqual({
      stderr: 'error: the database has no audit_log table: apply the migrations',
      exitCode: 1,
    });
  });
});
