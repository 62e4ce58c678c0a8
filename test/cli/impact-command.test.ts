// `gridcase rules impact` end to end: the read model in a throwaway schema, named in --database-url.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';
import { draftRules, NOTICE_AND_THRESHOLDS, recordOpenCases } from '../impact/open-cases.ts';

let db: ScratchSchema;
let databaseUrl: string;
let draft: string;
beforeAll(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_test');
  await recordOpenCases(new CaseReadModel(db.pool));
  const url = new URL(DEFAULT_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${db.schema}`);
  databaseUrl = url.toString();
  draft = await draftRules(NOTICE_AND_THRESHOLDS);
});
afterAll(async () => {
  await db?.drop();
});

describe('gridcase rules impact', () => {
  it('prints per affected case the moved deadlines and flipped decisions with their clauses', async () => {
    const out = await run(['rules', 'impact', draft, '--database-url', databaseUrl]);
    expect(out.exitCode).toBe(0);
    const lines = (out.stdout ?? '').split('\n');
    expect(lines[0]).toMatch(
      /^rule set [0-9a-f]{12} → draft [0-9a-f]{12}: 3 rule changes; 4 open cases, 2 affected$/,
    );
    expect(lines).toContain('not started (the draft applies in full): tc-not-started');
    expect(lines).toContain(
      '  deadline so-issuance-notice started by TC_ISSUED at 2024-07-03T07:00:00.000Z: moved ' +
        '2024-07-15 (due 2024-07-16T00:00:00+05:00; 10 calendar-days, order275 Req p.12) → ' +
        '2024-07-10 (due 2024-07-11T00:00:00+05:00; 7 calendar-days, order275 Req p.12)  — already overdue',
    );
    expect(lines).toContain(
      '  decision so-agreement-required: true by DECLARED-ABOVE-5MW (order275 Req p.4 ¶2-3) → false by otherwise',
    );
    expect(lines.filter((l) => l.startsWith('tc-'))).toEqual([
      expect.stringMatching(
        /^tc-april {2}kz\.miner\.tc {2}state issued {2}case date 2024-04-15 {2}\(pinned [0-9a-f]{12}\)$/,
      ),
      expect.stringMatching(/^tc-july {2}kz\.miner\.tc {2}state issued {2}case date 2024-07-01 /),
    ]);
  });

  it('prints the report as JSON with --json', async () => {
    const out = await run(['rules', 'impact', draft, '--database-url', databaseUrl, '--json']);
    expect(out.exitCode).toBe(0);
    const report = JSON.parse(out.stdout ?? '');
    expect(report.affected.map((c: { caseId: string }) => c.caseId)).toEqual(['tc-april', 'tc-july']);
    expect(report.affected[1].decisions.map((d: { decision: string }) => d.decision)).toEqual([
      'so-agreement-required',
      'so-info-copy-required',
      'connectable',
    ]);
  });

  it('refuses a draft that does not load, with file:line:col for each error', async () => {
    const broken = await draftRules({
      'kz/miner-tc.yaml': (t) =>
        t.replace(
          'duration: { amount: 10, unit: calendar-days }',
          'duration: { amount: 10, unit: fortnights }',
        ),
    });
    const out = await run(['rules', 'impact', broken, '--database-url', databaseUrl]);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe(
      `${path.relative(process.cwd(), path.join(broken, 'kz/miner-tc.yaml'))}:474:39: bad unit 'fortnights' (expected one of: minutes, hours, calendar-days, working-days, bank-days, months)`,
    );
  });

  it('treats a missing draft directory argument and unknown flags as usage errors', async () => {
    expect((await run(['rules', 'impact'])).exitCode).toBe(2);
    expect((await run(['rules', 'impact', draft, '--bogus'])).exitCode).toBe(2);
    const help = await run(['rules', 'impact', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--database-url <url>');
  });

  it('says when the database has no read model', async () => {
    const url = new URL(DEFAULT_DATABASE_URL);
    url.searchParams.set('options', '-c search_path=gridcase_no_such_schema');
    const out = await run(['rules', 'impact', draft, '--database-url', url.toString()]);
    expect(out).toEqual({ stderr: `error: no read model in ${url} (its tables are missing)`, exitCode: 1 });
  });
});
