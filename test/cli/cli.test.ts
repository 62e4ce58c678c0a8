import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VALID = path.join(ROOT, 'test/fixtures/valid');

async function copyOfValid(edit?: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gridcase-rules-'));
  await cp(VALID, dir, { recursive: true });
  if (edit) {
    const file = path.join(dir, 'process.yaml');
    await writeFile(file, edit(await readFile(file, 'utf8')));
  }
  return dir;
}

const deadline = (jurisdiction: string, from: string, duration: string, ...flags: string[]) =>
  run(['deadline', '--jurisdiction', jurisdiction, '--from', from, '--duration', duration, ...flags]);
const dueDateOf = async (from: string, duration: string, ...flags: string[]) =>
  JSON.parse((await deadline('KZ', from, duration, ...flags, '--json')).stdout ?? '').dueDate;

describe('gridcase deadline', () => {
  it('prints the due date across Nauryz 2024 as JSON', async () => {
    const out = await deadline('KZ', '2024-03-20T10:00:00+05:00', '2 working-days', '--json');
    expect(out.exitCode).toBe(0);
    const r = JSON.parse(out.stdout ?? '');
    expect(r).toMatchObject({
      dueDate: '2024-03-27',
      dueAt: '2024-03-28T00:00:00+05:00',
      startDate: '2024-03-21',
      nonWorkingDaysSkipped: ['2024-03-21', '2024-03-22', '2024-03-23', '2024-03-24', '2024-03-25'],
    });
    expect(r.calendarVersion).toMatch(/^KZ-[0-9a-f]{12}$/);
  });

  it('honours --count-from same-day and --no-roll-forward', async () => {
    expect(await dueDateOf('2024-02-13T10:00:00+06:00', '10 calendar-days', '--count-from', 'same-day')).toBe(
      '2024-02-22',
    );
    expect(await dueDateOf('2024-03-12T10:00:00+05:00', '10 calendar-days')).toBe('2024-03-26');
    expect(await dueDateOf('2024-03-12T10:00:00+05:00', '10 calendar-days', '--no-roll-forward')).toBe(
      '2024-03-22',
    );
  });

  it('prints a readable summary without --json', async () => {
    const out = await deadline('KG', '2025-04-28T10:00:00+06:00', '5 working-days');
    expect(out.stdout).toContain('due date   2025-05-14 (last day; Asia/Bishkek)');
    expect(out.stdout).toContain('due at     2025-05-15T00:00:00+06:00');
  });

  it('rejects bad values with exit code 2, naming the flag', async () => {
    const badDuration = await deadline('KZ', '2024-03-20T10:00:00+05:00', '2 weeks');
    expect(badDuration.exitCode).toBe(2);
    expect(badDuration.stderr).toBe(
      'error: --duration: expected "<n> <unit>" with n a whole number ≥ 1 and unit one of minutes, hours, calendar-days, working-days, bank-days, months, got \'2 weeks\'',
    );
    const noOffset = await deadline('KZ', '2024-03-20', '2 working-days');
    expect(noOffset.exitCode).toBe(2);
    expect(noOffset.stderr).toContain("--from: '2024-03-20' is not an ISO 8601 instant with an offset");
  });

  it('rejects an unknown jurisdiction and a missing flag as usage errors', async () => {
    const unknown = await deadline('XX', '2024-03-20T10:00:00+05:00', '1 hours');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(
      "error: option '--jurisdiction <code>' argument 'XX' is invalid. Allowed choices are KZ, KG.",
    );
    expect((await run(['deadline', '--jurisdiction', 'KZ', '--duration', '1 hours'])).exitCode).toBe(2);
    expect((await run(['deadline', '--bogus'])).exitCode).toBe(2);
  });
});

describe('gridcase rules', () => {
  it('check: exit 0 for a valid directory, 1 with path:line:col lines otherwise', async () => {
    expect((await run(['rules', 'check', VALID])).exitCode).toBe(0);
    const dir = await copyOfValid((t) => t.replace('stopsOn: [ANSWERED]', 'stopsOn: [ANSWERD]'));
    const out = await run(['rules', 'check', dir]);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(
      /process\.yaml:27:15: unknown event 'ANSWERD' \(events of kz\.test\.sample: FILED, ANSWERED\)$/,
    );
  });

  it("test: runs the examples and ends with 'N passed, N failed'", async () => {
    const ok = await run(['rules', 'test', VALID]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout?.split('\n').at(-1)).toBe('2 passed, 0 failed');
    const dir = await copyOfValid((t) => t.replace('dueDate: 2024-03-14', 'dueDate: 2024-03-15'));
    const bad = await run(['rules', 'test', dir]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(
      "process.yaml:52:39: example 'small' failed: deadline 'answer' dueDate expected 2024-03-15, got 2024-03-14",
    );
    expect(bad.stdout?.split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('diff: shows changed values, dates and durations with their clauses', async () => {
    const dir = await copyOfValid((t) =>
      t
        .replace(
          '{ effectiveFrom: { document: order1 }, value: 1 }',
          '{ effectiveFrom: { document: order1 }, effectiveTo: 2024-12-31, value: 1 }\n      - { effectiveFrom: 2025-01-01, value: 2 }',
        )
        .replace(
          'duration: { amount: 5, unit: working-days }',
          'duration: { amount: 3, unit: working-days }',
        ),
    );
    const out = await run(['rules', 'diff', VALID, dir]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('~ parameter kz.test.sample/sample.minCapacity  [order1 p.3]');
    expect(out.stdout).toContain(
      'versions: 2024-01-26..open: 1 MW [order1 p.3] → 2024-01-26..2024-12-31: 1 MW [order1 p.3]; 2025-01-01..open: 2 MW [order1 p.3]',
    );
    expect(out.stdout).toContain('~ deadline kz.test.sample/answer  [order1 p.5]');
    expect(out.stdout).toContain(
      'versions: 2024-01-26..open: 5 working-days [order1 p.5] → 2024-01-26..open: 3 working-days [order1 p.5]',
    );
    const json = JSON.parse((await run(['rules', 'diff', VALID, dir, '--json'])).stdout ?? '');
    expect(json.map((c: { item: string }) => c.item)).toEqual([
      'deadline kz.test.sample/answer',
      'parameter kz.test.sample/sample.minCapacity',
    ]);
    expect((await run(['rules', 'diff', VALID, VALID])).stdout).toBe('no differences');
  });

  const explain = (facts: string, asOf: string, ...flags: string[]) =>
    run([
      'rules',
      'explain',
      '--rules',
      VALID,
      '--process',
      'kz.test.sample',
      '--facts',
      facts,
      '--as-of',
      asOf,
      ...flags,
    ]);

  it('explain: decisions with the fact values seen, and parameters with citations', async () => {
    const facts = path.join(await mkdtemp(path.join(tmpdir(), 'gridcase-facts-')), 'facts.json');
    await writeFile(facts, JSON.stringify({ capacityKw: 800 }));
    const out = await explain(facts, '2024-02-01');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('eligible = false [R-SMALL]');
    expect(out.stdout).toContain('✓ capacityKw = 800 lessThan 1000 (parameter sample.minCapacity = 1 MW)');
    expect(out.stdout).toContain('sample.minCapacity = 1 MW  [order1 p.3; explicit; 2024-01-26..]');
    const json = JSON.parse(
      (await explain(facts, '2024-02-01', '--json', '--evaluator', 'reference')).stdout ?? '',
    );
    expect(json.decisions[0]).toMatchObject({ id: 'eligible', value: false, codes: ['R-SMALL'] });
    expect(json.decisions[0].rules[0].explanation).toEqual({
      kind: 'leaf',
      fact: 'capacityKw',
      operator: 'lessThan',
      actual: 800,
      expected: 1000,
      result: true,
      parameter: { id: 'sample.minCapacity', value: 1, unit: 'MW' },
    });
  });

  it('explain: says when the process is not yet in force, and names a bad fact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gridcase-facts-'));
    const ok = path.join(dir, 'ok.json');
    const bad = path.join(dir, 'bad.json');
    await writeFile(ok, '{"capacityKw": 800}');
    await writeFile(bad, '{"capacityKw": "800 kW", "colour": 1}');
    expect((await explain(ok, '2024-01-20')).stdout).toBe(
      'kz.test.sample: not yet in force on 2024-01-20 (order1 in force from 2024-01-26)',
    );
    const badFacts = await explain(bad, '2024-02-01');
    expect(badFacts.exitCode).toBe(1);
    expect(badFacts.stderr).toContain('capacityKw: expected a number in kW, got "800 kW"');
    expect(badFacts.stderr).toContain('colour: unknown input field (known: capacityKw, voltageKv)');
    expect(await explain(ok, '2024-02-30')).toEqual({
      stderr: "error: --as-of: invalid date '2024-02-30' (expected YYYY-MM-DD)",
      exitCode: 2,
    });
  });

  it('has --help on every command', async () => {
    for (const args of [
      ['--help'],
      ['rules', '--help'],
      ['rules', 'check', '--help'],
      ['rules', 'test', '--help'],
      ['rules', 'diff', '--help'],
      ['rules', 'explain', '--help'],
      ['rules', 'edition', '--help'],
      ['deadline', '--help'],
      ['calculate', '--help'],
    ]) {
      const out = await run(args);
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toMatch(/^Usage: gridcase/);
    }
    expect((await run(['deadline', '--help'])).stdout).toContain('--count-from <mode>');
  });

  it('explains a usage error with the command usage', async () => {
    const out = await run(['rules', 'explain', '--process', 'kz.miner.tc']);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain("error: required option '--facts <file.json>' not specified");
    expect(out.stderr).toContain('Usage: gridcase rules explain [options]');
  });
});

describe('gridcase calculate', () => {
  const inputsFile = async (inputs: unknown) => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'gridcase-inputs-')), 'inputs.json');
    await writeFile(file, JSON.stringify(inputs));
    return file;
  };
  /** 004-part2.md TS-2: TS-1 with the tariff raised on 2024-05-01. */
  const ts2 = {
    consumerClass: 'household',
    violationClause: 'p19_1',
    phases: 1,
    breakerTripSetting: 25,
    receiversConnected: 'after_protection',
    lastInspectorVisitDate: '2024-02-15',
    detectionDate: '2024-05-20',
    paidEnergy: 450,
    tariffs: [
      { from: '2024-01-01', rate: 77 },
      { from: '2024-05-01', rate: 100 },
    ],
  };

  it('prints the results with their units, the formula and the rule-set version', async () => {
    const out = await run(['calculate', 'kg.unmetered-electricity', '--inputs', await inputsFile(ts2)]);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout?.split('\n') ?? [];
    expect(lines[1]).toMatch(
      /^formula version 1 \(unmetered-electricity\) in force on 2024-05-20; decree576 A3-B §§1-5; rule set [0-9a-f]{12}$/,
    );
    expect(lines).toContain('unmeteredEnergy  7305.00 kWh');
    expect(lines).toContain('charge           597857 tyiyn');
    expect(lines).toContain(
      '  month 2024-02  days 14 days  hoursPerDay 18 hours/day  energy 1386.00 kWh  allocatedEnergy 1076.53 kWh  charge 82892.53 tyiyn',
    );
  });

  it('--json with a switch, and --as-of for a calculation without a date input', async () => {
    const json = JSON.parse(
      (
        await run([
          'calculate',
          'kg.unmetered-electricity',
          '--inputs',
          await inputsFile(ts2),
          '--switch',
          'tariffMode=detection-date',
          '--json',
        ])
      ).stdout ?? '',
    );
    expect(json).toMatchObject({
      calculation: 'kg.unmetered-electricity',
      formulaVersion: 1,
      switches: { tariffMode: 'detection-date' },
      outputs: { charge: 730500 },
    });
    const losses = await inputsFile({
      ratedPower: 100,
      manufactureYear: 1988,
      shifts: 2,
      month: '2024-07',
      meteredActiveEnergy: 9000,
    });
    const out = await run([
      'calculate',
      'kg.transformer-losses',
      '--inputs',
      losses,
      '--as-of',
      '2024-07-31',
      '--json',
    ]);
    expect(JSON.parse(out.stdout ?? '').outputs).toMatchObject({ loadFactor: 0.25, activeLoss: 293 });
  });

  it('names the flag of a usage error (exit 2), and the inputs that are wrong (exit 1)', async () => {
    const losses = await inputsFile({
      ratedPower: 100,
      shifts: 2,
      month: '2024-07',
      meteredActiveEnergy: 9000,
    });
    expect(await run(['calculate', 'kg.transformer-losses', '--inputs', losses])).toEqual({
      stderr: 'error: --as-of: required: kg.transformer-losses selects its rules by the as-of date',
      exitCode: 2,
    });
    expect(
      await run(['calculate', 'kg.transformer-losses', '--inputs', losses, '--as-of', '2024-13-01']),
    ).toEqual({
      stderr: "error: --as-of: invalid date '2024-13-01' (expected YYYY-MM-DD)",
      exitCode: 2,
    });
    expect((await run(['calculate', 'kg.losses', '--inputs', losses])).stderr).toBe(
      "error: <calculation-id>: unknown calculation 'kg.losses' (known: kg.line-losses, kg.transformer-losses, kg.unmetered-electricity)",
    );
    expect(
      (await run(['calculate', 'kg.unmetered-electricity', '--inputs', '/nonexistent.json'])).stderr,
    ).toMatch(/^error: --inputs: cannot read JSON from '\/nonexistent.json'/);
    expect(
      await run([
        'calculate',
        'kg.unmetered-electricity',
        '--inputs',
        await inputsFile(ts2),
        '--switch',
        'tariffMode=x',
      ]),
    ).toEqual({
      stderr: "error: --switch: switch 'tariffMode' has no option 'x' (options: per-period, detection-date)",
      exitCode: 2,
    });
    const missing = await run([
      'calculate',
      'kg.unmetered-electricity',
      '--inputs',
      await inputsFile({ ...ts2, paidEnergy: undefined }),
    ]);
    expect(missing).toEqual({
      stderr: 'error: invalid inputs:\n  paidEnergy: required number (kWh) is missing',
      exitCode: 1,
    });
    const old = await run([
      'calculate',
      'kg.unmetered-electricity',
      '--inputs',
      await inputsFile({ ...ts2, detectionDate: '2012-01-01', lastInspectorVisitDate: '2011-12-01' }),
    ]);
    expect(old).toEqual({
      stderr:
        'error: kg.unmetered-electricity: no formula version in force on 2012-01-01 (in force from 2012-09-02)',
      exitCode: 1,
    });
    const usage = await run(['calculate', 'kg.unmetered-electricity']);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain("error: required option '--inputs <file.json>' not specified");
  });
});

describe('gridcase rules edition', () => {
  const edition = (...args: string[]) => run(['rules', 'edition', ...args]);

  it('names the clause in force, or "not yet in force" and the text that governs instead', async () => {
    const before = await edition('--clause', 'R26.101', '--date', '2026-05-25', '--json');
    expect(before.exitCode).toBe(0);
    const a = JSON.parse(before.stdout ?? '');
    expect([a.status, a.document, a.period, a.governedBy.clause, a.governedBy.document]).toEqual([
      'not-yet-in-force',
      'order128',
      { from: '2026-05-26', to: null },
      'R25.92',
      'order355',
    ]);
    const after = JSON.parse(
      (await edition('--clause', 'R26.101', '--date', '2026-05-26', '--json')).stdout ?? '',
    );
    expect([after.status, after.governedBy]).toEqual(['in-force', undefined]);
    const text = await edition('--clause', 'R26.110', '--date', '2026-12-31');
    expect(text.stdout?.split('\n')[0]).toMatch(
      /^NOT YET IN FORCE: R26.110 .* not yet in force on 2026-12-31 \(from 2027-01-01\); no earlier text governs it$/,
    );
  });

  it('lists the texts in force on a date (regime B), and the clauses behind a process', async () => {
    const regime = await edition('--date', '2026-07-01');
    expect(regime.stdout?.split('\n').map((l) => l.split(':')[0])).toEqual([
      'Texts in force on 2026-07-01',
      '  2026 edition of the Rules',
      '  2026 edition of the Rules',
      '  2025 edition of the Rules',
    ]);
    const heat = await edition('--process', 'kz.heat.equipment-replacement', '--date', '2026-04-15');
    expect(heat.stdout).toContain(
      '  deadline equipment-replacement: order355 Rules R25.92 — 2025 edition of the Rules, in-force',
    );
    expect(heat.stdout).toContain('A case is judged by the rules in force on its failedAt date');
  });

  it('rejects bad input with exit code 2, naming the flag', async () => {
    expect(await edition('--clause', 'R26.101', '--date', '2026-02-30')).toEqual({
      stderr: "error: --date: invalid date '2026-02-30' (expected YYYY-MM-DD)",
      exitCode: 2,
    });
    expect(await edition('--clause', 'X26.1', '--date', '2026-06-01')).toEqual({
      stderr: "error: --clause: no text with clause prefix 'X26' (known: R26, R25)",
      exitCode: 2,
    });
    expect(
      (await edition('--clause', 'R26.1', '--process', 'kz.miner.tc', '--date', '2026-06-01')).exitCode,
    ).toBe(2);
    expect((await edition('--clause', 'R26.1')).stderr).toContain(
      "required option '--date <date>' not specified",
    );
  });
});

describe('gridcase status', () => {
  it('summarises processes, documents, calendars and what is unverified', async () => {
    const out = await run(['status', '--rules', VALID]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(
      'kz.test.sample           1 parameters, 1 deadlines, 1 decisions; in force from 2024-01-26; examples 1/1 pass',
    );
    expect(out.stdout).toContain(
      'order1     Order; published 2024-01-15 (UNVERIFIED: configure from the official register); in force from 2024-01-26',
    );
    expect(out.stdout).toContain('All rule-file examples pass.');
  });
});

describe('the installed bin', () => {
  it('runs as a process and prints JSON', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(ROOT, 'bin/gridcase.js'),
      'deadline',
      '--jurisdiction',
      'KZ',
      '--from',
      '2024-02-13T10:00:00+06:00',
      '--duration',
      '10 calendar-days',
      '--json',
    ]);
    expect(JSON.parse(stdout).dueDate).toBe('2024-02-23');
  });
});
