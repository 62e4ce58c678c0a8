// Loads a rules directory all-or-nothing: every file is parsed and checked, every problem is
// collected with its file:line:column, and only a fully valid set becomes a RuleSet.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { type CalendarDay, WEEKDAYS, type Weekday, WorkingCalendar } from '../calendar/working-calendar.ts';
import { type CalculationModel, linkCalculation } from './calculation-model.ts';
import { type Diagnostic, RuleSetError } from './diagnostics.ts';
import { DocumentRegistry, type EntryIntoForceDay } from './documents.ts';
import { linkEditions } from './editions.ts';
import { isRealDate } from './periods.ts';
import { linkProcess, type ProcessModel } from './process-model.ts';
import { RuleSet } from './rule-set.ts';
import type {
  CalculationFile,
  CalendarFile,
  ConventionsFile,
  DocumentsFile,
  FileKind,
  ProcessFile,
  Switch,
} from './schema.ts';
import { validateStructure } from './validate-structure.ts';
import { YamlSource } from './yaml-source.ts';

/** Switches the engine itself reads, with the options it implements. */
const ENGINE_SWITCHES: Record<string, readonly unknown[]> = {
  countFrom: ['next-day', 'same-day'],
  rollForward: [true, false],
  entryIntoForceDay: ['day-after-expiry', 'expiry-day'],
};

interface Parsed<K extends FileKind, T> {
  kind: K;
  source: YamlSource;
  data: T;
}
type AnyParsed =
  | Parsed<'process', ProcessFile>
  | Parsed<'documents', DocumentsFile>
  | Parsed<'conventions', ConventionsFile>
  | Parsed<'calendar', CalendarFile>
  | Parsed<'calculation', CalculationFile>;

export async function loadRuleSet(dir: string): Promise<RuleSet> {
  return buildRuleSet(await readRuleFiles(dir));
}

/** The texts of a rules directory's YAML files, in path order. */
export async function readRuleFiles(dir: string): Promise<RuleFileText[]> {
  const root = path.resolve(dir);
  const files = await findRuleFiles(root).catch((e: NodeJS.ErrnoException) => {
    throw new RuleSetError([
      { file: dir, line: 1, column: 1, message: `cannot read rules directory: ${e.code ?? e.message}` },
    ]);
  });
  return Promise.all(
    files.map(async (f) => ({ file: path.relative(process.cwd(), f) || f, text: await readFile(f, 'utf8') })),
  );
}

export interface RuleFileText {
  /** Path shown in diagnostics. */
  file: string;
  text: string;
}

/** Builds a rule set from in-memory files. */
export function buildRuleSet(texts: readonly RuleFileText[]): RuleSet {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  if (texts.length === 0)
    throw new RuleSetError([{ file: '.', line: 1, column: 1, message: 'no rule files (*.yaml) found' }]);

  const parsed: AnyParsed[] = [];
  for (const { file, text } of texts) {
    const source = new YamlSource(file, text);
    if (source.parseErrors.length) {
      diagnostics.push(...source.parseErrors);
      continue;
    }
    const { kind, diagnostics: structural } = validateStructure(source);
    diagnostics.push(...structural);
    if (kind && structural.length === 0) parsed.push({ kind, source, data: source.data } as AnyParsed);
  }
  if (diagnostics.length) throw new RuleSetError(diagnostics);

  const of = <K extends FileKind>(kind: K) =>
    parsed.filter((p): p is Extract<AnyParsed, { kind: K }> => p.kind === kind);

  const conventions = linkConventions(of('conventions'), report);
  const documents = new DocumentRegistry(
    of('documents'),
    (conventions.get('entryIntoForceDay')?.default as EntryIntoForceDay | undefined) ?? 'day-after-expiry',
    report,
  );
  const editions = linkEditions(of('documents'), documents, report);
  const calendars = new Map<string, WorkingCalendar>();
  const bankCalendars = new Map<string, WorkingCalendar>();
  for (const c of of('calendar')) {
    if (calendars.has(c.data.jurisdiction)) {
      report(c.source.at(['jurisdiction'], `a second calendar for ${c.data.jurisdiction}`));
      continue;
    }
    const linked = linkCalendar(c.source, c.data, report);
    if (!linked) continue;
    calendars.set(c.data.jurisdiction, linked.working);
    if (linked.bank) bankCalendars.set(c.data.jurisdiction, linked.bank);
  }
  const processes = new Map<string, ProcessModel>();
  for (const p of of('process')) {
    if (processes.has(p.data.process)) {
      report(
        p.source.at(
          ['process'],
          `process '${p.data.process}' is defined twice (also in ${processes.get(p.data.process)?.source.file})`,
        ),
      );
      continue;
    }
    if (!of('calendar').some((c) => c.data.jurisdiction === p.data.jurisdiction)) {
      report(
        p.source.at(
          ['jurisdiction'],
          `no calendar for jurisdiction ${p.data.jurisdiction} (add rules/calendars/${p.data.jurisdiction}.yaml)`,
        ),
      );
    }
    processes.set(p.data.process, linkProcess(p.source, p.data, documents, conventions, report));
    p.data.deadlines.forEach((d, i) =>
      d.versions.forEach((v, j) => {
        if (
          v.duration.unit === 'bank-days' &&
          !of('calendar').some((c) => c.data.jurisdiction === p.data.jurisdiction && c.data.bankDays)
        )
          report(
            p.source.at(
              ['deadlines', i, 'versions', j, 'duration', 'unit'],
              `bank-days need a bank-day calendar: add bankDays to the ${p.data.jurisdiction} calendar file`,
            ),
          );
      }),
    );
  }
  const calculations = new Map<string, CalculationModel>();
  for (const c of of('calculation')) {
    const id = c.data.calculation;
    if (calculations.has(id)) {
      report(
        c.source.at(
          ['calculation'],
          `calculation '${id}' is defined twice (also in ${calculations.get(id)?.file.file})`,
        ),
      );
      continue;
    }
    calculations.set(id, linkCalculation(c.source, c.data, documents, report));
  }
  if (diagnostics.length) throw new RuleSetError(diagnostics);

  for (const model of processes.values()) deepFreeze(model);
  for (const model of calculations.values()) deepFreeze(model);
  for (const doc of documents.all()) deepFreeze(doc);
  for (const s of conventions.values()) deepFreeze(s);
  return new RuleSet({
    version: contentHash(parsed.map((p) => p.data)),
    files: parsed.map((p) => p.source.file),
    documents,
    editions,
    conventions,
    calendars,
    bankCalendars,
    processes,
    calculations,
  });
}

async function findRuleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? dir, e.name))
    .sort();
}

function linkConventions(
  files: readonly Parsed<'conventions', ConventionsFile>[],
  report: (d: Diagnostic) => void,
): Map<string, Switch> {
  const out = new Map<string, Switch>();
  if (files.length !== 1) {
    const where = files[1]?.source ?? files[0]?.source;
    report(
      where
        ? where.at(['kind'], `exactly one conventions file is allowed, found ${files.length}`)
        : {
            file: '.',
            line: 1,
            column: 1,
            message: 'missing conventions file (kind: conventions) with the catalogue §1 switches',
          },
    );
  }
  for (const { source, data } of files) {
    data.switches.forEach((s, i) => {
      if (out.has(s.id)) report(source.at(['switches', i, 'id'], `duplicate switch id '${s.id}'`));
      if (!s.options.includes(s.default))
        report(
          source.at(
            ['switches', i, 'default'],
            `default '${s.default}' is not one of the options ${s.options.join(', ')}`,
          ),
        );
      const supported = Object.hasOwn(ENGINE_SWITCHES, s.id) ? ENGINE_SWITCHES[s.id] : undefined;
      const unsupported = supported && s.options.filter((o) => !supported.includes(o));
      if (unsupported?.length)
        report(
          source.at(
            ['switches', i, 'options'],
            `switch '${s.id}' supports only ${supported?.join(', ')}; not ${unsupported.join(', ')}`,
          ),
        );
      out.set(s.id, s);
    });
    for (const id of Object.keys(ENGINE_SWITCHES)) {
      if (!out.has(id)) report(source.at(['switches'], `missing switch '${id}' (the engine needs it)`));
    }
  }
  return out;
}

function linkCalendar(
  source: YamlSource,
  data: CalendarFile,
  report: (d: Diagnostic) => void,
): { working: WorkingCalendar; bank?: WorkingCalendar } | undefined {
  let ok = true;
  const fail = (p: (string | number)[], message: string) => {
    ok = false;
    report(source.at(p, message));
  };
  try {
    Temporal.Now.zonedDateTimeISO(data.timeZone);
    // A fixed offset would ignore changes such as Kazakhstan's of 2024-03-01 (catalogue §1 tz).
    if (!data.timeZone.includes('/'))
      fail(['timeZone'], `time zone must be an IANA zone such as Asia/Almaty, not '${data.timeZone}'`);
  } catch {
    fail(['timeZone'], `unknown IANA time zone '${data.timeZone}'`);
  }
  const years = Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b);
  years.forEach((y, i) => {
    if (i > 0 && y !== (years[i - 1] as number) + 1)
      fail(['years', String(y)], `calendar years must be contiguous: ${years[i - 1]} is followed by ${y}`);
  });
  const rest = new Set(data.weeklyRestDays);
  const seen = new Set<string>();
  const days: (CalendarDay & { source: string })[] = [];
  for (const [year, entries] of Object.entries(data.years)) {
    entries.forEach((e, i) => {
      const at: (string | number)[] = ['years', year, i];
      if (!isRealDate(e.date)) return fail([...at, 'date'], `invalid date '${e.date}'`);
      if (!e.date.startsWith(`${year}-`)) fail([...at, 'date'], `${e.date} is listed under year ${year}`);
      if (seen.has(e.date)) fail([...at, 'date'], `duplicate calendar date ${e.date}`);
      seen.add(e.date);
      if (!Object.hasOwn(data.sources, e.source))
        fail(
          [...at, 'source'],
          `unknown source '${e.source}' (sources: ${Object.keys(data.sources).join(', ')})`,
        );
      const weekday = WEEKDAYS[Temporal.PlainDate.from(e.date).dayOfWeek - 1] as Weekday;
      if (e.type === 'working-day' && !rest.has(weekday))
        fail([...at, 'type'], `${e.date} is a ${weekday}, already a working day`);
      if (e.type === 'day-off' && rest.has(weekday))
        fail([...at, 'type'], `${e.date} is a ${weekday}, already a rest day`);
      days.push({
        date: e.date,
        type: e.type,
        name: e.name,
        verified: e.verified !== false,
        source: e.source,
      });
    });
  }
  data.bankDays?.sources.forEach((s, i) => {
    if (!Object.hasOwn(data.sources, s))
      fail(
        ['bankDays', 'sources', i],
        `unknown source '${s}' (sources: ${Object.keys(data.sources).join(', ')})`,
      );
  });
  if (!ok) return undefined;
  const hash = contentHash([data]).slice(0, 12);
  const variant = (variantDays: CalendarDay[], version: string) =>
    new WorkingCalendar({
      jurisdiction: data.jurisdiction,
      timeZone: data.timeZone,
      weeklyRestDays: data.weeklyRestDays,
      years,
      days: variantDays,
      version,
    });
  const bankSources = data.bankDays?.sources;
  return {
    working: variant(days, `${data.jurisdiction}-${hash}`),
    ...(bankSources
      ? {
          bank: variant(
            days.filter((d) => bankSources.includes(d.source)),
            `${data.jurisdiction}-bank-${hash}`,
          ),
        }
      : {}),
  };
}

/** Freezes plain objects and arrays, and the values inside Maps; other instances are left alone. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * sha256 of the files' parsed content, in a canonical order: comments, formatting and file names
 * do not change a rule set's version; any change of meaning does.
 */
function contentHash(contents: readonly unknown[]): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const hash = createHash('sha256');
  for (const text of contents.map((c) => JSON.stringify(canonical(c))).sort()) hash.update(`${text}\0`);
  return hash.digest('hex');
}
