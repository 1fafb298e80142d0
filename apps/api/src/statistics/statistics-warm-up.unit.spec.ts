import { IndicatorViewNotReadyError } from '../../../../libs/indicators/src/view-not-ready.js';
import { StatisticsWarmUp } from './statistics-warm-up.js';

/** A pool whose statements answer when the test says so. */
function fakePool() {
  const calls: Array<{ text: string; answer: (value: unknown) => void; fail: (error: unknown) => void }> = [];
  const pool = {
    query: (text: string) =>
      new Promise((answer, fail) => {
        calls.push({ text, answer, fail });
      }),
  };
  return { pool, calls };
}

/** A pool that answers every statement at once. */
const answeringPool = () => ({ query: jest.fn(async (_text: string) => ({ rows: [] })) });

const log = () => ({ log: jest.fn(), warn: jest.fn() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settledWithin = async <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, sleep(ms).then(() => 'pending' as const)]);

describe('statistics warm-up (the background query when the API starts)', () => {
  it('tries again while the view is not built, then warms it and logs one line without data', async () => {
    const pool = answeringPool();
    const lines = log();
    let tries = 0;
    const warmUp = new StatisticsWarmUp(
      pool,
      async (db) => {
        tries += 1;
        await db.query('select probe');
        if (tries < 3) throw new IndicatorViewNotReadyError();
        await db.query('select figures');
      },
      lines,
      { retryMs: 20, giveUpAfterMs: 5000 },
    );
    warmUp.start();
    const outcome = await warmUp.done;
    expect(outcome).toMatchObject({ warmed: true });
    expect(tries).toBe(3);
    expect(pool.query.mock.calls.map((c) => c[0])).toEqual(['select probe', 'select probe', 'select probe', 'select figures']);
    expect(lines.log).toHaveBeenCalledTimes(1);
    expect(lines.log.mock.calls[0]![0]).toMatch(/^statistics view warmed in \d+ ms$/);
    expect(lines.warn).not.toHaveBeenCalled();
    await warmUp.stop();
    expect(await warmUp.done).toEqual(outcome);
  });

  it('returns from start() at once: the application’s start never waits for the query', async () => {
    const { pool, calls } = fakePool();
    const warmUp = new StatisticsWarmUp(pool, async (db) => void (await db.query('select figures')), log(), {
      retryMs: 20,
      giveUpAfterMs: 1000,
    });
    warmUp.start();
    expect(await settledWithin(warmUp.done, 30)).toBe('pending');
    expect(warmUp.running).toBe(1);
    calls[0]!.answer({ rows: [] });
    expect(await warmUp.done).toMatchObject({ warmed: true });
    expect(warmUp.running).toBe(0);
  });

  it('gives up quietly when the view is still not built after the bound, with a bounded number of tries', async () => {
    const pool = answeringPool();
    const lines = log();
    const warmUp = new StatisticsWarmUp(
      pool,
      async (db) => {
        await db.query('select probe');
        throw new IndicatorViewNotReadyError();
      },
      lines,
      { retryMs: 10, giveUpAfterMs: 100 },
    );
    warmUp.start();
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'not_built' });
    expect(pool.query.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(pool.query.mock.calls.length).toBeLessThanOrEqual(11);
    expect(lines.log).not.toHaveBeenCalled();
    expect(lines.warn).toHaveBeenCalledTimes(1);
    const sent = warmUp.statements;
    await sleep(40);
    expect(warmUp.statements).toBe(sent);
  });

  it('ends on any other failure without throwing, and logs its code, never its message', async () => {
    const lines = log();
    const failure = Object.assign(new Error('duplicate key value violates unique constraint: Nguyễn Thị Một'), { code: '23505' });
    const warmUp = new StatisticsWarmUp(answeringPool(), async () => Promise.reject(failure), lines, { retryMs: 10, giveUpAfterMs: 1000 });
    warmUp.start();
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'failed' });
    expect(lines.warn).toHaveBeenCalledTimes(1);
    expect(lines.warn.mock.calls[0]![0]).toContain('23505');
    expect(lines.warn.mock.calls[0]![0]).not.toContain('Nguyễn');
  });

  it('stops during a pause at once, and sends nothing afterwards', async () => {
    const pool = answeringPool();
    const warmUp = new StatisticsWarmUp(
      pool,
      async (db) => {
        await db.query('select probe');
        throw new IndicatorViewNotReadyError();
      },
      log(),
      { retryMs: 60_000, giveUpAfterMs: 600_000 },
    );
    warmUp.start();
    await sleep(20);
    expect(pool.query).toHaveBeenCalledTimes(1);
    // The pause is a minute long: a stop that waited for it would outlast the test's time limit.
    await warmUp.stop();
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'stopped' });
    await sleep(30);
    expect(pool.query).toHaveBeenCalledTimes(1);
  });

  it('stops during a statement: waits for it, and refuses the statements that would follow', async () => {
    const { pool, calls } = fakePool();
    const warmUp = new StatisticsWarmUp(
      pool,
      async (db) => {
        await db.query('select first');
        await db.query('select second');
      },
      log(),
      { retryMs: 10, giveUpAfterMs: 1000 },
    );
    warmUp.start();
    expect(calls).toHaveLength(1);
    let stopped = false;
    const stopping = warmUp.stop().then(() => (stopped = true));
    await sleep(20);
    expect(stopped).toBe(false);
    expect(warmUp.running).toBe(1);
    calls[0]!.answer({ rows: [] });
    await stopping;
    expect(warmUp.running).toBe(0);
    expect(calls.map((c) => c.text)).toEqual(['select first']);
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'stopped' });
  });

  it('waits on stop for statements still running after a sibling failed (a query of several statements)', async () => {
    const { pool, calls } = fakePool();
    const warmUp = new StatisticsWarmUp(
      pool,
      async (db) => {
        await Promise.all([db.query('select one'), db.query('select two')]);
      },
      log(),
      { retryMs: 5000, giveUpAfterMs: 60_000 },
    );
    warmUp.start();
    calls[0]!.fail(new IndicatorViewNotReadyError());
    await sleep(5);
    let stopped = false;
    const stopping = warmUp.stop().then(() => (stopped = true));
    await sleep(20);
    expect(stopped).toBe(false);
    calls[1]!.answer({ rows: [] });
    await stopping;
    expect(warmUp.running).toBe(0);
    expect(calls).toHaveLength(2);
  });

  it('switched off: settles as disabled and sends nothing', async () => {
    const pool = answeringPool();
    const warmUp = new StatisticsWarmUp(pool, async (db) => void (await db.query('select figures')), log());
    warmUp.disable();
    expect(await warmUp.done).toEqual({ warmed: false, reason: 'disabled' });
    await warmUp.stop();
    expect(pool.query).not.toHaveBeenCalled();
    expect(warmUp.statements).toBe(0);
  });
});
