// What one audit entry says (who, in which role and organisation, did what to which case, with what
// result) and the checks an entry must pass before it is chained: a value the database would store
// differently from how it was hashed (NUL, lone surrogates, NaN, undefined, class instances) would
// make an intact entry fail verification later, so it is refused up front, naming the field.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditEntry {
  actor: string;
  role: string;
  organisation: string;
  /** The command's name, e.g. `case.submitEvent`. */
  command: string;
  /** What the command acted on, e.g. a case id; null for commands on no one thing. */
  target: string | null;
  input: Json;
  result: Json;
}

export interface FieldIssue {
  /** The field's path, e.g. `actor` or `input.payload.items[2]`. */
  field: string;
  message: string;
}

export class AuditEntryError extends Error {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    super(`invalid audit entry: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

// With the u flag a surrogate range matches only unpaired halves, which UTF-8 cannot encode.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const NAMES = ['actor', 'role', 'organisation', 'command'] as const;

/** The entry itself when valid; otherwise an AuditEntryError listing every bad field. */
export function validateAuditEntry(entry: unknown): AuditEntry {
  if (!isPlainObject(entry)) throw new AuditEntryError([{ field: '(entry)', message: 'must be an object' }]);
  const issues: FieldIssue[] = [];
  for (const name of NAMES) textIssue(name, entry[name], issues);
  if (entry.target !== null && entry.target !== undefined) textIssue('target', entry.target, issues);
  for (const field of ['input', 'result'] as const) {
    if (!(field in entry) || entry[field] === undefined) issues.push({ field, message: 'is required' });
    else jsonIssues(field, entry[field], new Set(), issues);
  }
  const known = new Set<string>([...NAMES, 'target', 'input', 'result']);
  for (const key of Object.keys(entry))
    if (!known.has(key)) issues.push({ field: key, message: 'is not an audit entry field' });
  if (issues.length) throw new AuditEntryError(issues);
  return {
    actor: entry.actor as string,
    role: entry.role as string,
    organisation: entry.organisation as string,
    command: entry.command as string,
    target: (entry.target as string | null | undefined) ?? null,
    input: entry.input as Json,
    result: entry.result as Json,
  };
}

function textIssue(field: string, value: unknown, issues: FieldIssue[]): void {
  if (typeof value !== 'string') issues.push({ field, message: 'must be a string' });
  else if (value.trim() === '') issues.push({ field, message: 'must not be empty' });
  else stringIssue(field, value, issues);
}

function stringIssue(field: string, value: string, issues: FieldIssue[]): void {
  if (value.includes('\u0000')) issues.push({ field, message: 'must not contain NUL (U+0000)' });
  else if (LONE_SURROGATE.test(value)) issues.push({ field, message: 'must not contain lone surrogates' });
}

function jsonIssues(path: string, value: unknown, seen: Set<object>, issues: FieldIssue[]): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') return stringIssue(path, value, issues);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      issues.push({ field: path, message: `must be a finite number, got ${value}` });
    return;
  }
  if (typeof value !== 'object') {
    issues.push({ field: path, message: `must be JSON, got ${typeof value}` });
    return;
  }
  if (seen.has(value)) {
    issues.push({ field: path, message: 'is a circular reference' });
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => jsonIssues(`${path}[${i}]`, item, seen, issues));
  else if (!isPlainObject(value)) issues.push({ field: path, message: 'must be a plain JSON object' });
  else
    for (const [key, item] of Object.entries(value)) {
      stringIssue(`${path} key ${JSON.stringify(key)}`, key, issues);
      jsonIssues(`${path}.${key}`, item, seen, issues);
    }
  seen.delete(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
