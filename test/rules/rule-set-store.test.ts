import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RuleSetStore, UnknownRuleSetVersionError } from '../../src/rules/rule-set-store.ts';

const VALID = fileURLToPath(new URL('../fixtures/valid', import.meta.url));

describe('RuleSetStore', () => {
  it('keeps a pinned version available after the rule files change', async () => {
    const rules = await mkdtemp(path.join(tmpdir(), 'gridcase-rules-'));
    const archive = await mkdtemp(path.join(tmpdir(), 'gridcase-archive-'));
    await cp(VALID, rules, { recursive: true });
    const pinned = await new RuleSetStore(rules, archive).current();

    const file = path.join(rules, 'process.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'amount: 5, unit: working-days',
        'amount: 3, unit: working-days',
      ),
    );
    const restarted = new RuleSetStore(rules, archive);
    const current = await restarted.current();
    expect(current).not.toBe(pinned);

    const old = await restarted.get(pinned);
    expect(old.version).toBe(pinned);
    expect(old.processes.get('kz.test.sample')?.deadlines.get('answer')?.versions[0]?.duration.amount).toBe(
      5,
    );
    expect(
      (await restarted.get(current)).processes.get('kz.test.sample')?.deadlines.get('answer')?.versions[0]
        ?.duration.amount,
    ).toBe(3);
  });

  it('names a version it has never seen', async () => {
    const store = new RuleSetStore(VALID, await mkdtemp(path.join(tmpdir(), 'gridcase-archive-')));
    await expect(store.get('f'.repeat(64))).rejects.toThrow(UnknownRuleSetVersionError);
  });
});
