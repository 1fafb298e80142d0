import request from 'supertest';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

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

  it('refuses an expired token and records why', async () => {
    const expired = await bearer('officer-1', [{ role: 'police_officer', scope: '01' }], { ttlSeconds: 60, now: new Date(Date.now() - 7200_000) });
    await request(api.app.getHttpServer()).get('/me').set('Authorization', expired).expect(401);
    expect((await signInFailures()).pop()).toBe('expired');
  });

  it('accepts a valid token and tells the user who they are', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/me')
      .set('Authorization', await bearer('officer-1', [{ role: 'police_officer', scope: '01' }]))
      .expect(200);
    expect(response.body).toEqual({ userId: 'officer-1', grants: [{ role: 'police_officer', scope: '01' }] });
  });

  it('lets a token without roles in, but allows it nothing, and records the denial', async () => {
    const response = await request(api.app.getHttpServer()).get('/access-log').set('Authorization', await bearer('nobody', [])).expect(403);
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
    expect(response.body.entries.map((e: { reason: string }) => e.reason)).toEqual(expect.arrayContaining(['missing', 'malformed', 'expired']));
  });

  it('refuses unknown query fields and bad values with 400 naming them', async () => {
    const auditor = await bearer('auditor-1', [{ role: 'auditor', scope: 'VN' }]);
    const response = await request(api.app.getHttpServer()).get('/access-log?limit=0&colour=red').set('Authorization', auditor).expect(400);
    expect(JSON.stringify(response.body.errors)).toMatch(/limit/);
    expect(JSON.stringify(response.body.errors)).toMatch(/colour/);
  });
});
