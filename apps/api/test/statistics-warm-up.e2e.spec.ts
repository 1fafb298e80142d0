import { Logger } from '@nestjs/common';
import request from 'supertest';
import { StatisticsWarmUpHost } from '../src/statistics/statistics.module-def.js';
import type { WarmUpOutcome } from '../src/statistics/statistics-warm-up.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';

const WARMED = /^statistics view warmed in \d+ ms$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pendingAfter = async (outcome: Promise<WarmUpOutcome>, ms: number) =>
  (await Promise.race([outcome, sleep(ms).then(() => 'pending' as const)])) === 'pending';

/**
 * The statistics view is warmed when the API starts: one country-wide indicator table for the
 * current year in the background, once the facts view is live; never before, never after close.
 */
describe('API: statistics view warmed at start-up', () => {
  let url: string;
  let drop: () => Promise<void>;
  let api: TestApi | null = null;
  let logged: jest.SpyInstance;
  const warmedLines = () => logged.mock.calls.filter(([line]) => typeof line === 'string' && WARMED.test(line));
  const warmUpOf = (of: TestApi) => of.app.get(StatisticsWarmUpHost).warmUp;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'log');
  });
  afterEach(async () => {
    logged.mockRestore();
    await api?.close();
    api = null;
  });
  afterAll(() => drop());

  it('while no view is built (projections run elsewhere): the plans route answers 503, the warm-up waits quietly, and closing stops it with nothing running', async () => {
    api = await startTestApi(url, undefined, { PROJECTIONS: 'off' });
    const statistician = await bearer('warm-up-statistician', [{ role: 'statistician', scope: 'VN' }]);
    const answer = await request(api.app.getHttpServer()).get('/statistics/plans').set('Authorization', statistician).expect(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(api.app.getHttpServer())
      .get('/statistics/plans')
      .set('Authorization', await bearer('warm-up-officer', [{ role: 'police_officer', scope: 'VN' }]))
      .expect(403);

    const warmUp = warmUpOf(api);
    expect(await pendingAfter(warmUp.done, 300)).toBe(true);
    // It looked (one cheap statement) and found nothing to warm.
    expect(warmUp.statements).toBeGreaterThanOrEqual(1);
    expect(warmedLines()).toEqual([]);

    await api.close();
    api = null;
    expect(await pendingAfter(warmUp.done, 0)).toBe(false);
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'stopped' });
    expect(warmUp.running).toBe(0);
    const sent = warmUp.statements;
    await sleep(100);
    expect(warmUp.statements).toBe(sent);
  });

  it('once the API builds the view: runs the country-wide table for the year and logs one line without data', async () => {
    api = await startTestApi(url);
    const warmUp = warmUpOf(api);
    const outcome = await warmUp.done;
    expect(outcome).toMatchObject({ warmed: true, ms: expect.any(Number) });
    // The probe, the deadlines check and the indicator statements.
    expect(warmUp.statements).toBeGreaterThan(10);
    expect(warmUp.running).toBe(0);
    expect(warmedLines()).toHaveLength(1);
    expect(warmedLines()[0]).toEqual([`statistics view warmed in ${(outcome as { ms: number }).ms} ms`]);
    expect((logged.mock.contexts.find((_, i) => WARMED.test(String(logged.mock.calls[i]![0]))) as { context?: string }).context).toBe(
      'Statistics',
    );
  }, 30_000);

  it('STATISTICS_WARM_UP=off: starts without sending anything', async () => {
    api = await startTestApi(url, undefined, { STATISTICS_WARM_UP: 'off' });
    const warmUp = warmUpOf(api);
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'disabled' });
    await sleep(100);
    expect(warmUp.statements).toBe(0);
    expect(warmedLines()).toEqual([]);
  });
});
