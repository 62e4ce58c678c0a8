import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { authSettingsFromEnv } from '../../src/auth/config.ts';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer, sampleTokens } from '../../src/auth/dev-issuer.ts';
import { parseLifetime } from '../../src/auth/duration.ts';
import { type AuthLog, startAuth } from '../../src/auth/startup.ts';
import { AuthError } from '../../src/auth/verify.ts';

const dataDir = () => mkdtemp(path.join(tmpdir(), 'gridcase-dev-issuer-'));

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log: AuthLog = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
  };
  return { lines, log };
}

describe('dev issuer', () => {
  it('mints tokens its verifier accepts, with the key kept across loads', async () => {
    const dir = await dataDir();
    const first = await loadOrCreateDevIssuer(dir);
    expect(first.created).toBe(true);
    const { token, expiresAt } = await first.issuer.mint({
      roles: ['officer'],
      organisation: 'org-1',
      expiresInSeconds: 3600,
    });
    const second = await loadOrCreateDevIssuer(dir);
    expect(second.created).toBe(false);
    expect(second.issuer.keyId).toBe(first.issuer.keyId);
    const principal = await second.issuer.verifier(60)(`Bearer ${token}`);
    expect(principal).toEqual({
      subject: 'dev-officer',
      roles: ['officer'],
      organisation: 'org-1',
      issuer: DEV_ISSUER,
      expiresAt,
    });
    expect((await stat(path.join(dir, 'dev-issuer/private-key.jwk.json'))).mode & 0o777).toBe(0o600);
  });

  it('publishes its public key as a JWKS that the configured verifier accepts', async () => {
    const dir = await dataDir();
    const { issuer } = await loadOrCreateDevIssuer(dir);
    const jwks = JSON.parse(await readFile(path.join(dir, 'dev-issuer/jwks.json'), 'utf8'));
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: issuer.keyId, alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
    const settings = authSettingsFromEnv({
      GRIDCASE_JWT_ISSUER: DEV_ISSUER,
      GRIDCASE_JWT_AUDIENCE: DEV_AUDIENCE,
      GRIDCASE_JWKS_FILE: path.join(dir, 'dev-issuer/jwks.json'),
    });
    const { log } = recordingLog();
    const { verifyBearer } = await startAuth(settings, dir, log);
    const { token } = await issuer.mint({ roles: ['admin'], subject: 'ops', expiresInSeconds: 60 });
    expect(await verifyBearer(`Bearer ${token}`)).toMatchObject({ subject: 'ops', roles: ['admin'] });
  });

  it('does not mint an officer token without an organisation', async () => {
    const { issuer } = await loadOrCreateDevIssuer(await dataDir());
    await expect(issuer.mint({ roles: ['external'], expiresInSeconds: 60 })).rejects.toThrow(
      'role(s) external need an organisation',
    );
  });

  it('makes one sample token per role, officer and external in the sample organisation', async () => {
    const { issuer } = await loadOrCreateDevIssuer(await dataDir());
    const samples = await sampleTokens(issuer, 600);
    expect(samples.map((s) => [s.role, s.organisation])).toEqual([
      ['officer', 'org-1'],
      ['policy', undefined],
      ['external', 'org-1'],
      ['compliance', undefined],
      ['admin', undefined],
    ]);
    const verify = issuer.verifier(0);
    for (const s of samples) expect((await verify(`Bearer ${s.token}`)).roles).toEqual([s.role]);
  });
});

describe('startAuth', () => {
  it('in dev mode logs a warning, one token per role and how long they are valid', async () => {
    const dir = await dataDir();
    const { lines, log } = recordingLog();
    const auth = await startAuth({ mode: 'dev', clockToleranceSeconds: 60 }, dir, log, {});
    expect(lines).toEqual([]);
    auth.announce();
    expect(lines[0]).toMatchObject({ level: 'warn', fields: { issuer: DEV_ISSUER, created: true } });
    const tokens = lines.filter((l) => typeof l.fields.token === 'string');
    expect(tokens.map((l) => l.message)).toEqual([
      'dev token for officer of org-1, valid 8h',
      'dev token for policy, valid 8h',
      'dev token for external of org-1, valid 8h',
      'dev token for compliance, valid 8h',
      'dev token for admin, valid 8h',
    ]);
    const validUntil = Date.parse(tokens[0]?.fields.validUntil as string);
    expect(validUntil - Date.now()).toBeGreaterThan(8 * 3600_000 - 60_000);
    const officer = await auth.verifyBearer(`Bearer ${tokens[0]?.fields.token}`);
    expect(officer).toMatchObject({ roles: ['officer'], organisation: 'org-1' });
  });

  it('with configured keys refuses dev tokens and logs no token', async () => {
    const dir = await dataDir();
    const pair = await generateKeyPair('ES256');
    const pem = path.join(dir, 'key.pem');
    await writeFile(pem, await exportSPKI(pair.publicKey));
    const { lines, log } = recordingLog();
    const settings = authSettingsFromEnv({
      GRIDCASE_JWT_ISSUER: 'https://idp',
      GRIDCASE_JWT_AUDIENCE: 'gridcase',
      GRIDCASE_JWT_PUBLIC_KEY_FILE: pem,
    });
    const auth = await startAuth(settings, dir, log);
    auth.announce();
    expect(lines).toEqual([
      {
        level: 'info',
        fields: { issuer: 'https://idp', audience: 'gridcase', keys: 'public-key-pem' },
        message: 'auth: verifying bearer tokens with the configured keys',
      },
    ]);
    const { issuer } = await loadOrCreateDevIssuer(dir);
    const { token } = await issuer.mint({ roles: ['admin'], expiresInSeconds: 60 });
    await expect(auth.verifyBearer(`Bearer ${token}`)).rejects.toBeInstanceOf(AuthError);
  });

  it('refuses dev mode under NODE_ENV=production', async () => {
    const { log } = recordingLog();
    await expect(
      startAuth({ mode: 'dev', clockToleranceSeconds: 60 }, await dataDir(), log, { NODE_ENV: 'production' }),
    ).rejects.toThrow('NODE_ENV=production needs a key');
  });

  it('refuses a PEM file that is not a public key of the algorithm', async () => {
    const dir = await dataDir();
    const pem = path.join(dir, 'bad.pem');
    await writeFile(pem, 'not a key');
    const settings = authSettingsFromEnv({
      GRIDCASE_JWT_ISSUER: 'https://idp',
      GRIDCASE_JWT_AUDIENCE: 'gridcase',
      GRIDCASE_JWT_PUBLIC_KEY_FILE: pem,
    });
    await expect(startAuth(settings, dir, recordingLog().log)).rejects.toThrow(
      'GRIDCASE_JWT_PUBLIC_KEY_FILE: not a ES256 public key',
    );
  });
});

describe('parseLifetime', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    ['0h', undefined],
    ['8', undefined],
    ['1.5h', undefined],
    ['8 h', undefined],
  ])('%s → %s', (text, seconds) => {
    expect(parseLifetime(text)).toBe(seconds);
  });
});
