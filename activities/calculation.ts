// The activity that runs a calculation of the pinned rule set for a case (e.g. the unmetered
// electricity of a violation). The result, inputs and versions are recorded in workflow history, so
// a replay never recalculates with today's rule files.
import { Temporal } from 'temporal-polyfill';
import { type CalculationResult, runCalculation } from '../src/calculations/run.ts';
import type { RuleSetStore } from '../src/rules/rule-set-store.ts';
import { refusingBadInput } from './rule-engine.ts';

export interface CalculateRequest {
  calculation: string;
  ruleSetVersion: string;
  /** The accepting event's instant: its local date selects the rules unless a date input does. */
  at: string;
  inputs: Record<string, unknown>;
  /** The case's overrides of the calculation's switches; an unknown switch or option is refused. */
  switches?: Record<string, string | number | boolean>;
}

export function createCalculationActivities(store: RuleSetStore) {
  return {
    async calculate(request: CalculateRequest): Promise<CalculationResult> {
      return refusingBadInput(async () => {
        const ruleSet = await store.get(request.ruleSetVersion);
        const model = ruleSet.calculation(request.calculation);
        const asOf = ruleSet
          .calendar(model.jurisdiction)
          .dateOf(Temporal.Instant.from(request.at).epochMilliseconds);
        return runCalculation(ruleSet, request.calculation, request.inputs, {
          asOf,
          switches: request.switches ?? {},
        });
      });
    },
  };
}

export type CalculationActivities = ReturnType<typeof createCalculationActivities>;
