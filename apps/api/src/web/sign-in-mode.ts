import type { AppConfig } from '../../../../libs/config/src/config.js';

/**
 * How the web console signs users in:
 * - `demo`: the all-in-one default only (no DATABASE_URL and no token key configured: the API
 *   signs with the secret it generated under DATA_DIR). Anyone who reaches the console may pick a
 *   demo user, so it is never on when a database or a token key is configured.
 * - `oidc`: authorization code with PKCE at the configured identity provider (OIDC_ISSUER).
 * - `token`: neither; a user pastes a bearer token (e.g. from `npm run token` with AUTH_JWT_SECRET).
 */
export type SignInMode = 'demo' | 'oidc' | 'token';

export function signInMode(config: Pick<AppConfig, 'auth' | 'databaseUrl' | 'oidc'>): SignInMode {
  if (config.oidc) return 'oidc';
  if (config.auth.keys.kind === 'local-secret' && config.databaseUrl === null) return 'demo';
  return 'token';
}
