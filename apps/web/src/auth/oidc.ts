import type { KeyValueStore } from '../i18n/i18n.js';
import {
  authorizationRequestUrl,
  checkProviderMetadata,
  codeChallenge,
  discoveryUrl,
  randomToken,
  readCallback,
  readTokenResponse,
  SignInError,
  tokenRequestBody,
  type RandomSource,
  type Sha256,
} from './pkce.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
}

/** The fetch this flow needs (the browser's, or a fake in tests). */
export type JsonFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface OidcDependencies {
  fetch: JsonFetch;
  /** Session storage: the pending sign-in lives only in this tab. */
  storage: KeyValueStore;
  random: RandomSource;
  sha256: Sha256;
  now(): Date;
}

const PENDING = 'pcm.oidc.pending';

interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  tokenEndpoint: string;
}

async function providerMetadata(settings: OidcSettings, deps: OidcDependencies) {
  const response = await deps.fetch(discoveryUrl(settings.issuer), { headers: { accept: 'application/json' } });
  if (!response.ok)
    throw new SignInError('bad_provider_metadata', `The identity provider's discovery document answered ${response.status}`);
  return checkProviderMetadata(await response.json(), settings.issuer);
}

/** Starts a sign-in: keeps the verifier and state in this tab and gives the address to send the browser to. */
export async function beginSignIn(settings: OidcSettings, redirectUri: string, deps: OidcDependencies): Promise<string> {
  const metadata = await providerMetadata(settings, deps);
  const pending: PendingSignIn = {
    state: randomToken(deps.random, 16),
    verifier: randomToken(deps.random, 32),
    redirectUri,
    tokenEndpoint: metadata.token_endpoint,
  };
  deps.storage.setItem(PENDING, JSON.stringify(pending));
  return authorizationRequestUrl(metadata, {
    clientId: settings.clientId,
    redirectUri,
    scopes: settings.scopes,
    state: pending.state,
    nonce: randomToken(deps.random, 16),
    challenge: await codeChallenge(pending.verifier, deps.sha256),
  });
}

/** Finishes a sign-in on the redirect back: checks the state, trades the code and the verifier for an access token. The pending sign-in is used once. */
export async function completeSignIn(
  callbackUrl: string,
  settings: OidcSettings,
  deps: OidcDependencies,
): Promise<{ accessToken: string; expiresAt: string }> {
  const raw = deps.storage.getItem(PENDING);
  deps.storage.removeItem(PENDING);
  if (!raw) throw new SignInError('no_pending_sign_in', 'No sign-in was started in this tab');
  const pending = JSON.parse(raw) as PendingSignIn;
  const { code } = readCallback(callbackUrl, pending.state);
  const response = await deps.fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: tokenRequestBody({ code, verifier: pending.verifier, clientId: settings.clientId, redirectUri: pending.redirectUri }),
  });
  if (!response.ok) throw new SignInError('token_request_failed', `The identity provider's token endpoint answered ${response.status}`);
  return readTokenResponse(await response.json(), deps.now());
}
