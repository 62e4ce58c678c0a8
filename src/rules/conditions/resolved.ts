// A condition tree after linking: parameters replaced by their values (in the fact's unit) for
// one date, decision references turned into facts named `decision:<id>`.
import type { Operator } from '../schema.ts';

export type Facts = Readonly<Record<string, unknown>>;

export interface ParameterRef {
  id: string;
  /** The parameter's value and unit as written, before conversion to the fact's unit. */
  value: unknown;
  unit?: string;
}

export type ResolvedCondition =
  | { kind: 'all' | 'any'; children: ResolvedCondition[] }
  | { kind: 'not'; child: ResolvedCondition }
  | {
      kind: 'leaf';
      fact: string;
      operator: Operator;
      /** Literal to compare with (absent when comparing with another fact). */
      value?: unknown;
      valueFact?: string;
      parameter?: ParameterRef;
    };

export type Explanation =
  | { kind: 'all' | 'any' | 'not'; result: boolean; children: Explanation[] }
  | {
      kind: 'leaf';
      fact: string;
      operator: Operator;
      actual: unknown;
      expected: unknown;
      result: boolean;
      valueFact?: string;
      parameter?: ParameterRef;
    };

export const decisionFact = (decisionId: string): string => `decision:${decisionId}`;
