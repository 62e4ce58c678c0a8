// Decision values as the rule engine returns them (computed in activities, recorded in history);
// machines read them through named guards and never evaluate rules themselves.
export type Scalar = string | number | boolean;
export type DecisionValues = Readonly<Record<string, { value: Scalar; codes: readonly string[] }>>;

export const decisionValue = (decisions: DecisionValues, id: string): Scalar | undefined =>
  decisions[id]?.value;
export const decisionCodes = (decisions: DecisionValues, id: string): readonly string[] =>
  decisions[id]?.codes ?? [];
