import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthConfigError } from '../../src/auth/config.ts';
import { loadOrCreateDevIssuer } from '../../src/auth/dev-issuer.ts';
import { authTokenCommand } from '../../src/cli/auth-command.ts';
import { run } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = () => mkdtemp(path.join(tmpdir(), 'gridcase-auth-cli-'));

describe('gridcase auth token', () => {
  it('mints a dev token that the dev issuer verifies', async () => {
    const dir = await dataDir();
    const out = await run([
      'auth',
      'token',
      '--role',
      'officer',
      '--organisation',
      'org-7',
      '--expires',
      '30m',
      '--data-dir',
      dir,
      '--json',
    ]);
    expect(out.exitCode).toBe(0);
    const printed = JSON.parse(out.stdout ?? '');
    expect(printed).toMatchObject({ role: 'officer', organisation: 'org-7', issuer: 'gridcase-dev' });
    expect(Date.parse(printed.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(printed.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    const { issuer } = await loadOrCreateDevIssuer(dir);
    expect(await issuer.verifier(0)(`Bearer ${printed.token}`)).toMatchObject({
      subject: 'dev-officer',
      roles: ['officer'],
      organisation: 'org-7',
    });
  });

  it('prints only the token from the bin, for $(gridcase auth token ...)', async () => {
    const dir = await dataDir();
    const env: NodeJS.ProcessEnv = { ...process.env, GRIDCASE_DATA_DIR: dir };
    for (const name of ['GRIDCASE_JWT_PUBLIC_KEY_FILE', 'GRIDCASE_JWKS_FILE', 'GRIDCASE_JWKS_URL'])
      delete env[name];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin/gridcase.js'), 'auth', 'token', '--role', 'compliance', '--subject', 'auditor-1'],
      { env },
    );
    const { issuer } = await loadOrCreateDevIssuer(dir);
    expect(await issuer.verifier(0)(`Bearer ${stdout.trim()}`)).toMatchObject({
      subject: 'auditor-1',
      roles: ['compliance'],
    });
  });

  it.each([
    [['--role', 'officer'], 'error: --organisation is required for role officer'],
    [
      ['--role', 'external', '--organisation', 'o', '--expires', '8 hours'],
      'error: --expires: expected a number',
    ],
  ])('refuses %j with exit code 2', async (flags, message) => {
    const out = await run(['auth', 'token', ...flags, '--data-dir', await dataDir()]);
    expect(out).toMatchObject({ exitCode: 2 });
    expect(out.stderr).toContain(message);
  });

  it('refuses an unknown role with exit code 2', async () => {
    const out = await run(['auth', 'token', '--role', 'root', '--data-dir', await dataDir()]);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain("option '--role <role>' argument 'root' is invalid");
  });

  it('refuses to mint when real keys are configured', async () => {
    await expect(
      authTokenCommand(
        { role: 'admin', dataDir: await dataDir() },
        {
          GRIDCASE_JWT_ISSUER: 'https://idp',
          GRIDCASE_JWT_AUDIENCE: 'a',
          GRIDCASE_JWKS_URL: 'https://idp/jwks',
        },
      ),
    ).rejects.toThrow(AuthConfigError);
  });
});
