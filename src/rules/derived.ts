// Derived facts: one number computed from a list input before the decisions, with units — e.g. the
// lowest average demand over the intervals of telemetry evidence (each interval's energy over its
// length). Linked once (units, fields, parameters checked at file:line:column) and computed per date.
import { convert, dimensionOf, perDuration, perTimeDimensionOf } from '../units/units.ts';
import type { At, Field, LinkedParameter } from './link-common.ts';
import type { Derived, InputField, Unit } from './schema.ts';
import type { PathSegment } from './yaml-source.ts';

export interface LinkedDerived {
  id: string;
  title: string;
  unit: Unit;
  note?: string;
  /** The list input, by dotted name. */
  from: string;
  aggregate: Derived['aggregate'];
  /** The item field aggregated (object-list), absent for a number-list; and the values' unit. */
  of?: { field?: string; unit: Unit };
  /** The duration each value is divided by: an item field or a parameter, with its unit. */
  per?: { field: string; unit: Unit } | { parameter: string; unit: Unit };
}

/**
 * Links the derived facts and adds each to `fields` as a number, so that conditions can compare
 * it. Returns them with the parameters they read.
 */
export function linkDerived(
  list: readonly Derived[],
  fields: Map<string, Field>,
  parameters: ReadonlyMap<string, LinkedParameter>,
  at: At,
): { derived: LinkedDerived[]; parameters: Set<string> } {
  const derived: LinkedDerived[] = [];
  const read = new Set<string>();
  list.forEach((d, i) => {
    const path: PathSegment[] = ['derived', i];
    if (typeof d.per === 'object') read.add(d.per.parameter);
    const linked = linkOne(d, path, fields, parameters, at);
    if (fields.has(d.id))
      return at([...path, 'id'], `duplicate fact name '${d.id}' (an input field or derived fact)`);
    fields.set(d.id, {
      id: d.id,
      name: d.id,
      type: 'number',
      unit: d.unit,
      description: d.title,
      derived: true,
    });
    if (linked) derived.push(linked);
  });
  return { derived, parameters: read };
}

function linkOne(
  d: Derived,
  path: PathSegment[],
  fields: ReadonlyMap<string, Field>,
  parameters: ReadonlyMap<string, LinkedParameter>,
  at: At,
): LinkedDerived | undefined {
  const base = {
    id: d.id,
    title: d.title,
    unit: d.unit,
    ...(d.note ? { note: d.note } : {}),
    from: d.from,
    aggregate: d.aggregate,
  };
  const list = fields.get(d.from);
  if (!list || (list.type !== 'object-list' && list.type !== 'number-list')) {
    at(
      [...path, 'from'],
      `from must name an object-list or number-list input field, not '${d.from}'${list ? ` (${list.type})` : ''}`,
    );
    return undefined;
  }
  if (d.aggregate === 'count') {
    if (d.unit !== 'count') at([...path, 'unit'], `a count is in unit count, not ${d.unit}`);
    if (d.of !== undefined || d.per !== undefined)
      at(path, `a count counts the items of '${d.from}': it takes neither 'of' nor 'per'`);
    return base;
  }
  const values = valuesOf(d, list, path, at);
  if (!values) return undefined;
  const per = d.per === undefined ? undefined : durationOf(d.per, list, path, parameters, at);
  if (d.per !== undefined && !per) return undefined;
  const describe = (u: Unit) => `${u} (${dimensionOf(u)})`;
  if (per) {
    const rate = perTimeDimensionOf(values.unit);
    if (rate !== dimensionOf(d.unit)) {
      at(
        [...path, 'unit'],
        `unit mismatch: ${describe(values.unit)} per ${describe(per.unit)} is ${rate ?? 'no listed quantity'}, not ${describe(d.unit)}`,
      );
      return undefined;
    }
  } else if (dimensionOf(values.unit) !== dimensionOf(d.unit)) {
    at(
      [...path, 'unit'],
      `unit mismatch: '${d.from}' values are in ${describe(values.unit)}, not ${describe(d.unit)}`,
    );
    return undefined;
  }
  return { ...base, of: values, ...(per ? { per } : {}) };
}

/** The values aggregated: an item field of an object-list, or the numbers of a number-list. */
function valuesOf(d: Derived, list: Field, path: PathSegment[], at: At): LinkedDerived['of'] {
  if (list.type === 'number-list') {
    if (d.of !== undefined)
      at([...path, 'of'], `'${d.from}' is a number-list: its numbers are the values, drop 'of'`);
    if (!list.unit) at([...path, 'from'], `'${d.from}' has no unit: give the number-list a unit`);
    return list.unit ? { unit: list.unit } : undefined;
  }
  if (d.of === undefined) {
    at(path, `missing key: '${d.from}' is a list of objects: name the numeric item field in 'of'`);
    return undefined;
  }
  const field = itemField(list, d.of);
  if (field?.type !== 'number' || !field.unit) {
    at(
      [...path, 'of'],
      `'${d.of}' is not a numeric field of the items of '${d.from}' (${numericItems(list)})`,
    );
    return undefined;
  }
  return { field: d.of, unit: field.unit };
}

function durationOf(
  per: NonNullable<Derived['per']>,
  list: Field,
  path: PathSegment[],
  parameters: ReadonlyMap<string, LinkedParameter>,
  at: At,
): LinkedDerived['per'] {
  const isTime = (u?: Unit) => u !== undefined && dimensionOf(u) === 'time';
  if (typeof per === 'object') {
    const p = parameters.get(per.parameter);
    if (!p) {
      at([...path, 'per', 'parameter'], `unknown parameter '${per.parameter}'`);
      return undefined;
    }
    if (!isTime(p.unit) || p.versions.some((v) => typeof v.value !== 'number')) {
      at([...path, 'per', 'parameter'], `per needs a duration: '${p.id}' is not a number in a time unit`);
      return undefined;
    }
    return { parameter: p.id, unit: p.unit as Unit };
  }
  const field = list.type === 'object-list' ? itemField(list, per) : undefined;
  if (field?.type !== 'number' || !isTime(field.unit)) {
    at(
      [...path, 'per'],
      `per needs a duration: '${per}' is not a numeric item field of '${list.name}' in a time unit`,
    );
    return undefined;
  }
  return { field: per, unit: field.unit as Unit };
}

const itemField = (list: Field, id: string): InputField | undefined => list.fields?.find((f) => f.id === id);
const numericItems = (list: Field) =>
  `numeric item fields: ${
    (list.fields ?? [])
      .filter((f) => f.type === 'number')
      .map((f) => f.id)
      .join(', ') || 'none'
  }`;

/**
 * The derived facts' values. A value the items cannot give (an absent list, an item without the
 * value, a duration of zero, min or max of no items) is absent, so every comparison with it is false.
 */
export function deriveValues(
  derived: readonly LinkedDerived[],
  facts: Readonly<Record<string, unknown>>,
  parameterValue: (id: string) => number,
): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const d of derived) {
    const items = facts[d.from];
    const list = Array.isArray(items) ? items : [];
    if (d.aggregate === 'count') {
      out[d.id] = list.length;
      continue;
    }
    const values = list.map((item) => itemValue(d, item, parameterValue));
    out[d.id] = values.every((v): v is number => v !== undefined)
      ? aggregate(d.aggregate, values)
      : undefined;
  }
  return out;
}

function itemValue(
  d: LinkedDerived,
  item: unknown,
  parameterValue: (id: string) => number,
): number | undefined {
  const of = d.of as NonNullable<LinkedDerived['of']>;
  const value = of.field === undefined ? item : (item as Record<string, unknown> | null)?.[of.field];
  if (typeof value !== 'number') return undefined;
  if (!d.per) return convert(value, of.unit, d.unit);
  const duration =
    'parameter' in d.per ? parameterValue(d.per.parameter) : (item as Record<string, unknown>)[d.per.field];
  if (typeof duration !== 'number' || duration <= 0) return undefined;
  return perDuration(value, of.unit, duration, d.per.unit, d.unit);
}

function aggregate(kind: Exclude<Derived['aggregate'], 'count'>, values: number[]): number | undefined {
  if (kind === 'sum') return Number(values.reduce((a, b) => a + b, 0).toPrecision(12));
  if (values.length === 0) return undefined;
  return kind === 'min' ? Math.min(...values) : Math.max(...values);
}
