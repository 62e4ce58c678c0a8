// `gridcase deadline`: one due date under the jurisdiction's calendar and the conventions.
import { Temporal } from 'temporal-polyfill';
import { type CountFrom, type DurationUnit, describeDeadline } from '../calendar/deadline.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import { DURATION_UNITS } from '../rules/schema.ts';
import { UsageError } from './usage-error.ts';

export interface DeadlineOptions {
  jurisdiction: string;
  from: string;
  duration: string;
  countFrom?: CountFrom;
  rollForward?: boolean;
  json?: boolean;
  rules: string;
}

export async function deadlineCommand(o: DeadlineOptions): Promise<string> {
  const fromUtc = parseInstant(o.from);
  const { amount, unit } = parseDuration(o.duration);
  const ruleSet = await loadRuleSet(o.rules);
  if (!ruleSet.calendars.has(o.jurisdiction)) {
    throw new UsageError(
      `--jurisdiction: expected one of ${[...ruleSet.calendars.keys()].join(', ')}, got '${o.jurisdiction}'`,
    );
  }
  if (unit === 'bank-days' && !ruleSet.bankCalendars.has(o.jurisdiction)) {
    throw new UsageError(`--duration: ${o.jurisdiction} has no bank-day calendar`);
  }
  const calendar = ruleSet.calendarFor(o.jurisdiction, unit);
  const result = describeDeadline(calendar, {
    fromUtc,
    amount,
    unit,
    countFrom: (o.countFrom ?? ruleSet.conventions.get('countFrom')?.default) as CountFrom,
    rollForward: o.rollForward ?? ruleSet.conventions.get('rollForward')?.default === true,
  });
  if (o.json) return JSON.stringify(result, null, 2);
  return [
    `due date   ${result.dueDate} (last day; ${result.timeZone})`,
    `due at     ${result.dueAt} (exclusive: act before this instant)`,
    `counted    from ${result.startDate} (trigger on ${result.triggerDate})`,
    `skipped    ${result.nonWorkingDaysSkipped.join(', ') || 'no non-working days'}`,
    ...(result.rolledForwardFrom
      ? [`rolled     from ${result.rolledForwardFrom} to the next working day`]
      : []),
    `calendar   ${result.calendarVersion}`,
  ].join('\n');
}

function parseInstant(value: string): number {
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    throw new UsageError(
      `--from: '${value}' is not an ISO 8601 instant with an offset (e.g. 2024-03-20T10:00:00+05:00)`,
    );
  }
}

function parseDuration(value: string): { amount: number; unit: DurationUnit } {
  const m = /^\s*(\d+)\s+([a-z-]+)\s*$/.exec(value);
  const unit = m?.[2] as DurationUnit | undefined;
  if (
    !m ||
    !unit ||
    !(DURATION_UNITS as readonly string[]).includes(unit) ||
    !Number.isSafeInteger(Number(m[1])) ||
    Number(m[1]) < 1
  ) {
    throw new UsageError(
      `--duration: expected "<n> <unit>" with n a whole number ≥ 1 and unit one of ${DURATION_UNITS.join(', ')}, got '${value}'`,
    );
  }
  return { amount: Number(m[1]), unit };
}
