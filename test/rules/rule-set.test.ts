import { describe, expect, it } from 'vitest';
import { RuleSetError } from '../../src/rules/diagnostics.ts';
import { FactsError } from '../../src/rules/facts.ts';
import { buildRuleSet } from '../../src/rules/load-rule-set.ts';
import { NotInForceError, RuleQueryError } from '../../src/rules/rule-set.ts';
import { fixtureTexts } from '../support/fixture-rule-set.ts';

const edit = (file: string, change: (t: string) => string) =>
  fixtureTexts().map((t) => (t.file === file ? { ...t, text: change(t.text) } : t));

describe('rule set identity', () => {
  it('is a content hash: comments and formatting do not change it, a value does', () => {
    const base = buildRuleSet(fixtureTexts()).version;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(buildRuleSet(edit('process.yaml', (t) => `# reviewed by policy staff\n${t}`)).version).toBe(base);
    expect(
      buildRuleSet(edit('process.yaml', (t) => t.replace('value: 1 }', 'value: 1.5 }'))).version,
    ).not.toBe(base);
  });

  it('is immutable', () => {
    const rs = buildRuleSet(fixtureTexts());
    expect(Object.isFrozen(rs)).toBe(true);
    expect(() => {
      (rs as { version: string }).version = 'x';
    }).toThrow(TypeError);
    const parameter = rs.processes.get('kz.test.sample')?.parameters.get('sample.minCapacity');
    expect(() => {
      (parameter?.versions[0] as { value: unknown }).value = 2;
    }).toThrow(TypeError);
    expect(Object.isFrozen(rs.processes.get('kz.test.sample')?.decisions[0]?.rules[0]?.when)).toBe(true);
  });
});

describe('ruleSet.at(date)', () => {
  const rs = buildRuleSet(
    edit('process.yaml', (t) =>
      t.replace(
        '      - { effectiveFrom: { document: order1 }, value: 1 }',
        '      - { effectiveFrom: { document: order1 }, effectiveTo: 2024-06-30, value: 1 }\n      - { effectiveFrom: { document: order1, part: later }, value: 2 }',
      ),
    ),
  );

  it('answers "not yet in force" before the document enters into force (publication + 10 + 1)', () => {
    const view = rs.at('2024-01-25').process('kz.test.sample');
    expect(view.inForce).toBe(false);
    expect(view.notInForceReason).toBe(
      'kz.test.sample: not yet in force on 2024-01-25 (order1 in force from 2024-01-26)',
    );
    expect(() => view.parameters()).toThrow(NotInForceError);
    expect(rs.at('2024-01-26').process('kz.test.sample').inForce).toBe(true);
  });

  it('resolves the parameter version in force on each date, with its citation', () => {
    const before = rs.at('2024-06-30').process('kz.test.sample').parameters();
    const after = rs.at('2024-07-01').process('kz.test.sample').parameters();
    expect(before).toEqual([
      expect.objectContaining({
        id: 'sample.minCapacity',
        value: 1,
        unit: 'MW',
        period: { from: '2024-01-26', to: '2024-06-30' },
      }),
    ]);
    expect(after[0]).toMatchObject({
      value: 2,
      period: { from: '2024-07-01', to: null },
      source: { document: 'order1', clause: 'p.3' },
    });
  });

  it('converts parameters into the compared fact’s unit and decides by the version in force', () => {
    const decide = (date: string, kw: number) => {
      const view = rs.at(date).process('kz.test.sample');
      return view.decideValues(view.prepare({ capacityKw: kw })).get('eligible');
    };
    expect(decide('2024-06-30', 1500)).toEqual({ value: true, codes: [] });
    expect(decide('2024-07-01', 1500)).toEqual({ value: false, codes: ['R-SMALL'] });
    expect(decide('2024-07-01', 2000)).toEqual({ value: true, codes: [] });
  });

  it('takes a decision value from the parameter version in force, converted to the decision unit', () => {
    const withValue = buildRuleSet(
      edit('process.yaml', (t) =>
        t
          .replace(
            '      - { effectiveFrom: { document: order1 }, value: 1 }',
            '      - { effectiveFrom: { document: order1 }, effectiveTo: 2024-06-30, value: 1 }\n      - { effectiveFrom: { document: order1, part: later }, value: 2 }',
          )
          .replace(
            '  - id: eligible\n    title: eligibility\n',
            '  - id: eligible\n    title: eligibility\n    unit: kW\n',
          )
          .replace('        value: false\n', '        value: { parameter: sample.minCapacity }\n'),
      ),
    );
    const decide = (date: string) => {
      const view = withValue.at(date).process('kz.test.sample');
      return view.decide(view.prepare({ capacityKw: 800 }))[0];
    };
    expect(decide('2024-06-30')).toMatchObject({ value: 1000, codes: ['R-SMALL'] });
    expect(decide('2024-07-01')).toMatchObject({ value: 2000, codes: ['R-SMALL'] });
    expect(decide('2024-07-01')?.rules[0]?.value).toBe(2000);
  });

  it('computes deadlines with the calendar of the process jurisdiction', () => {
    const view = rs.at('2024-03-01').process('kz.test.sample');
    const out = view.deadline('answer', Date.parse('2024-03-06T05:00:00Z'), view.prepare({}));
    expect(out).toMatchObject({
      applies: true,
      amount: 5,
      unit: 'working-days',
      countFrom: 'next-day',
      rollForward: true,
    });
    expect(out.due).toMatchObject({
      dueDate: '2024-03-14',
      nonWorkingDaysSkipped: ['2024-03-08', '2024-03-09', '2024-03-10'],
    });
  });

  it('rejects unknown switches, switch values, processes and dates', () => {
    expect(() =>
      rs.at('2024-03-01', { switches: { countFrm: 'same-day' } }).process('kz.test.sample'),
    ).toThrow("unknown switch 'countFrm' (known: countFrom, rollForward, entryIntoForceDay)");
    expect(() =>
      rs.at('2024-03-01', { switches: { countFrom: 'day-zero' } }).process('kz.test.sample'),
    ).toThrow("switch 'countFrom' has no option 'day-zero' (options: next-day, same-day)");
    expect(() => rs.at('2024-03-01').process('kz.test.other')).toThrow(RuleQueryError);
    expect(() => rs.at('1 March 2024')).toThrow("invalid date '1 March 2024' (expected YYYY-MM-DD)");
  });

  it('validates facts and names every bad field', () => {
    const view = rs.at('2024-03-01').process('kz.test.sample');
    try {
      view.prepare({ capacityKw: '5 MW', voltageKv: 110, colour: 'red' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FactsError);
      expect((e as FactsError).problems).toEqual([
        'capacityKw: expected a number in kW, got "5 MW"',
        'colour: unknown input field (known: capacityKw, voltageKv)',
      ]);
    }
  });
});

describe('the entry-into-force switch (EFF)', () => {
  it('moves every date derived from a publication date', () => {
    const rs = buildRuleSet(
      edit('conventions.yaml', (t) => t.replace('default: day-after-expiry', 'default: expiry-day')),
    );
    expect(rs.documents.get('order1')?.inForceFrom).toBe('2024-01-25');
    expect(rs.at('2024-01-25').process('kz.test.sample').inForce).toBe(true);
  });

  it('refuses a conventions file without the switches the engine reads', () => {
    expect(() =>
      buildRuleSet(edit('conventions.yaml', (t) => t.slice(0, t.indexOf('  - id: rollForward')))),
    ).toThrow(RuleSetError);
  });
});

describe('isEmpty on a list field with an enum', () => {
  it('takes true or false as the question, not as one of the field values', () => {
    const rs = buildRuleSet(
      edit('process.yaml', (t) =>
        t
          .replace('inputs:\n', 'inputs:\n  - { id: remarks, type: string-list, enum: [R1, R2] }\n')
          .replace(
            'decisions:\n',
            [
              'decisions:',
              '  - id: clean',
              '    title: no remarks',
              '    rules:',
              '      - id: NONE',
              '        when: { fact: remarks, operator: isEmpty, value: true }',
              '        value: true',
              '        basis: inferred',
              '        source: { document: order1, clause: "p.9" }',
              '    otherwise: { value: false }',
              '',
            ].join('\n'),
          ),
      ),
    );
    const view = rs.at('2024-02-01').process('kz.test.sample');
    expect(view.decideValues(view.prepare({ remarks: [] })).get('clean')?.value).toBe(true);
    expect(view.decideValues(view.prepare({ remarks: ['R2'] })).get('clean')?.value).toBe(false);
  });
});
