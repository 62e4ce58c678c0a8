// kz.miner.tc — technical conditions for a digital miner, as the state machine SM-1 of
// detail/000-001.md (P1, P1b, P2, P3, P4). Thresholds and refusal grounds are decisions of
// rules/kz/miner-tc.yaml; this machine only routes on their values. Deadlines (the p.12 notice,
// the p.4 ¶2 copy) are armed by the workflow from the rule file; their breach is a record, not a state.
import { assign, setup } from 'xstate';
import { type DecisionValues, decisionCodes, decisionsAfter, decisionValue } from '../shared/decisions.ts';

export interface TcContext {
  /** Latest decision values of the case (from the rule engine). */
  decisions: DecisionValues;
  /** Refusal or return grounds, with their codes. */
  grounds: readonly string[];
  /** A5: the SO may agree (or refuse) before the TC is formally issued. */
  earlySoAgreement?: 'agreed' | 'notAgreed';
}

type WithDecisions = { decisions: DecisionValues };
export type TcEvent =
  | ({ type: 'SUBMIT' } & WithDecisions)
  | ({ type: 'RESUBMIT' } & WithDecisions)
  | { type: 'SCHEME_AGREED' }
  | { type: 'SCHEME_NOT_AGREED' }
  | ({ type: 'TC_DRAFTED' } & WithDecisions)
  | ({ type: 'TC_ISSUED' } & WithDecisions)
  | { type: 'SO_NOTIFIED' }
  | { type: 'SO_COPY_SENT' }
  | { type: 'SO_AGREED' }
  | { type: 'SO_NOT_AGREED' }
  | { type: 'TC_EXPIRED' };

export const minerTcMachine = setup({
  types: { context: {} as TcContext, events: {} as TcEvent },
  guards: {
    refusedOnEligibility: ({ context }) => decisionValue(context.decisions, 'eligibility') === 'refused',
    applicationIncomplete: ({ context }) =>
      decisionValue(context.decisions, 'application-complete') === false,
    externalSchemeRequired: ({ context }) =>
      decisionValue(context.decisions, 'external-scheme-required') === true,
    tcContentComplete: ({ context, event }) =>
      decisionValue(
        { ...context.decisions, ...('decisions' in event ? event.decisions : {}) },
        'tc-content-complete',
      ) === true,
    soAgreementRequired: ({ context }) => decisionValue(context.decisions, 'so-agreement-required') === true,
    soInfoCopyRequired: ({ context }) => decisionValue(context.decisions, 'so-info-copy-required') === true,
    agreedBeforeIssue: ({ context }) => context.earlySoAgreement === 'agreed',
    refusedBeforeIssue: ({ context }) => context.earlySoAgreement === 'notAgreed',
  },
  actions: {
    recordDecisions: assign({ decisions: decisionsAfter }),
    recordRefusal: assign({ grounds: ({ context }) => decisionCodes(context.decisions, 'eligibility') }),
    recordReturn: assign({
      grounds: ({ context }) => decisionCodes(context.decisions, 'application-complete'),
    }),
    recordSchemeNotAgreed: assign({ grounds: ['SCHEME_NOT_AGREED'] }),
    clearGrounds: assign({ grounds: [] }),
    recordEarlyAgreement: assign({ earlySoAgreement: 'agreed' as const }),
    recordEarlyRefusal: assign({ earlySoAgreement: 'notAgreed' as const }),
  },
}).createMachine({
  id: 'minerTechnicalConditions',
  context: { decisions: {}, grounds: [] },
  initial: 'draft',
  states: {
    draft: { on: { SUBMIT: { target: 'received', actions: 'recordDecisions' } } },
    received: {
      always: [
        { guard: 'refusedOnEligibility', target: 'refused', actions: 'recordRefusal' },
        { guard: 'applicationIncomplete', target: 'returned', actions: 'recordReturn' },
        { guard: 'externalSchemeRequired', target: 'schemeReview', actions: 'clearGrounds' },
        { target: 'drafting', actions: 'clearGrounds' },
      ],
    },
    schemeReview: {
      on: {
        SCHEME_AGREED: 'drafting',
        SCHEME_NOT_AGREED: { target: 'returned', actions: 'recordSchemeNotAgreed' },
      },
    },
    returned: { on: { RESUBMIT: { target: 'received', actions: 'recordDecisions' } } },
    drafting: {
      on: { TC_DRAFTED: { guard: 'tcContentComplete', target: 'readyToIssue', actions: 'recordDecisions' } },
    },
    readyToIssue: {
      on: {
        TC_ISSUED: { target: 'issued', actions: 'recordDecisions' },
        SO_AGREED: { actions: 'recordEarlyAgreement' },
        SO_NOT_AGREED: { actions: 'recordEarlyRefusal' },
      },
    },
    issued: {
      type: 'parallel',
      on: { TC_EXPIRED: 'expired' },
      states: {
        soNotice: {
          initial: 'pending',
          states: {
            pending: { on: { SO_NOTIFIED: 'done', SO_COPY_SENT: 'done' } },
            done: { type: 'final' },
          },
        },
        soCopy: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [{ guard: 'soInfoCopyRequired', target: 'pending' }, { target: 'notRequired' }],
            },
            pending: { on: { SO_COPY_SENT: 'done' } },
            done: { type: 'final' },
            notRequired: { type: 'final' },
          },
        },
        soAgreement: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [
                { guard: 'agreedBeforeIssue', target: 'agreed' },
                { guard: 'refusedBeforeIssue', target: 'notAgreed' },
                { guard: 'soAgreementRequired', target: 'pending' },
                { target: 'notRequired' },
              ],
            },
            pending: { on: { SO_AGREED: 'agreed', SO_NOT_AGREED: 'notAgreed' } },
            agreed: { type: 'final' },
            notAgreed: { type: 'final' },
            notRequired: { type: 'final' },
          },
        },
      },
    },
    refused: { type: 'final' },
    expired: { type: 'final' },
  },
});

type TcSnapshot = ReturnType<typeof minerTcMachine.resolveState>;

/**
 * The output kz.miner.energization reads (catalogue §2): issued, SO agreement not required or
 * given, and not expired. A refused SO agreement blocks connection for good (Req p.4 ¶3).
 */
export function isConnectable(snapshot: TcSnapshot): boolean {
  return (
    snapshot.matches({ issued: { soAgreement: 'notRequired' } }) ||
    snapshot.matches({ issued: { soAgreement: 'agreed' } })
  );
}
