import { readFile } from 'node:fs/promises';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { runExamples } from '../../src/rules/examples.ts';
import { ruleFileJsonSchema } from '../../src/rules/schema.ts';
import { RULES_DIR, shippedRuleSet } from '../support/rule-set.ts';

describe('the shipped rules', () => {
  it('publish an up-to-date JSON Schema in rules/schema.json', async () => {
    const published = JSON.parse(await readFile(`${RULES_DIR}/schema.json`, 'utf8'));
    expect(published).toEqual(ruleFileJsonSchema());
  });

  it('pass every example of every process', async () => {
    const reports = await runExamples(await shippedRuleSet());
    expect(reports.filter((r) => r.failures.length)).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(30);
  });

  it('put Order 275 in force on publication + 61 days and its deferred items on 2024-01-01', async () => {
    const rs = await shippedRuleSet();
    expect(rs.documents.get('order275')).toMatchObject({
      inForceFrom: '2023-09-26',
      parts: new Map([['deferred-2024', '2024-01-01']]),
    });
    expect(rs.documents.get('order344')?.inForceFrom).toBe('2025-09-23');
    expect(rs.at('2023-09-25').process('kz.miner.tc').notInForceReason).toBe(
      'kz.miner.tc: not yet in force on 2023-09-25 (order275 in force from 2023-09-26)',
    );
  });

  it('carry each threshold with its unit, basis and clause', async () => {
    const params = (await shippedRuleSet()).at('2024-02-13').process('kz.miner.tc').parameters();
    const byId = new Map(params.map((p) => [p.id, p]));
    expect(byId.get('miner.soAgreement.declaredCapacityAbove')).toMatchObject({
      value: 5,
      unit: 'MW',
      basis: 'explicit',
      source: { document: 'order275', clause: 'Req p.4 ¶2' },
    });
    expect(byId.get('miner.tc.substation.minVoltage')).toMatchObject({
      value: 35,
      unit: 'kV',
      source: { clause: 'Req p.3' },
    });
    expect(byId.get('miner.tc.minPermittedCapacity')).toMatchObject({ value: 1, unit: 'MW' });
  });

  it('decide scenario 1 (7 MW): scheme and SO agreement required, notice due Fri 2024-02-23', async () => {
    const view = (await shippedRuleSet()).at('2024-02-13').process('kz.miner.tc');
    const facts = view.prepare({
      declaredCapacityKw: 7000,
      substationKv: 110,
      isSubConsumer: false,
      externalScheme: { designOrgLicensed: true, agreedByEto: true },
    });
    const d = view.decideValues(facts);
    expect(d.get('eligibility')).toEqual({ value: 'eligible', codes: [] });
    expect(d.get('external-scheme-required')?.value).toBe(true);
    expect(d.get('so-agreement-required')?.value).toBe(true);
    expect(d.get('so-info-copy-required')?.value).toBe(false);
    const notice = view.deadline('so-issuance-notice', Date.parse('2024-02-13T10:00:00+06:00'), facts);
    expect(notice.due).toMatchObject({ dueDate: '2024-02-23', dueAt: '2024-02-24T00:00:00+06:00' });
    expect(view.deadline('so-info-copy', Date.parse('2024-02-13T10:00:00+06:00'), facts).applies).toBe(false);
  });

  it('decide the p.10 gate at the connection date (scenario 9c/9d)', async () => {
    const view = (await shippedRuleSet()).at('2024-02-20').process('kz.miner.energization');
    const only = { documents: { servicingContract: true } };
    expect(
      view.decideValues(view.prepare({ ...only, connectionDate: '2023-12-20' })).get('p10-satisfied')?.value,
    ).toBe(true);
    expect(
      view.decideValues(view.prepare({ ...only, connectionDate: '2024-02-20' })).get('p10-satisfied')?.value,
    ).toBe(false);
  });
});

describe('decision codes', () => {
  it('name each ground once, even when several rules share it', async () => {
    const view = (await shippedRuleSet()).at('2024-02-13').process('kz.miner.tc');
    const facts = view.prepare({
      declaredCapacityKw: 3000,
      substationKv: 110,
      isSubConsumer: false,
      attachments: {},
    });
    expect(view.decideValues(facts).get('application-complete')).toEqual({
      value: false,
      codes: ['R-INCOMPLETE'],
    });
    expect(view.decide(facts).find((d) => d.id === 'application-complete')?.codes).toEqual(['R-INCOMPLETE']);
  });
});

describe('deadline applicability', () => {
  it('explains why a conditional deadline does not apply', async () => {
    const view = (await shippedRuleSet()).at('2024-02-13').process('kz.miner.tc');
    const facts = view.prepare({ declaredCapacityKw: 7000, substationKv: 110, isSubConsumer: false });
    const copy = view.deadline('so-info-copy', Date.parse('2024-02-13T10:00:00+06:00'), facts);
    expect(copy.applies).toBe(false);
    expect(copy.due).toBeUndefined();
    expect(copy.explanation).toEqual({
      kind: 'leaf',
      fact: 'decision:so-info-copy-required',
      operator: 'equal',
      actual: false,
      expected: true,
      result: false,
    });
  });
});

describe('dates that select rule versions', () => {
  it('refuse a date before the law is in force instead of falling back to "otherwise"', async () => {
    const view = (await shippedRuleSet()).at('2024-02-13').process('kz.miner.tc');
    const facts = view.prepare({
      declaredCapacityKw: 7000,
      substationKv: 110,
      isSubConsumer: false,
      tcIssueDate: '2022-01-01',
      tcContent: [],
    });
    expect(() => view.decideValues(facts)).toThrow(
      'tc-content-complete: kz.miner.tc is not in force on 2022-01-01, the tcIssueDate that selects its rules (in force from 2023-09-26)',
    );
  });
});

describe('effective dates of every shipped process', () => {
  const dayBefore = (iso: string) => Temporal.PlainDate.from(iso).subtract({ days: 1 }).toString();

  it('say "not yet in force" the day before a process enters into force, and apply from that day', async () => {
    const rs = await shippedRuleSet();
    for (const model of rs.processes.values()) {
      const from = model.inForce.from;
      expect(rs.at(dayBefore(from)).process(model.id).notInForceReason, model.id).toMatch(
        new RegExp(`^${model.id.replaceAll('.', '\\.')}: not yet in force on ${dayBefore(from)}`),
      );
      expect(rs.at(from).process(model.id).notInForceReason, model.id).toBeUndefined();
    }
  });

  it('switch each versioned parameter to its new value on the version boundary', async () => {
    const rs = await shippedRuleSet();
    for (const model of rs.processes.values()) {
      for (const p of model.parameters.values()) {
        for (const [older, newer] of p.versions.slice(1).map((v, i) => [p.versions[i], v] as const)) {
          const before = rs.at(dayBefore(newer.period.from)).process(model.id).parameters();
          const after = rs.at(newer.period.from).process(model.id).parameters();
          expect(before.find((x) => x.id === p.id)?.value, `${p.id} before ${newer.period.from}`).toEqual(
            older?.value,
          );
          expect(after.find((x) => x.id === p.id)?.value, `${p.id} from ${newer.period.from}`).toEqual(
            newer.value,
          );
        }
      }
    }
  });
});
