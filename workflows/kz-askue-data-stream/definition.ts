import type { CaseEvent } from '../case-messages.ts';
import type { Facts, ProcessDefinition } from '../process-definition.ts';
import { type DecisionValues, decisionValue } from '../shared/decisions.ts';
import { type IntervalReading, readIntervals } from './intervals.ts';
import { dataStreamMachine } from './machine.ts';

/** The event's intervals on the grid in force; undefined when no interval length is in force. */
function intervalsOf(event: CaseEvent, decisions: DecisionValues, facts: Facts): IntervalReading | undefined {
  const minutes = decisionValue(decisions, 'interval-length');
  if (typeof minutes !== 'number' || minutes <= 0) return undefined;
  return readIntervals(event, { anchor: String(facts.firstIntervalStart), minutes });
}

const INTERVAL_EVENTS = ['READING', 'BATCH', 'GRACE_ELAPSED', 'FORWARDED_TO_AUTHORITY_IS'];

export const askueDataStream: ProcessDefinition = {
  machine: dataStreamMachine,
  dateFacts: [],
  // The events' data name intervals, which the machine tracks; none of it is a fact.
  updateFacts: (facts) => facts,
  machineEvent(event, decisions, facts) {
    const intervals = intervalsOf(event, decisions, facts);
    return { type: event.type, decisions, ...(intervals ? { intervals } : {}) };
  },
  // Without an interval in force, the decision's message says why (e.g. gas before 2027).
  guardDecisions: Object.fromEntries(INTERVAL_EVENTS.map((type) => [type, 'interval-length'])),
  refusalDetail(event, facts, decisions) {
    const intervals = intervalsOf(event, decisions, facts);
    return intervals && 'problem' in intervals ? intervals.problem : undefined;
  },
  cancels: () => [],
  onBarElapsed: {},
};
