import { isRealDate } from '../rules/periods.ts';

/** A bad flag or flag value: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export function parseIsoDate(flag: string, value: string): string {
  if (!isRealDate(value)) throw new UsageError(`${flag}: invalid date '${value}' (expected YYYY-MM-DD)`);
  return value;
}
