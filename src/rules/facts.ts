// Validates a case's input facts (or a calculation's inputs) against the declared input fields and
// flattens nested objects into the dotted names conditions use (documents.servicingContract); each
// item of an object-list is checked and kept as an object. Defaults are applied here.
import { Temporal } from 'temporal-polyfill';
import { isRealDate } from './periods.ts';
import type { Field, ProcessModel } from './process-model.ts';
import type { InputField } from './schema.ts';

export class FactsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid facts:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export type FlatFacts = Record<string, unknown>;

export function prepareFacts(model: ProcessModel, input: Readonly<Record<string, unknown>>): FlatFacts {
  return prepareInputs(model.inputs, model.fields, input);
}

/** `fields` are the inputs by dotted name, as the linker names them. */
export function prepareInputs(
  inputs: readonly InputField[],
  fields: ReadonlyMap<string, Field>,
  input: Readonly<Record<string, unknown>>,
): FlatFacts {
  const problems: string[] = [];
  const out: FlatFacts = {};
  flatten(inputs, input, '', '', out, problems);
  for (const [name, field] of fields) {
    if (out[name] !== undefined || field.default === undefined) continue;
    const d = field.default;
    out[name] = typeof d === 'object' && d !== null && !Array.isArray(d) ? out[d.fact] : d;
  }
  for (const [name, field] of fields) {
    // A present but invalid value is already reported; "missing" would only repeat it.
    const reported = problems.some((p) => p.startsWith(`${name}: `));
    if (field.required && out[name] === undefined && !reported)
      problems.push(`${name}: required ${describe(field)} is missing`);
  }
  if (problems.length) throw new FactsError(problems);
  return out;
}

/** `prefix` names values in problems (tariffs[0].rate), `key` names them in `out` (tariffs.rate → rate). */
function flatten(
  fields: readonly InputField[],
  input: unknown,
  prefix: string,
  key: string,
  out: FlatFacts,
  problems: string[],
) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    problems.push(`${prefix.slice(0, -1) || 'facts'}: expected an object, got ${JSON.stringify(input)}`);
    return;
  }
  const byId = new Map(fields.map((f) => [f.id, f]));
  for (const [id, value] of Object.entries(input)) {
    const field = byId.get(id);
    const name = prefix + id;
    if (!field) {
      problems.push(`${name}: unknown input field (known: ${fields.map((f) => prefix + f.id).join(', ')})`);
      continue;
    }
    if (value === undefined || value === null) continue;
    if (field.type === 'object') {
      flatten(field.fields ?? [], value, `${name}.`, `${key + id}.`, out, problems);
      continue;
    }
    if (field.type === 'object-list') {
      if (!Array.isArray(value)) {
        problems.push(`${name}: expected a list of objects, got ${JSON.stringify(value)}`);
        continue;
      }
      out[key + id] = value.map((item, i) => {
        const one: FlatFacts = {};
        flatten(field.fields ?? [], item, `${name}[${i}].`, '', one, problems);
        for (const f of field.fields ?? []) {
          if (
            f.required &&
            one[f.id] === undefined &&
            !problems.some((p) => p.startsWith(`${name}[${i}].${f.id}: `))
          )
            problems.push(`${name}[${i}].${f.id}: required ${describe(f)} is missing`);
        }
        return one;
      });
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) problems.push(`${name}: ${problem}`);
    else out[key + id] = value;
  }
}

function describe(f: InputField): string {
  return f.unit ? `${f.type} (${f.unit})` : f.type;
}

function typeProblem(field: InputField, value: unknown): string | undefined {
  const got = JSON.stringify(value);
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `expected a number in ${field.unit}, got ${got}`;
      if (field.minimum !== undefined && value < field.minimum)
        return `must be at least ${field.minimum} ${field.unit}, got ${value}`;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return `expected true or false, got ${got}`;
      break;
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${got}`;
      break;
    case 'date':
      if (typeof value !== 'string' || !isRealDate(value)) return `expected a date YYYY-MM-DD, got ${got}`;
      break;
    case 'instant':
      try {
        Temporal.Instant.from(String(value));
        if (typeof value !== 'string') throw new Error();
      } catch {
        return `expected an ISO 8601 instant with offset, got ${got}`;
      }
      break;
    case 'string-list':
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
        return `expected a list of strings, got ${got}`;
      break;
    case 'number-list':
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'number'))
        return `expected a list of numbers, got ${got}`;
      break;
  }
  if (field.enum) {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !field.enum?.includes(v));
    if (bad !== undefined) return `'${bad}' is not one of ${field.enum.join(', ')}`;
  }
  return undefined;
}
