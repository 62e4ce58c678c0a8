// SM-4 of detail/000-001.md with decisions from the shipped rule file.
import { beforeAll, describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import {
  type AskueConnectionTcEvent,
  askueConnectionTcMachine,
} from '../../workflows/kz-askue-connection-tc/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

function decide(attachments: Record<string, boolean>): DecisionValues {
  const view = rules.at('2025-10-15').process('kz.askue.connection-tc');
  return Object.fromEntries(view.decideValues(view.prepare({ attachments })));
}

const complete = {
  meteringComplexList: true,
  instrumentCharacteristics: true,
  connectionNames: true,
  singleLineDiagram: true,
};
const submit = (attachments: Record<string, boolean>): AskueConnectionTcEvent => ({
  type: 'SUBMIT',
  decisions: decide(attachments),
});
const run = (events: AskueConnectionTcEvent[]) => runMachine(askueConnectionTcMachine, events);

describe('kz.askue.connection-tc state machine (SM-4)', () => {
  it('takes a complete application and ends when the TC is issued', () => {
    const submitted = run([submit(complete)]);
    expect(submitted.value).toBe('submitted');
    const issued = transition(askueConnectionTcMachine, submitted, { type: 'TC_ISSUED', decisions: {} })[0];
    expect(issued.value).toBe('tcIssued');
    expect(issued.status).toBe('done');
  });

  it('returns an application missing attachments, naming each, and takes the complete one again', () => {
    const returned = run([submit({ meteringComplexList: true, connectionNames: true })]);
    expect(returned.value).toBe('returned');
    expect(returned.context.missing).toEqual(['A-INSTRUMENT-CHARACTERISTICS', 'A-SINGLE-LINE-DIAGRAM']);
    expect(returned.can({ type: 'TC_ISSUED', decisions: {} })).toBe(false);
    const resubmitted = transition(askueConnectionTcMachine, returned, submit(complete))[0];
    expect(resubmitted.value).toBe('submitted');
    expect(resubmitted.context.missing).toEqual([]);
  });

  it('issues no TC before an application is submitted', () => {
    expect(run([]).can({ type: 'TC_ISSUED', decisions: {} })).toBe(false);
  });
});
