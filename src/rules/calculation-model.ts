// Links one calculation rule file: resolves its dated versions, parameters and tables, checks rows
// against their columns, and holds the file to the contract of the engine method each formula
// version names (every input, parameter, table, switch and result the method uses is declared with
// a unit of the right dimension, and nothing is declared that the method does not read).

import type { InputSpec, MethodContract, OutputSpec, ValueSpec } from '../calculations/method.ts';
import { METHODS } from '../calculations/methods.ts';
import { dimensionOf } from '../units/units.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentRegistry } from './documents.ts';
import {
  ALWAYS,
  type At,
  checkPeriods,
  checkSwitchValue,
  type Field,
  type LinkedParameter,
  linker,
} from './link-common.ts';
import type { Period } from './periods.ts';
import type {
  CalculationExample,
  CalculationFile,
  CalculationOutput,
  Citation,
  InputField,
  Scalar,
  Switch,
  Table,
  TableColumn,
  Unit,
} from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

export interface TableVersion {
  period: Period;
  rows: readonly Readonly<Record<string, Scalar>>[];
  source: Citation;
}
export interface LinkedTable extends Omit<Table, 'versions'> {
  versions: TableVersion[];
}

export interface FormulaVersion {
  version: number;
  method: string;
  period: Period;
  source: Citation;
  note?: string;
}

export interface CalculationModel {
  id: string;
  jurisdiction: 'KZ' | 'KG';
  title: string;
  description?: string;
  basis: CalculationFile['basis'];
  source: Citation;
  file: YamlSource;
  /** From the first formula version's start to the last one's end. */
  inForce: Period;
  evaluatedAt?: string;
  versions: FormulaVersion[];
  switches: Map<string, Switch>;
  inputs: InputField[];
  fields: Map<string, Field>;
  parameters: Map<string, LinkedParameter>;
  tables: Map<string, LinkedTable>;
  outputs: CalculationOutput[];
  examples: CalculationExample[];
}

export function linkCalculation(
  source: YamlSource,
  file: CalculationFile,
  documents: DocumentRegistry,
  report: (d: Diagnostic) => void,
): CalculationModel {
  const { at, resolvePeriod, checkCitation, linkSwitches, linkInputs, linkParameters } = linker(
    source,
    documents,
    report,
  );
  const owner = file.calculation;
  checkCitation(file.source, file.basis, ['source']);

  const versions: (FormulaVersion & { index: number })[] = [];
  file.versions.forEach((v, i) => {
    const path: PathSegment[] = ['versions', i];
    if (file.versions.findIndex((w) => w.version === v.version) !== i)
      at([...path, 'version'], `duplicate formula version ${v.version}`);
    if (!METHODS.has(v.method))
      at([...path, 'method'], `unknown method '${v.method}' (known: ${[...METHODS.keys()].join(', ')})`);
    if (v.source) checkCitation(v.source, file.basis, [...path, 'source']);
    const period = resolvePeriod(v.effectiveFrom, v.effectiveTo, path, ALWAYS, owner);
    if (period)
      versions.push({
        version: v.version,
        method: v.method,
        period,
        source: v.source ?? file.source,
        ...(v.note ? { note: v.note } : {}),
        index: i,
      });
  });
  checkPeriods(versions, ['versions'], `calculation '${owner}'`, at);
  const ordered = [...versions].sort((a, b) => (a.period.from < b.period.from ? -1 : 1));
  ordered.forEach((v, k) => {
    const before = ordered[k - 1];
    if (before && v.version <= before.version)
      at(
        ['versions', v.index, 'version'],
        `formula version ${v.version} follows version ${before.version} in time: versions must increase`,
      );
  });
  const inForce: Period = {
    from: ordered[0]?.period.from ?? '9999-12-31',
    to: ordered.at(-1)?.period.to ?? null,
  };

  const switches = linkSwitches(file.switches ?? [], new Map());
  const fields = linkInputs(file.inputs);
  if (file.evaluatedAt !== undefined && fields.get(file.evaluatedAt)?.type !== 'date')
    at(['evaluatedAt'], `evaluatedAt must name a date input, not '${file.evaluatedAt}'`);
  const parameters = linkParameters(file.parameters, inForce, owner);
  const tables = new Map<string, LinkedTable>();
  file.tables.forEach((t, i) => {
    if (tables.has(t.id) || parameters.has(t.id))
      at(['tables', i, 'id'], `duplicate parameter or table id '${t.id}'`);
    tables.set(t.id, linkTable(t, ['tables', i]));
  });
  checkOutputs(file.outputs, ['outputs'], at);

  function linkTable(t: Table, path: PathSegment[]): LinkedTable {
    checkCitation(t.source, t.basis, [...path, 'source']);
    const columns = new Map<string, TableColumn>();
    t.columns.forEach((c, j) => {
      if (columns.has(c.id)) at([...path, 'columns', j, 'id'], `duplicate column '${c.id}'`);
      columns.set(c.id, c);
    });
    t.key.forEach((k, j) => {
      if (!columns.has(k))
        at([...path, 'key', j], `unknown key column '${k}' (columns: ${[...columns.keys()].join(', ')})`);
    });
    const linked: (TableVersion & { index: number })[] = [];
    t.versions.forEach((v, j) => {
      const vPath = [...path, 'versions', j];
      const keys = new Set<string>();
      v.rows.forEach((row, r) => {
        const rPath = [...vPath, 'rows', r];
        for (const [id, value] of Object.entries(row)) {
          const c = columns.get(id);
          if (!c)
            at(
              [...rPath, id],
              `unknown column '${id}' in table '${t.id}' (columns: ${[...columns.keys()].join(', ')})`,
              true,
            );
          else if (c.unit && typeof value !== 'number')
            at([...rPath, id], `column '${id}' holds numbers in ${c.unit}, got ${JSON.stringify(value)}`);
          else if (!c.unit && typeof value === 'number')
            at(
              [...rPath, id],
              `column '${id}' holds names, not the number ${value}: write "${value}" in quotes, or give the column a unit`,
            );
        }
        for (const id of columns.keys())
          if (!Object.hasOwn(row, id)) at(rPath, `missing key: row needs column '${id}'`);
        const key = JSON.stringify(t.key.map((k) => row[k]));
        if (keys.has(key)) at(rPath, `duplicate row for ${t.key.map((k) => `${k} ${row[k]}`).join(', ')}`);
        keys.add(key);
      });
      if (v.source) checkCitation(v.source, t.basis, [...vPath, 'source']);
      const period = resolvePeriod(v.effectiveFrom, v.effectiveTo, vPath, inForce, owner);
      if (period) linked.push({ period, rows: v.rows, source: v.source ?? t.source, index: j });
    });
    checkPeriods(linked, [...path, 'versions'], `table '${t.id}'`, at);
    const { versions: _raw, ...rest } = t;
    return { ...rest, versions: linked };
  }

  // The file must give each method what it reads, and hold nothing no method reads.
  const reads = {
    inputs: new Set<string>(),
    parameters: new Set<string>(),
    tables: new Set<string>(),
    switches: new Set<string>(),
    outputs: new Set<string>(),
  };
  const columnsRead = new Map<string, Set<string>>();
  for (const v of versions) {
    const method = METHODS.get(v.method);
    if (!method) continue;
    checkContract(method.id, method.contract, ['versions', v.index, 'method']);
  }

  function checkContract(methodId: string, contract: MethodContract, path: PathSegment[]) {
    const declare = (what: string) => at(path, `method '${methodId}' reads ${what}: declare it in this file`);
    for (const [id, spec] of Object.entries(contract.inputs)) {
      reads.inputs.add(id);
      const field = file.inputs.find((f) => f.id === id);
      if (!field) declare(`input '${id}' (${describeInput(spec)})`);
      else checkInput(field, spec, ['inputs', file.inputs.indexOf(field)]);
    }
    for (const [id, spec] of Object.entries(contract.parameters)) {
      reads.parameters.add(id);
      const p = parameters.get(id);
      const index = file.parameters.findIndex((x) => x.id === id);
      if (!p) declare(`parameter '${id}' (${describeValue(spec)})`);
      else {
        checkValue(p.unit, spec, ['parameters', index, 'unit'], `parameter '${id}'`);
        file.parameters[index]?.versions.forEach(({ value }, j) => {
          for (const [k, x] of (Array.isArray(value) ? value : [value]).entries())
            checkName(
              x,
              spec,
              Array.isArray(value)
                ? ['parameters', index, 'versions', j, 'value', k]
                : ['parameters', index, 'versions', j, 'value'],
            );
        });
      }
    }
    for (const [id, columns] of Object.entries(contract.tables)) {
      reads.tables.add(id);
      const t = tables.get(id);
      const index = file.tables.findIndex((x) => x.id === id);
      if (!t) {
        declare(`table '${id}' (columns ${Object.keys(columns).join(', ')})`);
        continue;
      }
      const read = columnsRead.get(id) ?? new Set<string>();
      columnsRead.set(id, read);
      for (const [column, spec] of Object.entries(columns)) {
        read.add(column);
        const c = t.columns.findIndex((x) => x.id === column);
        if (c < 0)
          at(
            ['tables', index, 'columns'],
            `method '${methodId}' reads column '${column}' (${describeValue(spec)}) of table '${id}': declare it`,
          );
        else {
          checkValue(
            t.columns[c]?.unit,
            spec,
            ['tables', index, 'columns', c],
            `column '${column}' of table '${id}'`,
          );
          file.tables[index]?.versions.forEach((v, j) =>
            v.rows.forEach((row, r) => {
              if (Object.hasOwn(row, column))
                checkName(row[column], spec, ['tables', index, 'versions', j, 'rows', r, column]);
            }),
          );
        }
      }
    }
    for (const [id, options] of Object.entries(contract.switches)) {
      reads.switches.add(id);
      const s = switches.get(id);
      const index = (file.switches ?? []).findIndex((x) => x.id === id);
      if (!s) declare(`switch '${id}' (options ${options.join(', ')})`);
      else {
        const unsupported = s.options.filter((o) => !options.includes(o));
        if (unsupported.length)
          at(
            ['switches', index, 'options'],
            `method '${methodId}' supports only ${options.join(', ')} for switch '${id}'; not ${unsupported.join(', ')}`,
          );
      }
    }
    for (const [id, spec] of Object.entries(contract.outputs)) {
      reads.outputs.add(id);
      const o = file.outputs.find((x) => x.id === id);
      if (!o)
        at(path, `method '${methodId}' returns '${id}' (${describeOutput(spec)}): declare it in outputs`);
      else checkOutput(o, spec, ['outputs', file.outputs.indexOf(o)]);
    }
  }

  function checkInput(field: InputField, spec: InputSpec, path: PathSegment[]) {
    if (field.type !== spec.type) {
      at([...path, 'type'], `input '${field.id}' must be ${describeInput(spec)}, not ${field.type}`);
      return;
    }
    if (spec.type === 'number' && field.unit)
      checkValue(field.unit, spec.unit, [...path, 'unit'], `input '${field.id}'`);
    if (spec.type === 'object-list') {
      for (const [id, sub] of Object.entries(spec.fields)) {
        const f = (field.fields ?? []).find((x) => x.id === id);
        if (!f) at([...path, 'fields'], `input '${field.id}' needs field '${id}' (${describeInput(sub)})`);
        else checkInput(f, sub, [...path, 'fields', (field.fields ?? []).indexOf(f)]);
      }
      (field.fields ?? []).forEach((f, j) => {
        if (!Object.hasOwn(spec.fields, f.id))
          at([...path, 'fields', j, 'id'], `field '${f.id}' of '${field.id}' is read by no method`);
      });
    }
  }

  function checkValue(unit: Unit | undefined, spec: ValueSpec, path: PathSegment[], what: string) {
    if (typeof spec !== 'string' || spec === 'name') {
      if (unit) at(path, `${what} is read as a name or true/false, not as a number in ${unit}`);
    } else if (!unit) at(path, `missing unit: ${what} is read as a number in ${spec} (${dimensionOf(spec)})`);
    else if (dimensionOf(unit) !== dimensionOf(spec))
      at(
        path,
        `unit mismatch: ${what} is in ${unit} (${dimensionOf(unit)}), the method reads ${spec} (${dimensionOf(spec)})`,
      );
  }

  function checkName(value: unknown, spec: ValueSpec, path: PathSegment[]) {
    if (typeof spec !== 'string' && !spec.includes(String(value)))
      at(path, `'${String(value)}' is not one of ${spec.join(', ')}`);
  }

  function checkOutput(o: CalculationOutput, spec: OutputSpec, path: PathSegment[]) {
    if (typeof spec === 'object' && 'rows' in spec) {
      if (!o.fields) return at(path, `output '${o.id}' is a list of rows: give its 'fields'`);
      for (const [id, sub] of Object.entries(spec.rows)) {
        const f = o.fields.find((x) => x.id === id);
        if (!f)
          at(
            [...path, 'fields'],
            `method returns field '${id}' (${describeValue(sub)}) in '${o.id}': declare it`,
          );
        else
          checkValue(
            f.unit,
            sub,
            [...path, 'fields', o.fields.indexOf(f)],
            `field '${id}' of output '${o.id}'`,
          );
      }
      o.fields.forEach((f, j) => {
        if (!Object.hasOwn(spec.rows, f.id))
          at([...path, 'fields', j, 'id'], `the method returns no field '${f.id}' in '${o.id}'`);
      });
      return;
    }
    if (o.fields) return at([...path, 'fields'], `output '${o.id}' is a single value, not rows`);
    checkValue(o.unit, spec, [...path, 'unit'], `output '${o.id}'`);
  }

  // With a method unknown, what it would read is unknown too: report the method alone.
  if (versions.length > 0 && versions.every((v) => METHODS.has(v.method))) {
    file.inputs.forEach((f, i) => {
      if (!reads.inputs.has(f.id)) at(['inputs', i, 'id'], `input '${f.id}' is read by no method`);
    });
    file.parameters.forEach((p, i) => {
      const read = reads.parameters.has(p.id);
      if (!read && !p.informational)
        at(
          ['parameters', i, 'id'],
          `parameter '${p.id}' is read by no method: remove it, or mark it 'informational: true'`,
        );
      else if (read && p.informational)
        at(
          ['parameters', i, 'informational'],
          `parameter '${p.id}' is marked informational but the method reads it`,
        );
    });
    file.tables.forEach((t, i) => {
      if (!reads.tables.has(t.id)) at(['tables', i, 'id'], `table '${t.id}' is read by no method`);
      else
        t.columns.forEach((c, j) => {
          if (!columnsRead.get(t.id)?.has(c.id))
            at(['tables', i, 'columns', j, 'id'], `column '${c.id}' of table '${t.id}' is read by no method`);
        });
    });
    (file.switches ?? []).forEach((s, i) => {
      if (!reads.switches.has(s.id)) at(['switches', i, 'id'], `switch '${s.id}' is read by no method`);
    });
    file.outputs.forEach((o, i) => {
      if (!reads.outputs.has(o.id)) at(['outputs', i, 'id'], `output '${o.id}' is returned by no method`);
    });
  }
  checkExamples(file, switches, at);

  return {
    id: owner,
    jurisdiction: file.jurisdiction,
    title: file.title,
    ...(file.description ? { description: file.description } : {}),
    basis: file.basis,
    source: file.source,
    file: source,
    inForce,
    ...(file.evaluatedAt ? { evaluatedAt: file.evaluatedAt } : {}),
    versions: versions.map(({ index: _i, ...v }) => v),
    switches,
    inputs: file.inputs,
    fields,
    parameters,
    tables,
    outputs: file.outputs,
    examples: file.examples,
  };
}

function checkOutputs(outputs: readonly CalculationOutput[], path: PathSegment[], at: At): void {
  const ids = new Set<string>();
  outputs.forEach((o, i) => {
    if (ids.has(o.id)) at([...path, i, 'id'], `duplicate output '${o.id}'`);
    ids.add(o.id);
    if (o.unit && o.decimals === undefined)
      at([...path, i], `missing key: numeric output '${o.id}' needs 'decimals' (places kept, half-up)`);
    if (!o.unit && o.decimals !== undefined)
      at([...path, i, 'decimals'], `only numeric outputs (with a unit) have decimals`);
    if (o.fields) checkOutputs(o.fields, [...path, i, 'fields'], at);
  });
}

function checkExamples(file: CalculationFile, switches: ReadonlyMap<string, Switch>, at: At): void {
  const ids = new Set<string>();
  const outputs = new Set(file.outputs.map((o) => o.id));
  file.examples.forEach((ex, i) => {
    const path: PathSegment[] = ['examples', i];
    if (ids.has(ex.id)) at([...path, 'id'], `duplicate example id '${ex.id}'`);
    ids.add(ex.id);
    if (!file.evaluatedAt && !ex.asOf)
      at(path, `missing key: example '${ex.id}' needs 'asOf' (the calculation has no evaluatedAt input)`);
    for (const [id, value] of Object.entries(ex.switches ?? {}) as [string, Scalar][])
      checkSwitchValue(switches, id, value, [...path, 'switches', id], at);
    for (const id of Object.keys(ex.expect))
      if (!outputs.has(id) && id !== 'error') at([...path, 'expect', id], `unknown output '${id}'`, true);
  });
}

const describeValue = (spec: ValueSpec): string =>
  typeof spec !== 'string' ? `one of ${spec.join(', ')}` : spec === 'name' ? 'a name' : `a number in ${spec}`;
const describeInput = (spec: InputSpec): string =>
  spec.type === 'number' ? `number in ${spec.unit}` : spec.type;
const describeOutput = (spec: OutputSpec): string =>
  typeof spec === 'object' && 'rows' in spec ? 'rows' : describeValue(spec);
