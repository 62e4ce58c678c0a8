// Where verification keys come from, read once from the environment. With no key configuration at
// all the engine runs in dev mode: the embedded dev issuer (dev-issuer.ts) signs and verifies.

/** Asymmetric algorithms only: a public key can never serve as an HMAC secret, and `none` is out. */
export const ALLOWED_ALGORITHMS = ['ES256', 'RS256'] as const;
export type Algorithm = (typeof ALLOWED_ALGORITHMS)[number];

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

export type KeySource =
  | { kind: 'public-key-pem'; file: string; algorithm: Algorithm }
  | { kind: 'jwks-file'; file: string }
  | { kind: 'jwks-url'; url: URL };

export interface AuthConfig {
  issuer: string;
  audience: string;
  keys: KeySource;
  clockToleranceSeconds: number;
}

export type AuthSettings =
  | { mode: 'configured'; config: AuthConfig }
  | { mode: 'dev'; clockToleranceSeconds: number };

export class AuthConfigError extends Error {}

const KEY_VARIABLES = ['GRIDCASE_JWT_PUBLIC_KEY_FILE', 'GRIDCASE_JWKS_FILE', 'GRIDCASE_JWKS_URL'] as const;

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const clockToleranceSeconds = tolerance(env.GRIDCASE_JWT_CLOCK_TOLERANCE);
  const given = KEY_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) {
    // Issuer or audience without a key is half a configuration: falling back to the dev issuer
    // would silently accept dev tokens where real ones were meant.
    const stray = ['GRIDCASE_JWT_ISSUER', 'GRIDCASE_JWT_AUDIENCE', 'GRIDCASE_JWT_ALGORITHM'].filter(
      (name) => env[name],
    );
    if (stray.length)
      throw new AuthConfigError(`${stray.join(', ')} set without a key (${KEY_VARIABLES.join(' or ')})`);
    return { mode: 'dev', clockToleranceSeconds };
  }
  if (given.length > 1) throw new AuthConfigError(`set only one of ${given.join(', ')}`);
  const issuer = required(env, 'GRIDCASE_JWT_ISSUER');
  const audience = required(env, 'GRIDCASE_JWT_AUDIENCE');
  return { mode: 'configured', config: { issuer, audience, keys: keySource(env), clockToleranceSeconds } };
}

function keySource(env: NodeJS.ProcessEnv): KeySource {
  if (env.GRIDCASE_JWT_PUBLIC_KEY_FILE) {
    const algorithm = env.GRIDCASE_JWT_ALGORITHM ?? 'ES256';
    if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(algorithm))
      throw new AuthConfigError(
        `GRIDCASE_JWT_ALGORITHM: expected one of ${ALLOWED_ALGORITHMS.join(', ')}, got '${algorithm}'`,
      );
    return {
      kind: 'public-key-pem',
      file: env.GRIDCASE_JWT_PUBLIC_KEY_FILE,
      algorithm: algorithm as Algorithm,
    };
  }
  if (env.GRIDCASE_JWT_ALGORITHM)
    throw new AuthConfigError('GRIDCASE_JWT_ALGORITHM applies to GRIDCASE_JWT_PUBLIC_KEY_FILE only');
  if (env.GRIDCASE_JWKS_FILE) return { kind: 'jwks-file', file: env.GRIDCASE_JWKS_FILE };
  const raw = env.GRIDCASE_JWKS_URL ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AuthConfigError(`GRIDCASE_JWKS_URL: not a URL: '${raw}'`);
  }
  // Keys fetched in clear text could be swapped on the way; plain http only to this machine.
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new AuthConfigError(`GRIDCASE_JWKS_URL: expected https (http only for localhost), got '${raw}'`);
  return { kind: 'jwks-url', url };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new AuthConfigError(`${name} is required when a key is configured`);
  return value;
}

function tolerance(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 300)
    throw new AuthConfigError(`GRIDCASE_JWT_CLOCK_TOLERANCE: expected whole seconds 0..300, got '${value}'`);
  return n;
}
