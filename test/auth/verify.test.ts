import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { authSettingsFromEnv } from '../../src/auth/config.ts';
import {
  AuthError,
  type AuthErrorCode,
  createVerifier,
  type VerifyBearer,
  verifierFromConfig,
} from '../../src/auth/verify.ts';

const ISSUER = 'https://idp.example.kz';
const AUDIENCE = 'gridcase-api';
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let es: KeyPair;
let other: KeyPair;
let rs: KeyPair;
let verify: VerifyBearer;

const now = () => Math.floor(Date.now() / 1000);

function sign(
  key: KeyPair['privateKey'],
  claims: JWTPayload = { roles: ['officer'], organisation: 'org-1' },
  set: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
  alg = 'ES256',
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg, kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-7')
    .setIssuedAt()
    .setExpirationTime('1h');
  return set(jwt).sign(key);
}

async function rejection(header: string | undefined, verifier = verify): Promise<AuthErrorCode> {
  try {
    await verifier(header);
  } catch (e) {
    if (e instanceof AuthError) return e.code;
    throw e;
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  es = await generateKeyPair('ES256');
  other = await generateKeyPair('ES256');
  rs = await generateKeyPair('RS256');
  verify = createVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    key: es.publicKey,
    algorithms: ['ES256'],
    clockToleranceSeconds: 60,
  });
});

describe('verifyBearer', () => {
  it('returns the principal of a valid token', async () => {
    const token = await sign(es.privateKey);
    const p = await verify(`Bearer ${token}`);
    expect(p).toMatchObject({ subject: 'user-7', roles: ['officer'], organisation: 'org-1', issuer: ISSUER });
    expect(p.expiresAt.getTime() / 1000).toBeCloseTo(now() + 3600, -1);
  });

  it('accepts roles without an organisation for policy, compliance and admin', async () => {
    const p = await verify(`bearer ${await sign(es.privateKey, { roles: ['compliance', 'policy'] })}`);
    expect(p.roles).toEqual(['compliance', 'policy']);
    expect(p.organisation).toBeUndefined();
  });

  it('rejects a missing or empty header', async () => {
    expect(await rejection(undefined)).toBe('missing-header');
    expect(await rejection('  ')).toBe('missing-header');
  });

  it('rejects malformed headers and tokens', async () => {
    const token = await sign(es.privateKey);
    expect(await rejection(`Basic ${token}`)).toBe('malformed');
    expect(await rejection(token)).toBe('malformed');
    expect(await rejection('Bearer abc.def')).toBe('malformed');
    expect(await rejection('Bearer a.b.c')).toBe('malformed');
  });

  it('rejects a token signed by another key', async () => {
    expect(await rejection(`Bearer ${await sign(other.privateKey)}`)).toBe('bad-signature');
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await sign(es.privateKey)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ roles: ['admin'], sub: 'user-7', iss: ISSUER, aud: AUDIENCE, exp: now() + 60 }),
    ).toString('base64url');
    expect(await rejection(`Bearer ${h}.${forged}.${s}`)).toBe('bad-signature');
  });

  it('rejects alg none, HS256 and algorithms outside the pinned list', async () => {
    const unsecured = new UnsecuredJWT({ roles: ['admin'] })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .encode();
    expect(await rejection(`Bearer ${unsecured}`)).toBe('disallowed-algorithm');
    const secret = new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!');
    expect(await rejection(`Bearer ${await sign(secret as never, undefined, undefined, 'HS256')}`)).toBe(
      'disallowed-algorithm',
    );
    expect(await rejection(`Bearer ${await sign(rs.privateKey, undefined, undefined, 'RS256')}`)).toBe(
      'disallowed-algorithm',
    );
  });

  it('rejects an expired token, tolerating the configured clock skew', async () => {
    const expired = await sign(es.privateKey, undefined, (j) =>
      j.setIssuedAt(now() - 7200).setExpirationTime(now() - 120),
    );
    expect(await rejection(`Bearer ${expired}`)).toBe('expired');
    const withinSkew = await sign(es.privateKey, undefined, (j) => j.setExpirationTime(now() - 30));
    await expect(verify(`Bearer ${withinSkew}`)).resolves.toMatchObject({ subject: 'user-7' });
  });

  it('rejects a token not valid yet, tolerating the configured clock skew', async () => {
    const future = await sign(es.privateKey, undefined, (j) => j.setNotBefore(now() + 600));
    expect(await rejection(`Bearer ${future}`)).toBe('not-yet-valid');
    const withinSkew = await sign(es.privateKey, undefined, (j) => j.setNotBefore(now() + 30));
    await expect(verify(`Bearer ${withinSkew}`)).resolves.toMatchObject({ subject: 'user-7' });
  });

  it('rejects a wrong issuer or audience', async () => {
    expect(
      await rejection(`Bearer ${await sign(es.privateKey, undefined, (j) => j.setIssuer('https://evil'))}`),
    ).toBe('wrong-issuer');
    expect(
      await rejection(`Bearer ${await sign(es.privateKey, undefined, (j) => j.setAudience('other-api'))}`),
    ).toBe('wrong-audience');
  });

  it('rejects a token without subject, expiry or roles', async () => {
    const noExp = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .sign(es.privateKey);
    expect(await rejection(`Bearer ${noExp}`)).toBe('missing-claim');
    expect(await rejection(`Bearer ${await sign(es.privateKey, { roles: [] })}`)).toBe('missing-claim');
    expect(await rejection(`Bearer ${await sign(es.privateKey, { roles: 'admin' })}`)).toBe('missing-claim');
    expect(
      await rejection(`Bearer ${await sign(es.privateKey, { roles: ['admin'], organisation: 7 })}`),
    ).toBe('missing-claim');
  });

  it('rejects unknown roles', async () => {
    expect(
      await rejection(
        `Bearer ${await sign(es.privateKey, { roles: ['officer', 'root'], organisation: 'o' })}`,
      ),
    ).toBe('unknown-role');
  });

  it('rejects an officer or external system without an organisation', async () => {
    expect(await rejection(`Bearer ${await sign(es.privateKey, { roles: ['officer'] })}`)).toBe(
      'missing-organisation',
    );
    expect(await rejection(`Bearer ${await sign(es.privateKey, { roles: ['admin', 'external'] })}`)).toBe(
      'missing-organisation',
    );
  });
});

describe('verifier from configuration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gridcase-auth-'));
    await writeFile(path.join(dir, 'es.pem'), await exportSPKI(es.publicKey));
    await writeFile(path.join(dir, 'rs.pem'), await exportSPKI(rs.publicKey));
    const jwks = {
      keys: [
        { ...(await exportJWK(es.publicKey)), kid: 'k1', alg: 'ES256' },
        { ...(await exportJWK(rs.publicKey)), kid: 'k2', alg: 'RS256' },
      ],
    };
    await writeFile(path.join(dir, 'jwks.json'), JSON.stringify(jwks));
  });

  const fromEnv = async (env: NodeJS.ProcessEnv) => {
    const settings = authSettingsFromEnv({
      GRIDCASE_JWT_ISSUER: ISSUER,
      GRIDCASE_JWT_AUDIENCE: AUDIENCE,
      ...env,
    });
    if (settings.mode !== 'configured') throw new Error('expected configured keys');
    return verifierFromConfig(settings.config);
  };

  it('verifies with an ES256 public key PEM and refuses other algorithms', async () => {
    const v = await fromEnv({ GRIDCASE_JWT_PUBLIC_KEY_FILE: path.join(dir, 'es.pem') });
    await expect(v(`Bearer ${await sign(es.privateKey)}`)).resolves.toMatchObject({ organisation: 'org-1' });
    expect(await rejection(`Bearer ${await sign(other.privateKey)}`, v)).toBe('bad-signature');
  });

  it('verifies with an RS256 public key PEM when GRIDCASE_JWT_ALGORITHM says so', async () => {
    const v = await fromEnv({
      GRIDCASE_JWT_PUBLIC_KEY_FILE: path.join(dir, 'rs.pem'),
      GRIDCASE_JWT_ALGORITHM: 'RS256',
    });
    await expect(
      v(`Bearer ${await sign(rs.privateKey, undefined, undefined, 'RS256')}`),
    ).resolves.toMatchObject({
      subject: 'user-7',
    });
    expect(await rejection(`Bearer ${await sign(es.privateKey)}`, v)).toBe('disallowed-algorithm');
  });

  it('verifies with a JWKS file, choosing the key by kid', async () => {
    const v = await fromEnv({ GRIDCASE_JWKS_FILE: path.join(dir, 'jwks.json') });
    await expect(v(`Bearer ${await sign(es.privateKey)}`)).resolves.toMatchObject({ roles: ['officer'] });
    const rsToken = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k2' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('ops')
      .setExpirationTime('1h')
      .sign(rs.privateKey);
    await expect(v(`Bearer ${rsToken}`)).resolves.toMatchObject({ roles: ['admin'], subject: 'ops' });
    const unknownKid = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k9' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('ops')
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect(await rejection(`Bearer ${unknownKid}`, v)).toBe('unknown-key');
  });
});

describe('authSettingsFromEnv', () => {
  it('is dev mode with no key configuration', () => {
    expect(authSettingsFromEnv({})).toEqual({ mode: 'dev', clockToleranceSeconds: 60 });
  });

  it('reads a JWKS URL and the clock tolerance', () => {
    const s = authSettingsFromEnv({
      GRIDCASE_JWT_ISSUER: ISSUER,
      GRIDCASE_JWT_AUDIENCE: AUDIENCE,
      GRIDCASE_JWKS_URL: 'https://idp.example.kz/jwks',
      GRIDCASE_JWT_CLOCK_TOLERANCE: '30',
    });
    expect(s).toMatchObject({
      mode: 'configured',
      config: { issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, keys: { kind: 'jwks-url' } },
    });
  });

  it.each([
    [{ GRIDCASE_JWT_ISSUER: ISSUER }, 'GRIDCASE_JWT_ISSUER set without a key'],
    [{ GRIDCASE_JWKS_FILE: 'k.json', GRIDCASE_JWT_AUDIENCE: AUDIENCE }, 'GRIDCASE_JWT_ISSUER is required'],
    [{ GRIDCASE_JWKS_FILE: 'k.json', GRIDCASE_JWT_ISSUER: ISSUER }, 'GRIDCASE_JWT_AUDIENCE is required'],
    [
      { GRIDCASE_JWKS_FILE: 'k.json', GRIDCASE_JWKS_URL: 'https://x/jwks', GRIDCASE_JWT_ISSUER: ISSUER },
      'set only one of GRIDCASE_JWKS_FILE, GRIDCASE_JWKS_URL',
    ],
    [
      {
        GRIDCASE_JWKS_URL: 'http://idp.example.kz/jwks',
        GRIDCASE_JWT_ISSUER: ISSUER,
        GRIDCASE_JWT_AUDIENCE: AUDIENCE,
      },
      'expected https',
    ],
    [
      {
        GRIDCASE_JWT_PUBLIC_KEY_FILE: 'k.pem',
        GRIDCASE_JWT_ALGORITHM: 'HS256',
        GRIDCASE_JWT_ISSUER: ISSUER,
        GRIDCASE_JWT_AUDIENCE: AUDIENCE,
      },
      "GRIDCASE_JWT_ALGORITHM: expected one of ES256, RS256, got 'HS256'",
    ],
    [{ GRIDCASE_JWT_CLOCK_TOLERANCE: '-1' }, 'GRIDCASE_JWT_CLOCK_TOLERANCE: expected whole seconds'],
  ])('refuses %j', (env, message) => {
    expect(() => authSettingsFromEnv(env)).toThrow(message);
  });
});
