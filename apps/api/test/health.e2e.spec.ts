import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../../../libs/config/src/config.js';
import { EVENT_STORE_MIGRATIONS } from '../../../libs/event-store/src/postgres/migrations.js';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { BUILT_IN_UNITS } from '../../../libs/jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { PostgresKeyStore, parseMasterKey } from '../../../libs/crypto/src/index.js';
import { startTestApi, TEST_AUTH_SECRET, TEST_MASTER_KEY, type TestApi } from '../../../test/support/api.js';
import { testDatabaseUrl } from '../../../test/support/database.js';
import { createApp } from '../src/bootstrap.js';

describe('API: health and errors', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('reports the database and the event store up, without a token', async () => {
    const response = await request(api.app.getHttpServer()).get('/health').expect(200);
    const latest = EVENT_STORE_MIGRATIONS[EVENT_STORE_MIGRATIONS.length - 1]!.version;
    expect(response.body).toMatchObject({
      status: 'up',
      checks: { database: { status: 'up' }, eventStore: { status: 'up', adapter: 'postgres', detail: `schema version ${latest}` } },
    });
  });

  it('serves the OpenAPI document at /docs without a token', async () => {
    const response = await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/cases/{kind}/{id}', '/access-log']));
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    await request(api.app.getHttpServer()).get('/docs').expect(200);
  });

  it('answers an unknown route with problem+json and no framework banner', async () => {
    const response = await request(api.app.getHttpServer()).get('/health/no-such-route').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.body).toMatchObject({ status: 404, title: 'Not found', instance: '/health/no-such-route' });
  });
});

describe('API: health when the event store is down', () => {
  it('answers 503 and names the failing check', async () => {
    const url = testDatabaseUrl();
    const database = new pg.Pool({ connectionString: url, max: 1 });
    const brokenStore = new PostgresEventStore(new pg.Pool({ connectionString: url.replace(/\/[^/]+$/, '/no_such_database'), max: 1 }), {
      ownsPool: true,
    });
    const config = loadConfig({ LOG_LEVEL: 'error', AUTH_JWT_SECRET: TEST_AUTH_SECRET });
    const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(TEST_MASTER_KEY) });
    const app = await createApp({
      config,
      eventStore: brokenStore,
      database,
      jurisdictions: JurisdictionTree.build(BUILT_IN_UNITS),
      keyStore,
    });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(503);
      expect(response.body.status).toBe('down');
      expect(response.body.checks.database).toEqual({ status: 'up' });
      expect(response.body.checks.eventStore).toMatchObject({ status: 'down', adapter: 'postgres' });
    } finally {
      await app.close();
      await brokenStore.close();
      await keyStore.close();
      await database.end();
    }
  });
});
