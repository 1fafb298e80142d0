import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../../libs/config/src/config.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { eventually, terminateIdleSessions } from '../../../libs/database/src/testing/sessions.js';
import { bearer, TEST_AUTH_SECRET, TEST_MASTER_KEY } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { startPlatform, type RunningPlatform } from '../src/bootstrap.js';

const IDENTIFY = { jurisdiction: '27559', kind: 'street', locationDescription: 'Đoạn đường gần bến xe', identifiedOn: '2026-02-02' };
// Every session the all-in-one process opens: its pool, the event store's, the jurisdictions', the
// projections' lock, and the key store's (unnamed).
const PLATFORM_SESSIONS = ['pcm-api', 'pcm-event-store', 'pcm-jurisdictions', 'projection-runner-lock', ''];

describe('the all-in-one API when the database ends its idle sessions (restart, failover, network cut)', () => {
  let platform: RunningPlatform;
  let url: string;
  let drop: () => Promise<void>;
  let dataDir: string;
  const warnings: string[] = [];
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    dataDir = await mkdtemp(path.join(tmpdir(), 'pcm-connection-loss-'));
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const config = loadConfig({
      DATABASE_URL: url,
      MASTER_KEY: TEST_MASTER_KEY,
      AUTH_JWT_SECRET: TEST_AUTH_SECRET,
      PORT: String(await freePort()),
      METRICS_PORT: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    platform = await startPlatform(config, () => undefined);
  });
  afterAll(async () => {
    await platform?.close();
    warn.mockRestore();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const health = async () =>
    (await (await fetch(`${platform.url}/health`)).json()) as {
      status: string;
      checks: { projections: { projections: Array<{ name: string; position: number }> } };
    };
  const deadlinesPosition = async () => (await health()).checks.projections.projections.find((p) => p.name === 'deadlines')!.position;
  const identify = async (token: string) =>
    fetch(`${platform.url}/hotspots`, {
      method: 'POST',
      headers: { authorization: token, 'idempotency-key': `key-${randomUUID()}`, 'content-type': 'application/json' },
      body: JSON.stringify(IDENTIFY),
    });

  it('keeps running: health is up, a command and a read succeed, the projections still receive new events', async () => {
    const supervisor = await bearer('supervisor-loss', [{ role: 'police_supervisor', scope: '79' }]);
    expect((await identify(supervisor)).status).toBe(201);
    expect(await eventually(async () => (await deadlinesPosition()) > 0, 20_000)).toBe(true);
    const before = await deadlinesPosition();

    expect(await terminateIdleSessions(url, PLATFORM_SESSIONS)).toBeGreaterThanOrEqual(3);

    expect((await health()).status).toBe('up');
    const created = await identify(supervisor);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = await fetch(`${platform.url}/hotspots/${id}`, { headers: { authorization: supervisor } });
    expect(view.status).toBe(200);
    expect(((await view.json()) as { locationDescription: string }).locationDescription).toBe(IDENTIFY.locationDescription);
    expect(await eventually(async () => (await deadlinesPosition()) > before, 20_000)).toBe(true);

    const lost = warnings.filter((w) => w.includes('idle client lost'));
    expect(lost.length).toBeGreaterThan(0);
    for (const line of lost) expect(line).toBe('pcm-api: idle client lost (57P01); the pool opens a new connection when needed');
  });
});
