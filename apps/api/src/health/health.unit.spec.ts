import 'reflect-metadata';
import { Global, Injectable, Module, type BeforeApplicationShutdown, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { StoreHealth } from '../../../../libs/event-store/src/port.js';
import type { ProjectionStatus } from '../../../../libs/projections/src/projection-runner.js';
import { PROJECTION_RUNNER, PROJECTIONS_INLINE } from '../projections/projection-tokens.js';
import { DATABASE_POOL, EVENT_STORE } from '../tokens.js';
import { healthPart } from './health.module-def.js';

const projection = (overrides: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name: 'deadlines',
  version: 2,
  role: 'active',
  live: {
    buildId: 7,
    version: 2,
    position: 40,
    checkpoint: '9/40',
    lastEventRecordedAt: '2026-11-30T10:00:00.000Z',
    liveAt: '2026-11-30T09:00:00.000Z',
  },
  rebuilding: null,
  lag: { events: 0, capped: false, seconds: 0 },
  eventsPerSecond: 12,
  lastError: null,
  ...overrides,
});

interface Fakes {
  database?: () => Promise<unknown>;
  store?: () => Promise<StoreHealth>;
  statuses?: () => Promise<ProjectionStatus[]>;
  inline?: boolean;
  /** A module imported beside the health part (e.g. with a shutdown hook). */
  extra?: Type<unknown>;
}

/** The health part alone (terminus, the indicators, the controller) over fake dependencies. */
async function healthApp(fakes: Fakes = {}): Promise<INestApplication> {
  const health = healthPart();
  @Module({
    imports: [...health.imports, ...(fakes.extra ? [fakes.extra] : [])],
    controllers: health.controllers,
    providers: [
      ...health.providers,
      { provide: DATABASE_POOL, useValue: { query: fakes.database ?? (async () => ({ rows: [{ '?column?': 1 }] })) } },
      {
        provide: EVENT_STORE,
        useValue: { adapter: 'fake', health: fakes.store ?? (async () => ({ status: 'up', adapter: 'fake', detail: 'schema version 9' })) },
      },
      { provide: PROJECTION_RUNNER, useValue: { status: fakes.statuses ?? (async () => [projection()]) } },
      { provide: PROJECTIONS_INLINE, useValue: fakes.inline ?? true },
    ],
  })
  class HealthOnly {}
  const app = await NestFactory.create(HealthOnly, { logger: false });
  await app.init();
  return app;
}

const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432 (user pcm)'), { code: 'ECONNREFUSED' }));

describe('GET /health through @nestjs/terminus', () => {
  const apps: INestApplication[] = [];
  const get = async (fakes?: Fakes) => {
    const app = await healthApp(fakes);
    apps.push(app);
    return request(app.getHttpServer()).get('/health');
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('answers 200 with status up and each check, in the shape clients read, never cached', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(Object.keys(response.body)).toEqual(['status', 'checks']);
    expect(Object.keys(response.body.checks)).toEqual(['database', 'eventStore', 'projections']);
    expect(response.body).toEqual({
      status: 'up',
      checks: {
        database: { status: 'up' },
        eventStore: { status: 'up', adapter: 'fake', detail: 'schema version 9' },
        projections: {
          status: 'up',
          runHere: true,
          projections: [
            {
              name: 'deadlines',
              version: 2,
              role: 'active',
              position: 40,
              checkpoint: '9/40',
              lagEvents: 0,
              lagSeconds: 0,
              eventsPerSecond: 12,
              rebuilding: null,
              lastError: null,
            },
          ],
        },
      },
    });
  });

  it('answers 503 with Retry-After when the database does not answer, without the server’s message', async () => {
    const response = await get({ database: refused, statuses: refused });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toEqual({
      status: 'down',
      checks: {
        database: { status: 'down', detail: 'the database did not answer' },
        eventStore: { status: 'up', adapter: 'fake', detail: 'schema version 9' },
        projections: { status: 'down', detail: 'the projections could not be read' },
      },
    });
    expect(response.text).not.toContain('10.0.0.7');
  });

  it('answers 503 with Retry-After when the event store is down, naming it (and down when its check throws)', async () => {
    const down = await get({ store: async () => ({ status: 'down', adapter: 'fake', detail: 'schema version 8, expected 9' }) });
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body).toMatchObject({
      status: 'down',
      checks: {
        database: { status: 'up' },
        eventStore: { status: 'down', adapter: 'fake', detail: 'schema version 8, expected 9' },
        projections: { status: 'up' },
      },
    });
    const thrown = await get({ store: refused });
    expect(thrown.status).toBe(503);
    expect(thrown.body.checks.eventStore).toEqual({ status: 'down', adapter: 'fake', detail: 'the event store did not answer' });
  });

  it('stays 200 and up while a projection fails its batches: the projections check is degraded and names it', async () => {
    const response = await get({
      statuses: async () => [projection(), projection({ name: 'case_index', lastError: 'relation "x" does not exist' })],
    });
    expect(response.status).toBe(200);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.body.status).toBe('up');
    expect(response.body.checks.projections).toMatchObject({
      status: 'degraded',
      runHere: true,
      detail: 'failing, retried by the runner: case_index',
    });
    expect(
      response.body.checks.projections.projections.map((p: { name: string; lastError: string | null }) => [p.name, p.lastError]),
    ).toEqual([
      ['deadlines', null],
      ['case_index', 'relation "x" does not exist'],
    ]);
  });

  it('answers 503 when the projections’ status cannot be read although the database answers', async () => {
    const response = await get({ statuses: refused });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      status: 'down',
      checks: {
        database: { status: 'up' },
        eventStore: { status: 'up' },
        projections: { status: 'down', detail: 'the projections could not be read' },
      },
    });
  });

  it('with PROJECTIONS=off: the projections are up, not run here, in both languages', async () => {
    const response = await get({ inline: false });
    expect(response.status).toBe(200);
    expect(response.body.checks.projections).toMatchObject({
      status: 'up',
      runHere: false,
      projections: [{ name: 'deadlines', role: 'not_run_here', position: 40 }],
    });
    expect(response.body.checks.projections.detail).toMatch(/PROJECTIONS=off/);
    expect(response.body.checks.projections.detailVi).toMatch(/^Tiến trình này không dựng/);
  });
});

describe('GET /health while the application shuts down', () => {
  it('answers 503 with Retry-After between the shutdown signal and the port closing', async () => {
    // Terminus marks itself shutting down in its beforeApplicationShutdown hook, before the HTTP
    // server closes. Nest runs these hooks from the root module down and global modules last, so
    // a probe from a global module's hook comes after terminus's and before the port closes.
    let during: request.Response | null = null;
    let server: unknown = null;
    @Injectable()
    class LateProbe implements BeforeApplicationShutdown {
      async beforeApplicationShutdown() {
        during = await request(server as Parameters<typeof request>[0]).get('/health');
      }
    }
    @Global()
    @Module({ providers: [LateProbe] })
    class LateProbeModule {}
    const app = await healthApp({ extra: LateProbeModule });
    server = app.getHttpServer();
    await request(app.getHttpServer()).get('/health').expect(200);
    await app.close();
    expect(during).not.toBeNull();
    expect(during!.status).toBe(503);
    expect(during!.headers['retry-after']).toBe('5');
    expect(during!.body).toMatchObject({
      status: 'down',
      checks: { database: { status: 'up' }, eventStore: { status: 'up' }, projections: { status: 'up' } },
    });
  });
});
