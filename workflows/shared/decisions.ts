// Decision values as the rule engine returns them (computed in activities, recorded in history);
// machines read them through named guards and never evaluate rules themselves.
export type Scalar = string | number | boolean;
export interface DecisionValue {
  value: Scalar;
  codes: readonly string[];
  /** Outcome message and clause of the rule that decided (or of `otherwise`), for reasons shown to people. */
  message?: string;
  clause?: string;
}
export type DecisionValues = Readonly<Record<string, DecisionValue>>;

export const decisionValue = (decisions: DecisionValues, id: string): Scalar | undefined =>
  decisions[id]?.value;
export const decisionCodes = (decisions: DecisionValues, id: string): readonly string[] =>
  decisions[id]?.codes ?? [];

interface DecisionArgs {
  context: { decisions: DecisionValues };
  event: object;
}
/** The decisions after a machine event: its own over those recorded; an event without any keeps them. */
export const decisionsAfter = ({ context, event }: DecisionArgs): DecisionValues =>
  'decisions' in event
    ? { ...context.decisions, ...(event as { decisions: DecisionValues }).decisions }
    : context.decisions;
/** A guard: the named decision is true after the event. */
export const decisionHolds =
  (id: string) =>
  (args: DecisionArgs): boolean =>
    decisionValue(decisionsAfter(args), id) === true;
/** A machine event as the workflow sends it: its type and the decisions at that event. */
export type Judged<T extends string> = { type: T; decisions: DecisionValues };
