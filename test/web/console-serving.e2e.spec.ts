import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import request from 'supertest';
import { DEFAULT_CONSOLE_DIR } from '../../apps/api/src/web/console-files.js';
import { ROLES } from '../../libs/access/src/domain/roles.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { testDatabaseUrl } from '../support/database.js';
import { startConsoleServer, type ConsoleServer } from './console-server.js';

/** `npm test` builds the console before jest runs (npm run build:web). */
async function builtScript(): Promise<string> {
  const files = await readdir(path.join(DEFAULT_CONSOLE_DIR, 'assets'));
  const script = files.find((f) => /^index-.+\.js$/.test(f));
  if (!script) throw new Error(`no built console in ${DEFAULT_CONSOLE_DIR}: run npm run build:web`);
  return script;
}

describe('web console: served by the API in the all-in-one default', () => {
  let server: ConsoleServer;
  beforeAll(async () => {
    server = await startConsoleServer();
  });
  afterAll(() => server.close());
  const http = () => request(server.app.getHttpServer());

  it('serves the page at / and at every client route under /console/, with a strict content security policy', async () => {
    for (const route of ['/', '/console', '/console/tips/some-tip', '/console/support-cases/x/y']) {
      const page = await http()
        .get(route)
        .expect(200)
        .expect('Content-Type', /text\/html/);
      expect(page.text).toContain('<div id="app"></div>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves the hashed assets for a year, and nothing else from the disk', async () => {
    const script = await builtScript();
    const asset = await http()
      .get(`/assets/${script}`)
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const probe of ['/assets/..%2Findex.html', '/assets/..%2F..%2Fpackage.json', '/assets/.hidden', '/assets/nope.js']) {
      const refused = await http().get(probe);
      expect({ probe, status: refused.status }).toEqual({ probe, status: 404 });
      expect(refused.text).not.toContain('<div id="app">');
    }
  });

  it('never answers an API route, /health or /docs with the page', async () => {
    const health = await http().get('/health').set('Accept', 'text/html').expect(200);
    expect(health.headers['content-type']).toMatch(/json/);
    const openapi = await http().get('/docs/openapi.json').set('Accept', 'text/html').expect(200);
    expect(Object.keys(openapi.body.paths['/auth/config'])).toEqual(['get']);
    expect(Object.keys(openapi.body.paths).filter((p) => p === '/' || p.startsWith('/console') || p.startsWith('/assets'))).toEqual([]);
    const tip = await http().get('/tips/some-tip').set('Accept', 'text/html').expect(401);
    expect(tip.headers['content-type']).toMatch(/problem\+json/);
    const unknown = await http().get('/no-such-route').set('Accept', 'text/html').expect(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
  });

  it('tells the page to offer demo users, with the built-in units to choose from', async () => {
    const config = await http().get('/auth/config').expect(200);
    expect(config.body.signIn).toBe('demo');
    expect(config.body.oidc).toBeNull();
    expect(config.body.demo.roles).toContain('social_worker');
    expect(config.body.demo.roles).toContain('programme_officer');
    expect(config.body.demo.roles).toEqual([...ROLES]);
    expect(config.body.demo.units).toContainEqual({
      code: '10015',
      level: 'commune',
      name: 'Chương Mỹ',
      nameEn: 'Chuong My',
      parentCode: '01',
    });
  });

  it('issues a demo token that the API accepts with exactly the chosen role and unit', async () => {
    const issued = await http().post('/auth/demo-token').send({ role: 'social_worker', scope: '10015' }).expect(201);
    expect(issued.body).toMatchObject({ userId: 'demo-social-worker-10015', grants: [{ role: 'social_worker', scope: '10015' }] });
    const me = await http().get('/me').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
    expect(me.body).toEqual({ userId: 'demo-social-worker-10015', grants: [{ role: 'social_worker', scope: '10015' }] });
    const named = await http().post('/auth/demo-token').send({ role: 'auditor', scope: 'VN', userId: 'auditor.nguyen' }).expect(201);
    expect(named.body.userId).toBe('auditor.nguyen');
    const officer = await http().post('/auth/demo-token').send({ role: 'programme_officer', scope: '52' }).expect(201);
    expect(officer.body).toMatchObject({ userId: 'demo-programme-officer-52', grants: [{ role: 'programme_officer', scope: '52' }] });
  });

  it('issues a sanctioning official’s position with the demo identity, only one the role holds at the scope’s level', async () => {
    const config = await http().get('/auth/config').expect(200);
    expect(config.body.demo.positions).toContainEqual({
      position: 'commune_people_committee_chair',
      titleVi: 'Chủ tịch Ủy ban nhân dân cấp xã',
      titleEn: 'commune People’s Committee chair',
      statedBy: ['sanctioning_official'],
      heldAt: ['commune'],
    });
    const chair = await http()
      .post('/auth/demo-token')
      .send({ role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' })
      .expect(201);
    const me = await http().get('/me').set('Authorization', `Bearer ${chair.body.token}`).expect(200);
    expect(me.body.grants).toEqual([{ role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' }]);
    for (const body of [
      { role: 'sanctioning_official', scope: '10015', position: 'provincial_people_committee_chair' },
      { role: 'sanctioning_official', scope: '01', position: 'commune_people_committee_chair' },
      { role: 'social_worker', scope: '10015', position: 'commune_police_chief' },
      { role: 'sanctioning_official', scope: '10015', position: 'minister' },
    ]) {
      const refused = await http().post('/auth/demo-token').send(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(refused.body.token).toBeUndefined();
    }
  });

  it('refuses a demo token for an unknown role or unit, or with fields it does not know', async () => {
    for (const body of [
      { role: 'admin', scope: '10015' },
      { role: 'auditor', scope: '99999' },
      { role: 'auditor', scope: 'VN', grants: [] },
      { role: 'auditor', scope: 'VN', userId: 'a b' },
    ]) {
      const refused = await http().post('/auth/demo-token').send(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(refused.body.token).toBeUndefined();
    }
  });
});

describe('web console: no demo sign-in outside the all-in-one default', () => {
  const demoIsOff = async (api: TestApi, mode: 'token' | 'oidc') => {
    const http = () => request(api.app.getHttpServer());
    expect((await http().get('/auth/config').expect(200)).body).toMatchObject({ signIn: mode, demo: null });
    const refused = await http().post('/auth/demo-token').send({ role: 'auditor', scope: 'VN' }).expect(404);
    expect(refused.body.token).toBeUndefined();
    return http;
  };

  it('with HOST=0.0.0.0 (reachable from other machines), even in the all-in-one default: sign-in by token only', async () => {
    const exposed = await startConsoleServer({ HOST: '0.0.0.0' });
    try {
      const http = () => request(exposed.app.getHttpServer());
      expect((await http().get('/auth/config').expect(200)).body).toMatchObject({ signIn: 'token', demo: null });
      const refused = await http().post('/auth/demo-token').send({ role: 'auditor', scope: 'VN' }).expect(404);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.token).toBeUndefined();
    } finally {
      await exposed.close();
    }
  });

  it('with AUTH_JWT_SECRET (a shared token key): sign-in by token only', async () => {
    const api = await startTestApi();
    try {
      await demoIsOff(api, 'token');
    } finally {
      await api.close();
    }
  });

  it('with DATABASE_URL and no token key: the generated local secret, but not the embedded default', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pcm-local-'));
    const api = await startTestApi(undefined, undefined, { AUTH_JWT_SECRET: '', DATA_DIR: dataDir });
    try {
      await demoIsOff(api, 'token');
    } finally {
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('with AUTH_JWT_PUBLIC_KEY, or with AUTH_JWKS_URL and an identity provider for the console: OIDC settings, no demo', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const withKey = await startTestApi(undefined, undefined, { AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: pem });
    try {
      await demoIsOff(withKey, 'token');
    } finally {
      await withKey.close();
    }
    const withProvider = await startTestApi(testDatabaseUrl(), undefined, {
      AUTH_JWT_SECRET: '',
      AUTH_JWKS_URL: 'https://idp.example.vn/realms/pcm/protocol/openid-connect/certs',
      OIDC_ISSUER: 'https://idp.example.vn/realms/pcm',
      OIDC_CLIENT_ID: 'pcm-console',
    });
    try {
      const http = await demoIsOff(withProvider, 'oidc');
      const config = await http().get('/auth/config').expect(200);
      expect(config.body.oidc).toEqual({ issuer: 'https://idp.example.vn/realms/pcm', clientId: 'pcm-console', scopes: 'openid profile' });
      // The page may fetch the provider's discovery document and token endpoint, nothing else outside.
      const page = await http().get('/console').expect(200);
      expect(page.headers['content-security-policy']).toContain("connect-src 'self' https://idp.example.vn");
    } finally {
      await withProvider.close();
    }
  });
});
