// The embedded dev issuer: an ES256 key pair kept under <data>/dev-issuer/ so tokens survive a
// restart, used by `gridcase start` when no key is configured and by `gridcase auth token`.
// It is for development only: anyone who can read the data directory can mint any role.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { needsOrganisation, ROLES, type Role } from './principal.ts';
import { createVerifier, type VerifyBearer } from './verify.ts';

export const DEV_ISSUER = 'gridcase-dev';
export const DEV_AUDIENCE = 'gridcase';
export const SAMPLE_ORGANISATION = 'org-1';
export const DEFAULT_DEV_TOKEN_SECONDS = 8 * 3600;
const ALGORITHM = 'ES256';

export interface MintRequest {
  roles: readonly Role[];
  organisation?: string;
  subject?: string;
  expiresInSeconds: number;
}

export interface DevIssuer {
  issuer: string;
  audience: string;
  keyId: string;
  /** Where the key pair is kept. */
  dir: string;
  mint(request: MintRequest): Promise<{ token: string; expiresAt: Date }>;
  verifier(clockToleranceSeconds: number): VerifyBearer;
}

export function devIssuerDir(dataDir: string): string {
  return path.join(dataDir, 'dev-issuer');
}

/** Loads the dev key pair from <dataDir>/dev-issuer/, generating it on first use. */
export async function loadOrCreateDevIssuer(
  dataDir: string,
): Promise<{ issuer: DevIssuer; created: boolean }> {
  const dir = devIssuerDir(dataDir);
  const file = path.join(dir, 'private-key.jwk.json');
  let privateJwk: JWK;
  let created = false;
  try {
    privateJwk = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const pair = await generateKeyPair(ALGORITHM, { extractable: true });
    privateJwk = await exportJWK(pair.privateKey);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
    created = true;
  }
  const publicJwk: JWK = { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y };
  const keyId = await calculateJwkThumbprint(publicJwk);
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
    throw new Error(`${file}: not an EC key pair`);
  // Other tools (e.g. a GraphQL gateway) can verify dev tokens from this file.
  await writeFile(
    path.join(dir, 'jwks.json'),
    `${JSON.stringify({ keys: [{ ...publicJwk, kid: keyId, alg: ALGORITHM, use: 'sig' }] }, null, 2)}\n`,
  );
  const issuer: DevIssuer = {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    keyId,
    dir,
    mint: async ({ roles, organisation, subject, expiresInSeconds }) => {
      if (needsOrganisation(roles) && !organisation)
        throw new Error(`role(s) ${roles.join(', ')} need an organisation`);
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: [...roles], ...(organisation ? { organisation } : {}) })
        .setProtectedHeader({ alg: ALGORITHM, kid: keyId, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(subject ?? `dev-${roles.join('-')}`)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(privateKey);
      return { token, expiresAt: new Date((now + expiresInSeconds) * 1000) };
    },
    verifier: (clockToleranceSeconds) =>
      createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        key: publicKey,
        algorithms: [ALGORITHM],
        clockToleranceSeconds,
      }),
  };
  return { issuer, created };
}

export interface SampleToken {
  role: Role;
  organisation?: string;
  token: string;
  expiresAt: Date;
}

/** One token per role; officer and external get the sample organisation. */
export async function sampleTokens(issuer: DevIssuer, expiresInSeconds: number): Promise<SampleToken[]> {
  return Promise.all(
    ROLES.map(async (role) => {
      const organisation = needsOrganisation([role]) ? SAMPLE_ORGANISATION : undefined;
      const minted = await issuer.mint({
        roles: [role],
        expiresInSeconds,
        ...(organisation ? { organisation } : {}),
      });
      return { role, ...(organisation ? { organisation } : {}), ...minted };
    }),
  );
}
