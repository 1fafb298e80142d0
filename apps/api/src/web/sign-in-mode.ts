import { isIPv4, isIPv6 } from 'node:net';
import type { AppConfig } from '../../../../libs/config/src/config.js';

/**
 * How the web console signs users in:
 * - `demo`: the all-in-one default only (no DATABASE_URL and no token key configured: the API
 *   signs with the secret it generated under DATA_DIR) while the API listens on a loopback
 *   address. Anyone who reaches the console may pick a demo user, so it is never on when a
 *   database or a token key is configured, nor when HOST lets other machines in.
 * - `oidc`: authorization code with PKCE at the configured identity provider (OIDC_ISSUER).
 * - `token`: neither; a user pastes a bearer token (e.g. from `npm run token` with AUTH_JWT_SECRET).
 */
export type SignInMode = 'demo' | 'oidc' | 'token';

type SignInConfig = Pick<AppConfig, 'auth' | 'databaseUrl' | 'oidc' | 'host'>;

/** Whether `POST /auth/demo-token` exists, and why (or why not), in words for the start-up log. */
export interface DemoSignIn {
  on: boolean;
  reason: string;
}

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address or in brackets) and `localhost`: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const v4 = bare.startsWith('::ffff:') && isIPv4(bare.slice(7)) ? bare.slice(7) : bare;
  if (isIPv4(v4)) return v4.split('.')[0] === '127';
  return isIPv6(bare) && new URL(`http://[${bare}]/`).hostname === '[::1]';
}

const KEY_VARIABLE = { secret: 'AUTH_JWT_SECRET', public_key: 'AUTH_JWT_PUBLIC_KEY', jwks: 'AUTH_JWKS_URL' } as const;

export function demoSignIn(config: SignInConfig): DemoSignIn {
  if (config.oidc) return { on: false, reason: 'OIDC_ISSUER is set: the console signs in at the identity provider' };
  if (config.auth.keys.kind !== 'local-secret')
    return { on: false, reason: `a token key is configured (${KEY_VARIABLE[config.auth.keys.kind]}): the console asks for a bearer token` };
  if (config.databaseUrl !== null)
    return { on: false, reason: 'DATABASE_URL is set, so this is not the all-in-one default: the console asks for a bearer token' };
  if (!isLoopbackHost(config.host))
    return {
      on: false,
      reason: `HOST=${config.host} is not a loopback address, so other machines could reach it: the console asks for a bearer token`,
    };
  return {
    on: true,
    reason: `the all-in-one default, listening on ${config.host} only; anyone who reaches the console may sign in as any role: never for real data`,
  };
}

/** The start-up log's one line about the demo sign-in. */
export function demoSignInLine(config: SignInConfig): string {
  const demo = demoSignIn(config);
  return `Demo sign-in (POST /auth/demo-token): ${demo.on ? 'on' : 'off'}, ${demo.reason}`;
}

export function signInMode(config: SignInConfig): SignInMode {
  if (config.oidc) return 'oidc';
  return demoSignIn(config).on ? 'demo' : 'token';
}
