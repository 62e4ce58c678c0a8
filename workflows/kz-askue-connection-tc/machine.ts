// kz.askue.connection-tc — a wholesale-market subject's application for technical conditions to
// connect its ASKUE to the system operator's integrated ASKUE, as SM-4 of detail/000-001.md (ASKUE
// Rules p.4). The attachment checklist is the decision application-complete of
// rules/kz/askue-connection-tc.yaml; no deadline runs (the text sets none, A29).
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionCodes, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface AskueConnectionTcContext {
  decisions: DecisionValues;
  /** Codes of the attachments missing from the latest returned application. */
  missing: readonly string[];
}

export type AskueConnectionTcEvent =
  | { type: 'SUBMIT'; decisions: DecisionValues }
  | { type: 'TC_ISSUED'; decisions: DecisionValues };

export const askueConnectionTcMachine = setup({
  types: { context: {} as AskueConnectionTcContext, events: {} as AskueConnectionTcEvent },
  guards: {
    attachmentMissing: ({ context }) => decisionValue(context.decisions, 'application-complete') === false,
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordMissing: assign({
      missing: ({ context }) => decisionCodes(context.decisions, 'application-complete'),
    }),
    clearMissing: assign({ missing: [] }),
  },
}).createMachine({
  id: 'askueConnectionTc',
  context: { decisions: {}, missing: [] },
  initial: 'draft',
  states: {
    draft: { on: { SUBMIT: { target: 'submitted', actions: 'recordDecisions' } } },
    // SM-4: an application missing an attachment is returned at once [I]; a complete one waits for the TC.
    submitted: {
      always: { guard: 'attachmentMissing', target: 'returned', actions: 'recordMissing' },
      on: { TC_ISSUED: { target: 'tcIssued', actions: 'recordDecisions' } },
    },
    // The subject may apply again with the complete set of attachments [I].
    returned: { on: { SUBMIT: { target: 'submitted', actions: ['recordDecisions', 'clearMissing'] } } },
    tcIssued: { type: 'final' },
  },
});
