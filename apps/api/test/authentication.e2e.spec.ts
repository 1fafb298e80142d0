import { SignJWT } from 'jose';
import request from 'supertest';
import { TEST_AUTH_SECRET, bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

describe('API: authentication', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const signInFailures = async () => (await api.store.readStream('access-sign-in')).map((e) => e.data.failure);

  it.each([
    ['missing', undefined],
    ['malformed', 'Token abc'],
  ])('refuses a %s token with 401, a Bearer challenge, and records the failed sign-in', async (failure, header) => {
    const before = (await signInFailures()).length;
    const call = request(api.app.getHttpServer()).get('/me');
    const response = await (header ? call.set('Authorization', header) : call).expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const failures = await signInFailures();
    expect(failures).toHaveLength(before + 1);
    expect(failures[failures.length - 1]).toBe(failure);
  });

  it('records a refused sign-in under the request’s id, so the refusal can be found in the logs', async () => {
    const requestId = `refused-${Date.now().toString(36)}`;
    const response = await request(api.app.getHttpServer()).get('/me').set('X-Request-Id', requestId).expect(401);
    expect(response.headers['x-request-id']).toBe(requestId);
    const events = await api.store.readStream('access-sign-in');
    expect(events.some((e) => e.metadata.correlationId === requestId && e.data.failure === 'missing')).toBe(true);
  });

  it('refuses an expired token and records why', async () => {
    const expired = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }], {
      ttlSeconds: 60,
      now: new Date(Date.now() - 7200_000),
    });
    await request(api.app.getHttpServer()).get('/me').set('Authorization', expired).expect(401);
    expect((await signInFailures()).pop()).toBe('expired');
  });

  /** Signed with the API's own key, issuer and audience: only the times are wrong. */
  const signedWith = (times: { iat: number; exp: number }) =>
    new SignJWT({ grants: [{ role: 'police_officer', scope: '01' }] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('officer-1')
      .setIssuer('phong-chong-local')
      .setAudience('phong-chong-api')
      .setIssuedAt(times.iat)
      .setExpirationTime(times.exp)
      .sign(Buffer.from(TEST_AUTH_SECRET, 'base64'))
      .then((token) => `Bearer ${token}`);
  const seconds = () => Math.floor(Date.now() / 1000);

  it('refuses a token that expires in 2200 (longer than the 12-hour maximum) and records why', async () => {
    const forever = await signedWith({ iat: seconds(), exp: Date.UTC(2200, 0, 1) / 1000 });
    const response = await request(api.app.getHttpServer()).get('/me').set('Authorization', forever).expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect((await signInFailures()).pop()).toBe('lifetime_too_long');
  });

  it('refuses a token issued an hour in the future and records why', async () => {
    const early = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }], { now: new Date(Date.now() + 3600_000) });
    await request(api.app.getHttpServer()).get('/me').set('Authorization', early).expect(401);
    expect((await signInFailures()).pop()).toBe('not_yet_valid');
  });

  it('accepts a token issued 30 seconds in the future (the issuer’s clock may run ahead by up to a minute)', async () => {
    const ahead = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }], { now: new Date(Date.now() + 30_000) });
    const response = await request(api.app.getHttpServer()).get('/me').set('Authorization', ahead).expect(200);
    expect(response.body.userId).toBe('officer-1');
  });

  it('accepts a valid token and tells the user who they are', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/me')
      .set('Authorization', await bearer('officer-1', [{ role: 'police_officer', scope: '01' }]))
      .expect(200);
    expect(response.body).toEqual({ userId: 'officer-1', grants: [{ role: 'police_officer', scope: '01' }] });
  });

  it('lets a token without roles in, but allows it nothing, and records the denial', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/access-log')
      .set('Authorization', await bearer('nobody', []))
      .expect(403);
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
    const denials = await api.store.readStream('access-access_log-collection', { direction: 'backward', limit: 1 });
    expect(denials[0]).toMatchObject({ type: 'access.denied', data: { actorId: 'nobody', status: 403 } });
  });

  it('shows the access log to an auditor, filtered, including the failed sign-ins', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/access-log?type=access.sign_in_failed&limit=50')
      .set('Authorization', await bearer('auditor-1', [{ role: 'auditor', scope: 'VN' }]))
      .expect(200);
    expect(response.body.entries.length).toBeGreaterThanOrEqual(3);
    expect(response.body.entries.map((e: { reason: string }) => e.reason)).toEqual(
      expect.arrayContaining(['missing', 'malformed', 'expired']),
    );
  });

  it('refuses unknown query fields and bad values with 400 naming them', async () => {
    const auditor = await bearer('auditor-1', [{ role: 'auditor', scope: 'VN' }]);
    const response = await request(api.app.getHttpServer()).get('/access-log?limit=0&colour=red').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/limit/);
    expect(JSON.stringify(response.body.errors)).toMatch(/colour/);
  });
});
