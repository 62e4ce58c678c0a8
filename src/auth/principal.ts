// Who a verified bearer token speaks for. Only verify.ts builds a Principal, from checked claims.

export const ROLES = ['officer', 'policy', 'external', 'compliance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles bound to one organisation: an officer or an external system sees and acts only within it. */
export const ORGANISATION_BOUND_ROLES: readonly Role[] = ['officer', 'external'];

export interface Principal {
  /** The token's `sub`: a person or an external system. */
  subject: string;
  roles: readonly Role[];
  /** Required when a role is organisation-bound; otherwise absent unless the token names one. */
  organisation?: string;
  issuer: string;
  expiresAt: Date;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function needsOrganisation(roles: readonly Role[]): boolean {
  return roles.some((r) => ORGANISATION_BOUND_ROLES.includes(r));
}
