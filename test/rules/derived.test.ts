import { describe, expect, it } from 'vitest';
import { diffRuleSets } from '../../src/rules/diff.ts';
import { buildRuleSet } from '../../src/rules/load-rule-set.ts';
import { fixtureTexts } from '../support/fixture-rule-set.ts';

// The sample process with interval readings and the facts derived from them.
const withDerived = (derivedYaml: string) =>
  fixtureTexts().map((t) =>
    t.file !== 'process.yaml'
      ? t
      : {
          ...t,
          text: t.text
            .replace(
              'inputs:\n',
              `inputs:
  - id: readings
    type: object-list
    fields:
      - { id: start, type: instant, required: true }
      - { id: minutes, type: number, unit: minutes, minimum: 1, required: true }
      - { id: energy, type: number, unit: kWh, minimum: 0, required: true }
  - { id: energiesMwh, type: number-list, unit: MWh }
`,
            )
            .replace(
              'parameters:\n',
              `derived:
${derivedYaml}
parameters:
  - id: sample.interval
    title: metering interval
    unit: minutes
    basis: explicit
    source: { document: order1, clause: "p.4", quote: "он бес минут", translation: "fifteen minutes" }
    versions:
      - { effectiveFrom: { document: order1 }, value: 15 }
`,
            )
            .replace(
              'decisions:\n',
              `decisions:
  - id: above
    title: lowest demand above the capacity
    rules:
      - id: ABOVE
        when: { fact: lowestDemand, operator: greaterThan, value: { fact: capacityKw } }
        value: true
        basis: explicit
        source: { document: order1, clause: "p.3", quote: "асатын", translation: "exceeding" }
    otherwise: { value: false }
`,
            ),
        },
  );

const DERIVED = `  - { id: lowestDemand, title: lowest demand, unit: kW, from: readings, aggregate: min, of: energy, per: minutes }
  - { id: peakDemand, title: peak demand, unit: MW, from: readings, aggregate: max, of: energy, per: minutes }
  - { id: readingCount, title: readings, unit: count, from: readings, aggregate: count }
  - { id: totalEnergy, title: total energy, unit: kWh, from: energiesMwh, aggregate: sum }
  - { id: intervalDemand, title: demand per interval, unit: kW, from: energiesMwh, aggregate: max, per: { parameter: sample.interval } }`;

const view = (asOf = '2024-03-12') => buildRuleSet(withDerived(DERIVED)).at(asOf).process('kz.test.sample');
const reading = (start: string, energy: number, minutes = 15) => ({ start, minutes, energy });

describe('derived facts', () => {
  it('turns interval energy into average demand with units: 2,650 kWh in 15 minutes is 10,600 kW', () => {
    const v = view();
    const facts = v.prepare({
      capacityKw: 10_000,
      readings: [reading('2024-03-12T10:15:00+05:00', 2650), reading('2024-03-12T10:30:00+05:00', 2700)],
    });
    expect(v.derivedValues(facts)).toEqual({
      lowestDemand: 10_600,
      peakDemand: 10.8,
      readingCount: 2,
      totalEnergy: 0,
      intervalDemand: undefined,
    });
    expect(v.decideValues(facts).get('above')?.value).toBe(true);
  });

  it('compares strictly: 2,500 kWh in 15 minutes is exactly 10,000 kW, not above 10,000 kW', () => {
    const v = view();
    const facts = v.prepare({ capacityKw: 10_000, readings: [reading('2024-03-12T10:00:00+05:00', 2500)] });
    expect(v.derivedValues(facts).lowestDemand).toBe(10_000);
    expect(v.decide(facts).find((d) => d.id === 'above')?.value).toBe(false);
  });

  it('divides by each item its own duration, or by a parameter in force, and converts the list unit', () => {
    const v = view();
    const facts = v.prepare({
      readings: [reading('2024-03-12T10:00:00+05:00', 5000, 30)],
      energiesMwh: [1.5, 2.25],
    });
    expect(v.derivedValues(facts)).toMatchObject({
      lowestDemand: 10_000,
      totalEnergy: 3750,
      intervalDemand: 9000,
    });
  });

  it('leaves a value absent when the list is, so comparisons with it are false; a count is 0', async () => {
    const v = view();
    const facts = v.prepare({ capacityKw: 10_000 });
    expect(v.derivedValues(facts)).toEqual({
      lowestDemand: undefined,
      peakDemand: undefined,
      readingCount: 0,
      totalEnergy: 0,
      intervalDemand: undefined,
    });
    expect(v.decideValues(facts).get('above')?.value).toBe(false);
    expect((await v.decideWithReference(facts)).find((d) => d.id === 'above')?.value).toBe(false);
  });

  it('shows a derived fact in the explanation, and in rules diff as derived, not as an input', () => {
    const v = view();
    const facts = v.prepare({ capacityKw: 10_000, readings: [reading('2024-03-12T10:00:00+05:00', 2650)] });
    const rule = v.decide(facts).find((d) => d.id === 'above')?.rules[0];
    expect(rule?.explanation).toMatchObject({ fact: 'lowestDemand', actual: 10_600, expected: 10_000 });
    const changes = diffRuleSets(
      buildRuleSet(withDerived(DERIVED)),
      buildRuleSet(withDerived(DERIVED.replace('aggregate: min', 'aggregate: max'))),
    );
    expect(changes.map((c) => [c.change, c.item])).toEqual([
      ['changed', 'derived kz.test.sample/lowestDemand'],
    ]);
  });
});
