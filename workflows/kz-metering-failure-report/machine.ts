// kz.metering.failure-report — a failure of a hydrocarbon subject's metering system reported to the
// System side, or a technological break agreed with it: SM-X3 of detail/003-part2.md §1.13
// (Annex 1 p.10, p.56). The deadlines (failure-notice, repair-timeframe or fault-elimination,
// tech-break-agreement) are armed by the workflow from rules/kz/metering-failure-report.yaml. A
// breach is recorded on its deadline for escalation; SM-X3's notice_overdue and timeframe_overdue
// are not states of their own, since the case still waits for the late notice or report.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface FailureReportContext {
  decisions: DecisionValues;
}

type WithDecisions = { decisions: DecisionValues };
export type FailureReportEvent =
  | ({ type: 'FAILURE_DETECTED' } & WithDecisions)
  | ({ type: 'NOTICE_SENT' } & WithDecisions)
  | ({ type: 'TIMEFRAME_REPORTED' } & WithDecisions)
  | ({ type: 'RESOLVED' } & WithDecisions)
  | ({ type: 'TECH_BREAK_PLANNED' } & WithDecisions)
  | ({ type: 'TECH_BREAK_AGREED' } & WithDecisions)
  | ({ type: 'TECH_BREAK_CANCELLED' } & WithDecisions);

type Args = { event: FailureReportEvent };
const holds =
  (id: string) =>
  ({ event }: Args) =>
    decisionValue(event.decisions, id) === true;

export const failureReportMachine = setup({
  types: { context: {} as FailureReportContext, events: {} as FailureReportEvent },
  guards: {
    // Hydrocarbon metering (A1.2), a kind of failure, and no occurrence after the detection (B7(a)).
    failureReportValid: holds('failure-report-valid'),
    // Hydrocarbon metering (A1.2), and a start before the end (A1.56).
    breakPlanValid: holds('break-plan-valid'),
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
  },
}).createMachine({
  id: 'meteringFailureReport',
  context: { decisions: {} },
  initial: 'idle',
  states: {
    // Opened by the telemetry module (power or channel loss) or by the subject.
    idle: {
      on: {
        FAILURE_DETECTED: { guard: 'failureReportValid', target: 'open', actions: 'recordDecisions' },
        TECH_BREAK_PLANNED: {
          guard: 'breakPlanValid',
          target: 'breakPlanned',
          actions: 'recordDecisions',
        },
      },
    },
    open: {
      on: {
        NOTICE_SENT: { target: 'notified', actions: 'recordDecisions' },
        // A fault eliminated before the notice still owes the notice (A1.10 binds on occurrence).
        RESOLVED: { target: 'resolvedAwaitingNotice', actions: 'recordDecisions' },
      },
    },
    notified: {
      on: {
        TIMEFRAME_REPORTED: { target: 'timeframeReported', actions: 'recordDecisions' },
        RESOLVED: { target: 'resolved', actions: 'recordDecisions' },
      },
    },
    timeframeReported: { on: { RESOLVED: { target: 'resolved', actions: 'recordDecisions' } } },
    resolvedAwaitingNotice: { on: { NOTICE_SENT: { target: 'resolved', actions: 'recordDecisions' } } },
    resolved: { type: 'final' },
    breakPlanned: {
      on: {
        // A new period restarts the agreement clock from the new start.
        TECH_BREAK_PLANNED: {
          guard: 'breakPlanValid',
          target: 'breakPlanned',
          actions: 'recordDecisions',
        },
        TECH_BREAK_AGREED: { target: 'breakAgreed', actions: 'recordDecisions' },
        TECH_BREAK_CANCELLED: { target: 'breakCancelled', actions: 'recordDecisions' },
      },
    },
    breakAgreed: { type: 'final' },
    breakCancelled: { type: 'final' },
  },
});
