// The API of a case workflow: defined once, shared by clients, the simulator and the workflow.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalculationResult } from '../src/calculations/run.ts';
import type { DecisionValues } from './shared/decisions.ts';

export interface CaseStart {
  process: string;
  /** The case's inputs as the catalogue names them. */
  input: Record<string, unknown>;
  /** Switch overrides for this case (named ambiguity treatments). */
  switches?: Record<string, string | number | boolean>;
  /**
   * Switch overrides for the calculations this case runs, by calculation id (e.g. the tariff of
   * kg.unmetered-electricity read per period or at the detection date); otherwise their defaults.
   */
  calculationSwitches?: Record<string, Record<string, string | number | boolean>>;
  /**
   * Simulation only: the workflow's clock reads as this instant when the case starts, so that
   * scenarios dated in the past run their deadlines on the time-skipping server.
   */
  simulatedClock?: { startsAt: string };
}

export interface CaseEvent {
  type: string;
  /** When it happened (ISO 8601 with offset); deadlines count from here. */
  at: string;
  data?: Record<string, unknown>;
  /** A repeated key is applied once; the first answer is returned again. */
  idempotencyKey: string;
  actor?: string;
}

export interface EventResult {
  accepted: boolean;
  reason?: string;
  /** The clause behind a refusal, when a rule refused it. */
  clause?: string;
  stateAfter: string;
  /** Events the case sent to other cases because of this one, and whether each was delivered. */
  sent?: SentEvent[];
}

export interface SentEvent {
  /** The input field naming the other case, and that case's id. */
  to: string;
  caseId: string;
  type: string;
  idempotencyKey: string;
  delivered: boolean;
  /** Why it could not be delivered (e.g. no such case). */
  error?: string;
}

export type DeadlineStatus = 'pending' | 'met' | 'breached' | 'cancelled' | 'elapsed' | 'suspended';

export interface DeadlineRecord {
  id: string;
  kind: 'action' | 'bar';
  startedBy: { type: string; at: string };
  dueDate: string;
  dueAt: string;
  status: DeadlineStatus;
  /** For an action met after its due instant: when, and how late in milliseconds. */
  metAt?: string;
  latenessMs?: number;
  clause: string;
}

export interface HistoryEntry extends EventResult {
  type: string;
  at: string;
  actor?: string;
  data?: Record<string, unknown>;
  idempotencyKey: string;
}

export interface CaseDocument {
  id: string;
  title: string;
  clause: string;
  issuedAt: string;
  /** The idempotency key of the event that issued it. */
  eventKey: string;
}

/** A calculation an accepted event ran: what went in, under which versions, and what came out. */
export interface CaseCalculation extends CalculationResult {
  eventType: string;
  /** The idempotency key of the event that ran it. */
  eventKey: string;
  calculatedAt: string;
}

export interface CaseView {
  process: string;
  /** The case's clock (workflow time, shifted when simulated). */
  now: string;
  ruleSetVersion: string;
  state: string;
  stateValue: unknown;
  /** The machine's own context (e.g. the initial remarks, refusal grounds). */
  context: unknown;
  decisions: DecisionValues;
  facts: Record<string, unknown>;
  deadlines: DeadlineRecord[];
  documents: CaseDocument[];
  /** Absent in the views of cases still run by workflow code older than calculations. */
  calculations?: CaseCalculation[];
  history: HistoryEntry[];
}

/** What a case publishes to the cases that refer to it (e.g. a TC's `connectable`). */
export interface CaseOutputs {
  caseId: string;
  outputs: Record<string, unknown>;
}

export const applyEventUpdate = defineUpdate<EventResult, [CaseEvent]>('applyEvent');
/** Sent by a case that refers to this one: keep it informed of this case's outputs. */
export const subscribeSignal = defineSignal<[string]>('subscribe');
export const relatedOutputsSignal = defineSignal<[CaseOutputs]>('relatedOutputs');
export const eventSignal = defineSignal<[CaseEvent]>('event');
export const caseQuery = defineQuery<CaseView>('case');
