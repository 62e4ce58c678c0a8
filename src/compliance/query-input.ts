// Checks the parameters of a compliance query before any SQL runs, so a caller (the GraphQL layer)
// can tell its user exactly which field is wrong and why.

export class ComplianceQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ComplianceQueryError';
  }
}

// An instant must carry its offset: a bare local time would be read in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function instant(field: string, value: unknown): Date {
  if (typeof value !== 'string' || !INSTANT.test(value))
    throw new ComplianceQueryError(
      field,
      `expected an ISO 8601 instant with an offset (e.g. 2024-03-01T00:00:00+05:00), got ${JSON.stringify(value)}`,
    );
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ComplianceQueryError(field, `not a real instant: ${value}`);
  return date;
}

export function optionalText(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new ComplianceQueryError(field, `expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

export function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw new ComplianceQueryError(
      field,
      `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  return value;
}

export function positiveNumber(field: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max)
    throw new ComplianceQueryError(
      field,
      `expected a number above 0 and at most ${max}, got ${JSON.stringify(value)}`,
    );
  return value;
}

export function oneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new ComplianceQueryError(
      field,
      `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return value as T;
}

/** A half-open period [from, to) of due instants. */
export interface Period {
  from: Date;
  to: Date;
}

export function period(field: string, value: unknown): Period {
  if (typeof value !== 'object' || value === null)
    throw new ComplianceQueryError(field, 'expected { from, to } with ISO 8601 instants');
  const { from: rawFrom, to: rawTo } = value as { from?: unknown; to?: unknown };
  const from = instant(`${field}.from`, rawFrom);
  const to = instant(`${field}.to`, rawTo);
  if (from.getTime() >= to.getTime())
    throw new ComplianceQueryError(`${field}.to`, `must be after ${field}.from (${rawFrom}), got ${rawTo}`);
  return { from, to };
}

/** Identifies one deadline row: the position a page ends at. */
export interface DeadlineKey {
  caseId: string;
  deadlineId: string;
  startedAt: string;
}

/** Cursors are opaque to callers: the sort value, the row key and the page's `now`, as base64url JSON. */
export function encodeCursor(sortValue: string, key: DeadlineKey, now: string): string {
  return Buffer.from(JSON.stringify([sortValue, key.caseId, key.deadlineId, key.startedAt, now])).toString(
    'base64url',
  );
}

export interface Cursor {
  sortValue: string;
  key: DeadlineKey;
  now: string;
}

export function decodeCursor(field: string, value: unknown): Cursor | undefined {
  if (value === undefined) return undefined;
  const bad = () => new ComplianceQueryError(field, 'not a cursor returned by this query');
  if (typeof value !== 'string') throw bad();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== 5 || !parts.every((p) => typeof p === 'string')) throw bad();
  const [sortValue, caseId, deadlineId, startedAt, now] = parts as [string, string, string, string, string];
  if (Number.isNaN(Date.parse(startedAt)) || Number.isNaN(Date.parse(now))) throw bad();
  return { sortValue, key: { caseId, deadlineId, startedAt }, now };
}
