// The link of the chain: sha256 over the RFC 8785 (JCS) serialisation of an entry, its position and
// the previous entry's hash, so a changed field, a renumbered entry or a removed predecessor all
// change the hash. JCS fixes key order and number format, which jsonb does not preserve.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry } from './audit-entry.ts';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry extends AuditEntry {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export function entryHash(entry: AuditEntry & { seq: number; at: Date; prevHash: string }): string {
  const text = canonicalize({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    role: entry.role,
    organisation: entry.organisation,
    command: entry.command,
    target: entry.target,
    input: entry.input,
    result: entry.result,
    prevHash: entry.prevHash,
  });
  return createHash('sha256')
    .update(text as string, 'utf8')
    .digest('hex');
}
