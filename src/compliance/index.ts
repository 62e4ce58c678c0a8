// Compliance reporting over the case read model, for the API layer.
export {
  type AtRiskDeadline,
  type AtRiskPage,
  type AtRiskQuery,
  atRiskCutoffs,
  findAtRisk,
} from './at-risk.ts';
export { type Breach, type BreachPage, type BreachQuery, findBreaches } from './breaches.ts';
export { type BreachCount, type BreachCountQuery, type BreachGrouping, countBreaches } from './counts.ts';
export type { CaseFilters, Queryable } from './filters.ts';
export { ComplianceQueryError } from './query-input.ts';
