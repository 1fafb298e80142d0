import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../../../libs/config/src/config.js';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { testDatabaseUrl } from '../../../test/support/database.js';
import { createApp } from '../src/bootstrap.js';

describe('API: health and errors', () => {
  let app: INestApplication;
  let database: pg.Pool;
  let eventStore: PostgresEventStore;

  beforeAll(async () => {
    const url = testDatabaseUrl();
    database = new pg.Pool({ connectionString: url, max: 2 });
    eventStore = await PostgresEventStore.connect(url, 2);
    app = await createApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'error' }), eventStore, database });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await eventStore.close();
    await database.end();
  });

  it('reports the database and the event store up', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'up',
      checks: { database: { status: 'up' }, eventStore: { status: 'up', adapter: 'postgres', detail: 'schema version 1' } },
    });
  });

  it('answers an unknown route with problem+json and no framework banner', async () => {
    const response = await request(app.getHttpServer()).get('/no-such-route').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.body).toMatchObject({ status: 404, title: 'Not found', instance: '/no-such-route' });
  });
});

describe('API: health when the event store is down', () => {
  it('answers 503 and names the failing check', async () => {
    const url = testDatabaseUrl();
    const database = new pg.Pool({ connectionString: url, max: 1 });
    const brokenStore = new PostgresEventStore(new pg.Pool({ connectionString: url.replace(/\/[^/]+$/, '/no_such_database'), max: 1 }), { ownsPool: true });
    const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'error' }), eventStore: brokenStore, database });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(503);
      expect(response.body.status).toBe('down');
      expect(response.body.checks.database).toEqual({ status: 'up' });
      expect(response.body.checks.eventStore).toMatchObject({ status: 'down', adapter: 'postgres' });
    } finally {
      await app.close();
      await brokenStore.close();
      await database.end();
    }
  });
});
