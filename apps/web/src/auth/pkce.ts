/**
 * OpenID Connect authorization code flow with PKCE (RFC 7636, S256) for a public client: the
 * pure parts, with randomness and hashing passed in, so they are tested without a browser.
 */

export interface RandomSource {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

export interface Sha256 {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

export class SignInError extends Error {
  constructor(
    readonly code:
      'state_mismatch' | 'no_pending_sign_in' | 'provider_error' | 'missing_code' | 'bad_provider_metadata' | 'token_request_failed',
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding (RFC 4648 §5). */
export function base64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64URL[(n >> 18) & 63]! + BASE64URL[(n >> 12) & 63]!;
    if (b !== undefined) out += BASE64URL[(n >> 6) & 63]!;
    if (c !== undefined) out += BASE64URL[n & 63]!;
  }
  return out;
}

/** A random string of base64url characters: 32 bytes give the 43-character code verifier of RFC 7636 §4.1. */
export function randomToken(random: RandomSource, byteLength = 32): string {
  return base64Url(random.getRandomValues(new Uint8Array(byteLength)));
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2, S256). */
export async function codeChallenge(verifier: string, sha256: Sha256): Promise<string> {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new Error('A code verifier is 43-128 unreserved characters (RFC 7636 §4.1)');
  return base64Url(new Uint8Array(await sha256.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** The discovery document, checked: it names exactly the configured issuer, and its endpoints are https (or http where the issuer is). */
export function checkProviderMetadata(document: unknown, issuer: string): ProviderMetadata {
  const doc = (document ?? {}) as Record<string, unknown>;
  const expected = issuer.replace(/\/+$/, '');
  if (typeof doc.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== expected) {
    throw new SignInError('bad_provider_metadata', 'The identity provider names another issuer than the one configured');
  }
  const secure = new URL(expected).protocol === 'https:';
  const endpoint = (name: string, required: boolean): string | undefined => {
    const value = doc[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string') throw new SignInError('bad_provider_metadata', `The identity provider gives no ${name}`);
    const url = new URL(value);
    if (url.protocol !== 'https:' && (secure || url.protocol !== 'http:'))
      throw new SignInError('bad_provider_metadata', `The identity provider's ${name} is not https`);
    return value;
  };
  const endSession = endpoint('end_session_endpoint', false);
  return {
    issuer: doc.issuer,
    authorization_endpoint: endpoint('authorization_endpoint', true)!,
    token_endpoint: endpoint('token_endpoint', true)!,
    ...(endSession ? { end_session_endpoint: endSession } : {}),
  };
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string;
  state: string;
  nonce: string;
  challenge: string;
}

export function authorizationRequestUrl(metadata: ProviderMetadata, request: AuthorizationRequest): string {
  const url = new URL(metadata.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scopes.split(/\s+/).includes('openid') ? request.scopes : `openid ${request.scopes}`);
  url.searchParams.set('state', request.state);
  url.searchParams.set('nonce', request.nonce);
  url.searchParams.set('code_challenge', request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The authorization code from the redirect back, once its state is the one this browser sent. */
export function readCallback(callbackUrl: string, expectedState: string): { code: string } {
  const params = new URL(callbackUrl).searchParams;
  const error = params.get('error');
  if (error)
    throw new SignInError('provider_error', `${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`);
  if (params.get('state') !== expectedState)
    throw new SignInError('state_mismatch', 'The sign-in answer does not belong to this browser (state mismatch)');
  const code = params.get('code');
  if (!code) throw new SignInError('missing_code', 'The identity provider sent no authorization code');
  return { code };
}

/** The token request of a public client: the code and the verifier that proves this browser asked for it. */
export function tokenRequestBody(input: { code: string; verifier: string; clientId: string; redirectUri: string }): string {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    code_verifier: input.verifier,
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
  }).toString();
}

export function readTokenResponse(body: unknown, now: Date): { accessToken: string; expiresAt: string } {
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '' || (typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer')) {
    throw new SignInError('token_request_failed', 'The identity provider returned no bearer access token');
  }
  const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 3600;
  return { accessToken, expiresAt: new Date(now.getTime() + seconds * 1000).toISOString() };
}
