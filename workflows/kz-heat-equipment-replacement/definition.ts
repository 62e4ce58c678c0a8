import type { CaseEvent } from '../case-messages.ts';
import type { ProcessDefinition } from '../process-definition.ts';
import { merge, withDecisions } from '../shared/event-data.ts';
import { heatReplacementMachine } from './machine.ts';

const termStated = (event: CaseEvent) => typeof event.data?.termDays === 'number';

export const heatEquipmentReplacement: ProcessDefinition = {
  machine: heatReplacementMachine,
  dateFacts: [],
  updateFacts(facts, event) {
    const next = merge(facts, event.data);
    // Without a meter-log timestamp the report is the earliest record of the failure (A12); it
    // is also the date that selects the case's edition (evaluatedAt: failedAt).
    return event.type === 'EQUIPMENT_FAILED' && next.failedAt === undefined
      ? { ...next, failedAt: event.at }
      : next;
  },
  machineEvent(event, decisions) {
    switch (event.type) {
      case 'EQUIPMENT_FAILED':
      case 'TERM_SET':
        return { type: event.type, decisions, termStated: termStated(event) };
      case 'CONTINUITY_MEASURE_RECORDED': {
        const measure = event.data?.continuityMeasure;
        return { type: event.type, decisions, measure: typeof measure === 'string' ? measure : null };
      }
      default:
        return withDecisions(event, decisions);
    }
  },
  guardDecisions: { EQUIPMENT_FAILED: 'replacement-duty', REPLACED: 'replacement-admissible' },
  refusalDetail: (event) =>
    event.type === 'TERM_SET' && !termStated(event)
      ? "TERM_SET must carry termDays, the authority's term in days (R25.92)"
      : undefined,
  cancels: () => [],
  onBarElapsed: {},
};
