// Scenario files: a case (and related cases) on a simulated clock, with expectations.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { type Diagnostic, RuleSetError } from '../rules/diagnostics.ts';
import { newAjv, validateWith } from '../rules/validate-structure.ts';
import { YamlSource } from '../rules/yaml-source.ts';

const strict = { additionalProperties: false } as const;
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
});
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const Facts = Type.Record(Type.String(), Type.Unknown());
const Event = Type.Object(
  {
    at: Instant,
    type: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
    data: Type.Optional(Facts),
    actor: Type.Optional(Type.String()),
  },
  strict,
);
const CaseSpec = {
  process: Type.String(),
  start: Instant,
  input: Facts,
  switches: Type.Optional(Type.Record(Type.String(), Scalar)),
  calculationSwitches: Type.Optional(
    Type.Record(Type.String(), Type.Record(Type.String(), Scalar), {
      description: "By calculation id, overrides of that calculation's switches for this case",
    }),
  ),
  events: Type.Array(Event),
};

/** What a case should show at the end: of the main case, and of any related case. */
const Expect = Type.Object(
  {
    state: Type.Optional(Type.String()),
    stateValue: Type.Optional(
      Type.Unknown({ description: "The machine's full state value (e.g. of parallel regions), exactly" }),
    ),
    decisions: Type.Optional(Type.Record(Type.String(), Scalar)),
    context: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Keys of the case machine context, each with its exact value (e.g. counts)',
      }),
    ),
    deadlines: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            started: Type.Optional(
              Type.Boolean({
                description: 'false: the deadline never ran (e.g. awaiting a per-case term)',
              }),
            ),
            dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            dueAt: Type.Optional(Instant),
            status: Type.Optional(
              Type.Union(
                ['pending', 'met', 'breached', 'cancelled', 'elapsed', 'suspended'].map((s) =>
                  Type.Literal(s),
                ),
              ),
            ),
            // How late the stopping event came, as an ISO 8601 duration (PT1H, P1DT2H).
            lateness: Type.Optional(Type.String({ pattern: '^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$' })),
          },
          strict,
        ),
      ),
    ),
    calculations: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([
          Type.Literal(false, { description: 'the calculation never ran' }),
          Type.Record(Type.String(), Type.Unknown(), {
            description: 'Outputs of the latest run, each with its exact value at its precision',
          }),
        ]),
      ),
    ),
    rejected: Type.Optional(
      Type.Array(Type.Object({ type: Type.String(), reasonContains: Type.Optional(Type.String()) }, strict)),
    ),
  },
  strict,
);

export const ScenarioSchema = Type.Object(
  {
    name: Type.String(),
    ...CaseSpec,
    until: Type.Optional(Instant),
    related: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$' }),
            ...CaseSpec,
            expect: Type.Optional(Expect),
          },
          strict,
        ),
      ),
    ),
    expect: Type.Optional(Expect),
  },
  strict,
);
export type Scenario = Static<typeof ScenarioSchema> & { file: string };

const validate = newAjv().compile(ScenarioSchema);

/** One file, or every *.yaml under a directory; all-or-nothing, with file:line:column errors. */
export async function loadScenarios(target: string): Promise<Scenario[]> {
  const files = (await stat(target)).isDirectory()
    ? (await readdir(target, { recursive: true }))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  const diagnostics: Diagnostic[] = [];
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const source = new YamlSource(file, await readFile(file, 'utf8'));
    const problems = source.parseErrors.length ? source.parseErrors : validateWith(validate, source);
    diagnostics.push(...problems);
    if (problems.length === 0) scenarios.push({ ...(source.data as Static<typeof ScenarioSchema>), file });
  }
  if (diagnostics.length) throw new RuleSetError(diagnostics);
  return scenarios;
}
