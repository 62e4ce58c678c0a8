// What one open case would see under a draft rule set instead of the current one: its running
// deadlines recomputed (moved, appearing, disappearing) and its decisions re-evaluated, each with
// the clause behind it. A case keeps the edition of its case date (catalogue EFF), so both rule
// sets are read with `at(caseDate)`; a deadline's duration is the version in force on the day the
// deadline started, as the engine computes it.

import { PROCESSES } from '../../workflows/processes.ts';
import { CalendarRangeError } from '../calendar/working-calendar.ts';
import { FactsError, type FlatFacts } from '../rules/facts.ts';
import {
  type DecisionOutcome,
  type DecisionValue,
  NotInForceError,
  type ProcessView,
  type RuleSet,
} from '../rules/rule-set.ts';
import type { Scalar } from '../rules/schema.ts';
import type { StoredCase, StoredEvent } from './stored-cases.ts';

export interface DeadlineSide {
  dueDate: string;
  dueAt: string;
  /** e.g. "10 calendar-days" */
  duration: string;
  /** The clause of the duration version that applies. */
  clause: string;
}

export interface DeadlineChange {
  deadline: string;
  startedBy: { type: string; at: string };
  change: 'moved' | 'appears' | 'disappears';
  before?: DeadlineSide;
  after?: DeadlineSide;
  /** Why the deadline does not run where it is absent. */
  reason?: string;
  /** The draft's due instant has already passed: publishing the draft breaches or ends it at once. */
  overdue?: boolean;
}

export interface DecisionSide {
  value: Scalar;
  codes: string[];
  /** The rule that decides, or "otherwise". */
  decidedBy: string;
  clause?: string;
  message?: string;
}

export interface DecisionChange {
  decision: string;
  before?: DecisionSide;
  after?: DecisionSide;
}

export interface CaseImpact {
  caseId: string;
  process: string;
  state: string;
  /** The local date of the case's first accepted event: the date whose edition the case keeps. */
  caseDate: string;
  ruleSetVersion: string;
  /** The draft does not apply to the case at all (the process is not, or no longer, in force on its date). */
  notInForce?: string;
  /** A rule set cannot evaluate the case (e.g. the draft requires an input the case lacks). */
  error?: string;
  deadlines: DeadlineChange[];
  decisions: DecisionChange[];
}

/** A case evaluated under one rule set, or why it cannot be. */
type Evaluation =
  | {
      ok: true;
      view: ProcessView;
      facts: FlatFacts;
      values: Map<string, DecisionValue>;
      decisions: Map<string, DecisionSide>;
    }
  | { ok: false; notInForce: boolean; reason: string };

/** The impact of `draft` on one open case, or undefined when nothing changes for it. */
export function caseImpact(
  stored: StoredCase,
  current: RuleSet,
  draft: RuleSet,
  now: number,
): CaseImpact | undefined {
  const first = stored.events[0];
  const last = stored.events.at(-1);
  if (!first || !last) return undefined;
  // The case's dates are local dates of its jurisdiction, by whichever rule set knows the process.
  const known = current.processes.has(stored.process) ? current : draft;
  const jurisdiction = known.processes.get(stored.process)?.jurisdiction;
  if (!jurisdiction) return undefined;
  const calendar = known.calendar(jurisdiction);
  const caseDate = calendar.dateOf(Date.parse(first.at));
  // Date facts a case has not fixed default to the date of the evaluation its decisions come from.
  const lastEventDate = calendar.dateOf(Date.parse(last.at));
  const before = evaluate(current, stored, caseDate, lastEventDate);
  const after = evaluate(draft, stored, caseDate, lastEventDate);
  const base = {
    caseId: stored.caseId,
    process: stored.process,
    state: stored.state,
    caseDate,
    ruleSetVersion: stored.ruleSetVersion,
    deadlines: [],
    decisions: [],
  };
  if (!before.ok) return { ...base, error: `under the current rules: ${before.reason}` };
  if (!after.ok)
    return after.notInForce ? { ...base, notInForce: after.reason } : { ...base, error: after.reason };
  const impact: CaseImpact = {
    ...base,
    deadlines: deadlineChanges(stored, before, after, now),
    decisions: decisionChanges(before.decisions, after.decisions),
  };
  return impact.deadlines.length || impact.decisions.length ? impact : undefined;
}

function evaluate(rs: RuleSet, stored: StoredCase, caseDate: string, lastEventDate: string): Evaluation {
  if (!rs.processes.has(stored.process))
    return { ok: false, notInForce: true, reason: `${stored.process}: not in the rule set` };
  const view = rs.at(caseDate).process(stored.process);
  if (!view.inForce) return { ok: false, notInForce: true, reason: view.notInForceReason as string };
  try {
    const dated = Object.fromEntries(
      (PROCESSES[stored.process]?.dateFacts ?? [])
        .filter((f) => stored.facts[f] === undefined)
        .map((f) => [f, lastEventDate]),
    );
    const facts = view.prepare({ ...stored.facts, ...dated });
    const outcomes = view.decide(facts);
    return {
      ok: true,
      view,
      facts,
      values: new Map(outcomes.map((d) => [d.id, { value: d.value, codes: d.codes }])),
      decisions: new Map(outcomes.map((d) => [d.id, decisionSide(d)])),
    };
  } catch (e) {
    if (e instanceof FactsError || e instanceof NotInForceError)
      return { ok: false, notInForce: false, reason: e.message };
    throw e;
  }
}

function decisionSide(d: DecisionOutcome): DecisionSide {
  const rule = d.rules.find((r) => r.matched);
  return {
    value: d.value,
    codes: d.codes,
    decidedBy: rule?.id ?? 'otherwise',
    ...(rule ? { clause: `${rule.source.document} ${rule.source.clause}` } : {}),
    ...(d.message ? { message: d.message } : {}),
  };
}

function decisionChanges(
  before: Map<string, DecisionSide>,
  after: Map<string, DecisionSide>,
): DecisionChange[] {
  const out: DecisionChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const a = after.get(id);
    const same = b && a && b.value === a.value && [...b.codes].sort().join() === [...a.codes].sort().join();
    if (!same) out.push({ decision: id, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return out;
}

/**
 * The deadlines that run now (pending or suspended in the read model) and those either rule set
 * would have started from an accepted event without a record of it, each recomputed under both.
 */
function deadlineChanges(
  stored: StoredCase,
  before: Extract<Evaluation, { ok: true }>,
  after: Extract<Evaluation, { ok: true }>,
  now: number,
): DeadlineChange[] {
  const recorded = new Set(stored.deadlines.map((d) => key(d.id, d.startedBy.at)));
  const candidates = new Map<string, { id: string; start: number }>();
  for (const d of stored.deadlines) {
    if (d.status !== 'pending' && d.status !== 'suspended') continue;
    const start = stored.events.findLastIndex(
      (e) => e.type === d.startedBy.type && sameInstant(e.at, d.startedBy.at),
    );
    if (start >= 0) candidates.set(key(d.id, d.startedBy.at), { id: d.id, start });
  }
  for (const model of [before.view.model, after.view.model]) {
    for (const d of model.deadlines.values()) {
      // Only the latest start of a deadline runs: a new start replaces the running one.
      const start = stored.events.findLastIndex((e) => d.startsOn.includes(e.type));
      const event = stored.events[start];
      if (event && !recorded.has(key(d.id, event.at)))
        candidates.set(key(d.id, event.at), { id: d.id, start });
    }
  }
  const out: DeadlineChange[] = [];
  for (const { id, start } of candidates.values()) {
    const event = stored.events[start] as StoredEvent;
    const later = stored.events.slice(start + 1);
    const b = running(before, stored.process, id, event, later);
    const a = running(after, stored.process, id, event, later);
    const startedBy = { type: event.type, at: event.at };
    if (typeof b !== 'string' && typeof a !== 'string') {
      if (b.dueAt !== a.dueAt || b.dueDate !== a.dueDate)
        out.push({ deadline: id, startedBy, change: 'moved', before: b, after: a, ...overdue(a, now) });
    } else if (typeof a !== 'string') {
      out.push({
        deadline: id,
        startedBy,
        change: 'appears',
        after: a,
        reason: b as string,
        ...overdue(a, now),
      });
    } else if (typeof b !== 'string') {
      out.push({ deadline: id, startedBy, change: 'disappears', before: b, reason: a });
    }
  }
  return out.sort(
    (x, y) => x.startedBy.at.localeCompare(y.startedBy.at) || x.deadline.localeCompare(y.deadline),
  );
}

/** The deadline started by `event` as a rule set computes it, or why it does not run. */
function running(
  evaluation: Extract<Evaluation, { ok: true }>,
  process: string,
  id: string,
  event: StoredEvent,
  later: readonly StoredEvent[],
): DeadlineSide | string {
  const { view, facts, values } = evaluation;
  const d = view.model.deadlines.get(id);
  if (!d) return `no deadline '${id}' in ${process}`;
  if (!d.startsOn.includes(event.type)) return `${id} is not started by ${event.type}`;
  const stop = later.find((e) => d.stopsOn.includes(e.type) || PROCESSES[process]?.cancels(e).includes(id));
  if (stop) return `${id} ended by ${stop.type} at ${stop.at}`;
  try {
    const o = view.deadline(id, Date.parse(event.at), facts, values);
    if (!o.due) return `${id} does not apply: appliesWhen ${JSON.stringify(d.appliesWhen)} does not hold`;
    return {
      dueDate: o.due.dueDate,
      dueAt: o.due.dueAt,
      duration: `${o.amount} ${o.unit}`,
      clause: `${o.source.document} ${o.source.clause}`,
    };
  } catch (e) {
    // A rule set without the version in force, or whose calendar ends before the due date.
    if (e instanceof NotInForceError || e instanceof CalendarRangeError) return e.message;
    throw e;
  }
}

const key = (id: string, at: string) => `${id}@${Date.parse(at)}`;
const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);
const overdue = (side: DeadlineSide, now: number) => (Date.parse(side.dueAt) <= now ? { overdue: true } : {});
