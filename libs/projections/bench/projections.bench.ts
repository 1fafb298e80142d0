/**
 * `npm run bench:projections`: seeds demo events (libs/demo-data), then measures the projector
 * (apps/projector, in a child process of its own): a full rebuild of the deadline view from the
 * start of the log, its peak memory, the catch-up lag under a steady rate of new appends, and the
 * p95 of deadline-view queries. Prints the figures and PASS/MISS against the goals.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresKeyStore, parseMasterKey } from '../../crypto/src/index.js';
import { DeadlineViews, type DeadlineScope } from '../../deadlines/src/deadline-views.js';
import { DEADLINES_PROJECTION } from '../../deadlines/src/deadlines-projection.js';
import { demoCases, sealDemoCase, writeDemoData } from '../../demo-data/src/index.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import { machineFacts } from '../../event-store/bench/report.js';
import { openBenchServer, withClient } from '../../event-store/bench/server.js';
import { freePort } from '../../database/src/free-port.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../jurisdictions/src/domain/jurisdiction-tree.js';
import { ProjectionCatalog } from '../src/catalog.js';
import { indicatorTableOf } from '../../indicators/src/domain/indicator-table.js';
import { INDICATOR_FACTS_PROJECTION } from '../../indicators/src/indicator-facts-projection.js';
import { IndicatorReader } from '../../indicators/src/indicator-reader.js';
import { vnDay } from '../../statistics/src/domain/calendar-day.js';
import { CALENDAR_MONTHS, statisticalPeriod } from '../../statistics/src/domain/periods.js';
import { count } from '../../event-store/bench/report.js';
import { PostgresLogProbe } from '../src/log-probe.js';
import { parseBenchOptions, USAGE, type ProjectionBenchOptions } from './bench-options.js';
import { formatProjectionReport, projectionGoals, type ProjectionBenchResult, type QueryTiming } from './bench-report.js';
import type { ProjectorReply, ProjectorRequest } from './projector-ipc.js';

const progress = (line: string) => process.stderr.write(`${line}\n`);
let server: Awaited<ReturnType<typeof openBenchServer>>;

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const loadAtStart = loadavg()[0]!;
  server = await openBenchServer(options.databaseUrl);
  try {
    const result = await run(options, loadAtStart);
    process.stdout.write(formatProjectionReport(result));
    if (options.json) process.stdout.write(`\n${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

async function run(opts: ProjectionBenchOptions, loadAtStart: number): Promise<ProjectionBenchResult> {
  const url = await server.database('projections');
  const masterKey = randomBytes(32).toString('base64');
  const store = await PostgresEventStore.connect(url, 8);
  const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(masterKey) }, 8);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The server stops right after the pools end; a connection still closing then must not crash the run.
  pool.on('error', () => undefined);
  let projector: Projector | null = null;
  try {
    progress(
      `seeding ${opts.events.toLocaleString('en-US')} demo events (libs/demo-data, personal fields encrypted as the API does; about a minute per 50,000 here)…`,
    );
    let shown = 0;
    const seed = await writeDemoData(store, keyStore, {
      seed: 'bench',
      events: opts.events,
      concurrency: 16,
      onProgress: (p) => {
        if (p.elapsedMs - shown < 10_000) return;
        shown = p.elapsedMs;
        progress(`  ${p.events.toLocaleString('en-US')} events (${Math.round(p.events / (p.elapsedMs / 1000))}/s)`);
      },
    });
    await withClient(url, (c) => c.query('vacuum (analyze) es_events'));
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);
    const handled = Number(
      (await pool.query(`select count(*) from es_events where type like 'tip.%' or type like 'penalty.%'`)).rows[0].count,
    );
    progress(`seeded ${total.toLocaleString('en-US')} events in ${seed.seconds.toFixed(1)} s; starting the projector`);

    const catalog = new ProjectionCatalog(pool);
    const started = performance.now();
    projector = await Projector.start(url, masterKey, opts.batchSize);
    // The first build of the view: the projector starts on an empty catalog and projects the whole log.
    await waitFor(async () => (await catalog.current(DEADLINES_PROJECTION)).live?.position === total, 60 * 60_000);
    const firstBuildSeconds = (performance.now() - started) / 1000;
    progress(`first build: ${total.toLocaleString('en-US')} events in ${firstBuildSeconds.toFixed(1)} s; rebuilding…`);
    const rebuilt = await projector.rebuild(DEADLINES_PROJECTION);
    progress(
      `rebuild: ${rebuilt.position.toLocaleString('en-US')} events in ${rebuilt.seconds.toFixed(1)} s; measuring lag under ${opts.rate} events/s…`,
    );

    const lag = await measureLag(store, keyStore, pool, catalog, opts);
    progress(`lag: p95 ${lag.p95Seconds.toFixed(3)} s over ${lag.samples} samples; timing queries…`);
    const queries = await timeQueries(pool, opts.queries);
    const memory = await projector.stop();
    projector = null;
    const result: Omit<ProjectionBenchResult, 'goals'> = {
      date: new Date().toISOString(),
      machine: machineFacts(await server.facts(), loadAtStart),
      settings: { events: opts.events, rate: opts.rate, lagSeconds: opts.lagSeconds, queries: opts.queries, batchSize: opts.batchSize },
      seed: { events: total, handledEvents: handled, cases: seed.cases, seconds: seed.seconds },
      firstBuild: { events: total, seconds: firstBuildSeconds, eventsPerSecond: total / firstBuildSeconds },
      rebuild: { events: rebuilt.position, seconds: rebuilt.seconds, eventsPerSecond: rebuilt.position / rebuilt.seconds },
      memory,
      lag,
      queries,
    };
    return { ...result, goals: projectionGoals(result) };
  } finally {
    await projector?.stop().catch(() => undefined);
    await pool.end();
    await keyStore.close();
    await store.close();
  }
}

/** Appends demo cases at `rate` events/s while sampling how far the view is behind, every 100 ms. */
async function measureLag(
  store: PostgresEventStore,
  keyStore: PostgresKeyStore,
  pool: pg.Pool,
  catalog: ProjectionCatalog,
  opts: ProjectionBenchOptions,
) {
  // Sealed before the clock starts: sealing makes the subjects' keys, which is not what is measured here.
  const sealed: Array<{ stream: string; events: Awaited<ReturnType<typeof sealDemoCase>> }> = [];
  const cases = [...demoCases('bench-live', Math.ceil(opts.rate * opts.lagSeconds * 1.1))];
  for (let i = 0; i < cases.length; i += 16) {
    sealed.push(
      ...(await Promise.all(cases.slice(i, i + 16).map(async (c) => ({ stream: c.stream, events: await sealDemoCase(c, keyStore) })))),
    );
  }
  const probe = new PostgresLogProbe(pool);
  const started = performance.now();
  const until = started + opts.lagSeconds * 1000;
  let appended = 0;
  let sampling = true;
  const samples: number[] = [];
  const sampler = (async () => {
    while (sampling) {
      const live = (await catalog.current(DEADLINES_PROJECTION)).live!;
      const behind = await probe.behind(live.checkpoint);
      samples.push(
        behind.events > 0 && behind.oldestRecordedAt ? Math.max(0, (Date.now() - Date.parse(behind.oldestRecordedAt)) / 1000) : 0,
      );
      await sleep(100);
    }
  })();
  const inFlight = new Set<Promise<unknown>>();
  try {
    for (const next of sealed) {
      if (performance.now() >= until) break;
      // Paced by events: each case waits for its slot; a few appends may be on their way at once.
      const due = started + (appended / opts.rate) * 1000;
      if (due > performance.now()) await sleep(due - performance.now());
      while (inFlight.size >= 4) await Promise.race(inFlight);
      const append = store.append(next.stream, next.events, 'no_stream').finally(() => inFlight.delete(append));
      inFlight.add(append);
      appended += next.events.length;
    }
    await Promise.all(inFlight);
  } finally {
    sampling = false;
    await sampler;
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    appended,
    seconds,
    appendRate: appended / seconds,
    samples: samples.length,
    p50Seconds: percentile(sorted, 0.5),
    p95Seconds: percentile(sorted, 0.95),
    maxSeconds: sorted[sorted.length - 1] ?? 0,
  };
}

/** Deadline-view queries as the API runs them (DeadlineViews, the same SQL), for three callers. */
async function timeQueries(pool: pg.Pool, count: number): Promise<QueryTiming[]> {
  const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
  const views = new DeadlineViews(pool);
  const province = tree.codesWithin('79');
  const commune = (
    await pool.query<{ jurisdiction: string; assignee_id: string }>(
      `select jurisdiction, assignee_id from rm_deadlines.deadlines where assignee_id is not null group by 1, 2 order by count(*) desc limit 1`,
    )
  ).rows[0]!;
  const both = (jurisdictions: string[] | null): DeadlineScope[] => [
    { kind: 'tip', jurisdictions, assigneeOnly: null },
    { kind: 'penalty_case', jurisdictions, assigneeOnly: null },
  ];
  const shapes: Array<{ name: string; run: () => Promise<unknown> }> = [
    {
      name: 'province supervisor: overdue in a province, first 100',
      run: () => views.list(both(province), { now: new Date(), status: 'overdue', limit: 100 }),
    },
    {
      name: 'officer: own deadlines in their commune, first 100',
      run: () => views.list(both([commune.jurisdiction]), { now: new Date(), assignee: commune.assignee_id, limit: 100 }),
    },
    { name: 'province summary: due/overdue/met per commune', run: () => views.counts(both(province), { now: new Date() }, 'jurisdiction') },
    ...(await indicatorShapes(pool, tree)),
  ];
  const timings: QueryTiming[] = [];
  for (const shape of shapes) {
    for (let i = 0; i < 5; i++) await shape.run();
    const took: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await shape.run();
      took.push(performance.now() - t);
    }
    took.sort((a, b) => a - b);
    timings.push({
      name: shape.name,
      queries: count,
      p50Ms: percentile(took, 0.5),
      p95Ms: percentile(took, 0.95),
      maxMs: took[took.length - 1]!,
    });
  }
  return timings;
}

/**
 * The indicator table of the busiest province for the current year, as GET /statistics/indicators
 * computes it (IndicatorReader.source and indicatorTableOf, without HTTP and the policy point).
 */
async function indicatorShapes(pool: pg.Pool, tree: JurisdictionTree): Promise<Array<{ name: string; run: () => Promise<unknown> }>> {
  const reader = new IndicatorReader(pool, tree);
  const year = new Date().getUTCFullYear();
  const busiest = (
    await pool.query<{ unit_code: string; n: string }>(
      `select unit_code, count(*) as n from rm_${INDICATOR_FACTS_PROJECTION}.facts where unit_era = 'current' group by 1`,
    )
  ).rows;
  const byProvince = new Map<string, number>();
  for (const row of busiest) {
    const province = tree.provinceOf(row.unit_code)?.code;
    if (province) byProvince.set(province, (byProvince.get(province) ?? 0) + Number(row.n));
  }
  const area = [...byProvince].sort((a, b) => b[1] - a[1])[0]![0];
  // As autovacuum would after the first build: statistics and the visibility map for index-only scans.
  await pool
    .query(
      `vacuum analyze ${(await pool.query<{ s: string }>(`select schemaname as s from pg_views where viewname = 'facts' and definition like '%prj_${INDICATOR_FACTS_PROJECTION}%' limit 1`)).rows[0]?.s ?? `rm_${INDICATOR_FACTS_PROJECTION}`}.facts`,
    )
    .catch(() => undefined);
  const exact = {
    area,
    period: statisticalPeriod(CALENDAR_MONTHS, 'year', year),
    tree,
    calendar: CALENDAR_MONTHS,
    asOf: vnDay(new Date()),
    targets: [],
    threshold: 5,
  };
  // As served by default: the country's protected table with cell-key perturbation (issue 14).
  const protectedQuery = { ...exact, publication: { perturbation: { salt: 'bench-cell-key-secret-0123456789' } } };
  const name = `${tree.get(area)?.name ?? area}, year ${year} (${count(byProvince.get(area)!)} facts)`;
  return [
    {
      name: `indicator table, protection on: ${name}`,
      run: async () => indicatorTableOf(await reader.source(protectedQuery, new Date()), protectedQuery),
    },
    {
      name: `indicator table, exact counts (reference): ${name}`,
      run: async () => indicatorTableOf(await reader.source(exact, new Date()), exact),
    },
  ];
}

/** The projector child process, asked over IPC. */
class Projector {
  private constructor(
    private readonly child: ChildProcess,
    private readonly replies: ProjectorReply[],
    private readonly waiters: Array<() => void>,
  ) {}

  static async start(url: string, masterKey: string, batchSize: number): Promise<Projector> {
    // The projector's own code lives in apps/projector; libs only name the file (libs do not import apps).
    const child = fork(fileURLToPath(new URL('../../../apps/projector/bench/projector-process.js', import.meta.url)), [], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        MASTER_KEY: masterKey,
        PORT: String(await freePort()),
        LOG_LEVEL: 'error',
        BENCH_BATCH: String(batchSize),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const projector = new Projector(child, [], []);
    child.on('message', (reply: ProjectorReply) => {
      projector.replies.push(reply);
      for (const waiter of projector.waiters.splice(0)) waiter();
    });
    child.on('exit', () => {
      for (const waiter of projector.waiters.splice(0)) waiter();
    });
    await projector.reply('ready');
    return projector;
  }

  async rebuild(projection: string): Promise<{ seconds: number; position: number }> {
    this.ask({ type: 'rebuild', projection });
    const reply = await this.reply('rebuilt');
    return { seconds: reply.seconds, position: reply.position };
  }

  async stop(): Promise<{ peakRssMb: number; peakHeapUsedMb: number }> {
    if (!this.child.connected) return { peakRssMb: Number.NaN, peakHeapUsedMb: Number.NaN };
    this.ask({ type: 'stop' });
    const reply = await this.reply('memory');
    return { peakRssMb: reply.peakRssMb, peakHeapUsedMb: reply.peakHeapUsedMb };
  }

  private ask(request: ProjectorRequest): void {
    this.child.send(request);
  }

  private async reply<T extends ProjectorReply['type']>(type: T): Promise<Extract<ProjectorReply, { type: T }>> {
    for (;;) {
      const index = this.replies.findIndex((r) => r.type === type || r.type === 'failed');
      if (index >= 0) {
        const [reply] = this.replies.splice(index, 1);
        if (reply!.type === 'failed') throw new Error(`projector: ${reply!.error}`);
        return reply as Extract<ProjectorReply, { type: T }>;
      }
      if (this.child.exitCode !== null) throw new Error(`projector exited (${this.child.exitCode}) before answering ${type}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

async function waitFor(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(200);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await main();
