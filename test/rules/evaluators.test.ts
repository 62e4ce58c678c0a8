// The compiled evaluator must give exactly json-rules-engine's results and explanations:
// on every example of every rule file, and on randomly generated facts.
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { builtInOperators, legalOperators } from '../../src/rules/conditions/operators.ts';
import { buildRuleSet } from '../../src/rules/load-rule-set.ts';
import type { ProcessModel } from '../../src/rules/process-model.ts';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { fixtureTexts } from '../support/fixture-rule-set.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

const normalize = (v: unknown) => JSON.parse(JSON.stringify(v));

const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -1,
  0.5,
  '',
  '12abc',
  'abc',
  '7',
  true,
  false,
  [],
  ['R1'],
  [1, 2],
  {},
  '2024-01-01',
);

function thresholds(model: ProcessModel): number[] {
  const out = new Set<number>([0, 1]);
  for (const p of model.parameters.values()) {
    for (const v of p.versions) {
      for (const x of Array.isArray(v.value) ? v.value : [v.value]) {
        if (typeof x !== 'number') continue;
        for (const scale of [1, 1000, 0.001]) for (const d of [-0.5, 0, 0.5]) out.add(x * scale + d);
      }
    }
  }
  return [...out];
}

function factsArbitrary(model: ProcessModel): fc.Arbitrary<Record<string, unknown>> {
  const numbers = thresholds(model);
  const byType = (type: string): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'number':
        return fc.oneof(fc.constantFrom(...numbers), fc.double({ min: -1e7, max: 1e7, noNaN: true }));
      case 'boolean':
        return fc.boolean();
      case 'date':
        return fc.oneof(
          fc.constantFrom('2023-09-26', '2023-12-31', '2024-01-01', '2024-02-29'),
          fc
            .date({ min: new Date('2023-10-01'), max: new Date('2027-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        );
      case 'instant':
        // Random instants in several offsets, plus one instant written in two offsets (equality).
        return fc.oneof(
          fc
            .tuple(
              fc.date({ min: new Date('2024-02-28'), max: new Date('2027-12-31'), noInvalidDate: true }),
              fc.constantFrom('Z', '+05:00', '+06:00'),
            )
            .map(([d, offset]) => {
              const minutes = offset === 'Z' ? 0 : Number(offset.slice(1, 3)) * 60;
              return `${new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
            }),
          fc.constantFrom(
            '2025-10-15T09:00:00+06:00',
            '2025-10-15T03:00:00Z',
            '2025-10-15T08:59:59+06:00',
            '2025-10-20T09:00+06:00',
          ),
        );
      case 'string-list':
        return fc.array(fc.constantFrom('R1', 'R2', 'R3', 'R4'), { maxLength: 4 });
      case 'number-list':
        return fc.array(fc.integer({ min: 0, max: 16 }), { maxLength: 16 });
      default:
        return fc.string({ maxLength: 6 });
    }
  };
  const fields = [...model.fields.values()].filter((f) => f.type !== 'object');
  // A date that selects rule versions is validated before evaluation; odd values go elsewhere.
  const dateSelectors = new Set(model.decisions.flatMap((d) => (d.evaluatedAt ? [d.evaluatedAt] : [])));
  const arbitraryFor = (f: (typeof fields)[number]) =>
    dateSelectors.has(f.name)
      ? byType(f.type)
      : fc.oneof({ weight: 9, arbitrary: byType(f.type) }, { weight: 1, arbitrary: oddValues });
  return fc.record(
    Object.fromEntries(fields.map((f) => [f.name, fc.option(arbitraryFor(f), { nil: undefined })])),
    { requiredKeys: [] },
  );
}

async function assertSameOnRandomFacts(ruleSet: RuleSet, runs: number): Promise<number> {
  let compared = 0;
  for (const model of ruleSet.processes.values()) {
    const date = model.inForce.from > '2024-06-01' ? model.inForce.from : '2024-06-01';
    const view = ruleSet.at(date).process(model.id);
    await fc.assert(
      fc.asyncProperty(factsArbitrary(model), async (facts) => {
        const compiled = normalize(view.decide(facts));
        const reference = normalize(await view.decideWithReference(facts));
        expect(compiled).toEqual(reference);
        const values = view.decideValues(facts);
        for (const d of compiled) expect(values.get(d.id)).toEqual({ value: d.value, codes: d.codes });
        compared++;
      }),
      { numRuns: runs, seed: 20261123 },
    );
  }
  return compared;
}

describe('compiled evaluator ≡ json-rules-engine', () => {
  it('on every example of the shipped rule files', async () => {
    const ruleSet = await shippedRuleSet();
    let compared = 0;
    for (const model of ruleSet.processes.values()) {
      for (const ex of model.examples) {
        const view = ruleSet
          .at(ex.asOf, { switches: (ex.switches ?? {}) as Record<string, string> })
          .process(model.id);
        if (!view.inForce) continue;
        const facts = view.prepare(ex.facts as Record<string, unknown>);
        expect(normalize(view.decide(facts))).toEqual(normalize(await view.decideWithReference(facts)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('on random facts for every shipped process', async () => {
    const ruleSet = await shippedRuleSet();
    expect(await assertSameOnRandomFacts(ruleSet, 300)).toBe(300 * ruleSet.processes.size);
  }, 60_000);

  it('on random facts for the fixture rule set', async () => {
    expect(await assertSameOnRandomFacts(buildRuleSet(fixtureTexts()), 200)).toBe(200);
  });

  it('compares instants exactly across UTC offsets, and anything else as false', () => {
    const { instantBefore, instantOnOrBefore, instantAfter, instantOnOrAfter } = legalOperators as Record<
      string,
      (a: unknown, b: unknown) => boolean
    >;
    const printed = '2025-10-15T03:00:00Z'; // 09:00 in Bishkek
    expect(instantBefore?.('2025-10-15T08:59:59+06:00', printed)).toBe(true);
    expect(instantBefore?.('2025-10-15T09:00:00+06:00', printed)).toBe(false);
    expect(instantOnOrBefore?.('2025-10-15T09:00+06:00', printed)).toBe(true);
    expect(instantAfter?.('2025-10-15T09:00:01+06:00', printed)).toBe(true);
    expect(instantOnOrAfter?.('2025-10-15T09:00:00+06:00', printed)).toBe(true);
    for (const op of [instantBefore, instantOnOrBefore, instantAfter, instantOnOrAfter]) {
      expect(op?.('2025-10-15', printed)).toBe(false);
      expect(op?.(printed, undefined)).toBe(false);
      expect(op?.(undefined, undefined)).toBe(false);
    }
  });

  it("re-states json-rules-engine's built-in operators exactly", () => {
    const engine = new Engine();
    const values = fc.oneof(
      fc.constantFrom<unknown>(undefined, null, '', '12abc', '3', 'x', NaN, -0),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.string({ maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    );
    for (const [name, ours] of Object.entries(builtInOperators)) {
      const theirs = (
        engine as unknown as { operators: Map<string, { evaluate(a: unknown, b: unknown): boolean }> }
      ).operators.get(name);
      expect(theirs, name).toBeDefined();
      const listOperand = name === 'in' || name === 'notIn';
      fc.assert(
        fc.property(values, listOperand ? fc.array(fc.integer({ min: 0, max: 3 })) : values, (a, b) => {
          expect(ours(a, b)).toBe(theirs?.evaluate(a, b));
        }),
        { numRuns: 500, seed: 7 },
      );
    }
  });
});

describe('instant operators', () => {
  const { instantBefore, instantAfter } = legalOperators as Record<
    string,
    (a: unknown, b: unknown) => boolean
  >;
  it('compare instants across UTC offsets, not their text', () => {
    // 00:30 in Almaty before the 2024-03-01 change (+06:00) is 23:30 the day before at +05:00.
    expect(instantBefore?.('2024-03-01T00:30:00+06:00', '2024-02-29T23:45:00+05:00')).toBe(true);
    expect(instantAfter?.('2027-03-10T08:00:00+05:00', '2027-03-10T03:00:00Z')).toBe(false);
    expect(instantAfter?.('2027-03-10T08:00:01+05:00', '2027-03-10T03:00:00Z')).toBe(true);
  });
  it('fail on anything that is not an instant with an offset, an absent value included', () => {
    for (const odd of [undefined, null, '2027-03-10', '2027-03-10T08:00:00', 'soon', 1_804_647_600_000]) {
      expect(instantBefore?.(odd, '2027-03-10T08:00:00+05:00')).toBe(false);
      expect(instantAfter?.('2027-03-10T08:00:00+05:00', odd)).toBe(false);
    }
  });
});
