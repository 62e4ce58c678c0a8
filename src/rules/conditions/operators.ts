// Operator semantics. The first group mirrors json-rules-engine's built-ins exactly (the
// differential test holds the compiled evaluator to that); the second group is what the law needs
// and is registered into json-rules-engine too, so both evaluators share one definition of each.
import type { Operator } from '../schema.ts';

export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

// json-rules-engine's test is parseFloat(v).toString() !== 'NaN'; for a number that is exactly
// "not NaN", which skips a string conversion on the hot path.
const isNumeric = (v: unknown): boolean =>
  typeof v === 'number' ? !Number.isNaN(v) : Number.parseFloat(v as string).toString() !== 'NaN';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const isDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v);
const asDate = (v: unknown): string => String(v).slice(0, 10);
/** An instant with its UTC offset, as input fields of type `instant` hold them. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Anything that is not an instant compares as NaN, so every instant comparison with it is false.
const epochMs = (v: unknown): number =>
  typeof v === 'string' && ISO_INSTANT.test(v) ? Date.parse(v) : Number.NaN;
const includes = (list: unknown, item: unknown): boolean => Array.isArray(list) && list.indexOf(item) > -1;

/** json-rules-engine's own operators, re-stated for the compiled evaluator. */
export const builtInOperators: Record<string, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};

/**
 * Operators the law needs: date comparisons on calendar dates, exact comparisons of instants
 * (whatever their UTC offsets), set relations, emptiness.
 */
export const legalOperators: Record<string, OperatorFn> = {
  dateBefore: (a, b) => isDate(a) && asDate(a) < asDate(b),
  dateOnOrBefore: (a, b) => isDate(a) && asDate(a) <= asDate(b),
  dateAfter: (a, b) => isDate(a) && asDate(a) > asDate(b),
  dateOnOrAfter: (a, b) => isDate(a) && asDate(a) >= asDate(b),
  instantBefore: (a, b) => epochMs(a) < epochMs(b),
  instantOnOrBefore: (a, b) => epochMs(a) <= epochMs(b),
  instantAfter: (a, b) => epochMs(a) > epochMs(b),
  instantOnOrAfter: (a, b) => epochMs(a) >= epochMs(b),
  subsetOf: (a, b) => Array.isArray(a) && a.every((x) => includes(b, x)),
  supersetOf: (a, b) => Array.isArray(a) && Array.isArray(b) && b.every((x) => a.indexOf(x) > -1),
  isEmpty: (a, b) => Array.isArray(a) && (a.length === 0) === b,
};

export const operators: Record<Operator, OperatorFn> = { ...builtInOperators, ...legalOperators } as Record<
  Operator,
  OperatorFn
>;

/** What each operator expects on the value side, for load-time checks. */
export const valueShape: Record<Operator, 'scalar' | 'number' | 'date' | 'instant' | 'list' | 'boolean'> = {
  equal: 'scalar',
  notEqual: 'scalar',
  in: 'list',
  notIn: 'list',
  contains: 'scalar',
  doesNotContain: 'scalar',
  lessThan: 'number',
  lessThanInclusive: 'number',
  greaterThan: 'number',
  greaterThanInclusive: 'number',
  dateBefore: 'date',
  dateOnOrBefore: 'date',
  dateAfter: 'date',
  dateOnOrAfter: 'date',
  instantBefore: 'instant',
  instantOnOrBefore: 'instant',
  instantAfter: 'instant',
  instantOnOrAfter: 'instant',
  subsetOf: 'list',
  supersetOf: 'list',
  isEmpty: 'boolean',
};
