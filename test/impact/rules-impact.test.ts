// `rules impact` on the real PostgreSQL: open cases recorded through the read model in a throwaway
// schema, a draft that shortens a deadline and raises two thresholds from 2024-06-01.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesImpact } from '../../src/impact/rules-impact.ts';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';
import { loadRuleSet } from '../../src/rules/load-rule-set.ts';
import { shippedRuleSet } from '../support/rule-set.ts';
import { CHAPTER_13_POSTPONED, draftRules, NOTICE_AND_THRESHOLDS, recordOpenCases } from './open-cases.ts';

let db: ScratchSchema;
beforeAll(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_test');
  await recordOpenCases(new CaseReadModel(db.pool));
});
afterAll(async () => {
  await db?.drop();
});

describe('rules impact', () => {
  it('reports, per open case, the deadlines that move or appear and the decisions that flip', async () => {
    const report = await rulesImpact({
      current: await shippedRuleSet(),
      draft: await loadRuleSet(await draftRules(NOTICE_AND_THRESHOLDS)),
      pool: db.pool,
      now: Date.parse('2024-07-05T00:00:00+05:00'),
    });
    expect(report.openCases).toBe(4);
    expect(report.notStarted).toEqual(['tc-not-started']);
    expect(report.ruleChanges).toBe(3);
    expect(report.affected).toEqual([
      {
        caseId: 'tc-april',
        process: 'kz.miner.tc',
        state: 'issued',
        // Dated before the new thresholds: only the shorter notice applies to it.
        caseDate: '2024-04-15',
        ruleSetVersion: (await shippedRuleSet()).version,
        deadlines: [
          {
            deadline: 'so-issuance-notice',
            startedBy: { type: 'TC_ISSUED', at: '2024-04-15T07:00:00.000Z' },
            change: 'moved',
            before: {
              dueDate: '2024-04-25',
              dueAt: '2024-04-26T00:00:00+05:00',
              duration: '10 calendar-days',
              clause: 'order275 Req p.12',
            },
            after: {
              dueDate: '2024-04-22',
              dueAt: '2024-04-23T00:00:00+05:00',
              duration: '7 calendar-days',
              clause: 'order275 Req p.12',
            },
            overdue: true,
          },
        ],
        decisions: [],
      },
      {
        caseId: 'tc-july',
        process: 'kz.miner.tc',
        state: 'issued',
        caseDate: '2024-07-01',
        ruleSetVersion: (await shippedRuleSet()).version,
        deadlines: [
          {
            deadline: 'so-info-copy',
            startedBy: { type: 'TC_ISSUED', at: '2024-07-03T07:00:00.000Z' },
            change: 'appears',
            // 2024-08-03 is a Saturday: the month rolls forward to Monday (C3).
            after: {
              dueDate: '2024-08-05',
              dueAt: '2024-08-06T00:00:00+05:00',
              duration: '1 months',
              clause: 'order275 Req p.4 ¶2',
            },
            reason:
              'so-info-copy does not apply: appliesWhen {"decision":"so-info-copy-required","value":true} does not hold',
          },
          {
            deadline: 'so-issuance-notice',
            startedBy: { type: 'TC_ISSUED', at: '2024-07-03T07:00:00.000Z' },
            change: 'moved',
            before: {
              dueDate: '2024-07-15',
              dueAt: '2024-07-16T00:00:00+05:00',
              duration: '10 calendar-days',
              clause: 'order275 Req p.12',
            },
            after: {
              dueDate: '2024-07-10',
              dueAt: '2024-07-11T00:00:00+05:00',
              duration: '7 calendar-days',
              clause: 'order275 Req p.12',
            },
          },
        ],
        decisions: [
          {
            decision: 'so-agreement-required',
            before: expect.objectContaining({
              value: true,
              codes: [],
              decidedBy: 'DECLARED-ABOVE-5MW',
              clause: 'order275 Req p.4 ¶2-3',
            }),
            after: { value: false, codes: [], decidedBy: 'otherwise' },
          },
          {
            decision: 'so-info-copy-required',
            before: { value: false, codes: [], decidedBy: 'otherwise' },
            after: expect.objectContaining({
              value: true,
              codes: [],
              decidedBy: 'BAND-1-5MW-INCLUSIVE',
              clause: 'order275 Req p.4 ¶2',
            }),
          },
          {
            // Without the SO's agreement to wait for, the issued TC makes the miner connectable.
            decision: 'connectable',
            before: expect.objectContaining({ value: false, codes: [], decidedBy: 'otherwise' }),
            after: expect.objectContaining({
              value: true,
              codes: [],
              decidedBy: 'ISSUED-AGREED-VALID',
              clause: 'order275 Req p.4 ¶3',
            }),
          },
        ],
      },
    ]);
  });

  it('names the cases a draft puts out of force on their case date', async () => {
    const report = await rulesImpact({
      current: await shippedRuleSet(),
      draft: await loadRuleSet(await draftRules(CHAPTER_13_POSTPONED)),
      pool: db.pool,
    });
    expect(report.affected).toEqual([
      {
        caseId: 'scheme-feb',
        process: 'kz.metering.scheme-approval',
        state: 'underReview',
        caseDate: '2027-02-01',
        ruleSetVersion: (await shippedRuleSet()).version,
        notInForce:
          'kz.metering.scheme-approval: not yet in force on 2027-02-01 (order128 in force from 2027-07-01)',
        deadlines: [],
        decisions: [],
      },
    ]);
  });

  it('names a running deadline the draft no longer applies, with the reason', async () => {
    const onlyWithoutAgreement = await draftRules({
      'kz/miner-tc.yaml': (t) =>
        t.replace(
          '    stopsOn: [SO_NOTIFIED, SO_COPY_SENT]\n',
          '    stopsOn: [SO_NOTIFIED, SO_COPY_SENT]\n    appliesWhen: { decision: so-agreement-required, value: false }\n',
        ),
    });
    const report = await rulesImpact({
      current: await shippedRuleSet(),
      draft: await loadRuleSet(onlyWithoutAgreement),
      pool: db.pool,
      now: Date.parse('2024-04-16T00:00:00+05:00'),
    });
    expect(report.affected.find((c) => c.caseId === 'tc-april')?.deadlines).toEqual([
      {
        deadline: 'so-issuance-notice',
        startedBy: { type: 'TC_ISSUED', at: '2024-04-15T07:00:00.000Z' },
        change: 'disappears',
        before: {
          dueDate: '2024-04-25',
          dueAt: '2024-04-26T00:00:00+05:00',
          duration: '10 calendar-days',
          clause: 'order275 Req p.12',
        },
        reason:
          'so-issuance-notice does not apply: appliesWhen {"decision":"so-agreement-required","value":false} does not hold',
      },
    ]);
  });

  it('changes nothing when the draft is the current rule set', async () => {
    const current = await shippedRuleSet();
    const same = await rulesImpact({ current, draft: current, pool: db.pool });
    expect(same).toMatchObject({ ruleChanges: 0, openCases: 4, affected: [] });
  });
});
