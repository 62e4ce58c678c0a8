// Authentication as the stack starts it: the configured keys, or in dev mode the embedded dev
// issuer, whose sample tokens are logged so a developer can call the API at once.
import { AuthConfigError, type AuthSettings } from './config.ts';
import {
  DEFAULT_DEV_TOKEN_SECONDS,
  type DevIssuer,
  loadOrCreateDevIssuer,
  type SampleToken,
  sampleTokens,
} from './dev-issuer.ts';
import { type VerifyBearer, verifierFromConfig } from './verify.ts';

export interface AuthLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface StartedAuth {
  verifyBearer: VerifyBearer;
  /** Logs how tokens are verified; in dev mode, the sample tokens. Called once the engine is up. */
  announce(): void;
}

export async function startAuth(
  settings: AuthSettings,
  dataDir: string,
  log: AuthLog,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedAuth> {
  if (settings.mode === 'configured') {
    const { config } = settings;
    return {
      verifyBearer: await verifierFromConfig(config),
      announce: () =>
        log.info(
          { issuer: config.issuer, audience: config.audience, keys: config.keys.kind },
          'auth: verifying bearer tokens with the configured keys',
        ),
    };
  }
  if (env.NODE_ENV === 'production')
    throw new AuthConfigError(
      'NODE_ENV=production needs a key: set GRIDCASE_JWT_ISSUER, GRIDCASE_JWT_AUDIENCE and one of ' +
        'GRIDCASE_JWT_PUBLIC_KEY_FILE, GRIDCASE_JWKS_FILE, GRIDCASE_JWKS_URL',
    );
  const { issuer, created } = await loadOrCreateDevIssuer(dataDir);
  const samples = await sampleTokens(issuer, DEFAULT_DEV_TOKEN_SECONDS);
  return {
    verifyBearer: issuer.verifier(settings.clockToleranceSeconds),
    announce: () => logDevTokens(issuer, created, samples, log),
  };
}

function logDevTokens(issuer: DevIssuer, created: boolean, samples: SampleToken[], log: AuthLog): void {
  const hours = DEFAULT_DEV_TOKEN_SECONDS / 3600;
  log.warn(
    { issuer: issuer.issuer, audience: issuer.audience, keys: issuer.dir, created },
    'auth: no key configured, dev issuer in use (development only; see docs/auth.md)',
  );
  for (const { expiresAt, ...sample } of samples)
    log.info(
      { ...sample, validUntil: expiresAt.toISOString() },
      `dev token for ${sample.role}${sample.organisation ? ` of ${sample.organisation}` : ''}, valid ${hours}h`,
    );
  log.info({}, 'more dev tokens: gridcase auth token --role <role> [--organisation <org>] [--expires 8h]');
}
