import type pg from 'pg';
import type { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import type { BatchInfo } from './build-worker.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner.js';
import { openTestLog, type TestLog } from './testing/test-log.js';
import { DEPOSITED, deposit, ledgerEvent, ledgerProjection, tallyProjection, TRANSFERRED } from './testing/test-projections.js';

const FAST: ProjectionRunnerOptions = { batchSize: 50, lingerMs: 5, pollIntervalMs: 50, superviseMs: 100, retryMs: 50 };

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('projection runner on PostgreSQL', () => {
  let log: TestLog;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  const runners: ProjectionRunner[] = [];
  const runner = (projections: Projection[], options: ProjectionRunnerOptions = {}) => {
    const created = new ProjectionRunner(store, pool, projections, { ...FAST, ...options });
    runners.push(created);
    return created;
  };
  const live = async (r: ProjectionRunner, name: string) => (await r.catalog.current(name)).live;
  const counts = async () =>
    Object.fromEntries(
      (await pool.query<{ type: string; n: string }>('select type, n from rm_tally_test.counts')).rows.map((r) => [r.type, Number(r.n)]),
    );
  const ledger = async () =>
    (
      await pool.query<{ sum: string; deposited: string; events: string }>(
        'select (select coalesce(sum(balance), 0) from rm_ledger_test.accounts) as sum, deposited, events from rm_ledger_test.totals',
      )
    ).rows[0]!;

  beforeEach(async () => {
    log = await openTestLog();
    ({ store, pool } = log);
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await log.close();
  });

  it('applies the log in batches, writing each batch with its checkpoint, then follows live appends', async () => {
    const total = await deposit(store, 230);
    const batches: BatchInfo[] = [];
    const r = runner([ledgerProjection()], { observer: { batchCommitted: (b) => batches.push(b) } });
    await r.start();
    await until(
      () => live(r, 'ledger_test'),
      (b) => b?.position === 230,
    );
    expect(await ledger()).toEqual({ sum: String(total), deposited: String(total), events: '230' });
    expect(batches.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...batches.map((b) => b.events))).toBeLessThanOrEqual(50);
    // Each batch starts where the previous one ended: nothing skipped, nothing applied twice.
    batches.forEach((b, i) => expect(b.from).toBe(i === 0 ? null : batches[i - 1]!.to));
    const row = await live(r, 'ledger_test');
    expect(row!.checkpoint).toBe(batches[batches.length - 1]!.to);

    const balances = async () =>
      Object.fromEntries(
        (await pool.query('select account, balance from rm_ledger_test.accounts')).rows.map((a) => [a.account, Number(a.balance)]),
      );
    const before = await balances();
    await store.append(
      'ledger-live',
      [ledgerEvent(DEPOSITED, { account: 'a1', amount: 1000 }), ledgerEvent(TRANSFERRED, { from: 'a1', to: 'a2', amount: 400 })],
      'no_stream',
    );
    await until(
      () => live(r, 'ledger_test'),
      (b) => b?.position === 232,
    );
    const after = await balances();
    expect(await ledger()).toMatchObject({ sum: String(total + 1000), events: '232' });
    expect([after.a1! - before.a1!, after.a2! - before.a2!]).toEqual([600, 400]);
    expect(await r.waitForHead('ledger_test', 1000)).toBe(true);
  });

  it('skips event types the projection does not handle but moves its checkpoint past them', async () => {
    await deposit(store, 20);
    await store.append('other-1', [{ ...ledgerEvent(DEPOSITED, { account: 'x', amount: 5 }), type: 'other.happened' }], 'no_stream');
    const r = runner([tallyProjection({ eventTypes: [DEPOSITED] })]);
    await r.start();
    const build = await until(
      () => live(r, 'tally_test'),
      (b) => b?.position === 21,
    );
    expect(build!.applied).toBe(20);
    expect(await counts()).toEqual({ [DEPOSITED]: 20 });
  });

  it('rolls a failed batch back whole (rows and checkpoint) and retries it, so nothing counts twice', async () => {
    await deposit(store, 120);
    let failures = 0;
    const tally = tallyProjection({ eventTypes: [DEPOSITED] });
    const flaky: Projection = {
      ...tally,
      async apply(events, tx) {
        await tally.apply(events, tx);
        // The rows of this batch are written; fail before the checkpoint is.
        if (failures < 2) {
          failures += 1;
          throw new Error('disk full (simulated)');
        }
      },
    };
    const r = runner([flaky]);
    await r.start();
    await until(
      () => live(r, 'tally_test'),
      (b) => b?.position === 120,
    );
    expect(failures).toBe(2);
    expect(await counts()).toEqual({ [DEPOSITED]: 120 });
  });

  it('is idempotent across restarts: a new runner goes on from the recorded checkpoint', async () => {
    await deposit(store, 300);
    // Stopped as its third batch commits: it cannot have gone through the whole log.
    let batches = 0;
    let stopping: Promise<void> | null = null;
    const first: ProjectionRunner = runner([tallyProjection({ eventTypes: [DEPOSITED] })], {
      batchSize: 20,
      observer: {
        batchCommitted: () => {
          batches += 1;
          if (batches === 3) stopping = first.stop();
        },
      },
    });
    await first.start();
    await until(
      async () => stopping,
      (s) => s !== null,
    );
    await stopping;
    const stoppedAt = (await live(first, 'tally_test'))!.position;
    expect(stoppedAt).toBeLessThan(300);
    await deposit(store, 50);
    const second = runner([tallyProjection({ eventTypes: [DEPOSITED] })], { batchSize: 20 });
    await second.start();
    await until(
      () => live(second, 'tally_test'),
      (b) => b?.position === 350,
    );
    expect(await counts()).toEqual({ [DEPOSITED]: 350 });
  });

  it('runs a projection in one process at a time; a standby takes over when the active one stops', async () => {
    await deposit(store, 40);
    const a = runner([tallyProjection({ eventTypes: [DEPOSITED] })]);
    const b = runner([tallyProjection({ eventTypes: [DEPOSITED] })]);
    await a.start();
    await b.start();
    await until(
      () => live(a, 'tally_test'),
      (row) => row?.position === 40,
    );
    expect((await a.status())[0]!.role).toBe('active');
    expect((await b.status())[0]!.role).toBe('standby');
    await a.stop();
    await deposit(store, 10);
    await until(
      () => live(b, 'tally_test'),
      (row) => row?.position === 50,
    );
    expect((await b.status())[0]!.role).toBe('active');
    expect(await counts()).toEqual({ [DEPOSITED]: 50 });
  });

  it('rebuilds a new version into fresh tables while readers query: they see the old model or the new, never a mix', async () => {
    const total = await deposit(store, 2000, { perAppend: 50 });
    const v1 = runner([ledgerProjection(1)], { batchSize: 100 });
    await v1.start();
    await until(
      () => live(v1, 'ledger_test'),
      (b) => b?.position === 2000,
    );
    const oldBuild = (await live(v1, 'ledger_test'))!;
    await v1.stop();

    // Readers check the invariant in one statement, over and over, while the rebuild runs and swaps.
    const seen = new Set<string>();
    const violations: string[] = [];
    let reading = true;
    const readers = Array.from({ length: 3 }, async () => {
      while (reading) {
        const { sum, deposited } = await ledger();
        if (sum !== deposited) violations.push(`accounts sum ${sum} but total ${deposited}`);
        if (deposited !== String(total) && deposited !== String(total * 100)) violations.push(`half-built total ${deposited}`);
        seen.add(deposited);
      }
    });
    // Transfers keep arriving during the rebuild; they never change the total.
    let appending = true;
    const appender = (async () => {
      for (let i = 0; appending; i++) {
        await store.append(
          `ledger-transfer-${i}`,
          [ledgerEvent(TRANSFERRED, { from: `a${i % 10}`, to: `a${(i + 3) % 10}`, amount: 2 })],
          'no_stream',
        );
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const v2 = runner([ledgerProjection(2)], { batchSize: 100 });
    const swaps: number[] = [];
    await v2.start();
    const swapped = await until(
      () => live(v2, 'ledger_test'),
      (b) => b?.version === 2,
    );
    swaps.push(swapped!.buildId);
    await new Promise((r) => setTimeout(r, 200));
    appending = false;
    await appender;
    reading = false;
    await Promise.all(readers);

    expect(violations).toEqual([]);
    expect(seen).toEqual(new Set([String(total), String(total * 100)]));
    expect(swapped!.buildId).not.toBe(oldBuild.buildId);
    // The old build's tables are dropped once it is retired.
    await until(
      async () => (await pool.query('select 1 from pg_namespace where nspname = $1', [oldBuild.schemaName])).rowCount,
      (n) => n === 0,
    );
    await until(
      () => v2.waitForHead('ledger_test', 100),
      (fresh) => fresh,
    );
    expect(await ledger()).toMatchObject({ deposited: String(total * 100) });
  });

  it('reports position, lag and events/s of each projection', async () => {
    await deposit(store, 100);
    const r = runner([tallyProjection({ eventTypes: [DEPOSITED] })], { batchSize: 10, lingerMs: 1 });
    await r.start();
    await until(
      () => live(r, 'tally_test'),
      (b) => b?.position === 100,
    );
    const [status] = await r.status();
    expect(status).toMatchObject({
      name: 'tally_test',
      version: 1,
      role: 'active',
      live: { position: 100 },
      lag: { events: 0, capped: false, seconds: 0 },
      rebuilding: null,
      lastError: null,
    });
    // How many of the events were of the projection's own types is not reported: it would tell which compartment was busy.
    expect(status!.live).not.toHaveProperty('applied');
    expect(status!.eventsPerSecond).toBeGreaterThan(0);
    await r.stop();
    await deposit(store, 30);
    const [behind] = await r.status();
    expect(behind!.lag.events).toBe(30);
    expect(behind!.lag.seconds).toBeGreaterThanOrEqual(0);
    expect(behind!.role).toBe('standby');
    expect(await r.waitForHead('tally_test', 50)).toBe(false);
  });
});
