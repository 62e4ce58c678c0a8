// Running cases across a change of their process's machine (docs/case-migration.md), on the
// time-skipping server: cases start on the workflow code released before kz.metering.scheme-approval
// gained overdueReview (test/fixtures/workflow-bundles), the worker is replaced by one running
// today's code, and the cases go on.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScratchSchema } from '../../src/read-model/scratch-schema.ts';
import { caseQuery } from '../../workflows/case-messages.ts';
import {
  type CaseEnvironment,
  caseEnvironment,
  keepHistory,
  sendEvent as send,
} from '../support/case-environment.ts';
import { RULES_DIR } from '../support/rule-set.ts';

const BEFORE = fileURLToPath(
  new URL('../fixtures/workflow-bundles/before-overdue-review.js', import.meta.url),
);
const taskQueue = 'migration';
const DAY = 86_400_000;

let cases: CaseEnvironment;
let env: TestWorkflowEnvironment;
let database: ScratchSchema;

beforeAll(async () => {
  cases = await caseEnvironment(RULES_DIR);
  ({ env, database } = cases);
}, 120_000);

afterAll(() => cases?.teardown());

// Without a workflow cache, every task replays the case's history on the worker's code.
const runWorker = (workflowBundle: { code: string }) =>
  cases.startWorker({ taskQueue, workflowBundle, maxCachedWorkflows: 0 });

const startCase = (id: string, startsAt: string) =>
  env.client.workflow.start('caseWorkflow', {
    args: [
      { process: 'kz.metering.scheme-approval', input: { facilityId: id }, simulatedClock: { startsAt } },
    ],
    taskQueue,
    workflowId: id,
  });
type Handle = Awaited<ReturnType<typeof startCase>>;
const review = async (handle: Handle) => {
  const view = await handle.query(caseQuery);
  const d = view.deadlines.find((x) => x.id === 'scheme-review');
  return { state: view.state, review: [d?.dueDate, d?.status, d?.metAt] };
};
const patchMarkers = async (handle: Handle) =>
  ((await handle.fetchHistory()).events ?? []).filter(
    (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
  ).length;
// Not `result()`: waiting for a result lets the time-skipping server run the clock on.
const status = async (handle: Handle) => (await handle.describe()).status.name;
const readModelState = async (caseId: string) =>
  (await database.pool.query('SELECT state FROM cases WHERE case_id = $1', [caseId])).rows[0]?.state;

describe('a change of machine with running cases (kz.metering.scheme-approval gains overdueReview)', () => {
  it('continues cases started on the old code, and starts new ones on the new machine', async () => {
    // Every case's clock starts together: legal time = its start + the time skipped since.
    const stopOld = await runWorker({ code: await readFile(BEFORE, 'utf8') });
    const finished = await startCase('scheme-finished-before', '2027-01-11T10:00:00+05:00');
    const breached = await startCase('scheme-breached-before', '2027-02-01T10:00:00+05:00');
    const pending = await startCase('scheme-pending-at-upgrade', '2027-02-15T10:00:00+05:00');
    await send(finished, 'SCHEME_SUBMITTED', '2027-01-11T10:00:00+05:00');
    await send(breached, 'SCHEME_SUBMITTED', '2027-02-01T10:00:00+05:00');
    await send(pending, 'SCHEME_SUBMITTED', '2027-02-15T10:00:00+05:00');
    await env.sleep(46 * DAY);
    // The old code records the breach and leaves the case under review.
    expect(await review(breached)).toEqual({
      state: 'underReview',
      review: ['2027-03-17', 'breached', undefined],
    });
    expect(await send(finished, 'SCHEME_APPROVED', '2027-02-26T10:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'approved',
    });
    expect(await status(finished)).toBe('COMPLETED');
    await stopOld();

    const stopNew = await cases.startWorker({ taskQueue, maxCachedWorkflows: 0 });
    // Replayed on the new code, a case stays on the machine it started with until it next moves.
    expect((await review(breached)).state).toBe('underReview');
    // Its next event moves it: the breached review is overdue, and an unreasoned refusal is still refused.
    const unreasoned = await send(breached, 'SCHEME_REFUSED', '2027-03-19T10:00:00+05:00', { reasons: [] });
    expect(unreasoned).toMatchObject({ accepted: false, stateAfter: 'overdueReview' });
    expect(await send(breached, 'SCHEME_APPROVED', '2027-03-19T11:00:00+05:00')).toEqual({
      accepted: true,
      stateAfter: 'approved',
    });
    expect(await review(breached)).toEqual({
      state: 'approved',
      review: ['2027-03-17', 'breached', '2027-03-19T11:00:00+05:00'],
    });
    expect(await status(breached)).toBe('COMPLETED');

    // A case whose review runs out after the upgrade moves when its timer fires.
    await env.sleep(4 * DAY);
    expect(await review(pending)).toEqual({
      state: 'overdueReview',
      review: ['2027-04-05', 'breached', undefined],
    });
    expect(await readModelState('scheme-pending-at-upgrade')).toBe('overdueReview');
    await send(pending, 'SCHEME_APPROVED', '2027-04-06T10:00:00+05:00');
    expect(await status(pending)).toBe('COMPLETED');

    // A new case starts on the new machine.
    const started = await startCase('scheme-started-after', '2027-03-01T10:00:00+05:00');
    await send(started, 'SCHEME_SUBMITTED', '2027-03-01T10:00:00+05:00');
    await env.sleep(50 * DAY);
    expect(await review(started)).toEqual({
      state: 'overdueReview',
      review: ['2027-04-19', 'breached', undefined],
    });
    await send(started, 'SCHEME_APPROVED', '2027-04-22T10:00:00+05:00');
    expect(await status(started)).toBe('COMPLETED');
    await stopNew();

    // The patch marker (of kz.metering.scheme-approval/overdue-review) says where each case moved to the new machine: never, at an event, at a timer, at its start.
    expect(await Promise.all([finished, breached, pending, started].map(patchMarkers))).toEqual([0, 1, 1, 1]);
    await keepHistory(finished, 'kz-metering-scheme-approval-v1-approved-late');
    await keepHistory(breached, 'kz-metering-scheme-approval-upgraded-at-event');
    await keepHistory(pending, 'kz-metering-scheme-approval-upgraded-at-timer');
    await keepHistory(started, 'kz-metering-scheme-approval-overdue-review');
  }, 300_000);
});
