// Bearer token → Principal. Signature, algorithm, issuer, audience and time are checked by jose
// before any claim is read; only then are roles and organisation taken from the payload.
import type { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  importSPKI,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { ALLOWED_ALGORITHMS, type Algorithm, type AuthConfig, AuthConfigError } from './config.ts';
import {
  isRole,
  needsOrganisation,
  ORGANISATION_BOUND_ROLES,
  type Principal,
  type Role,
} from './principal.ts';

export type AuthErrorCode =
  | 'missing-header'
  | 'malformed'
  | 'disallowed-algorithm'
  | 'unknown-key'
  | 'key-unavailable'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claim'
  | 'unknown-role'
  | 'missing-organisation';

/** Why a request is not authenticated; `message` is safe to return to the caller. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type VerificationKey = webcrypto.CryptoKey | JWTVerifyGetKey;

export interface VerifierOptions {
  issuer: string;
  audience: string;
  key: VerificationKey;
  algorithms: readonly Algorithm[];
  clockToleranceSeconds: number;
}

export type VerifyBearer = (authorization: string | undefined) => Promise<Principal>;

export function createVerifier(options: VerifierOptions): VerifyBearer {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...options.algorithms],
    clockTolerance: options.clockToleranceSeconds,
    requiredClaims: ['sub', 'exp'],
  };
  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: JWTPayload;
    try {
      // Two calls instead of a union argument: jwtVerify's overloads take a key or a key getter.
      const key = options.key;
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions));
    } catch (e) {
      throw toAuthError(e);
    }
    return principalOf(payload);
  };
}

/** Loads the configured key (PEM, JWKS file or JWKS URL) and returns the verifier. */
export async function verifierFromConfig(config: AuthConfig): Promise<VerifyBearer> {
  const { keys } = config;
  const common = {
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
  };
  switch (keys.kind) {
    case 'public-key-pem': {
      const pem = await readFile(keys.file, 'utf8').catch((e: Error) => {
        throw new AuthConfigError(`GRIDCASE_JWT_PUBLIC_KEY_FILE: ${e.message}`);
      });
      const key = await importSPKI(pem, keys.algorithm).catch((e: Error) => {
        throw new AuthConfigError(
          `GRIDCASE_JWT_PUBLIC_KEY_FILE: not a ${keys.algorithm} public key: ${e.message}`,
        );
      });
      return createVerifier({ ...common, key, algorithms: [keys.algorithm] });
    }
    case 'jwks-file': {
      let jwks: JSONWebKeySet;
      try {
        jwks = JSON.parse(await readFile(keys.file, 'utf8'));
      } catch (e) {
        throw new AuthConfigError(`GRIDCASE_JWKS_FILE: ${(e as Error).message}`);
      }
      if (!Array.isArray(jwks?.keys))
        throw new AuthConfigError('GRIDCASE_JWKS_FILE: expected { "keys": [...] }');
      return createVerifier({ ...common, key: createLocalJWKSet(jwks), algorithms: ALLOWED_ALGORITHMS });
    }
    case 'jwks-url':
      return createVerifier({ ...common, key: createRemoteJWKSet(keys.url), algorithms: ALLOWED_ALGORITHMS });
  }
}

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '')
    throw new AuthError('missing-header', 'no Authorization header: send "Authorization: Bearer <token>"');
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
  if (!match?.[1])
    throw new AuthError('malformed', 'Authorization header is not "Bearer <JWS compact token>"');
  return match[1];
}

function toAuthError(e: unknown): AuthError {
  if (e instanceof errors.JWTExpired) return new AuthError('expired', 'token has expired');
  if (e instanceof errors.JWTClaimValidationFailed) {
    switch (e.claim) {
      case 'iss':
        return new AuthError('wrong-issuer', 'token is from another issuer');
      case 'aud':
        return new AuthError('wrong-audience', 'token is meant for another audience');
      case 'nbf':
        return new AuthError('not-yet-valid', 'token is not valid yet (nbf)');
      default:
        return new AuthError('missing-claim', `token claim '${e.claim}' is missing or invalid: ${e.message}`);
    }
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported)
    return new AuthError(
      'disallowed-algorithm',
      `token algorithm is not allowed (${ALLOWED_ALGORITHMS.join(', ')})`,
    );
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return new AuthError('bad-signature', 'token signature does not verify');
  if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys)
    return new AuthError('unknown-key', 'no single configured key matches the token');
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid)
    return new AuthError('key-unavailable', 'verification keys could not be fetched');
  if (e instanceof errors.JOSEError) return new AuthError('malformed', `token is malformed: ${e.message}`);
  throw e;
}

function principalOf(payload: JWTPayload): Principal {
  const roles = payload.roles;
  if (!Array.isArray(roles) || roles.length === 0)
    throw new AuthError('missing-claim', "token claim 'roles' must be a non-empty array");
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length)
    throw new AuthError('unknown-role', `unknown role(s): ${unknown.map(String).join(', ')}`);
  const known = roles as Role[];
  const organisation = payload.organisation;
  if (organisation !== undefined && (typeof organisation !== 'string' || organisation === ''))
    throw new AuthError('missing-claim', "token claim 'organisation' must be a non-empty string");
  if (organisation === undefined && needsOrganisation(known))
    throw new AuthError(
      'missing-organisation',
      `role(s) ${known.filter((r) => ORGANISATION_BOUND_ROLES.includes(r)).join(', ')} need an 'organisation' claim`,
    );
  return {
    subject: payload.sub as string,
    roles: [...new Set(known)],
    ...(organisation !== undefined ? { organisation } : {}),
    issuer: payload.iss as string,
    expiresAt: new Date((payload.exp as number) * 1000),
  };
}
