import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { TokenLifetimeError, TokenRejectedError, TokenVerifier, issueLocalToken, type TokenSettings } from './tokens.js';

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

  it('reads the position an identity provider states on a grant, and drops a grant whose position is malformed', async () => {
    const official = { role: 'sanctioning_official' as const, scope: '10015', position: 'commune_people_committee_chair' };
    const token = await issueLocalToken(settings, {
      subject: 'u',
      grants: [
        official,
        { role: 'sanctioning_official', scope: '01', position: 'Chủ tịch; drop table' } as never,
        { role: 'auditor', scope: 'VN', position: 7 } as never,
      ],
    });
    expect((await verifier.verify(`Bearer ${token}`)).principal.grants).toEqual([official]);
  });

  it('drops unknown roles and malformed grants', async () => {
    const token = await issueLocalToken(settings, {
      subject: 'u',
      grants: [...grants, { role: 'admin' as never, scope: '01' }, { role: 'auditor', scope: 'not a scope' }],
    });
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
    const otherKey = await issueLocalToken(
      { ...settings, keys: { kind: 'secret', secret: new TextEncoder().encode('another-secret-of-at-least-32-bytes!!') } },
      { subject: 'u', grants },
    );
    expect(await failureOf(verifier, `Bearer ${otherKey}`)).toBe('bad_signature');
    const [header, , signature] = (await issueLocalToken(settings, { subject: 'u', grants })).split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: 'u', iss: 'local', aud: 'api', exp: 9999999999, grants: [{ role: 'auditor', scope: 'VN' }] }),
    ).toString('base64url');
    expect(await failureOf(verifier, `Bearer ${header}.${forgedPayload}.${signature}`)).toBe('bad_signature');
  });

  describe('lifetime and clock skew', () => {
    // The verifier's clock is fixed, so nothing here depends on how long the test takes.
    const NOW = Date.UTC(2026, 10, 30, 8, 0, 0) / 1000;
    const at = (seconds: number) => () => new Date(seconds * 1000);
    const fixed = (overrides: Partial<TokenSettings> = {}) => new TokenVerifier({ ...settings, ...overrides }, at(NOW));
    /** A token signed with the right key, issuer and audience, with exactly these time claims. */
    const signed = (times: { iat?: number; nbf?: number; exp: number }) => {
      let jwt = new SignJWT({ grants })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u')
        .setIssuer('local')
        .setAudience('api')
        .setExpirationTime(times.exp);
      if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
      if (times.nbf !== undefined) jwt = jwt.setNotBefore(times.nbf);
      return jwt.sign(secret).then((token) => `Bearer ${token}`);
    };

    it('accepts a token of the maximum lifetime (12 h by default)', async () => {
      await expect(fixed().verify(await signed({ iat: NOW, exp: NOW + 12 * 3600 }))).resolves.toMatchObject({ subject: 'u' });
    });

    it('refuses a token that lives longer than the maximum, e.g. until 2200', async () => {
      expect(await failureOf(fixed(), await signed({ iat: NOW, exp: Date.UTC(2200, 0, 1) / 1000 }))).toBe('lifetime_too_long');
      expect(await failureOf(fixed(), await signed({ iat: NOW, exp: NOW + 12 * 3600 + 1 }))).toBe('lifetime_too_long');
      // The maximum is a setting: an hour and one second is too long under a one-hour maximum.
      const hour = fixed({ maxLifetimeSeconds: 3600 });
      expect(await failureOf(hour, await signed({ iat: NOW, exp: NOW + 3601 }))).toBe('lifetime_too_long');
      await expect(hour.verify(await signed({ iat: NOW, exp: NOW + 3600 }))).resolves.toMatchObject({ subject: 'u' });
    });

    it('refuses a token without iat, since its lifetime cannot be known', async () => {
      expect(await failureOf(fixed(), await signed({ exp: NOW + 60 }))).toBe('bad_claims');
    });

    it('refuses iat or nbf further in the future than the skew allows, and accepts them within it', async () => {
      expect(await failureOf(fixed(), await signed({ iat: NOW + 3600, exp: NOW + 7200 }))).toBe('not_yet_valid');
      expect(await failureOf(fixed(), await signed({ iat: NOW + 61, exp: NOW + 3600 }))).toBe('not_yet_valid');
      expect(await failureOf(fixed(), await signed({ iat: NOW, nbf: NOW + 61, exp: NOW + 3600 }))).toBe('not_yet_valid');
      await expect(fixed().verify(await signed({ iat: NOW + 30, exp: NOW + 3600 }))).resolves.toMatchObject({ subject: 'u' });
      await expect(fixed().verify(await signed({ iat: NOW, nbf: NOW + 60, exp: NOW + 3600 }))).resolves.toMatchObject({ subject: 'u' });
      // Without skew, 30 seconds ahead is already too early.
      expect(await failureOf(fixed({ clockSkewSeconds: 0 }), await signed({ iat: NOW + 30, exp: NOW + 3600 }))).toBe('not_yet_valid');
    });

    it('allows the skew on exp too, and no more', async () => {
      await expect(fixed().verify(await signed({ iat: NOW - 3600, exp: NOW - 59 }))).resolves.toMatchObject({ subject: 'u' });
      expect(await failureOf(fixed(), await signed({ iat: NOW - 3600, exp: NOW - 61 }))).toBe('expired');
    });

    it('does not let a forged signature reach the lifetime checks', async () => {
      const [header, , signature] = (await signed({ iat: NOW, exp: NOW + 60 })).slice('Bearer '.length).split('.');
      const longer = Buffer.from(JSON.stringify({ sub: 'u', iss: 'local', aud: 'api', iat: NOW, exp: NOW + 30, grants })).toString(
        'base64url',
      );
      expect(await failureOf(fixed(), `Bearer ${header}.${longer}.${signature}`)).toBe('bad_signature');
    });
  });

  describe('local tokens', () => {
    const claimsOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };

    it('live 8 hours by default, or the maximum when that is shorter', async () => {
      const usual = claimsOf(await issueLocalToken(settings, { subject: 'u', grants }));
      expect(usual.exp - usual.iat).toBe(8 * 3600);
      const short = claimsOf(await issueLocalToken({ ...settings, maxLifetimeSeconds: 3600 }, { subject: 'u', grants }));
      expect(short.exp - short.iat).toBe(3600);
    });

    it('are not issued for longer than the verifier would accept', async () => {
      await expect(issueLocalToken(settings, { subject: 'u', grants, ttlSeconds: 12 * 3600 + 1 })).rejects.toThrow(TokenLifetimeError);
      await expect(issueLocalToken({ ...settings, maxLifetimeSeconds: 3600 }, { subject: 'u', grants, ttlSeconds: 7200 })).rejects.toThrow(
        /at most 1 h \(AUTH_MAX_TOKEN_LIFETIME_HOURS\); asked for 2 h/,
      );
      await expect(issueLocalToken(settings, { subject: 'u', grants, ttlSeconds: 0 })).rejects.toThrow(TokenLifetimeError);
      const longest = claimsOf(await issueLocalToken(settings, { subject: 'u', grants, ttlSeconds: 12 * 3600 }));
      expect(longest.exp - longest.iat).toBe(12 * 3600);
    });
  });

  it('verifies tokens of an identity provider by public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new TokenVerifier({
      issuer: 'idp',
      audience: 'api',
      keys: { kind: 'public_key', pem: await exportSPKI(publicKey), algorithm: 'RS256' },
    });
    const token = await new SignJWT({ grants })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('sso-7')
      .setIssuer('idp')
      .setAudience('api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
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
      const token = await new SignJWT({ grants })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('sso-8')
        .setIssuer('idp')
        .setAudience('api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await provider.verify(`Bearer ${token}`)).principal).toEqual({ userId: 'sso-8', grants });
      const unknownKid = await new SignJWT({ grants })
        .setProtectedHeader({ alg: 'ES256', kid: 'k9' })
        .setSubject('x')
        .setIssuer('idp')
        .setAudience('api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await failureOf(provider, `Bearer ${unknownKid}`)).toBe('bad_signature');
    });
  });
});
