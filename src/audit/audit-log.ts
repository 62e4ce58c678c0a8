// The audit log in PostgreSQL: appends serialised so the chain never forks, and a verification that
// walks the chain in batches (memory bounded by the batch, not the table) and stops at the first
// broken link.
import type pg from 'pg';
import { type AuditEntry, validateAuditEntry } from './audit-entry.ts';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './entry-hash.ts';

export interface ChainHead {
  /** 0 for an empty log. */
  seq: number;
  hash: string;
}

export type BreakReason = 'missing' | 'link' | 'altered' | 'truncated';

export interface ChainBreak {
  /** Where the chain breaks: the first entry that does not follow from the one before it. */
  seq: number;
  reason: BreakReason;
  message: string;
}

export type Verification =
  | { ok: true; entries: number; head: ChainHead }
  | { ok: false; entries: number; break: ChainBreak };

interface Row {
  seq: string;
  at: Date;
  actor: string;
  role: string;
  organisation: string;
  command: string;
  target: string | null;
  input: AuditEntry['input'];
  result: AuditEntry['result'];
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, at, actor, role, organisation, command, target, input, result, prev_hash, hash';

export class AuditLog {
  readonly #pool: pg.Pool;
  readonly #clock: () => Date;

  constructor(pool: pg.Pool, options: { clock?: () => Date } = {}) {
    this.#pool = pool;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Validates and chains one entry after the current head; throws AuditEntryError naming bad fields. */
  async append(entry: AuditEntry): Promise<ChainedEntry> {
    const valid = validateAuditEntry(entry);
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      // EXCLUSIVE blocks other appenders (also when the table is empty, where a row lock would
      // have nothing to lock) but not readers, so verification runs alongside.
      await client.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
      const last = await client.query<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const seq = last.rows[0] ? Number(last.rows[0].seq) + 1 : 1;
      const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
      // Milliseconds only: what a Date holds is what timestamptz gives back, so the hash re-computes.
      const at = new Date(this.#clock().getTime());
      const hash = entryHash({ ...valid, seq, at, prevHash });
      await client.query(
        `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          seq,
          at,
          valid.actor,
          valid.role,
          valid.organisation,
          valid.command,
          valid.target,
          JSON.stringify(valid.input),
          JSON.stringify(valid.result),
          prevHash,
          hash,
        ],
      );
      await client.query('COMMIT');
      return { ...valid, seq, at, prevHash, hash };
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  /** The last entry's position and hash: record it elsewhere to detect a truncated tail later. */
  async head(): Promise<ChainHead> {
    const r = await this.#pool.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    return r.rows[0] ? { seq: Number(r.rows[0].seq), hash: r.rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Walks the chain from seq 1 and reports the first break. With `expectHead` (a hash recorded
   * earlier), an intact chain must still contain that entry: deleting the newest entries leaves a
   * valid shorter chain that only an anchor outside the database can tell apart.
   */
  async verify(options: { expectHead?: string; batchSize?: number } = {}): Promise<Verification> {
    const batchSize = options.batchSize ?? 1000;
    let prev: ChainHead = { seq: 0, hash: GENESIS_HASH };
    let anchorSeen = options.expectHead === undefined || options.expectHead === GENESIS_HASH;
    for (;;) {
      const { rows } = await this.#pool.query<Row>(
        `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [prev.seq, batchSize],
      );
      for (const row of rows) {
        const problem = linkProblem(prev, row);
        if (problem) return { ok: false, entries: prev.seq, break: problem };
        prev = { seq: Number(row.seq), hash: row.hash };
        if (row.hash === options.expectHead) anchorSeen = true;
      }
      if (rows.length < batchSize) break;
    }
    if (!anchorSeen)
      return {
        ok: false,
        entries: prev.seq,
        break: {
          seq: prev.seq + 1,
          reason: 'truncated',
          message: `expected head ${options.expectHead} is not in the log: the entries after seq ${prev.seq} were deleted, or the chain was rewritten`,
        },
      };
    return { ok: true, entries: prev.seq, head: prev };
  }
}

function linkProblem(prev: ChainHead, row: Row): ChainBreak | undefined {
  const seq = Number(row.seq);
  if (seq !== prev.seq + 1) {
    const gap = seq === prev.seq + 2 ? `entry ${prev.seq + 1} is` : `entries ${prev.seq + 1}–${seq - 1} are`;
    return {
      seq: prev.seq + 1,
      reason: 'missing',
      message: `${gap} missing (deleted): seq ${seq} follows ${prev.seq}`,
    };
  }
  if (row.prev_hash !== prev.hash)
    return {
      seq,
      reason: 'link',
      message: `prev_hash ${row.prev_hash} is not the hash of entry ${prev.seq} (${prev.hash}): an entry before it was deleted, replaced or moved`,
    };
  const expected = entryHash({
    seq,
    at: row.at,
    actor: row.actor,
    role: row.role,
    organisation: row.organisation,
    command: row.command,
    target: row.target,
    input: row.input,
    result: row.result,
    prevHash: row.prev_hash,
  });
  if (expected !== row.hash)
    return {
      seq,
      reason: 'altered',
      message: `entry ${seq} was altered: its content hashes to ${expected}, the chain recorded ${row.hash}`,
    };
  return undefined;
}
