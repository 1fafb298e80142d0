import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { CaseEventStream } from '../../../libs/deadlines/src/testing/case-event-stream.js';
import type { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { ProjectionRunner } from '../../../libs/projections/src/projection-runner.js';
import { openTestLog, type TestLog } from '../../../libs/projections/src/testing/test-log.js';
import { tallyProjection } from '../../../libs/projections/src/testing/test-projections.js';
import { platformProjections } from '../src/platform-projections.js';

const KILLS = 10;
const MASTER_KEY = Buffer.alloc(32, 24).toString('base64');
const SLOW_MS = 150;
const CHILD = path.join(__dirname, 'kill-child.cjs');

interface Batch {
  projection: string;
  buildId: number;
  from: string;
  to: string;
}

/** The projector in a child process; its batch lines, parsed. */
class ProjectorProcess {
  readonly started: Batch[] = [];
  readonly committed: Batch[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<NodeJS.Signals | number | null>;
  private readonly child: ChildProcess;
  private output = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ?? code)));
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) this.onLine(line);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    });
  }

  private onLine(line: string): void {
    const [tag, projection, buildId, from, to] = line.split(' ');
    if (tag === 'BATCH_START' || tag === 'BATCH_COMMIT')
      (tag === 'BATCH_START' ? this.started : this.committed).push({
        projection: projection!,
        buildId: Number(buildId),
        from: from!,
        to: to!,
      });
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `done()` holds after some line arrived (or at once). */
  async until(done: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`projector child: timed out; stderr: ${this.output}`);
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push(resolve)),
        new Promise((r) => setTimeout(r, 200)),
        this.exited.then(() => {
          throw new Error(`projector child exited; stderr: ${this.output}`);
        }),
      ]);
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

describe('projector process killed in the middle of batches', () => {
  let log: TestLog;
  let store: PostgresEventStore;
  let pool: pg.Pool;

  beforeAll(async () => {
    log = await openTestLog(4);
    ({ store, pool } = log);
  });
  afterAll(() => log.close());

  const checkpointOf = async (buildId: number) =>
    (await pool.query<{ checkpoint: string | null }>('select checkpoint from projection_builds where build_id = $1', [buildId])).rows[0]!
      .checkpoint;
  const snapshot = async () => ({
    deadlines: (await pool.query('select * from rm_deadlines.deadlines order by kind, case_id, deadline')).rows,
    states: (await pool.query('select kind, case_id, revision, state from rm_deadlines.case_states order by kind, case_id')).rows,
    tally: (await pool.query('select type, n::int from rm_tally_test.counts order by type')).rows,
  });

  it(`loses and duplicates nothing over ${KILLS} SIGKILLs while events stream in: the read models equal a clean rebuild`, async () => {
    const events = new CaseEventStream();
    await events.appendNext(store, 200);
    let appending = true;
    const appender = (async () => {
      while (appending) {
        await events.appendNext(store, 5);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const env = async (slowMs: number) => ({
      DATABASE_URL: log.url,
      MASTER_KEY,
      PORT: String(await freePort()),
      METRICS_PORT: 'off',
      LOG_LEVEL: 'error',
      SLOW_MS: String(slowMs),
      BATCH_SIZE: '60',
    });

    let killedMidBatch = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = new ProjectorProcess(await env(SLOW_MS));
      const skip = child.committed.length + 1 + (kill % 3);
      // Let a few batches commit, then strike while the next one's transaction is open.
      await child.until(() => child.committed.length >= skip);
      const startedBefore = child.started.length;
      await child.until(() => child.started.length > startedBefore && child.started[child.started.length - 1]!.projection === 'tally_test');
      const inFlight = child.started[child.started.length - 1]!;
      await new Promise((r) => setTimeout(r, 10 + ((kill * 7) % 40)));
      child.kill('SIGKILL');
      expect(await child.exited).toBe('SIGKILL');
      const stored = await checkpointOf(inFlight.buildId);
      if (stored === (inFlight.from === 'null' ? null : inFlight.from)) killedMidBatch += 1;
      // Killed later than meant (a busy machine): still on a batch boundary, never inside a batch.
      else expect(child.started.filter((b) => b.buildId === inFlight.buildId).map((b) => b.to)).toContain(stored);
    }
    appending = false;
    await appender;
    expect(killedMidBatch).toBeGreaterThanOrEqual(KILLS - 2);

    // A last run, not slowed, catches up with everything appended; then it is stopped cleanly.
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);
    const last = new ProjectorProcess(await env(0));
    const caughtUp = async () => {
      const { rows } = await pool.query<{ position: string }>(
        `select position from projection_builds where state = 'live' and projection in ('deadlines', 'tally_test')`,
      );
      return rows.length === 2 && rows.every((r) => Number(r.position) === total);
    };
    const deadline = Date.now() + 60_000;
    while (!(await caughtUp())) {
      if (Date.now() > deadline) throw new Error('the projector did not catch up');
      await new Promise((r) => setTimeout(r, 100));
    }
    last.kill('SIGTERM');
    await last.exited;

    const afterKills = await snapshot();
    const typeCounts = (
      await pool.query<{ type: string; n: number }>(`select type, count(*)::int as n from es_events group by type order by type`)
    ).rows;
    expect(afterKills.tally).toEqual(typeCounts);
    expect(afterKills.deadlines.length).toBeGreaterThan(100);

    // A clean rebuild of both, from the start of the log, in fresh tables.
    const deadlinesProjection = platformProjections(new WorkingCalendar(VN_PUBLIC_HOLIDAYS), {
      statisticsKey: null,
      masterKey: MASTER_KEY,
    });
    const runner = new ProjectionRunner(
      store,
      pool,
      [...deadlinesProjection, tallyProjection({ eventTypes: deadlinesProjection.flatMap((p) => p.eventTypes) })],
      { batchSize: 500 },
    );
    await runner.start();
    try {
      const before = await runner.catalog.current('deadlines');
      const rebuilt = await runner.rebuild('deadlines');
      await runner.rebuild('tally_test');
      expect(rebuilt.buildId).not.toBe(before.live!.buildId);
    } finally {
      await runner.stop();
    }
    expect(await snapshot()).toEqual(afterKills);
  }, 240_000);
});
