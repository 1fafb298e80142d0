import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../../libs/config/src/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../libs/database/src/embedded-postgres.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { bearer, TEST_AUTH_SECRET, TEST_MASTER_KEY } from '../../../test/support/api.js';
import { startPlatform, type RunningPlatform } from '../src/bootstrap.js';

const LOCATION = 'Đoạn đường gần bến xe, nhà số 12 của bà Nguyễn Thị Mất Điện';
const IDENTIFY = { jurisdiction: '27559', kind: 'street', locationDescription: LOCATION, identifiedOn: '2026-02-02' };
const TREATMENT = { plan: 'Tuần tra ban đêm hai lần mỗi tuần', startedOn: '2026-02-02' };

/**
 * The all-in-one API on its own throwaway PostgreSQL (never the run's shared one), which is
 * stopped under it: every route must answer 503 problem+json with Retry-After — commands, reads,
 * read-model lists, a bad token whose failed sign-in cannot be recorded — never 500, and log no
 * personal data; once PostgreSQL is back on the same data and port, the same command succeeds
 * without restarting the API.
 */
describe('the API while its PostgreSQL is down, and after it is back', () => {
  let scratch: string;
  let dataDir: string;
  let port: number;
  let server: EmbeddedPostgres | null = null;
  let platform: RunningPlatform | undefined;
  const logged: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'pcm-outage-'));
    // As root PostgreSQL runs as `postgres`, which must reach the data directory.
    await chmod(scratch, 0o711);
    dataDir = path.join(scratch, 'postgres');
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, durable: false });
    spies.push(jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void logged.push(`warn: ${String(message)}`)));
    spies.push(
      jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(`error: ${String(message)}`)),
    );
    const config = loadConfig({
      DATABASE_URL: server.urlFor('postgres'),
      MASTER_KEY: TEST_MASTER_KEY,
      AUTH_JWT_SECRET: TEST_AUTH_SECRET,
      PORT: String(await freePort()),
      DATA_DIR: path.join(scratch, 'data'),
      LOG_LEVEL: 'warn',
      STATISTICS_WARM_UP: 'off',
    });
    platform = await startPlatform(config, () => undefined);
  });
  afterAll(async () => {
    await platform?.close();
    await server?.stop();
    for (const spy of spies) spy.mockRestore();
    await rm(scratch, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST', route: string, token: string, body?: object, key?: string) =>
    fetch(`${platform!.url}${route}`, {
      method,
      headers: {
        authorization: token,
        ...(body ? { 'content-type': 'application/json', 'idempotency-key': key ?? `key-${randomUUID()}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const expectUnavailable = async (response: Response, what: string) => {
    const text = await response.text();
    expect({
      what,
      status: response.status,
      type: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
    }).toEqual({
      what,
      status: 503,
      type: expect.stringMatching(/^application\/problem\+json/),
      retryAfter: expect.stringMatching(/^[1-9]\d*$/),
    });
    expect(JSON.parse(text)).toMatchObject({ status: 503, title: 'Service Unavailable', code: 'database.unavailable' });
    expect(text).not.toContain(LOCATION);
  };

  it('answers 503 + Retry-After on every route while PostgreSQL is stopped, and the same command succeeds once it is back', async () => {
    const supervisor = await bearer('outage-supervisor', [{ role: 'police_supervisor', scope: '79' }]);
    const created = await call('POST', '/hotspots', supervisor, IDENTIFY);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await call('GET', `/hotspots/${id}`, supervisor)).status).toBe(200);

    await server!.stop();
    server = null;
    logged.length = 0;

    const retriedKey = `key-${randomUUID()}`;
    await expectUnavailable(await call('POST', '/hotspots', supervisor, IDENTIFY, retriedKey), 'a creating command');
    await expectUnavailable(await call('POST', `/hotspots/${id}/start-treatment`, supervisor, TREATMENT), 'a command on a case');
    await expectUnavailable(await call('GET', `/hotspots/${id}`, supervisor), 'a read of a case');
    await expectUnavailable(await call('GET', `/hotspots/${id}/history`, supervisor), 'a case history');
    await expectUnavailable(await call('GET', '/deadlines', supervisor), 'a read-model list');
    await expectUnavailable(
      await call('GET', `/hotspots/${id}`, 'Bearer not-a-token'),
      'a bad token (its failed sign-in cannot be recorded)',
    );
    const health = await fetch(`${platform!.url}/health`);
    expect({ status: health.status, retryAfter: health.headers.get('retry-after') }).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^[1-9]\d*$/),
    });

    // Codes only in the log: never a message of the server, nothing of a body; nothing "unhandled".
    expect(logged.some((line) => /Database unavailable \(ECONNREFUSED\)/.test(line))).toBe(true);
    expect(logged.filter((line) => /Unhandled/.test(line))).toEqual([]);
    expect(logged.join('\n')).not.toContain(LOCATION);

    server = await startEmbeddedPostgres({ dataDir, port, durable: false });

    const retried = await call('POST', '/hotspots', supervisor, IDENTIFY, retriedKey);
    expect(retried.status).toBe(201);
    const again = (await retried.json()) as { id: string; events: string[] };
    expect(again.events).toEqual(['hotspot.identified']);
    expect(again.id).not.toBe(id);
    const view = await call('GET', `/hotspots/${again.id}`, supervisor);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { locationDescription: string }).locationDescription).toBe(LOCATION);
    expect((await call('POST', `/hotspots/${id}/start-treatment`, supervisor, TREATMENT)).status).toBe(200);
    expect((await call('GET', `/hotspots/${id}`, 'Bearer not-a-token')).status).toBe(401);
    expect((await fetch(`${platform!.url}/health`)).status).toBe(200);
  });
});
