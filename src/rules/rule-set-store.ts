// Rule sets by version. A case pins the version it started under; the texts of every version the
// engine has loaded are archived (content-addressed) so that a pinned version can be rebuilt after
// the rule files have changed or the worker has restarted.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildRuleSet, type RuleFileText, readRuleFiles } from './load-rule-set.ts';
import type { RuleSet } from './rule-set.ts';

export class UnknownRuleSetVersionError extends Error {}

export class RuleSetStore {
  private readonly byVersion = new Map<string, RuleSet>();
  private currentVersion?: Promise<string>;

  constructor(
    private readonly rulesDir: string,
    private readonly archiveDir: string,
  ) {}

  /** The version of the rules directory as loaded at first use (reload with a new store). */
  current(): Promise<string> {
    this.currentVersion ??= this.loadCurrent();
    return this.currentVersion;
  }

  async get(version: string): Promise<RuleSet> {
    await this.current();
    const known = this.byVersion.get(version);
    if (known) return known;
    let texts: RuleFileText[];
    try {
      texts = JSON.parse(await readFile(this.archivePath(version), 'utf8')) as RuleFileText[];
    } catch {
      throw new UnknownRuleSetVersionError(
        `rule set ${version.slice(0, 12)} is neither loaded nor archived in ${this.archiveDir}`,
      );
    }
    const ruleSet = buildRuleSet(texts);
    if (ruleSet.version !== version)
      throw new UnknownRuleSetVersionError(
        `archive ${this.archivePath(version)} holds rule set ${ruleSet.version}`,
      );
    this.byVersion.set(version, ruleSet);
    return ruleSet;
  }

  private async loadCurrent(): Promise<string> {
    const texts = await readRuleFiles(this.rulesDir);
    const ruleSet = buildRuleSet(texts);
    this.byVersion.set(ruleSet.version, ruleSet);
    await mkdir(this.archiveDir, { recursive: true });
    // Written then renamed, so a crash never leaves a half-written archive behind.
    const temporary = `${this.archivePath(ruleSet.version)}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(texts));
    await rename(temporary, this.archivePath(ruleSet.version));
    return ruleSet.version;
  }

  private archivePath(version: string): string {
    return path.join(this.archiveDir, `${version}.json`);
  }
}
