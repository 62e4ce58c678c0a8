import { describe, expect, it } from 'vitest';
import { authorize, caseScope, OPERATIONS, type Operation } from '../../src/auth/policy.ts';
import { type Principal, ROLES, type Role } from '../../src/auth/principal.ts';

const principal = (roles: Role[], organisation?: string): Principal => ({
  subject: 's',
  roles,
  ...(organisation ? { organisation } : {}),
  issuer: 'i',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});

// Expected result for a principal of organisation org-1 on a case of org-1 ("own") and of org-2
// ("other"); operations that are not on a case have one value for both.
type Row = Record<Operation, { own: boolean; other: boolean }>;
const yes = { own: true, other: true };
const no = { own: false, other: false };
const ownOnly = { own: true, other: false };
const EXPECTED: Record<Role, Row> = {
  officer: {
    'case.read': ownOnly,
    'case.act': ownOnly,
    'case.start': ownOnly,
    'rules.publish': no,
    'rules.validate-draft': no,
    'compliance.query': no,
    admin: no,
  },
  external: {
    'case.read': ownOnly,
    'case.act': ownOnly,
    'case.start': ownOnly,
    'rules.publish': no,
    'rules.validate-draft': no,
    'compliance.query': no,
    admin: no,
  },
  policy: {
    'case.read': yes,
    'case.act': no,
    'case.start': no,
    'rules.publish': yes,
    'rules.validate-draft': yes,
    'compliance.query': no,
    admin: no,
  },
  compliance: {
    'case.read': yes,
    'case.act': no,
    'case.start': no,
    'rules.publish': no,
    'rules.validate-draft': no,
    'compliance.query': yes,
    admin: no,
  },
  admin: {
    'case.read': yes,
    'case.act': yes,
    'case.start': yes,
    'rules.publish': yes,
    'rules.validate-draft': yes,
    'compliance.query': yes,
    admin: yes,
  },
};

const isCaseOperation = (op: Operation) => op.startsWith('case.');

describe('authorize: role × organisation × operation', () => {
  const cells = ROLES.flatMap((role) =>
    OPERATIONS.flatMap((operation) =>
      (['own', 'other'] as const).map((where) => ({ role, operation, where })),
    ),
  );
  it('covers every role and operation', () => {
    expect(cells).toHaveLength(5 * 7 * 2);
  });

  it.each(cells)('$role $operation on $where organisation', ({ role, operation, where }) => {
    const p = principal([role], 'org-1');
    const caseOrganisation = where === 'own' ? 'org-1' : 'org-2';
    const decision = isCaseOperation(operation)
      ? authorize(p, operation, caseOrganisation)
      : authorize(p, operation);
    expect(decision.allowed).toBe(EXPECTED[role][operation][where]);
  });

  it('lets cross-organisation roles act without an organisation claim', () => {
    expect(authorize(principal(['compliance']), 'case.read', 'org-2')).toEqual({ allowed: true });
    expect(authorize(principal(['admin']), 'case.act', 'org-2')).toEqual({ allowed: true });
  });

  it('says why it refuses', () => {
    expect(authorize(principal(['officer'], 'org-1'), 'case.act', 'org-2')).toEqual({
      allowed: false,
      reason: "case.act: the case belongs to organisation 'org-2', not 'org-1'",
    });
    expect(authorize(principal(['external'], 'org-1'), 'rules.publish')).toEqual({
      allowed: false,
      reason: 'role(s) external may not rules.publish',
    });
  });

  it('grants what any of several roles grants', () => {
    const officerAndPolicy = principal(['officer', 'policy'], 'org-1');
    expect(authorize(officerAndPolicy, 'case.act', 'org-2').allowed).toBe(false);
    expect(authorize(officerAndPolicy, 'case.read', 'org-2').allowed).toBe(true);
    expect(authorize(officerAndPolicy, 'rules.publish').allowed).toBe(true);
  });

  it('needs the case organisation for case operations', () => {
    expect(() => authorize(principal(['admin']), 'case.read')).toThrow(
      'case.read needs the organisation of the case',
    );
  });
});

describe('caseScope', () => {
  it('limits officers and external systems to their organisation', () => {
    expect(caseScope(principal(['officer'], 'org-1'))).toEqual({
      kind: 'organisation',
      organisation: 'org-1',
    });
    expect(caseScope(principal(['external'], 'org-3'), 'case.act')).toEqual({
      kind: 'organisation',
      organisation: 'org-3',
    });
  });

  it('opens every organisation to policy, compliance and admin reads', () => {
    for (const role of ['policy', 'compliance', 'admin'] as const)
      expect(caseScope(principal([role]))).toEqual({ kind: 'all' });
  });

  it('is empty for an operation no role grants', () => {
    expect(caseScope(principal(['compliance']), 'case.act')).toEqual({ kind: 'none' });
  });
});
