// Who may do what, in one place: pure functions the GraphQL scope-auth plugin calls with the
// verified Principal. A principal with several roles may do what any one of them allows.
import { ORGANISATION_BOUND_ROLES, type Principal, type Role } from './principal.ts';

export const OPERATIONS = [
  'case.read',
  'case.act',
  'case.start',
  'rules.publish',
  'rules.validate-draft',
  'compliance.query',
  'admin',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Operations on one case: they carry the case's organisation and the organisation rule applies. */
export const CASE_OPERATIONS: readonly Operation[] = ['case.read', 'case.act', 'case.start'];

// Officers and external systems work cases of their own organisation; policy staff edit and
// check rules and read cases to see a change's impact; compliance reads and queries across
// organisations without acting; admin may do everything.
const PERMISSIONS: Record<Role, readonly Operation[]> = {
  officer: ['case.read', 'case.act', 'case.start'],
  external: ['case.read', 'case.act', 'case.start'],
  policy: ['case.read', 'rules.publish', 'rules.validate-draft'],
  compliance: ['case.read', 'compliance.query'],
  admin: OPERATIONS,
};

export type Decision = { allowed: true } | { allowed: false; reason: string };

/**
 * May `principal` perform `operation`? Case operations need the organisation of the case (for
 * case.start, the organisation the new case will belong to).
 */
export function authorize(principal: Principal, operation: Operation, caseOrganisation?: string): Decision {
  const isCaseOperation = CASE_OPERATIONS.includes(operation);
  if (isCaseOperation && caseOrganisation === undefined)
    throw new Error(`${operation} needs the organisation of the case`);
  const granting = principal.roles.filter((r) => PERMISSIONS[r].includes(operation));
  if (granting.length === 0)
    return { allowed: false, reason: `role(s) ${principal.roles.join(', ')} may not ${operation}` };
  if (!isCaseOperation || granting.some((r) => !ORGANISATION_BOUND_ROLES.includes(r)))
    return { allowed: true };
  if (principal.organisation === caseOrganisation) return { allowed: true };
  return {
    allowed: false,
    reason: `${operation}: the case belongs to organisation '${caseOrganisation}', not '${principal.organisation}'`,
  };
}

export type CaseScope = { kind: 'none' } | { kind: 'all' } | { kind: 'organisation'; organisation: string };

/** Which cases a list or search for `operation` may return, to filter queries rather than rows. */
export function caseScope(principal: Principal, operation: Operation = 'case.read'): CaseScope {
  const granting = principal.roles.filter((r) => PERMISSIONS[r].includes(operation));
  if (granting.length === 0) return { kind: 'none' };
  if (granting.some((r) => !ORGANISATION_BOUND_ROLES.includes(r))) return { kind: 'all' };
  // verify.ts guarantees an organisation whenever an organisation-bound role is present.
  return { kind: 'organisation', organisation: principal.organisation as string };
}
