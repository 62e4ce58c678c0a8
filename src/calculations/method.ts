// A calculation method: the engine's implementation of one legal formula. It declares what it reads
// (inputs, parameters, tables, switches, each in the unit it computes in) and what it returns; the
// loader holds every calculation rule file to that contract, and the runner hands the method values
// already converted into those units. Methods are pure: no clock, no I/O, every legal number read
// from the rule file through the context.
import type { Scalar, Unit } from '../rules/schema.ts';
import type { Exact } from './exact.ts';

/** An input as the method reads it; a number arrives converted into `unit`. */
export type InputSpec =
  | { type: 'number'; unit: Unit }
  | { type: 'string' | 'date' | 'boolean' }
  | { type: 'object-list'; fields: Readonly<Record<string, InputSpec>> };

/**
 * A unit for a numeric column or parameter; `name` for names and true/false; or the list of names
 * the method knows (the loader refuses any other value).
 */
export type ValueSpec = Unit | 'name' | readonly string[];

/** A result: a number in `unit`, a name/date/list of remarks, or rows of such. */
export type OutputSpec = ValueSpec | { rows: Readonly<Record<string, ValueSpec>> };

export interface MethodContract {
  inputs: Readonly<Record<string, InputSpec>>;
  parameters: Readonly<Record<string, ValueSpec>>;
  tables: Readonly<Record<string, Readonly<Record<string, ValueSpec>>>>;
  switches: Readonly<Record<string, readonly Scalar[]>>;
  outputs: Readonly<Record<string, OutputSpec>>;
}

export type Cell = Exact | string | boolean;
export type InputRecord = Readonly<Record<string, Cell | undefined>>;

/** One row of a table, numbers converted into the contract's units. */
export interface TableRow {
  number(column: string): Exact;
  name(column: string): string;
  flag(column: string): boolean;
}

export interface MethodContext {
  /** The date whose rule versions apply. */
  readonly date: string;
  number(input: string): Exact | undefined;
  text(input: string): string | undefined;
  records(input: string): readonly InputRecord[] | undefined;
  parameter(id: string): Exact;
  names(id: string): readonly Scalar[];
  table(id: string): readonly TableRow[];
  switch(id: string): Scalar;
  /** "decree576 A3-B §4" — the citation of a parameter or table, for messages. */
  clause(id: string): string;
}

export type OutputRow = Readonly<Record<string, Cell | undefined>>;
export type OutputValue = Cell | readonly string[] | readonly OutputRow[];

export interface CalculationMethod {
  id: string;
  contract: MethodContract;
  compute(ctx: MethodContext): Readonly<Record<string, OutputValue | undefined>>;
}

/** Inputs that do not allow the calculation, each named: "utilizationCoefficient: required for …". */
export class CalculationInputError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid inputs:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
