// Runs scenarios through the real case workflows on Temporal's time-skipping server: cases start
// and events arrive at their instants on one simulated clock, and the outcome is checked.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { Temporal } from 'temporal-polyfill';
import {
  applyEventUpdate,
  type CaseView,
  caseQuery,
  type EventResult,
} from '../../workflows/case-messages.ts';
import { createScratchSchema, type ScratchSchema } from '../read-model/scratch-schema.ts';
import { createCaseWorker } from '../stack/case-worker.ts';
import { testServerExecutable } from '../temporal/binaries.ts';
import type { Scenario } from './scenario.ts';

export interface ScenarioReport {
  name: string;
  file: string;
  process: string;
  passed: boolean;
  finalState: string;
  decisions: Record<string, unknown>;
  deadlines: {
    id: string;
    dueDate: string;
    dueAt: string;
    status: string;
    metAt?: string;
    lateness?: string;
  }[];
  /** Every event of the main case in time order, including those the engine applied itself. */
  events: ({ at: string; type: string; actor?: string } & EventResult)[];
  failures: string[];
}

const TASK_QUEUE = 'gridcase-simulator';

export class Simulator {
  private runs = 0;

  private constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly database: ScratchSchema,
  ) {}

  /** Cases are written to a throwaway schema of `databaseUrl`, dropped on close. */
  static async create(rulesDir: string, databaseUrl: string): Promise<Simulator> {
    const database = await createScratchSchema(databaseUrl, 'gridcase_simulation');
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: testServerExecutable() },
    });
    const worker = await createCaseWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      rulesDir,
      ruleSetArchive: await mkdtemp(path.join(tmpdir(), 'gridcase-simulator-')),
      pool: database.pool,
    });
    return new Simulator(env, worker, worker.run(), database);
  }

  async close(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
    await this.database.drop();
  }

  async run(scenario: Scenario): Promise<ScenarioReport> {
    const run = ++this.runs;
    const cases = [...(scenario.related ?? []), { ...scenario, id: 'main' }];
    const workflowIdOf = (id: string) => `simulation-${run}-${id}`;
    const relatedIds = new Set((scenario.related ?? []).map((r) => r.id));
    // A related case is referred to by its id in the scenario and by its workflow id in the engine.
    const resolveRefs = (input: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(input).map(([k, v]) => [
          k,
          typeof v === 'string' && relatedIds.has(v) ? workflowIdOf(v) : v,
        ]),
      );

    type Step = { at: number; order: number; apply: () => Promise<void> };
    const steps: Step[] = [];
    const handles = new Map<string, ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>>();
    // Refusals by a case that has completed are not in its history; everything else is.
    const closedRefusals = new Map<string, ScenarioReport['events']>(cases.map((c) => [c.id, []]));
    let order = 0;
    for (const c of cases) {
      steps.push({
        at: Date.parse(c.start),
        order: order++,
        apply: async () => {
          const handle = await this.env.client.workflow.start('caseWorkflow', {
            taskQueue: TASK_QUEUE,
            workflowId: workflowIdOf(c.id),
            args: [
              {
                process: c.process,
                input: resolveRefs(c.input),
                simulatedClock: { startsAt: c.start },
                ...(c.switches ? { switches: c.switches } : {}),
                ...(c.calculationSwitches ? { calculationSwitches: c.calculationSwitches } : {}),
              },
            ],
          });
          handles.set(c.id, handle);
        },
      });
      c.events.forEach((e, i) =>
        steps.push({
          at: Date.parse(e.at),
          order: order++,
          apply: async () => {
            const handle = handles.get(c.id);
            if (!handle)
              throw new Error(
                `${scenario.file}: event ${e.type} of case ${c.id} comes before the case starts`,
              );
            let result: EventResult;
            try {
              result = await handle.executeUpdate(applyEventUpdate, {
                args: [
                  {
                    type: e.type,
                    at: e.at,
                    idempotencyKey: `${c.id}#${i}`,
                    ...(e.data ? { data: e.data } : {}),
                    ...(e.actor ? { actor: e.actor } : {}),
                  },
                ],
              });
            } catch (error) {
              // A case that reached a final state has completed: nothing more can happen to it.
              const { status } = await handle.describe();
              if (status.name !== 'COMPLETED') throw error;
              const { state } = await handle.query(caseQuery);
              result = { accepted: false, reason: `case closed in state ${state}`, stateAfter: state };
            }
            if (result.reason?.startsWith('case closed'))
              closedRefusals.get(c.id)?.push({ at: e.at, type: e.type, ...result });
          },
        }),
      );
    }
    steps.sort((a, b) => a.at - b.at || a.order - b.order);

    let clock = steps[0]?.at ?? Date.parse(scenario.start);
    const advanceTo = async (instant: number) => {
      if (instant > clock) await this.env.sleep(instant - clock);
      clock = Math.max(clock, instant);
    };
    for (const step of steps) {
      await advanceTo(step.at);
      await step.apply();
    }
    if (scenario.until) await advanceTo(Date.parse(scenario.until));

    const outcomeOf = async (id: string) => {
      const view = await (handles.get(id) as NonNullable<ReturnType<typeof handles.get>>).query(caseQuery);
      const events = [
        ...view.history.map((h) => ({
          at: h.at,
          type: h.type,
          accepted: h.accepted,
          ...(h.reason ? { reason: h.reason } : {}),
          stateAfter: h.stateAfter,
          ...(h.actor ? { actor: h.actor } : {}),
          ...(h.sent ? { sent: h.sent } : {}),
        })),
        ...(closedRefusals.get(id) ?? []),
      ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      return { view, events };
    };
    const { view, events } = await outcomeOf('main');
    const failures = checkExpectations(scenario.expect ?? {}, view, events);
    // A related case's expectations are checked the same way, each failure naming the case.
    for (const r of scenario.related ?? []) {
      if (!r.expect) continue;
      const outcome = await outcomeOf(r.id);
      for (const f of checkExpectations(r.expect, outcome.view, outcome.events))
        failures.push(`case ${r.id}: ${f}`);
    }
    const report: ScenarioReport = {
      name: scenario.name,
      file: scenario.file,
      process: scenario.process,
      passed: true,
      finalState: view.state,
      decisions: Object.fromEntries(Object.entries(view.decisions).map(([id, d]) => [id, d.value])),
      deadlines: view.deadlines.map((d) => ({
        id: d.id,
        dueDate: d.dueDate,
        dueAt: d.dueAt,
        status: d.status,
        ...(d.metAt ? { metAt: d.metAt } : {}),
        ...(d.latenessMs !== undefined ? { lateness: formatLateness(d.latenessMs) } : {}),
      })),
      events,
      failures,
    };
    report.passed = report.failures.length === 0;
    return report;
  }
}

const formatLateness = (ms: number) =>
  Temporal.Duration.from({ milliseconds: ms }).round({ largestUnit: 'day' }).toString();

function checkExpectations(
  expect: NonNullable<Scenario['expect']>,
  view: CaseView,
  events: ScenarioReport['events'],
): string[] {
  const failures: string[] = [];
  if (expect.state !== undefined && expect.state !== view.state)
    failures.push(`state: expected ${expect.state}, got ${view.state}`);
  if (expect.stateValue !== undefined && !isDeepStrictEqual(expect.stateValue, view.stateValue))
    failures.push(
      `state value: expected ${JSON.stringify(expect.stateValue)}, got ${JSON.stringify(view.stateValue)}`,
    );
  for (const [id, value] of Object.entries(expect.decisions ?? {})) {
    const actual = view.decisions[id]?.value;
    if (actual !== value)
      failures.push(`decision ${id}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual)}`);
  }
  const context = (view.context ?? {}) as Record<string, unknown>;
  for (const [key, want] of Object.entries(expect.context ?? {})) {
    if (!isDeepStrictEqual(context[key], want))
      failures.push(`context ${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(context[key])}`);
  }
  for (const [id, want] of Object.entries(expect.deadlines ?? {})) {
    const actual = [...view.deadlines].reverse().find((d) => d.id === id);
    if (want.started === false) {
      if (actual) failures.push(`deadline ${id}: expected never started, got due ${actual.dueDate}`);
      continue;
    }
    if (!actual) {
      failures.push(`deadline ${id}: expected, but it was never started`);
      continue;
    }
    for (const key of ['dueDate', 'status'] as const) {
      if (want[key] !== undefined && want[key] !== actual[key])
        failures.push(`deadline ${id} ${key}: expected ${want[key]}, got ${actual[key]}`);
    }
    if (want.dueAt !== undefined && Date.parse(want.dueAt) !== Date.parse(actual.dueAt)) {
      failures.push(`deadline ${id} dueAt: expected ${want.dueAt}, got ${actual.dueAt}`);
    }
    if (
      want.lateness !== undefined &&
      Temporal.Duration.from(want.lateness).total({ unit: 'milliseconds' }) !== actual.latenessMs
    ) {
      const got = actual.latenessMs === undefined ? 'not late' : formatLateness(actual.latenessMs);
      failures.push(`deadline ${id} lateness: expected ${want.lateness}, got ${got}`);
    }
  }
  for (const [id, want] of Object.entries(expect.calculations ?? {})) {
    const ran = [...(view.calculations ?? [])].reverse().find((c) => c.calculation === id);
    if (want === false) {
      if (ran)
        failures.push(`calculation ${id}: expected never run, ran at ${ran.eventType} ${ran.calculatedAt}`);
      continue;
    }
    if (!ran) {
      failures.push(`calculation ${id}: expected, but it never ran`);
      continue;
    }
    for (const [output, value] of Object.entries(want)) {
      if (!isDeepStrictEqual(ran.outputs[output], value))
        failures.push(
          `calculation ${id} ${output}: expected ${JSON.stringify(value)}, got ${JSON.stringify(ran.outputs[output])}`,
        );
    }
  }
  // Each expected refusal claims one refused event; a refusal nobody expected is a failure too.
  const refused = events.filter((e) => !e.accepted);
  for (const want of expect.rejected ?? []) {
    const match = refused.findIndex(
      (e) => e.type === want.type && (!want.reasonContains || e.reason?.includes(want.reasonContains)),
    );
    if (match < 0)
      failures.push(
        `rejected: expected ${want.type}${want.reasonContains ? ` with reason containing "${want.reasonContains}"` : ''} to be refused`,
      );
    else refused.splice(match, 1);
  }
  for (const e of refused) failures.push(`unexpected refusal of ${e.type} at ${e.at}: ${e.reason}`);
  return failures;
}

export function formatReport(r: ScenarioReport): string {
  const lines = [`${r.passed ? '✓' : '✗'} ${r.name} (${r.process}, ${r.file}) — final state ${r.finalState}`];
  for (const e of r.events) {
    const by = e.actor === 'engine' ? ' (engine)' : '';
    const sent = (e.sent ?? [])
      .map((x) => `; sent ${x.type} to ${x.to}${x.delivered ? '' : ` (not delivered: ${x.error})`}`)
      .join('');
    lines.push(
      `    ${e.at}  ${e.type.padEnd(20)} ${e.accepted ? `→ ${e.stateAfter}` : `refused: ${e.reason}`}${sent}${by}`,
    );
  }
  for (const d of r.deadlines) {
    lines.push(
      `    deadline ${d.id.padEnd(22)} due ${d.dueDate} ${d.status}${d.metAt ? ` (at ${d.metAt}${d.lateness ? `, ${d.lateness} late` : ''})` : ''}`,
    );
  }
  for (const f of r.failures) lines.push(`    FAILED ${f}`);
  return lines.join('\n');
}
