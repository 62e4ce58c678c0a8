// `gridcase simulate` runs the scenario files of test/scenarios (detail/000-001.md §12 scenarios
// 1-9) through the real workflows on the time-skipping server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const gridcase = (...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/gridcase.js'), ...args], { cwd: ROOT }).then(
    (r) => ({ ...r, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  );

describe('gridcase simulate', () => {
  it('passes every §12 scenario and reports each case as JSON', async () => {
    const { stdout, code } = await gridcase('simulate', 'test/scenarios', '--json');
    const reports = JSON.parse(stdout);
    expect(reports.filter((r: { passed: boolean }) => !r.passed)).toEqual([]);
    expect(code).toBe(0);
    expect(reports.length).toBeGreaterThanOrEqual(24);
    const suspended = reports.find((r: { file: string }) =>
      r.file.endsWith('s5d-tc-expires-clock-suspended.yaml'),
    );
    expect(
      suspended.deadlines.map((d: { id: string; dueDate: string; status: string }) => [
        d.id,
        d.dueDate,
        d.status,
      ]),
    ).toEqual([
      ['inspection', '2024-02-14', 'met'],
      ['energization', '2024-02-15', 'suspended'],
    ]);
    const lockout = reports.find((r: { file: string }) => r.file.endsWith('s7-deficiency-lockout.yaml'));
    expect(lockout.events.map((e: { type: string; accepted: boolean }) => [e.type, e.accepted])).toEqual([
      ['READINESS_NOTICE', true],
      ['INSPECTION_DONE', true],
      ['DEFICIENCY_ACT_ISSUED', true],
      ['REPEAT_NOTICE', true],
      ['REINSPECTION_DONE', false],
      ['REINSPECTION_DONE', true],
      ['REPEAT_NOTICE', false],
      ['LOCKOUT_ELAPSED', true],
      ['REPEAT_NOTICE', true],
    ]);
    const waiting = reports.find((r: { file: string }) =>
      r.file.endsWith('s1-energization-waits-for-so-agreement.yaml'),
    );
    expect(waiting.events.find((e: { type: string }) => e.type === 'PRECONDITIONS_MET')).toMatchObject({
      accepted: true,
      stateAfter: 'energizing',
      actor: 'engine',
    });
    const finding = reports.find((r: { file: string }) =>
      r.file.endsWith('finding-reaches-energization.yaml'),
    );
    expect(finding.events.at(-1)).toMatchObject({
      type: 'FINDING',
      stateAfter: 'violationConfirmed',
      sent: [{ to: 'energizationCase', type: 'P11_FINDING', delivered: true }],
    });
    const late = reports.find((r: { file: string }) => r.file.endsWith('s4b-weekend.yaml'));
    expect(late.deadlines.find((d: { id: string }) => d.id === 'energization')).toEqual({
      id: 'energization',
      dueDate: '2024-02-20',
      dueAt: '2024-02-21T00:00:00+06:00',
      status: 'breached',
      metAt: '2024-02-21T10:00:00+06:00',
      lateness: 'PT10H',
    });
  }, 120_000);

  it('fails a scenario whose expectation does not hold, and names file:line:col of a malformed one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gridcase-scenarios-'));
    await writeFile(
      path.join(dir, 'wrong.yaml'),
      [
        'name: wrong expectation',
        'process: kz.miner.tc',
        'start: 2024-02-13T09:00:00+06:00',
        'input: { declaredCapacityKw: 800, substationKv: 35, isSubConsumer: false }',
        'events: [{ at: 2024-02-13T09:00:00+06:00, type: SUBMIT }]',
        'expect: { state: drafting, context: { grounds: [] } }',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'late.yaml'),
      [
        'name: wrong lateness',
        'process: kz.metering.failure-report',
        'start: 2027-03-10T14:00:00+05:00',
        'input: { hydrocarbonMetering: true }',
        'events:',
        '  - { at: 2027-03-10T14:00:00+05:00, type: FAILURE_DETECTED, data: { kind: METER_OTHER_FAILURE } }',
        '  - { at: 2027-03-10T15:30:00+05:00, type: NOTICE_SENT }',
        'expect: { deadlines: { failure-notice: { status: breached, lateness: PT1H } } }',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'started.yaml'),
      [
        'name: a running deadline expected never started',
        'process: kz.metering.scheme-approval',
        'start: 2027-01-05T10:00:00+05:00',
        'input: {}',
        'events: [{ at: 2027-01-05T10:00:00+05:00, type: SCHEME_SUBMITTED }]',
        'expect: { deadlines: { scheme-review: { started: false } } }',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'related.yaml'),
      [
        "name: a related case's expectation",
        'process: kz.metering.scheme-approval',
        'start: 2027-01-05T10:00:00+05:00',
        'input: {}',
        'events: [{ at: 2027-01-05T10:00:00+05:00, type: SCHEME_SUBMITTED }]',
        'related:',
        '  - id: other',
        '    process: kz.metering.scheme-approval',
        '    start: 2027-01-05T10:00:00+05:00',
        '    input: {}',
        '    events: [{ at: 2027-01-05T11:00:00+05:00, type: SCHEME_APPROVED }]',
        '    expect: { state: approved }',
        'expect: { state: underReview }',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'calculated.yaml'),
      [
        'name: wrong calculation and state value',
        'process: kg.violation.case',
        'start: 2024-03-31T12:00:00+06:00',
        'input:',
        '  consumerClass: nonHousehold',
        '  violationClause: p19_2',
        '  meterLocation: consumer-territory',
        '  consumerAgrees: true',
        '  detectionDate: 2024-03-31',
        '  phases: 3',
        '  breakerTripSetting: 100',
        '  receiversConnected: after_protection',
        '  utilizationCoefficient: 0.7',
        '  lastInspectorVisitDate: 2024-03-01',
        'events:',
        '  - at: 2024-03-31T12:00:00+06:00',
        '    type: ACT_DRAFTED',
        '    data:',
        '      act: { number: "1", registered: true, copies: 2, place: Tokmok, drafter: K, drawnUpInPresenceOf: S,',
        '             consumer: O, accountNumber: "2", address: Tokmok, violation: ratio, consumerSigned: true,',
        '             copyHandedToConsumer: true, rightsExplained: true, eliminationTaskGiven: true }',
        '  - { at: 2024-04-04T10:00:00+06:00, type: UNMETERED_ENERGY_CALCULATED, data: { paidEnergy: 12000 } }',
        'expect:',
        '  stateValue: { consumerFault: { settlement: invoiced, supply: connected } }',
        '  calculations:',
        '    kg.unmetered-electricity: { days: 30, unmeteredEnergy: 21264.5 }',
        '    kg.line-losses: { activeLoss: 1 }',
      ].join('\n'),
    );
    const failed = await gridcase('simulate', dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED state: expected drafting, got refused');
    expect(failed.stdout).toContain('FAILED context grounds: expected [], got ["R-MIN-CAPACITY"]');
    expect(failed.stdout).toContain('FAILED deadline failure-notice lateness: expected PT1H, got PT30M');
    expect(failed.stdout).toContain(
      'FAILED deadline scheme-review: expected never started, got due 2027-02-17',
    );
    expect(failed.stdout).toContain('FAILED case other: state: expected approved, got draft');
    expect(failed.stdout).toContain(
      'FAILED case other: unexpected refusal of SCHEME_APPROVED at 2027-01-05T11:00:00+05:00: ',
    );
    expect(failed.stdout).toContain(
      'FAILED state value: expected {"consumerFault":{"settlement":"invoiced","supply":"connected"}}, got {"consumerFault":{"settlement":"calculated","supply":"connected"}}',
    );
    expect(failed.stdout).toContain(
      'FAILED calculation kg.unmetered-electricity unmeteredEnergy: expected 21264.5, got 21264',
    );
    expect(failed.stdout).not.toContain('FAILED calculation kg.unmetered-electricity days');
    expect(failed.stdout).toContain('FAILED calculation kg.line-losses: expected, but it never ran');
    expect(failed.stdout.trim().split('\n').at(-1)).toBe('0 passed, 5 failed');

    await writeFile(
      path.join(dir, 'calculated.yaml'),
      (await readFile(path.join(dir, 'calculated.yaml'), 'utf8'))
        .replace(/ {2}stateValue:.*\n/, '')
        .replace(
          / {4}kg\.unmetered-electricity: .*\n {4}kg\.line-losses: .*/,
          '    kg.unmetered-electricity: false',
        ),
    );
    const ran = await gridcase('simulate', path.join(dir, 'calculated.yaml'));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(
      'FAILED calculation kg.unmetered-electricity: expected never run, ran at UNMETERED_ENERGY_CALCULATED 2024-04-04T10:00:00+06:00',
    );
    await rm(path.join(dir, 'calculated.yaml'));

    await rm(path.join(dir, 'late.yaml'));
    await rm(path.join(dir, 'related.yaml'));
    await rm(path.join(dir, 'started.yaml'));
    await writeFile(
      path.join(dir, 'wrong.yaml'),
      [
        'name: a refusal nobody expected',
        'process: kz.metering.scheme-approval',
        'start: 2027-01-05T10:00:00+05:00',
        'input: {}',
        'events:',
        '  - { at: 2027-01-05T10:00:00+05:00, type: SCHEME_SUBMITTED }',
        '  - { at: 2027-01-06T10:00:00+05:00, type: SCHEME_REFUSED, data: { reasons: [] } }',
        'expect: { state: underReview }',
      ].join('\n'),
    );
    const unexpected = await gridcase('simulate', dir);
    expect(unexpected.code).toBe(1);
    expect(unexpected.stdout).toContain(
      'FAILED unexpected refusal of SCHEME_REFUSED at 2027-01-06T10:00:00+05:00: ',
    );

    await writeFile(
      path.join(dir, 'wrong.yaml'),
      'name: broken\nprocess: kz.miner.tc\nstart: yesterday\ninput: {}\nevents: []\n',
    );
    const malformed = await gridcase('simulate', dir);
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toContain(
      `${path.join(dir, 'wrong.yaml')}:3:8: invalid instant 'yesterday' in start`,
    );
  }, 120_000);
});
