// Structural validation of one rule file against rules/schema.json, with errors placed at the
// offending YAML node and worded for the policy staff who edit these files.
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { Diagnostic } from './diagnostics.ts';
import { isRealDate } from './periods.ts';
import { FILE_KINDS, type FileKind, ruleFileJsonSchema } from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
let validators: Map<FileKind, ValidateFunction> | undefined;

function validatorFor(kind: FileKind): ValidateFunction {
  if (!validators) {
    const ajv = newAjv();
    ajv.addSchema(ruleFileJsonSchema(), 'rules');
    validators = new Map(
      (Object.keys(FILE_KINDS) as FileKind[]).map((k) => [
        k,
        ajv.compile({ $ref: `rules#/$defs/${FILE_KINDS[k]}` }),
      ]),
    );
  }
  return validators.get(kind) as ValidateFunction;
}

export function validateStructure(source: YamlSource): { kind?: FileKind; diagnostics: Diagnostic[] } {
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [source.at([], 'a rule file must be a mapping with a `kind` key')] };
  }
  const kind = (data as Record<string, unknown>).kind;
  if (typeof kind !== 'string' || !(kind in FILE_KINDS)) {
    const allowed = Object.keys(FILE_KINDS).join(', ');
    const message =
      kind === undefined
        ? `missing key 'kind' (one of ${allowed})`
        : `unknown kind ${JSON.stringify(kind)} (one of ${allowed})`;
    return { diagnostics: [source.at(kind === undefined ? [] : ['kind'], message)] };
  }
  return { kind: kind as FileKind, diagnostics: validateWith(validatorFor(kind as FileKind), source) };
}

/** Diagnostics of a YAML document against a compiled schema (rule files, scenario files). */
export function validateWith(validate: ValidateFunction, source: YamlSource): Diagnostic[] {
  if (validate(source.data)) return impossibleDates(source, source.data, []);
  return dedupe(selectErrors(validate.errors ?? []).map((e) => toDiagnostic(source, e)));
}

/** An ajv instance configured as the rule-file validator is (all errors, with the failing data). */
export function newAjv() {
  return new Ajv2020({ allErrors: true, strict: false, verbose: true });
}

/**
 * Unions make ajv report every branch that did not match. Keep the errors of the branch that came
 * closest (fewest errors, type mismatches counting as a wrong branch) and drop the bookkeeping ones.
 */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  const real = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf');
  const groups = new Map<string, Map<string, ErrorObject[]>>();
  for (const e of real) {
    const at = e.schemaPath.lastIndexOf('/anyOf/');
    if (at < 0) continue;
    const rest = e.schemaPath.slice(at + 7);
    const branch = rest.split('/')[0] ?? '';
    const key = `${e.instancePath}|${e.schemaPath.slice(0, at)}`;
    const byBranch = groups.get(key) ?? new Map<string, ErrorObject[]>();
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    groups.set(key, byBranch);
  }
  const dropped = new Set<ErrorObject>();
  for (const byBranch of groups.values()) {
    const ranked = [...byBranch.values()].sort((a, b) => branchScore(a) - branchScore(b));
    for (const loser of ranked.slice(1)) for (const e of loser) dropped.add(e);
  }
  const kept = real.filter((e) => !dropped.has(e));
  // A parent-level branch mismatch is noise when a child of the same value has a concrete error.
  return kept.filter(
    (e) =>
      !(
        e.schemaPath.includes('/anyOf/') &&
        kept.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`))
      ),
  );
}

function branchScore(errors: ErrorObject[]): number {
  return errors.reduce((score, e) => score + (e.keyword === 'type' || e.keyword === 'const' ? 100 : 1), 0);
}

function pathOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s),
    '',
  );
}

function toDiagnostic(source: YamlSource, e: ErrorObject): Diagnostic {
  const path = pathOf(e.instancePath);
  const where = describePath(path) || 'the file';
  const parent = e.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(parent?.properties ?? {}).join(', ');
      return source.at([...path, key], `unknown key '${key}' in ${where} (allowed: ${allowed})`, {
        key: true,
      });
    }
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      const citation = path[path.length - 1] === 'source' || key === 'source';
      const what = citation ? 'missing citation' : 'missing key';
      return source.at(path, `${what}: ${where} needs '${key}'`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const last = path[path.length - 1];
      const label = last === 'unit' ? 'bad unit' : `bad value for ${where}`;
      return source.at(path, `${label} '${String(e.data)}' (expected one of: ${allowed.join(', ')})`);
    }
    case 'const':
      return source.at(
        path,
        `${where} must be '${String((e.params as { allowedValue: unknown }).allowedValue)}'`,
      );
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      if (pattern.startsWith('^\\d{4}-\\d{2}-\\d{2}$'))
        return source.at(path, `invalid date '${String(e.data)}' in ${where} (expected YYYY-MM-DD)`);
      if (pattern.includes('T\\d{2}'))
        return source.at(
          path,
          `invalid instant '${String(e.data)}' in ${where} (expected ISO 8601 with offset, e.g. 2024-02-13T10:00:00+05:00)`,
        );
      return source.at(path, `invalid ${where} '${String(e.data)}' (must match ${pattern})`);
    }
    case 'type':
      return source.at(
        path,
        `${where} must be ${(e.params as { type: string }).type}, got ${JSON.stringify(e.data)}`,
      );
    case 'false schema':
      return source.at(
        path,
        `${where} must be a condition with one of the keys all, any, not, fact or decision`,
      );
    case 'minItems':
      return source.at(path, `${where} must have at least ${(e.params as { limit: number }).limit} item(s)`);
    default:
      return source.at(path, `${where} ${e.message ?? 'is invalid'}`);
  }
}

/** A well-formed YYYY-MM-DD must also be a day of the calendar (no 2024-02-30). */
function impossibleDates(source: YamlSource, value: unknown, path: PathSegment[]): Diagnostic[] {
  if (typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !isRealDate(value)
      ? [source.at(path, `invalid date '${value}' in ${describePath(path)} (no such day)`)]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => impossibleDates(source, v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => impossibleDates(source, v, [...path, k]));
  }
  return [];
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
