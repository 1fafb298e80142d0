import { webcrypto } from 'node:crypto';
import { beginSignIn, completeSignIn, type JsonFetch, type OidcDependencies } from '../src/auth/oidc.js';
import {
  authorizationRequestUrl,
  base64Url,
  checkProviderMetadata,
  codeChallenge,
  readCallback,
  randomToken,
  SignInError,
} from '../src/auth/pkce.js';

const ISSUER = 'https://idp.example.vn/realms/pcm';
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
};
const sha256 = webcrypto.subtle as unknown as OidcDependencies['sha256'];

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

describe('PKCE (RFC 7636) and the authorization request', () => {
  it('derives the S256 challenge of the RFC 7636 appendix B example', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', sha256)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('encodes base64url without padding and makes 43-character verifiers from 32 random bytes', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64Url(new TextEncoder().encode('any carnal pleasure.'))).toBe('YW55IGNhcm5hbCBwbGVhc3VyZS4');
    const verifier = randomToken(webcrypto as never, 32);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(webcrypto as never, 32)).not.toBe(verifier);
  });

  it('refuses a verifier RFC 7636 does not allow', async () => {
    await expect(codeChallenge('too-short', sha256)).rejects.toThrow(/43-128/);
  });

  it('asks for a code with the S256 challenge, the state, a nonce and the openid scope', () => {
    const url = new URL(
      authorizationRequestUrl(METADATA, {
        clientId: 'pcm-console',
        redirectUri: 'https://pcm.example.vn/console/callback',
        scopes: 'profile',
        state: 's1',
        nonce: 'n1',
        challenge: 'c1',
      }),
    );
    expect(url.origin + url.pathname).toBe(METADATA.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'pcm-console',
      redirect_uri: 'https://pcm.example.vn/console/callback',
      scope: 'openid profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });

  it('accepts only the configured issuer, with https endpoints', () => {
    expect(checkProviderMetadata({ ...METADATA, issuer: `${ISSUER}/` }, ISSUER).token_endpoint).toBe(METADATA.token_endpoint);
    expect(() => checkProviderMetadata({ ...METADATA, issuer: 'https://evil.example' }, ISSUER)).toThrow(SignInError);
    expect(() => checkProviderMetadata({ ...METADATA, token_endpoint: 'http://idp.example.vn/token' }, ISSUER)).toThrow(/not https/);
    expect(() => checkProviderMetadata({ issuer: ISSUER }, ISSUER)).toThrow(/authorization_endpoint/);
  });

  it('takes the code from the redirect only when the state is this browser’s, and surfaces the provider’s error', () => {
    expect(readCallback('https://pcm.example.vn/console/callback?code=abc&state=s1', 's1')).toEqual({ code: 'abc' });
    expect(() => readCallback('https://pcm.example.vn/console/callback?code=abc&state=other', 's1')).toThrow(
      expect.objectContaining({ code: 'state_mismatch' }),
    );
    expect(() => readCallback('https://pcm.example.vn/console/callback?state=s1', 's1')).toThrow(
      expect.objectContaining({ code: 'missing_code' }),
    );
    expect(() => readCallback('https://pcm.example.vn/console/callback?error=access_denied&error_description=no&state=s1', 's1')).toThrow(
      'access_denied: no',
    );
  });
});

describe('OIDC sign-in: redirect and callback', () => {
  const settings = { issuer: ISSUER, clientId: 'pcm-console', scopes: 'openid profile' };

  function provider() {
    const calls: Array<{ url: string; body?: string }> = [];
    const fetch: JsonFetch = async (url, init) => {
      calls.push({ url, body: init?.body });
      if (url === `${ISSUER}/.well-known/openid-configuration`) return { ok: true, status: 200, json: async () => METADATA };
      if (url === METADATA.token_endpoint)
        return { ok: true, status: 200, json: async () => ({ access_token: 'at-1', token_type: 'Bearer', expires_in: 300 }) };
      return { ok: false, status: 404, json: async () => ({}) };
    };
    return { calls, fetch };
  }

  it('sends the browser to the provider, then trades the code and the verifier whose challenge it sent for a token, once', async () => {
    const storage = memoryStorage();
    const { calls, fetch } = provider();
    const now = new Date('2026-12-01T00:00:00Z');
    const deps: OidcDependencies = { fetch, storage, random: webcrypto as never, sha256, now: () => now };
    const to = new URL(await beginSignIn(settings, 'https://pcm.example.vn/console/callback', deps));
    const state = to.searchParams.get('state')!;
    const token = await completeSignIn(`https://pcm.example.vn/console/callback?code=code-9&state=${state}`, settings, deps);
    expect(token).toEqual({ accessToken: 'at-1', expiresAt: '2026-12-01T00:05:00.000Z' });
    const sent = new URLSearchParams(calls.find((c) => c.url === METADATA.token_endpoint)!.body);
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('code')).toBe('code-9');
    expect(sent.get('client_id')).toBe('pcm-console');
    expect(sent.get('redirect_uri')).toBe('https://pcm.example.vn/console/callback');
    expect(await codeChallenge(sent.get('code_verifier')!, sha256)).toBe(to.searchParams.get('code_challenge'));
    // The pending sign-in is gone: the same redirect cannot be replayed in this tab.
    expect(storage.items.size).toBe(0);
    await expect(
      completeSignIn(`https://pcm.example.vn/console/callback?code=code-9&state=${state}`, settings, deps),
    ).rejects.toMatchObject({ code: 'no_pending_sign_in' });
  });

  it('refuses a redirect whose state another tab or site made, without asking for a token', async () => {
    const storage = memoryStorage();
    const { calls, fetch } = provider();
    const deps: OidcDependencies = { fetch, storage, random: webcrypto as never, sha256, now: () => new Date() };
    await beginSignIn(settings, 'https://pcm.example.vn/console/callback', deps);
    await expect(completeSignIn('https://pcm.example.vn/console/callback?code=stolen&state=forged', settings, deps)).rejects.toMatchObject({
      code: 'state_mismatch',
    });
    expect(calls.some((c) => c.url === METADATA.token_endpoint)).toBe(false);
  });
});
