// How the process definitions read an event's data: merged into the facts, or as a list of codes.
import type { CaseEvent } from '../case-messages.ts';
import type { Facts } from '../process-definition.ts';
import type { DecisionValues } from './decisions.ts';

/** Event data merged into the facts, minus the keys the process consumes itself. */
export const merge = (facts: Facts, data: Facts | undefined, consumed: readonly string[] = []): Facts => ({
  ...facts,
  ...Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => !consumed.includes(k))),
});
/** A list carried in an event's data (remark or reason codes); absent means none. */
export const listIn = (event: CaseEvent, key: string): string[] => {
  const value = event.data?.[key];
  return Array.isArray(value) ? (value as string[]) : [];
};
export const remarksOf = (event: CaseEvent) => listIn(event, 'remarks');
export const withDecisions = (event: CaseEvent, decisions: DecisionValues) => ({
  type: event.type,
  decisions,
});
export const reasonsOf = (event: CaseEvent) => listIn(event, 'reasons');
