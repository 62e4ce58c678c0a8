// `gridcase auth token`: mints a token from the dev issuer's key for local testing.
import path from 'node:path';
import { AuthConfigError, authSettingsFromEnv } from '../auth/config.ts';
import { DEFAULT_DEV_TOKEN_SECONDS, loadOrCreateDevIssuer } from '../auth/dev-issuer.ts';
import { parseLifetime } from '../auth/duration.ts';
import { isRole, needsOrganisation } from '../auth/principal.ts';
import type { Output } from './rules-commands.ts';
import { UsageError } from './usage-error.ts';

export interface AuthTokenOptions {
  role: string;
  organisation?: string;
  subject?: string;
  expires?: string;
  dataDir: string;
  json?: boolean;
}

export async function authTokenCommand(
  o: AuthTokenOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Output> {
  if (!isRole(o.role)) throw new UsageError(`--role: unknown role '${o.role}'`);
  if (needsOrganisation([o.role]) && !o.organisation)
    throw new UsageError(`--organisation is required for role ${o.role}`);
  const expiresInSeconds = o.expires === undefined ? DEFAULT_DEV_TOKEN_SECONDS : parseLifetime(o.expires);
  if (expiresInSeconds === undefined)
    throw new UsageError(`--expires: expected a number with s, m, h or d (e.g. 8h), got '${o.expires}'`);
  // With real keys configured the engine would refuse a dev token; say so now, not at the API.
  if (authSettingsFromEnv(env).mode === 'configured')
    throw new AuthConfigError(
      'keys are configured (GRIDCASE_JWT_PUBLIC_KEY_FILE / GRIDCASE_JWKS_FILE / GRIDCASE_JWKS_URL): ' +
        'the engine would not accept a dev token; get one from your identity provider',
    );
  const { issuer } = await loadOrCreateDevIssuer(path.resolve(o.dataDir));
  const { token, expiresAt } = await issuer.mint({
    roles: [o.role],
    expiresInSeconds,
    ...(o.organisation ? { organisation: o.organisation } : {}),
    ...(o.subject ? { subject: o.subject } : {}),
  });
  if (!o.json) return { stdout: token, exitCode: 0 };
  return {
    stdout: JSON.stringify(
      {
        token,
        role: o.role,
        organisation: o.organisation ?? null,
        issuer: issuer.issuer,
        audience: issuer.audience,
        expiresAt: expiresAt.toISOString(),
      },
      null,
      2,
    ),
    exitCode: 0,
  };
}
