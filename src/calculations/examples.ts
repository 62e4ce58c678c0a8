// Runs the examples of every calculation file (the worked examples of the detail files): each
// expected result is compared with the result at the output's precision; rows match on the keys an
// example gives, and `error` expects the calculation to refuse the inputs with that message.
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../rules/diagnostics.ts';
import type { ExampleReport } from '../rules/examples.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Scalar } from '../rules/schema.ts';
import type { PathSegment } from '../rules/yaml-source.ts';
import { type CalculationResult, runCalculation } from './run.ts';

export function runCalculationExamples(ruleSet: RuleSet): ExampleReport[] {
  const reports: ExampleReport[] = [];
  for (const model of ruleSet.calculations.values()) {
    for (const [i, ex] of model.examples.entries()) {
      const failures: Diagnostic[] = [];
      const fail = (path: PathSegment[], message: string) =>
        failures.push(model.file.at(['examples', i, ...path], `example '${ex.id}' failed: ${message}`));
      let result: CalculationResult | undefined;
      let error: string | undefined;
      try {
        result = runCalculation(ruleSet, model.id, ex.inputs, {
          ...(ex.asOf ? { asOf: ex.asOf } : {}),
          switches: (ex.switches ?? {}) as Record<string, Scalar>,
        });
      } catch (e) {
        error = (e as Error).message.replace(/\n\s*/g, '; ');
      }
      const { error: expectedError, ...expected } = ex.expect as Record<string, unknown>;
      if (expectedError !== undefined) {
        if (!error?.includes(String(expectedError)))
          fail(
            ['expect', 'error'],
            `expected the error "${expectedError}", got ${error ? `"${error}"` : 'a result'}`,
          );
      } else if (error) fail([], error);
      for (const [id, want] of Object.entries(expected)) {
        if (!result) break;
        const got = result.outputs[id];
        if (!matches(want, got))
          fail(
            ['expect', id],
            `${id} expected ${JSON.stringify(want)}, got ${JSON.stringify(got) ?? 'nothing'}`,
          );
      }
      reports.push({ process: model.id, id: ex.id, title: ex.title, failures });
    }
  }
  return reports;
}

/** Equal values; an expected object matches on its own keys; lists match element by element. */
function matches(want: unknown, got: unknown): boolean {
  if (Array.isArray(want))
    return Array.isArray(got) && got.length === want.length && want.every((w, k) => matches(w, got[k]));
  if (want !== null && typeof want === 'object')
    return (
      got !== null &&
      typeof got === 'object' &&
      Object.entries(want).every(([k, w]) => matches(w, (got as Record<string, unknown>)[k]))
    );
  return isDeepStrictEqual(want, got);
}
