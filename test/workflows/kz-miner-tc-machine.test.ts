// SM-1 driven with decisions computed by the shipped rule files for the §12 scenarios.

import { beforeAll, describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { isConnectable, minerTcMachine, type TcEvent } from '../../workflows/kz-miner-tc/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const complete = { application: true, questionnaire: true, sitePlan: true, capacityCalculation: true };
const allItems = Array.from({ length: 15 }, (_, i) => i + 1);

function decide(asOf: string, facts: Record<string, unknown>): DecisionValues {
  const view = rules.at(asOf).process('kz.miner.tc');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}

const run = (events: TcEvent[]) => runMachine(minerTcMachine, events);

const sevenMw = {
  declaredCapacityKw: 7000,
  substationKv: 110,
  isSubConsumer: false,
  attachments: complete,
  externalScheme: { designOrgLicensed: true, agreedByEto: true },
  tcIssueDate: '2024-02-13',
  tcContent: allItems,
};

describe('kz.miner.tc state machine (SM-1)', () => {
  it('scenario 1 (7 MW): scheme review, drafting, issue, SO agreement pending until agreed', () => {
    const d = decide('2024-02-13', sevenMw);
    const steps: TcEvent[] = [{ type: 'SUBMIT', decisions: d }];
    expect(run(steps).value).toBe('schemeReview');
    steps.push({ type: 'SCHEME_AGREED' }, { type: 'TC_DRAFTED', decisions: d });
    expect(run(steps).value).toBe('readyToIssue');
    steps.push({ type: 'TC_ISSUED', decisions: d });
    const issued = run(steps);
    expect(issued.value).toEqual({
      issued: { soNotice: 'pending', soCopy: 'notRequired', soAgreement: 'pending' },
    });
    expect(isConnectable(issued)).toBe(false);
    const agreed = run([...steps, { type: 'SO_NOTIFIED' }, { type: 'SO_AGREED' }]);
    expect(agreed.value).toEqual({
      issued: { soNotice: 'done', soCopy: 'notRequired', soAgreement: 'agreed' },
    });
    expect(isConnectable(agreed)).toBe(true);
  });

  it('scenario 1: an SO refusal blocks connection for good (Req p.4 ¶3)', () => {
    const d = decide('2024-02-13', sevenMw);
    const s = run([
      { type: 'SUBMIT', decisions: d },
      { type: 'SCHEME_AGREED' },
      { type: 'TC_DRAFTED', decisions: d },
      { type: 'TC_ISSUED', decisions: d },
      { type: 'SO_NOT_AGREED' },
    ]);
    expect(s.matches({ issued: { soAgreement: 'notAgreed' } })).toBe(true);
    expect(isConnectable(s)).toBe(false);
    expect(s.can({ type: 'SO_AGREED' })).toBe(false);
  });

  it('A5: the SO may agree before the TC is issued', () => {
    const d = decide('2024-02-13', sevenMw);
    const s = run([
      { type: 'SUBMIT', decisions: d },
      { type: 'SCHEME_AGREED' },
      { type: 'TC_DRAFTED', decisions: d },
      { type: 'SO_AGREED' },
      { type: 'TC_ISSUED', decisions: d },
    ]);
    expect(s.matches({ issued: { soAgreement: 'agreed' } })).toBe(true);
    expect(isConnectable(s)).toBe(true);
  });

  it('scenario 2 (exactly 5 MW): scheme required, no SO agreement, information copy pending', () => {
    const d = decide('2024-04-15', {
      ...sevenMw,
      declaredCapacityKw: 5000,
      substationKv: 35,
      tcIssueDate: '2024-04-15',
    });
    const s = run([
      { type: 'SUBMIT', decisions: d },
      { type: 'SCHEME_AGREED' },
      { type: 'TC_DRAFTED', decisions: d },
      { type: 'TC_ISSUED', decisions: d },
    ]);
    expect(s.value).toEqual({
      issued: { soNotice: 'pending', soCopy: 'pending', soAgreement: 'notRequired' },
    });
    expect(isConnectable(s)).toBe(true);
    // A4: one copy sent within the notice period serves both obligations.
    expect(transition(minerTcMachine, s, { type: 'SO_COPY_SENT' })[0].value).toEqual({
      issued: { soNotice: 'done', soCopy: 'done', soAgreement: 'notRequired' },
    });
  });

  it.each([
    ['3a: 0.8 MW', { declaredCapacityKw: 800, substationKv: 35 }, ['R-MIN-CAPACITY']],
    ['3b: 10 kV substation', { declaredCapacityKw: 2000, substationKv: 10 }, ['R-VOLTAGE']],
    [
      '3c: sub-consumer',
      { declaredCapacityKw: 3000, substationKv: 35, isSubConsumer: true },
      ['R-SUBCONSUMER'],
    ],
    [
      '3d: 6 MW without a scheme',
      { declaredCapacityKw: 6000, substationKv: 110, externalScheme: {} },
      ['R-NO-SCHEME'],
    ],
  ])('scenario %s is refused with its ground', (_name, facts, grounds) => {
    const d = decide('2024-02-13', { isSubConsumer: false, attachments: complete, ...facts });
    const s = run([{ type: 'SUBMIT', decisions: d }]);
    expect(s.value).toBe('refused');
    expect(s.context.grounds).toEqual(grounds);
    expect(s.status).toBe('done');
  });

  it('returns an incomplete application and takes it back on RESUBMIT', () => {
    const incomplete = decide('2024-02-13', {
      ...sevenMw,
      declaredCapacityKw: 3000,
      attachments: { application: true },
    });
    const returned = run([{ type: 'SUBMIT', decisions: incomplete }]);
    expect(returned.value).toBe('returned');
    expect(returned.context.grounds).toEqual(['R-INCOMPLETE']);
    const fixed = decide('2024-02-14', { ...sevenMw, declaredCapacityKw: 3000 });
    const s = run([
      { type: 'SUBMIT', decisions: incomplete },
      { type: 'RESUBMIT', decisions: fixed },
    ]);
    expect(s.value).toBe('drafting');
    expect(s.context.grounds).toEqual([]);
  });

  it('does not accept a TC draft that lacks an item in force on its issue date (scenario 9b)', () => {
    const d = decide('2024-01-03', {
      ...sevenMw,
      declaredCapacityKw: 3000,
      tcIssueDate: '2024-01-03',
      tcContent: allItems.filter((i) => i !== 14),
    });
    const drafting = run([{ type: 'SUBMIT', decisions: d }]);
    expect(drafting.value).toBe('drafting');
    expect(drafting.can({ type: 'TC_DRAFTED', decisions: d })).toBe(false);
  });

  it('ends in expired when the TC validity elapses', () => {
    const d = decide('2024-02-13', { ...sevenMw, declaredCapacityKw: 3000 });
    const s = run([
      { type: 'SUBMIT', decisions: d },
      { type: 'TC_DRAFTED', decisions: d },
      { type: 'TC_ISSUED', decisions: d },
      { type: 'TC_EXPIRED' },
    ]);
    expect(s.value).toBe('expired');
    expect(isConnectable(s)).toBe(false);
  });

  it('refuses events that are not allowed in the current state', () => {
    const s = run([]);
    expect(s.value).toBe('draft');
    for (const type of ['TC_ISSUED', 'SO_AGREED', 'SCHEME_AGREED', 'TC_EXPIRED'] as const) {
      expect(s.can({ type, decisions: {} } as TcEvent)).toBe(false);
    }
  });
});

describe('kz.miner.tc: the remaining transitions of SM-1', () => {
  it('returns an application whose scheme the ETO does not agree, and takes it back on RESUBMIT', () => {
    const d = decide('2024-02-13', sevenMw);
    const returned = run([{ type: 'SUBMIT', decisions: d }, { type: 'SCHEME_NOT_AGREED' }]);
    expect(returned.value).toBe('returned');
    expect(returned.context.grounds).toEqual(['SCHEME_NOT_AGREED']);
    const again = transition(minerTcMachine, returned, { type: 'RESUBMIT', decisions: d })[0];
    expect(again.value).toBe('schemeReview');
  });

  it('A5: an SO refusal before issue leaves the issued TC not agreed and not connectable', () => {
    const d = decide('2024-02-13', sevenMw);
    const s = run([
      { type: 'SUBMIT', decisions: d },
      { type: 'SCHEME_AGREED' },
      { type: 'TC_DRAFTED', decisions: d },
      { type: 'SO_NOT_AGREED' },
      { type: 'TC_ISSUED', decisions: d },
    ]);
    expect(s.matches({ issued: { soAgreement: 'notAgreed' } })).toBe(true);
    expect(isConnectable(s)).toBe(false);
  });
});
