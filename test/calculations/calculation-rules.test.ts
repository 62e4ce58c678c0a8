// How a calculation file is versioned, selected by date and held to its method (test/fixtures/valid
// calculation.yaml, a small transformer-losses file, and the shipped kg files).
import { describe, expect, it } from 'vitest';
import { runCalculation } from '../../src/calculations/run.ts';
import { formatDiagnostic, type RuleSetError } from '../../src/rules/diagnostics.ts';
import { diffRuleSets } from '../../src/rules/diff.ts';
import { buildRuleSet, readRuleFiles } from '../../src/rules/load-rule-set.ts';
import { NotInForceError, RuleQueryError } from '../../src/rules/rule-set.ts';
import { fixtureTexts } from '../support/fixture-rule-set.ts';
import { RULES_DIR } from '../support/rule-set.ts';

const edit = (change: (t: string) => string) =>
  fixtureTexts().map((t) => (t.file === 'calculation.yaml' ? { ...t, text: change(t.text) } : t));
const halfLoad = {
  ratedPower: 25,
  manufactureYear: 1980,
  shifts: 1,
  month: '2024-03',
  meteredActiveEnergy: 2000,
};

describe('a calculation over time', () => {
  const rs = buildRuleSet(
    edit((t) =>
      t
        .replace(
          '      - { effectiveFrom: { document: order1 }, value: 0.8 }',
          '      - { effectiveFrom: { document: order1 }, effectiveTo: 2024-12-31, value: 0.8 }\n      - { effectiveFrom: 2025-01-01, value: 0.9 }',
        )
        .replace(
          '  - { version: 1, method: transformer-losses, effectiveFrom: { document: order1 } }',
          '  - { version: 1, method: transformer-losses, effectiveFrom: { document: order1 }, effectiveTo: 2024-12-31 }\n  - { version: 2, method: transformer-losses, effectiveFrom: 2025-01-01 }',
        ),
    ),
  );

  it('applies the formula version and parameter values in force on its date, and records them', () => {
    const before = runCalculation(rs, 'kz.sample-transformer', halfLoad, { asOf: '2024-12-31' });
    const after = runCalculation(rs, 'kz.sample-transformer', halfLoad, { asOf: '2025-01-01' });
    expect([before.formulaVersion, before.outputs.loadFactor]).toEqual([1, 0.5]);
    expect([after.formulaVersion, after.outputs.loadFactor]).toEqual([2, 0.4444]);
    expect(after).toMatchObject({ date: '2025-01-01', ruleSetVersion: rs.version, clause: 'order1 p.7' });
  });

  it('is not in force before its first version, and needs a date to select by', () => {
    expect(() => runCalculation(rs, 'kz.sample-transformer', halfLoad, { asOf: '2024-01-25' })).toThrow(
      new NotInForceError(
        'kz.sample-transformer: no formula version in force on 2024-01-25 (in force from 2024-01-26)',
      ),
    );
    expect(() => runCalculation(rs, 'kz.sample-transformer', halfLoad)).toThrow(
      new RuleQueryError('kz.sample-transformer: no date to select the rules by (give an as-of date)'),
    );
    expect(() => runCalculation(rs, 'kz.nothing', halfLoad)).toThrow(
      "unknown calculation 'kz.nothing' (known: kz.sample-transformer)",
    );
  });

  it('takes switch overrides and refuses unknown switches and options', () => {
    const at = { asOf: '2024-03-01' };
    const year1976 = { ...halfLoad, manufactureYear: 1976 };
    expect(
      runCalculation(rs, 'kz.sample-transformer', year1976, {
        ...at,
        switches: { overlappingGeneration: 'earlier' },
      }).switches,
    ).toEqual({
      overlappingGeneration: 'earlier',
    });
    expect(() =>
      runCalculation(rs, 'kz.sample-transformer', year1976, { ...at, switches: { tariffMode: 'x' } }),
    ).toThrow("unknown switch 'tariffMode' of kz.sample-transformer (known: overlappingGeneration)");
    expect(() =>
      runCalculation(rs, 'kz.sample-transformer', year1976, {
        ...at,
        switches: { overlappingGeneration: 'newest' },
      }),
    ).toThrow("switch 'overlappingGeneration' has no option 'newest' (options: later, earlier)");
  });

  it('shows a changed table row in rules diff, with the clause', () => {
    const changed = buildRuleSet(
      edit((t) => t.replace('{ shifts: 1, hours: 200 }', '{ shifts: 1, hours: 210 }')),
    );
    expect(diffRuleSets(buildRuleSet(fixtureTexts()), changed)).toEqual([
      {
        change: 'changed',
        item: 'table kz.sample-transformer/transformer.ratedLoadHours',
        clause: 'order1 p.11',
        fields: [
          {
            field: 'versions',
            before: '2024-01-26..open: {"shifts":1,"hours":200} [order1 p.11]',
            after: '2024-01-26..open: {"shifts":1,"hours":210} [order1 p.11]',
          },
        ],
      },
    ]);
  });

  it('is immutable once loaded', () => {
    const table = rs.calculation('kz.sample-transformer').tables.get('transformer.ratedLoadHours');
    expect(() => {
      (table?.versions[0]?.rows[0] as { hours: number }).hours = 100;
    }).toThrow(TypeError);
  });
});

describe('held to the method', () => {
  const shippedWith = async (file: string, change: (t: string) => string) => {
    const texts = (await readRuleFiles(RULES_DIR)).map((f) =>
      f.file.endsWith(file) ? { ...f, text: change(f.text) } : f,
    );
    try {
      buildRuleSet(texts);
    } catch (e) {
      // The shipped files change; the position of an error is checked on the fixtures.
      return (e as RuleSetError).diagnostics
        .map(formatDiagnostic)
        .map((d) => d.replace(/^.*rules\/(\S+?):\d+:\d+/, '$1'));
    }
    return [];
  };

  it('refuses a name the method does not know in a table column it reads by name', async () => {
    expect(
      await shippedWith('unmetered-electricity.yaml', (t) =>
        t.replace(
          '{ clause: p21_2, method: connected-capacity, periodFrom: disconnection }',
          '{ clause: p21_2, method: connected-capacity, periodFrom: switch-off }',
        ),
      ),
    ).toEqual([
      "kg/unmetered-electricity.yaml: 'switch-off' is not one of last-inspector-visit, limitation-period, disconnection, last-metering-check",
    ]);
  });

  it('refuses an evaluatedAt that is not a date input', async () => {
    expect(
      await shippedWith('unmetered-electricity.yaml', (t) =>
        t.replace('evaluatedAt: detectionDate', 'evaluatedAt: consumerClass'),
      ),
    ).toEqual(["kg/unmetered-electricity.yaml: evaluatedAt must name a date input, not 'consumerClass'"]);
  });

  it('refuses object-list fields the method does not read', async () => {
    expect(
      await shippedWith('unmetered-electricity.yaml', (t) =>
        t.replace(
          '      - { id: from, type: date, required: true, description: "First day the rate applies." }',
          '      - { id: from, type: date, required: true, description: "First day the rate applies." }\n      - { id: tier, type: string }',
        ),
      ),
    ).toEqual(["kg/unmetered-electricity.yaml: field 'tier' of 'tariffs' is read by no method"]);
  });
});

describe('object-list inputs', () => {
  const withList = fixtureTexts().map((t) =>
    t.file === 'process.yaml'
      ? {
          ...t,
          text: t.text.replace(
            '  - { id: voltageKv, type: number, unit: kV }',
            '  - { id: voltageKv, type: number, unit: kV }\n  - { id: readings, type: object-list, fields: [{ id: at, type: date, required: true }, { id: value, type: number, unit: kWh }] }',
          ),
        }
      : t,
  );

  it('checks every item of the list and keeps the items as objects', () => {
    const view = buildRuleSet(withList).at('2024-02-01').process('kz.test.sample');
    expect(view.prepare({ readings: [{ at: '2024-01-01', value: 5 }] })).toEqual({
      readings: [{ at: '2024-01-01', value: 5 }],
    });
    expect(() => view.prepare({ readings: [{ value: 'x' }, 3] })).toThrow(
      'invalid facts:\n  readings[0].value: expected a number in kWh, got "x"\n  readings[0].at: required date is missing\n  readings[1]: expected an object, got 3',
    );
  });

  it('cannot be compared by a condition', () => {
    const texts = withList.map((t) =>
      t.file === 'process.yaml'
        ? {
            ...t,
            text: t.text.replace(
              'fact: capacityKw, operator: lessThan',
              'fact: readings, operator: lessThan',
            ),
          }
        : t,
    );
    expect(() => buildRuleSet(texts)).toThrow(
      "'readings' is a list of objects; a condition cannot compare it",
    );
  });
});
