// One regulated case as a durable workflow. Its states are the process's XState machine, applied
// with the pure `transition`; rules, calendars and deadlines come from activities (so their results
// are in history and replay never reads today's rule files); deadlines are durable timers.
import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { type AnyStateMachine, type AnyStateNode, initialTransition, transition } from 'xstate';
import type { CalculationActivities } from '../activities/calculation.ts';
import type { ReadModelActivities } from '../activities/read-model.ts';
import type { EvaluateResult, RuleEngineActivities } from '../activities/rule-engine.ts';
import {
  applyEventUpdate,
  type CaseCalculation,
  type CaseDocument,
  type CaseEvent,
  type CaseStart,
  type CaseView,
  caseQuery,
  type DeadlineRecord,
  type EventResult,
  eventSignal,
  type HistoryEntry,
  relatedOutputsSignal,
  type SentEvent,
  subscribeSignal,
} from './case-messages.ts';
import { DEADLINE_BREACHED, type MachineState } from './process-definition.ts';
import { type Facts, PROCESSES, type ProcessDefinition } from './processes.ts';
import type { DecisionValues } from './shared/decisions.ts';

const { recordCase } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const ruleActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['FactsError', 'CalculationInputError', 'NotInForceError', 'RuleQueryError'],
  },
};
const { pinRuleSet, evaluateEvent } = proxyActivities<RuleEngineActivities>(ruleActivityOptions);
const { calculate } = proxyActivities<CalculationActivities>(ruleActivityOptions);

interface DeadlineRules {
  stopsOn: readonly string[];
  rejects: readonly string[];
  rejectsPlanned: readonly { event: string; field: string }[];
  dueAtMs: number;
  /** How a refusal names the end: the instant for minutes and hours (C4), else the last day. */
  until: string;
}

/** The instant an event plans, when a bar refuses that event for planning it before the bar's end. */
function plannedWithin(event: CaseEvent, rules: Pick<DeadlineRules, 'rejectsPlanned' | 'dueAtMs'>) {
  const rule = rules.rejectsPlanned.find((r) => r.event === event.type);
  const planned = rule ? event.data?.[rule.field] : undefined;
  return rule && typeof planned === 'string' && Date.parse(planned) < rules.dueAtMs
    ? `${rule.field} ${planned}`
    : undefined;
}

export async function caseWorkflow(start: CaseStart): Promise<CaseView> {
  const found = PROCESSES[start.process];
  if (!found)
    throw ApplicationFailure.nonRetryable(`no workflow for process '${start.process}'`, 'UnknownProcess');
  const def: ProcessDefinition = found;
  const clockOffset = start.simulatedClock ? Date.parse(start.simulatedClock.startsAt) - Date.now() : 0;
  const legalNow = () => Date.now() + clockOffset;
  let ruleSetVersion = '';
  // A case started before its process's machine changed replays on the machine it started with
  // (no patch marker in its history) and moves to the new one at its first event or timer on the
  // new code, where the marker is written; a new case starts on the new machine.
  const previous = def.previous;
  let machine: AnyStateMachine = previous && !patched(previous.patch) ? previous.machine : def.machine;
  let [snapshot] = initialTransition(machine);
  let facts: Facts = { ...start.input };
  let decisions: DecisionValues = {};
  const deadlines: DeadlineRecord[] = [];
  const deadlineRules = new Map<DeadlineRecord, DeadlineRules>();
  const history: HistoryEntry[] = [];
  const documents: CaseDocument[] = [];
  const calculations: CaseCalculation[] = [];
  const answered = new Map<string, EventResult>();

  // Events are applied one at a time, in arrival order, even while an activity runs — and only
  // after the rule-set version is pinned. Handlers are registered before anything is awaited, so
  // that an event sent with the start is not refused.
  let tail: Promise<unknown> = pinRuleSet().then((version) => {
    ruleSetVersion = version;
  });
  const upgradeMachine = () => {
    if (!previous || machine === def.machine || !patched(previous.patch)) return;
    const state = { value: snapshot.value, context: snapshot.context } as MachineState;
    snapshot = def.machine.resolveState(previous.migrate(state, deadlines));
    machine = def.machine;
  };
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(() => {
      upgradeMachine();
      return work();
    });
    tail = result.catch(() => undefined);
    return result;
  };

  const stateName = (): string => {
    const value = snapshot.value as unknown;
    return typeof value === 'string' ? value : (Object.keys(value as object)[0] ?? '');
  };

  const view = (): CaseView => ({
    process: start.process,
    now: new Date(legalNow()).toISOString(),
    ruleSetVersion,
    state: stateName(),
    stateValue: snapshot.value,
    context: snapshot.context,
    decisions,
    facts,
    deadlines: deadlines.map((d) => ({ ...d })),
    documents: [...documents],
    calculations: [...calculations],
    history: [...history],
  });

  const reject = (reason: string, clause?: string): EventResult => ({
    accepted: false,
    reason,
    ...(clause ? { clause } : {}),
    stateAfter: stateName(),
  });
  /** An activity that refused its input (bad facts, rules not in force) refuses the event. */
  const refusedBy = (e: unknown): EventResult => {
    if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure && e.cause.nonRetryable)
      return reject(e.cause.message);
    throw e;
  };

  // Facts taken from the cases this one refers to, and which of them have answered.
  let relatedFacts: Facts = {};
  const heardFrom = new Set<string>();
  // Cases that refer to this one, and what they were last told.
  const subscribers = new Set<string>();
  let publishedOutputs = '';
  const publish = async (only?: string) => {
    if (!def.outputs) return;
    const outputs = def.outputs(snapshot);
    const text = JSON.stringify(outputs);
    if (!only) {
      // A broadcast goes out only when the outputs changed since the last one.
      if (text === publishedOutputs) return;
      publishedOutputs = text;
    }
    const message = { caseId: workflowInfo().workflowId, outputs };
    await Promise.all(
      [...(only ? [only] : subscribers)].map((id) =>
        // A subscriber that has closed needs nothing more from this case.
        getExternalWorkflowHandle(id)
          .signal(relatedOutputsSignal, message)
          .catch(() => subscribers.delete(id)),
      ),
    );
  };

  async function apply(event: CaseEvent): Promise<EventResult> {
    const previous = answered.get(event.idempotencyKey);
    if (previous) return previous;
    const stateBefore = stateName();
    const decided = await decide(event);
    const sent = decided.accepted && stateName() !== stateBefore ? await send(event) : [];
    const result: EventResult = sent.length ? { ...decided, sent } : decided;
    answered.set(event.idempotencyKey, result);
    history.push({
      type: event.type,
      at: event.at,
      idempotencyKey: event.idempotencyKey,
      ...(event.actor ? { actor: event.actor } : {}),
      ...(event.data ? { data: event.data } : {}),
      ...result,
    });
    if (result.accepted) await publish();
    await recordCase(workflowInfo().workflowId, view());
    return result;
  }

  /** The events this case sends on entering its new state, to the cases its facts name. */
  async function send(cause: CaseEvent): Promise<SentEvent[]> {
    const self = workflowInfo().workflowId;
    const out: SentEvent[] = [];
    for (const { onEntering, to, type } of def.sends ?? []) {
      const caseId = facts[to];
      if (onEntering !== stateName() || typeof caseId !== 'string') continue;
      // Keyed by this event and the type sent, so that the other case applies a repeated delivery once.
      const message: CaseEvent = {
        type,
        at: cause.at,
        idempotencyKey: `${self}/${cause.idempotencyKey}/${type}`,
        actor: self,
      };
      const record = { to, caseId, type, idempotencyKey: message.idempotencyKey };
      try {
        await getExternalWorkflowHandle(caseId).signal(eventSignal, message);
        out.push({ ...record, delivered: true });
      } catch (e) {
        out.push({ ...record, delivered: false, error: (e as Error).message });
      }
    }
    return out;
  }

  async function decide(event: CaseEvent): Promise<EventResult> {
    const at = Date.parse(event.at);
    const bar = deadlines.find((d) => {
      const rules = deadlineRules.get(d);
      return (
        d.kind === 'bar' &&
        d.status === 'pending' &&
        rules?.rejects.includes(event.type) &&
        at < rules.dueAtMs
      );
    });
    if (bar) {
      const until = deadlineRules.get(bar)?.until;
      return reject(`${event.type} not accepted: ${bar.id} until ${until} (${bar.clause})`, bar.clause);
    }
    // A bar also refuses an event planning something before its end (e.g. a time inside a notice
    // period), whether or not the bar still runs.
    for (const d of deadlines) {
      const rules = deadlineRules.get(d);
      if (d.kind !== 'bar' || (d.status !== 'pending' && d.status !== 'elapsed') || !rules) continue;
      const planned = plannedWithin(event, rules);
      if (planned)
        return reject(
          `${event.type} not accepted: ${planned} is before the end of ${d.id} (${rules.until}, ${d.clause})`,
          d.clause,
        );
    }
    if (!acceptsType(machine, snapshot.value, event.type))
      return reject(`${event.type} not allowed in state ${stateName()}`);

    // What related cases say is current whenever it arrived, even during this event's activity.
    const nextFacts = { ...def.updateFacts(facts, event), ...relatedFacts };
    let evaluated: EvaluateResult;
    try {
      evaluated = await evaluateEvent({
        process: start.process,
        ruleSetVersion,
        at: event.at,
        facts: nextFacts,
        dateFacts: [...def.dateFacts],
        startedBy: event.type,
        ...(start.switches ? { switches: start.switches } : {}),
      });
    } catch (e) {
      return refusedBy(e);
    }
    const machineEvent = def.machineEvent(event, evaluated.decisions, nextFacts);
    if (!snapshot.can(machineEvent)) {
      const guard = def.guardDecisions[event.type];
      const why = guard ? evaluated.decisions[guard] : undefined;
      const what =
        def.refusalDetail?.(event, facts, evaluated.decisions) ??
        why?.message ??
        `${event.type} in state ${stateName()}`;
      return reject(`guard failed: ${what}${why?.clause ? ` (${why.clause})` : ''}`, why?.clause);
    }
    // ...and so do the bars this very event starts (a notice planning a time inside its own period).
    for (const outcome of evaluated.deadlines) {
      if (outcome.kind !== 'bar' || !outcome.applies || !outcome.due) continue;
      const planned = plannedWithin(event, {
        rejectsPlanned: outcome.rejectsPlanned ?? [],
        dueAtMs: Date.parse(outcome.due.dueAt),
      });
      const clause = `${outcome.source.document} ${outcome.source.clause}`;
      if (planned)
        return reject(
          `${event.type} not accepted: ${planned} is before the end of ${outcome.id} (${untilOf(outcome)}, ${clause})`,
          clause,
        );
    }
    // The calculations of an accepted event run before it takes effect: inputs they refuse refuse it.
    const calculated: CaseCalculation[] = [];
    try {
      for (const hook of def.calculations?.[event.type] ?? []) {
        const switches = start.calculationSwitches?.[hook.calculation];
        const result = await calculate({
          calculation: hook.calculation,
          ruleSetVersion,
          at: event.at,
          inputs: hook.inputs(nextFacts, event),
          ...(switches ? { switches } : {}),
        });
        calculated.push({
          ...result,
          eventType: event.type,
          eventKey: event.idempotencyKey,
          calculatedAt: event.at,
        });
      }
    } catch (e) {
      return refusedBy(e);
    }
    [snapshot] = transition(machine, snapshot, machineEvent);
    calculations.push(...calculated);
    facts = nextFacts;
    decisions = evaluated.decisions;
    for (const d of evaluated.documents)
      documents.push({ ...d, issuedAt: event.at, eventKey: event.idempotencyKey });

    for (const d of deadlines) {
      if (d.status !== 'pending' && d.status !== 'breached') continue;
      if (d.metAt === undefined && deadlineRules.get(d)?.stopsOn.includes(event.type)) {
        d.metAt = event.at;
        const rules = deadlineRules.get(d) as DeadlineRules;
        if (at >= rules.dueAtMs) {
          d.status = 'breached';
          d.latenessMs = at - rules.dueAtMs;
        } else d.status = 'met';
      }
    }
    for (const id of def.cancels(event)) {
      for (const d of deadlines) if (d.id === id && d.status === 'pending') d.status = 'cancelled';
    }
    for (const id of def.suspendedIn?.[stateName()] ?? []) {
      for (const d of deadlines) if (d.id === id && d.status === 'pending') d.status = 'suspended';
    }
    for (const outcome of evaluated.deadlines) {
      if (!outcome.applies || !outcome.due) continue;
      // A deadline started again (e.g. the lockout after each failed re-inspection, A18) replaces the running one.
      for (const d of deadlines) if (d.id === outcome.id && d.status === 'pending') d.status = 'cancelled';
      const record: DeadlineRecord = {
        id: outcome.id,
        kind: outcome.kind,
        startedBy: { type: event.type, at: event.at },
        dueDate: outcome.due.dueDate,
        dueAt: outcome.due.dueAt,
        status: 'pending',
        clause: `${outcome.source.document} ${outcome.source.clause}`,
      };
      const dueAtMs = Date.parse(outcome.due.dueAt);
      deadlines.push(record);
      deadlineRules.set(record, {
        stopsOn: outcome.stopsOn,
        rejects: outcome.rejects,
        // Results recorded in history before bars could refuse planned instants have none.
        rejectsPlanned: outcome.rejectsPlanned ?? [],
        dueAtMs,
        until: untilOf(outcome),
      });
      void sleep(Math.max(dueAtMs - legalNow(), 1)).then(() => exclusive(() => expire(record)));
    }
    return { accepted: true, stateAfter: stateName() };
  }

  async function expire(record: DeadlineRecord): Promise<void> {
    if (record.status !== 'pending') return;
    const action = record.kind === 'action';
    record.status = action ? 'breached' : 'elapsed';
    // A machine may follow the breach in its state (SM-6: a review past its period is overdue).
    if (action && acceptsType(machine, snapshot.value, DEADLINE_BREACHED))
      [snapshot] = transition(machine, snapshot, { type: DEADLINE_BREACHED, deadline: record.id });
    const reaction = action ? def.onBreached?.[record.id] : def.onBarElapsed[record.id];
    if (!reaction) {
      await recordCase(workflowInfo().workflowId, view());
      return;
    }
    facts = { ...facts, ...reaction.facts };
    await apply({
      type: reaction.type,
      at: record.dueAt,
      idempotencyKey: `${record.id}@${record.dueAt}`,
      actor: 'engine',
    });
  }

  setHandler(applyEventUpdate, (event) => exclusive(() => apply(event)), { validator: validateEvent });
  setHandler(eventSignal, (event) => {
    // A malformed signal has no sender to answer; it is logged and dropped, never applied.
    try {
      validateEvent(event);
    } catch (e) {
      log.warn('malformed event signal dropped', { error: (e as Error).message });
      return;
    }
    void exclusive(() => apply(event));
  });
  setHandler(caseQuery, view);
  setHandler(subscribeSignal, (subscriber) => {
    subscribers.add(subscriber);
    void exclusive(() => publish(subscriber));
  });
  let relatedUpdates = 0;
  setHandler(relatedOutputsSignal, ({ caseId, outputs }) => {
    const link = Object.entries(def.related ?? {}).find(([field]) => start.input[field] === caseId)?.[1];
    if (!link) return;
    relatedFacts = { ...relatedFacts, ...link.facts(outputs) };
    heardFrom.add(caseId);
    void exclusive(async () => {
      facts = { ...facts, ...relatedFacts };
      // Re-check only where the process waits on it; elsewhere the new facts apply at the next event.
      if (!acceptsType(machine, snapshot.value, link.recheckWith)) return;
      await apply({
        type: link.recheckWith,
        at: new Date(legalNow()).toISOString(),
        idempotencyKey: `${caseId}#${++relatedUpdates}`,
        actor: 'engine',
      });
    });
  });
  for (const [field] of Object.entries(def.related ?? {})) {
    const other = start.input[field];
    if (typeof other !== 'string') continue;
    // Events wait until the related case has answered, so that none is judged without its facts.
    tail = tail
      .then(() =>
        getExternalWorkflowHandle(other)
          .signal(subscribeSignal, workflowInfo().workflowId)
          .catch((e: Error) => {
            throw ApplicationFailure.nonRetryable(
              `${field}: no case '${other}' to refer to (${e.message})`,
              'UnknownRelatedCase',
            );
          }),
      )
      .then(() => condition(() => heardFrom.has(other), '1 minute'));
  }

  await tail;
  await condition(() => snapshot.status === 'done' && allHandlersFinished());
  return view();
}

/** The end of a deadline as a refusal states it: exact durations (C4) by the instant, others by the day. */
function untilOf(outcome: { unit: string; due?: { dueDate: string; dueAt: string } }): string {
  const exact = outcome.unit === 'minutes' || outcome.unit === 'hours';
  return (exact ? outcome.due?.dueAt : outcome.due?.dueDate) ?? '';
}

/** Rejects malformed messages before they enter history. */
function validateEvent(event: CaseEvent): void {
  if (typeof event?.type !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(event.type))
    throw new Error('type: expected an event type such as TC_ISSUED');
  if (
    typeof event.at !== 'string' ||
    Number.isNaN(Date.parse(event.at)) ||
    !/(Z|[+-]\d{2}:\d{2})$/.test(event.at)
  ) {
    throw new Error(`at: expected an ISO 8601 instant with offset, got ${JSON.stringify(event.at)}`);
  }
  if (typeof event.idempotencyKey !== 'string' || event.idempotencyKey.length === 0)
    throw new Error('idempotencyKey: required');
  if (
    event.data !== undefined &&
    (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data))
  ) {
    throw new Error('data: expected an object');
  }
}

/** Whether any active state node handles this event type at all (guards aside). */
function acceptsType(machine: { root: AnyStateNode }, value: unknown, type: string): boolean {
  const active: AnyStateNode[] = [machine.root];
  const walk = (node: AnyStateNode, v: unknown) => {
    if (typeof v === 'string') {
      const child = node.states[v];
      if (child) active.push(child);
      return;
    }
    for (const [key, sub] of Object.entries((v ?? {}) as Record<string, unknown>)) {
      const child = node.states[key];
      if (!child) continue;
      active.push(child);
      walk(child, sub);
    }
  };
  walk(machine.root, value);
  return active.some((n) => Object.hasOwn(n.on, type));
}
