import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { TokenRejectedError, TokenVerifier, issueLocalToken, type TokenSettings } from './tokens.js';

const secret = new TextEncoder().encode('a-local-secret-of-at-least-32-bytes!!');
const settings: TokenSettings = { issuer: 'local', audience: 'api', keys: { kind: 'secret', secret } };
const grants = [{ role: 'police_officer' as const, scope: '01' }];

async function failureOf(verifier: TokenVerifier, header: string | undefined) {
  const error = await verifier.verify(header).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenRejectedError)) throw new Error(`expected a rejection, got ${String(error)}`);
  return error.failure;
}

describe('bearer tokens', () => {
  const verifier = new TokenVerifier(settings);

  it('accepts a token signed with the configured key and reads the grants', async () => {
    const token = await issueLocalToken(settings, { subject: 'officer-1', grants });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({ subject: 'officer-1', principal: { userId: 'officer-1', grants } });
  });

  it('drops unknown roles and malformed grants', async () => {
    const token = await issueLocalToken(settings, { subject: 'u', grants: [...grants, { role: 'admin' as never, scope: '01' }, { role: 'auditor', scope: 'not a scope' }] });
    expect((await verifier.verify(`Bearer ${token}`)).principal.grants).toEqual(grants);
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'Basic abc'],
    ['malformed', 'Bearer not-a-jwt'],
  ])('refuses a %s header', async (failure, header) => {
    expect(await failureOf(verifier, header)).toBe(failure);
  });

  it('refuses expired tokens, other issuers and audiences, other keys and edited payloads', async () => {
    const expired = await issueLocalToken(settings, { subject: 'u', grants, ttlSeconds: 60 }, new Date(Date.now() - 3600_000));
    expect(await failureOf(verifier, `Bearer ${expired}`)).toBe('expired');
    const otherIssuer = await issueLocalToken({ ...settings, issuer: 'elsewhere' }, { subject: 'u', grants });
    expect(await failureOf(verifier, `Bearer ${otherIssuer}`)).toBe('wrong_issuer');
    const otherAudience = await issueLocalToken({ ...settings, audience: 'other-api' }, { subject: 'u', grants });
    expect(await failureOf(verifier, `Bearer ${otherAudience}`)).toBe('wrong_audience');
    const otherKey = await issueLocalToken({ ...settings, keys: { kind: 'secret', secret: new TextEncoder().encode('another-secret-of-at-least-32-bytes!!') } }, { subject: 'u', grants });
    expect(await failureOf(verifier, `Bearer ${otherKey}`)).toBe('bad_signature');
    const [header, , signature] = (await issueLocalToken(settings, { subject: 'u', grants })).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'u', iss: 'local', aud: 'api', exp: 9999999999, grants: [{ role: 'auditor', scope: 'VN' }] })).toString('base64url');
    expect(await failureOf(verifier, `Bearer ${header}.${forgedPayload}.${signature}`)).toBe('bad_signature');
  });

  it('verifies tokens of an identity provider by public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new TokenVerifier({ issuer: 'idp', audience: 'api', keys: { kind: 'public_key', pem: await exportSPKI(publicKey), algorithm: 'RS256' } });
    const token = await new SignJWT({ grants }).setProtectedHeader({ alg: 'RS256' }).setSubject('sso-7').setIssuer('idp').setAudience('api').setExpirationTime('5m').sign(privateKey);
    expect((await provider.verify(`Bearer ${token}`)).principal.userId).toBe('sso-7');
  });

  describe('from a JWKS URL', () => {
    let server: Server;
    let url: string;
    let privateKey: CryptoKey;
    beforeAll(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      privateKey = pair.privateKey as CryptoKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches the provider keys and verifies with the matching one', async () => {
      const provider = new TokenVerifier({ issuer: 'idp', audience: 'api', keys: { kind: 'jwks', url } });
      const token = await new SignJWT({ grants }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('sso-8').setIssuer('idp').setAudience('api').setExpirationTime('5m').sign(privateKey);
      expect((await provider.verify(`Bearer ${token}`)).principal).toEqual({ userId: 'sso-8', grants });
      const unknownKid = await new SignJWT({ grants }).setProtectedHeader({ alg: 'ES256', kid: 'k9' }).setSubject('x').setIssuer('idp').setAudience('api').setExpirationTime('5m').sign(privateKey);
      expect(await failureOf(provider, `Bearer ${unknownKid}`)).toBe('bad_signature');
    });
  });
});
