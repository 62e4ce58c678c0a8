// The hash-chained audit log on the real PostgreSQL, in throwaway schemas; tampering is done with
// plain SQL, as someone with database access would.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditEntry, AuditEntryError } from '../../src/audit/audit-entry.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { entryHash, GENESIS_HASH } from '../../src/audit/entry-hash.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';

let db: ScratchSchema;
let log: AuditLog;
beforeEach(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_audit_test');
  let tick = Date.parse('2026-11-23T08:00:00.000Z');
  const clock = () => {
    tick += 1500;
    return new Date(tick);
  };
  log = new AuditLog(db.pool, { clock });
});
afterEach(async () => {
  await db?.drop();
});

const entry = (n: number): AuditEntry => ({
  actor: `inspector-${n}`,
  role: 'inspector',
  organisation: 'KEGOC',
  command: 'case.submitEvent',
  target: `case-${n}`,
  input: { type: 'INSPECTION_DONE', at: '2024-01-31T10:00:00+06:00', payload: { remarks: ['R1'], kw: 12.5 } },
  result: { accepted: true, state: 'lockout' },
});

async function appendMany(count: number): Promise<void> {
  for (let n = 1; n <= count; n++) await log.append(entry(n));
}

describe('append', () => {
  it('chains each entry to the one before, starting from the genesis hash', async () => {
    const first = await log.append(entry(1));
    const second = await log.append({ ...entry(2), target: null, result: 'refused: not in force' });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, at: new Date('2026-11-23T08:00:01.500Z') });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, target: null });
    expect(second.hash).toBe(entryHash({ ...second }));
    expect(await log.head()).toEqual({ seq: 2, hash: second.hash });
  });

  it('refuses an invalid entry naming every bad field, and writes nothing', async () => {
    const bad = {
      actor: '',
      role: 7,
      organisation: 'KEGOC',
      command: 'case.submitEvent',
      target: null,
      input: { kw: Number.NaN, items: [1, undefined], at: new Date(0) },
      extra: true,
    } as unknown as AuditEntry;
    const error = await log.append(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditEntryError);
    expect((error as AuditEntryError).issues).toEqual([
      { field: 'actor', message: 'must not be empty' },
      { field: 'role', message: 'must be a string' },
      { field: 'input.kw', message: 'must be a finite number, got NaN' },
      { field: 'input.items[1]', message: 'must be JSON, got undefined' },
      { field: 'input.at', message: 'must be a plain JSON object' },
      { field: 'result', message: 'is required' },
      { field: 'extra', message: 'is not an audit entry field' },
    ]);
    const nul = await log.append({ ...entry(1), command: 'a\u0000b' }).catch((e: unknown) => e);
    expect((nul as AuditEntryError).issues).toEqual([
      { field: 'command', message: 'must not contain NUL (U+0000)' },
    ]);
    expect(await log.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('keeps one unbroken chain under concurrent appenders', async () => {
    const writers = Array.from({ length: 4 }, () => new AuditLog(db.pool));
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, i) => writers[i % writers.length]?.append(entry(i + 1))),
    );
    expect(appended.map((a) => a?.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(await log.verify({ batchSize: 7 })).toMatchObject({ ok: true, entries: 40, head: { seq: 40 } });
  });
});

describe('verify', () => {
  it('passes an intact chain read in batches, and an empty one', async () => {
    expect(await log.verify()).toEqual({ ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
    await appendMany(10);
    const head = await log.head();
    expect(await log.verify({ batchSize: 3 })).toEqual({ ok: true, entries: 10, head });
    expect(await log.verify({ batchSize: 10, expectHead: head.hash })).toEqual({
      ok: true,
      entries: 10,
      head,
    });
  });

  it('finds an altered result at its seq', async () => {
    await appendMany(6);
    await db.pool.query(
      `UPDATE audit_log SET result = '{"accepted": false, "state": "lockout"}' WHERE seq = 4`,
    );
    const v = await log.verify({ batchSize: 2 });
    expect(v).toMatchObject({ ok: false, entries: 3, break: { seq: 4, reason: 'altered' } });
  });

  it('accepts jsonb reordering keys and reformatting numbers: the canonical form is what is hashed', async () => {
    await log.append({ ...entry(1), input: { z: 1, a: { y: 1e21, b: 0.1, c: 1e-7 }, s: 'é€😀' } });
    await db.pool.query(`UPDATE audit_log SET input = input::text::jsonb`);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('finds a deleted middle entry, and a deleted first entry', async () => {
    await appendMany(5);
    await db.pool.query('DELETE FROM audit_log WHERE seq = 3');
    expect(await log.verify()).toEqual({
      ok: false,
      entries: 2,
      break: { seq: 3, reason: 'missing', message: 'entry 3 is missing (deleted): seq 4 follows 2' },
    });
    await db.pool.query('DELETE FROM audit_log WHERE seq = 1');
    expect(await log.verify()).toMatchObject({ ok: false, entries: 0, break: { seq: 1, reason: 'missing' } });
  });

  it('finds a deleted entry whose successors were renumbered to close the gap', async () => {
    await appendMany(5);
    await db.pool.query('DELETE FROM audit_log WHERE seq = 3');
    await db.pool.query('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3');
    expect(await log.verify()).toMatchObject({ ok: false, entries: 2, break: { seq: 3, reason: 'link' } });
  });

  it('finds two swapped entries at the first of them', async () => {
    await appendMany(5);
    for (const [from, to] of [
      [2, 1000],
      [3, 2],
      [1000, 3],
    ])
      await db.pool.query('UPDATE audit_log SET seq = $2 WHERE seq = $1', [from, to]);
    expect(await log.verify()).toMatchObject({ ok: false, entries: 1, break: { seq: 2, reason: 'link' } });
  });

  it('finds an altered entry whose hash was recomputed, at the entry after it', async () => {
    await appendMany(4);
    const [row] = (await db.pool.query('SELECT * FROM audit_log WHERE seq = 2')).rows;
    const forged = { ...entry(2), actor: 'someone-else', seq: 2, at: row.at, prevHash: row.prev_hash };
    await db.pool.query('UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = 2', [
      forged.actor,
      entryHash(forged),
    ]);
    expect(await log.verify()).toMatchObject({ ok: false, entries: 2, break: { seq: 3, reason: 'link' } });
  });

  it('finds a truncated tail only against an anchored head', async () => {
    await appendMany(5);
    const anchor = await log.head();
    await db.pool.query('DELETE FROM audit_log WHERE seq >= 4');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(await log.verify({ expectHead: anchor.hash })).toEqual({
      ok: false,
      entries: 3,
      break: {
        seq: 4,
        reason: 'truncated',
        message: `expected head ${anchor.hash} is not in the log: the entries after seq 3 were deleted, or the chain was rewritten`,
      },
    });
  });
});

it('uses its own pool connections only for the length of an append', async () => {
  const pool = new pg.Pool({
    connectionString: DEFAULT_DATABASE_URL,
    options: `-c search_path=${db.schema}`,
    max: 1,
  });
  try {
    const own = new AuditLog(pool);
    await own.append(entry(1));
    await own.append(entry(2));
    expect(pool.idleCount).toBe(1);
  } finally {
    await pool.end();
  }
});
