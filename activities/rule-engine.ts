// Activities that consult the rule files: pin a version, decide, compute deadlines. Their results
// are recorded in workflow history, so a replay never depends on today's rule files.
import { ApplicationFailure } from '@temporalio/activity';
import { Temporal } from 'temporal-polyfill';
import { CalculationInputError } from '../src/calculations/method.ts';
import { FactsError } from '../src/rules/facts.ts';
import { type DeadlineOutcome, NotInForceError, RuleQueryError } from '../src/rules/rule-set.ts';
import type { RuleSetStore } from '../src/rules/rule-set-store.ts';
import { UnknownRuleSetVersionError } from '../src/rules/rule-set-store.ts';
import type { DecisionValues } from '../workflows/shared/decisions.ts';

export interface EvaluateRequest {
  process: string;
  ruleSetVersion: string;
  /**
   * Instant of the event the evaluation is for; its local date selects the rules in force, unless
   * the process pins the case's own date (`evaluatedAt`).
   */
  at: string;
  facts: Record<string, unknown>;
  switches?: Record<string, string | number | boolean>;
  /** Date facts that default to the event's local date (e.g. the connection date). */
  dateFacts?: string[];
}

export interface IssuedDocument {
  id: string;
  title: string;
  clause: string;
}

export interface EvaluateResult {
  decisions: DecisionValues;
  /** Documents the process issues if the event is accepted (from the rule file's `issues`). */
  documents: IssuedDocument[];
  /** Deadlines started by `startedBy`, each with its due date or why it does not apply. */
  deadlines: DeadlineOutcome[];
}

export function createRuleEngineActivities(store: RuleSetStore) {
  return {
    async pinRuleSet(): Promise<string> {
      return store.current();
    },

    /** Decisions at an event, and the deadlines that event starts. */
    async evaluateEvent(request: EvaluateRequest & { startedBy?: string }): Promise<EvaluateResult> {
      return refusingBadInput(async () => {
        const ruleSet = await store.get(request.ruleSetVersion);
        const model = ruleSet.processes.get(request.process);
        if (!model) throw new RuleQueryError(`unknown process '${request.process}'`);
        const atUtc = Temporal.Instant.from(request.at).epochMilliseconds;
        const eventDate = ruleSet.calendar(model.jurisdiction).dateOf(atUtc);
        const eventView = ruleSet
          .at(eventDate, { switches: request.switches ?? {} })
          .process(request.process);
        const dated = Object.fromEntries(
          (request.dateFacts ?? []).filter((f) => request.facts[f] === undefined).map((f) => [f, eventDate]),
        );
        const facts = eventView.prepare({ ...request.facts, ...dated });
        // A process that pins its case date judges every event by that date's rules.
        const view = eventView.forCase(facts);
        const outcomes = view.decide(facts);
        const values = new Map(outcomes.map((d) => [d.id, { value: d.value, codes: d.codes }]));
        const deadlines = request.startedBy
          ? [...model.deadlines.values()]
              .filter((d) => d.startsOn.includes(request.startedBy as string))
              .map((d) => view.deadline(d.id, atUtc, facts, values))
          : [];
        const decisions = Object.fromEntries(
          outcomes.map((d) => {
            const decidedBy = d.rules.find((r) => r.matched);
            const clause = decidedBy ? `${decidedBy.source.document} ${decidedBy.source.clause}` : undefined;
            return [
              d.id,
              {
                value: d.value,
                codes: d.codes,
                ...(d.message ? { message: d.message } : {}),
                ...(clause ? { clause } : {}),
              },
            ];
          }),
        );
        const documents = (request.startedBy ? (model.events.get(request.startedBy)?.issues ?? []) : []).map(
          (d) => ({
            id: d.id,
            title: d.title,
            clause: `${d.source.document} ${d.source.clause}`,
          }),
        );
        return { decisions, deadlines, documents };
      });
    },
  };
}

export type RuleEngineActivities = ReturnType<typeof createRuleEngineActivities>;

/** Bad facts or a query outside the law's time are the caller's error: retrying cannot help. */
export async function refusingBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (
      e instanceof FactsError ||
      e instanceof CalculationInputError ||
      e instanceof NotInForceError ||
      e instanceof RuleQueryError ||
      e instanceof UnknownRuleSetVersionError
    ) {
      throw ApplicationFailure.nonRetryable(e.message, e.constructor.name);
    }
    throw e;
  }
}
