// What process files and calculation files link the same way: effective dates and periods,
// citations, switches, input fields and versioned parameters, each problem reported at its node.
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentRegistry } from './documents.ts';
import { addDays, describePeriod, overlaps, type Period } from './periods.ts';
import type { Citation, EffectiveDate, InputField, Parameter, Scalar, Switch, Unit } from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

export interface Field extends InputField {
  /** Dotted name used in conditions and facts, e.g. documents.servicingContract. */
  name: string;
  /** Computed from other inputs (the file's `derived`), never given by a case. */
  derived?: true;
}

export interface ParameterVersion {
  period: Period;
  value: unknown;
  source: Citation;
}
export interface LinkedParameter {
  id: string;
  title: string;
  unit?: Unit;
  basis: Parameter['basis'];
  source: Citation;
  note?: string;
  versions: ParameterVersion[];
}

export type At = (path: PathSegment[], message: string, key?: boolean) => void;

export const ALWAYS: Period = { from: '0000-01-01', to: null };

/** The linking helpers of one rule file. `owner` names what nothing may apply before (a process id). */
export function linker(source: YamlSource, documents: DocumentRegistry, report: (d: Diagnostic) => void) {
  const at: At = (path, message, key = false) => report(source.at(path, message, { key }));

  const resolveDate = (ref: EffectiveDate, path: PathSegment[]): string | undefined => {
    const r = documents.resolve(ref);
    if ('error' in r) {
      at(path, r.error);
      return undefined;
    }
    return r.date;
  };

  const resolvePeriod = (
    from: EffectiveDate | undefined,
    to: EffectiveDate | undefined,
    path: PathSegment[],
    fallback: Period,
    owner: string,
  ): Period | undefined => {
    const start = from === undefined ? fallback.from : resolveDate(from, [...path, 'effectiveFrom']);
    const end =
      to === undefined
        ? from === undefined
          ? fallback.to
          : null
        : resolveDate(to, [...path, 'effectiveTo']);
    if (start === undefined || end === undefined) return undefined;
    if (end !== null && end < start) {
      at([...path, 'effectiveTo'], `effectiveTo ${end} is before effectiveFrom ${start}`);
      return undefined;
    }
    // Nothing of a process may apply before the process itself (e.g. no Order 275 rule before G).
    if (fallback !== ALWAYS && start < fallback.from) {
      at(
        [...path, 'effectiveFrom'],
        `effective from ${start}, before ${owner} is in force (${fallback.from})`,
      );
      return undefined;
    }
    return { from: start, to: end };
  };

  const checkCitation = (c: Citation, basis: string, path: PathSegment[]) => {
    if (!documents.get(c.document)) {
      at(
        [...path, 'document'],
        `unknown document '${c.document}' (known: ${documents
          .all()
          .map((d) => d.doc.id)
          .join(', ')})`,
      );
    }
    if (basis === 'explicit' && (!c.quote || !c.translation)) {
      at(
        path,
        `missing citation: an explicit rule needs the original-language 'quote' and its 'translation'`,
      );
    }
  };

  /** A file's own switches, which may not shadow `inherited` ones (the conventions'). */
  const linkSwitches = (
    list: readonly Switch[],
    inherited: ReadonlyMap<string, Switch>,
  ): Map<string, Switch> => {
    const switches = new Map<string, Switch>();
    list.forEach((s, i) => {
      if (inherited.has(s.id) || switches.has(s.id))
        at(['switches', i, 'id'], `duplicate switch id '${s.id}'`);
      if (!s.options.includes(s.default))
        at(
          ['switches', i, 'default'],
          `default '${s.default}' is not one of the options ${s.options.join(', ')}`,
        );
      switches.set(s.id, s);
    });
    return switches;
  };

  /** Input fields by dotted name; the items of an object-list are checked but not named. */
  const linkInputs = (inputs: readonly InputField[]): Map<string, Field> => {
    const fields = new Map<string, Field>();
    const fieldPaths = new Map<string, PathSegment[]>();
    const addFields = (
      list: readonly InputField[],
      prefix: string,
      path: PathSegment[],
      into: Map<string, Field>,
    ) =>
      list.forEach((f, i) => {
        const name = prefix + f.id;
        fieldPaths.set(name, [...path, i]);
        if (into.has(name)) at([...path, i, 'id'], `duplicate input field '${name}'`);
        into.set(name, { ...f, name });
        if (f.type === 'number' && !f.unit)
          at([...path, i], `missing unit: numeric input '${name}' needs a unit`);
        if (f.type !== 'number' && f.type !== 'number-list' && f.unit)
          at([...path, i, 'unit'], `bad unit: '${name}' is ${f.type}, units are for numbers`);
        if (f.type === 'object') addFields(f.fields ?? [], `${name}.`, [...path, i, 'fields'], into);
        else if (f.type === 'object-list') {
          if (!f.fields) at([...path, i], `missing key: object-list '${name}' needs 'fields'`);
          addFields(f.fields ?? [], `${name}[].`, [...path, i, 'fields'], new Map());
        } else if (f.fields) at([...path, i, 'fields'], `only object and object-list fields have 'fields'`);
      });
    addFields(inputs, '', ['inputs'], fields);
    for (const [name, f] of fields) {
      if (
        f.default &&
        typeof f.default === 'object' &&
        !Array.isArray(f.default) &&
        !fields.has(f.default.fact)
      ) {
        at(
          [...(fieldPaths.get(name) ?? ['inputs']), 'default', 'fact'],
          `unknown fact '${f.default.fact}' as default of '${name}'`,
        );
      }
    }
    return fields;
  };

  const linkParameters = (list: readonly Parameter[], inForce: Period, owner: string) => {
    const parameters = new Map<string, LinkedParameter>();
    list.forEach((p, i) => {
      const path: PathSegment[] = ['parameters', i];
      if (parameters.has(p.id)) at([...path, 'id'], `duplicate parameter id '${p.id}'`);
      checkCitation(p.source, p.basis, [...path, 'source']);
      const versions: (ParameterVersion & { index: number })[] = [];
      p.versions.forEach((v, j) => {
        const vPath = [...path, 'versions', j];
        const numeric =
          typeof v.value === 'number' ||
          (Array.isArray(v.value) && v.value.every((x) => typeof x === 'number') && !!p.unit);
        if (typeof v.value === 'number' && !p.unit)
          at([...vPath, 'value'], `missing unit: numeric parameter '${p.id}' needs a unit`);
        if (p.unit && !numeric)
          at(
            [...path, 'unit'],
            `bad unit: parameter '${p.id}' has unit ${p.unit} but value ${JSON.stringify(v.value)} is not numeric`,
          );
        const first = p.versions[0];
        if (j > 0 && first && kindOf(first.value) !== kindOf(v.value)) {
          at(
            [...vPath, 'value'],
            `version value type ${kindOf(v.value)} differs from the first version's ${kindOf(first.value)}`,
          );
        }
        if (v.source) checkCitation(v.source, p.basis, [...vPath, 'source']);
        const period = resolvePeriod(v.effectiveFrom, v.effectiveTo, vPath, inForce, owner);
        if (period) versions.push({ period, value: v.value, source: v.source ?? p.source, index: j });
      });
      checkPeriods(versions, [...path, 'versions'], `parameter '${p.id}'`, at);
      parameters.set(p.id, {
        id: p.id,
        title: p.title,
        ...(p.unit ? { unit: p.unit } : {}),
        basis: p.basis,
        source: p.source,
        ...(p.note ? { note: p.note } : {}),
        versions,
      });
    });
    return parameters;
  };

  return { at, resolveDate, resolvePeriod, checkCitation, linkSwitches, linkInputs, linkParameters };
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'list' : typeof v;
}

/** Versions of one item may neither overlap nor leave a gap between them. */
export function checkPeriods(
  versions: { period: Period; index: number }[],
  path: PathSegment[],
  what: string,
  at: (p: PathSegment[], m: string) => void,
) {
  const sorted = [...versions].sort((a, b) => (a.period.from < b.period.from ? -1 : 1));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1] as (typeof sorted)[number];
    const b = sorted[k] as (typeof sorted)[number];
    if (overlaps(a.period, b.period)) {
      at(
        [...path, b.index, 'effectiveFrom'],
        `overlapping effective periods for ${what}: version ${b.index + 1} (${describePeriod(b.period)}) overlaps version ${a.index + 1} (${describePeriod(a.period)})`,
      );
    } else if (a.period.to !== null && addDays(a.period.to, 1) < b.period.from) {
      at(
        [...path, b.index, 'effectiveFrom'],
        `gap in effective periods for ${what}: nothing in force from ${addDays(a.period.to, 1)} to ${addDays(b.period.from, -1)}`,
      );
    }
  }
}

export function checkSwitchValue(
  switches: ReadonlyMap<string, Switch>,
  id: string,
  value: Scalar,
  path: PathSegment[],
  at: (p: PathSegment[], m: string) => void,
) {
  const s = switches.get(id);
  if (!s) return at(path, `unknown switch '${id}' (known: ${[...switches.keys()].join(', ')})`);
  if (!s.options.includes(value))
    at(path, `switch '${id}' has no option '${value}' (options: ${s.options.join(', ')})`);
}
