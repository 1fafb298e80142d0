import type pg from 'pg';
import type { EventStore } from '../../event-store/src/port.js';
import { BuildWorker, type RunnerObserver, type WorkerSettings } from './build-worker.js';
import { ProjectionCatalog, type BuildRow } from './catalog.js';
import { Leadership } from './leadership.js';
import { probeFor, type LogProbe } from './log-probe.js';
import { assertProjections, type Projection } from './projection.js';

export interface ProjectionRunnerOptions extends Partial<WorkerSettings> {
  /** How often a standby tries to take over and the active runner looks for requested rebuilds (ms). */
  superviseMs?: number;
  probe?: LogProbe;
  observer?: RunnerObserver;
  log?: (line: string) => void;
  clock?: () => Date;
  /** Settings of the connection holding the advisory locks; default: the pool's. */
  lockConnection?: pg.ClientConfig;
}

export interface ProjectionStatus {
  name: string;
  /** The version in this process's code. */
  version: number;
  /** `active`: this process applies the projection's events; `standby`: another process does, or nobody yet. */
  role: 'active' | 'standby';
  /**
   * Only what moves with every event of the log, whatever its compartment: the position (events
   * consumed from the start of the log) and the checkpoint. Never how many events of its own types
   * a projection applied: that count moves only with, say, support events, so a metric or a status
   * page showing it would reveal the support compartment's activity.
   */
  live: {
    buildId: number;
    version: number;
    position: number;
    checkpoint: string | null;
    lastEventRecordedAt: string | null;
    liveAt: string | null;
  } | null;
  rebuilding: { buildId: number; version: number; position: number; eventsPerSecond: number | null } | null;
  /** Behind the head of the log: events (counted up to a cap) and seconds since the oldest event not yet applied was recorded. */
  lag: { events: number; capped: boolean; seconds: number };
  /** Events consumed per second by the live build over the last 10 s (null on a standby). */
  eventsPerSecond: number | null;
  lastError: string | null;
}

/** A query waits for the view only when it is at most this many events behind. */
const WAIT_AT_MOST_FOR_EVENTS = 20_000;

const DEFAULTS: WorkerSettings = { batchSize: 2000, lingerMs: 10, pageSize: 2000, pollIntervalMs: 500, retryMs: 500 };

/**
 * Runs projections: one worker per build (the live one and, during a rebuild, the one being
 * made), in the process holding the projection's advisory lock; other processes stand by.
 */
export class ProjectionRunner {
  readonly catalog: ProjectionCatalog;
  private readonly settings: WorkerSettings;
  private readonly probe: LogProbe;
  private readonly leadership: Leadership;
  private readonly workers = new Map<number, BuildWorker>();
  private readonly errors = new Map<string, string>();
  private readonly byName: Map<string, Projection>;
  private timer: NodeJS.Timeout | null = null;
  private supervising: Promise<void> | null = null;
  private superviseAgain = false;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly pool: pg.Pool,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    assertProjections(projections);
    this.byName = new Map(projections.map((p) => [p.name, p]));
    this.catalog = new ProjectionCatalog(pool);
    this.settings = {
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      lingerMs: options.lingerMs ?? DEFAULTS.lingerMs,
      pageSize: options.pageSize ?? options.batchSize ?? DEFAULTS.pageSize,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      retryMs: options.retryMs ?? DEFAULTS.retryMs,
    };
    this.probe = options.probe ?? probeFor(store, pool);
    this.leadership = new Leadership(
      options.lockConnection ?? {
        ...(pool as unknown as { options: pg.ClientConfig }).options,
        application_name: 'projection-runner-lock',
      },
    );
  }

  /** Creates the catalog, takes the projections no other process runs, and keeps watching. */
  async start(): Promise<void> {
    await this.catalog.migrate();
    await this.supervise();
    this.timer = setInterval(() => void this.supervise(), this.options.superviseMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.supervising;
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.workers.clear();
    await this.leadership.release();
  }

  /**
   * Builds `name` again from the start of the log into fresh tables and swaps it in; resolves
   * with the new live build. The active runner does the work, whichever process asked.
   */
  async rebuild(name: string, timeoutMs = 30 * 60_000): Promise<BuildRow> {
    const build = await this.catalog.create(this.projection(name), 'building');
    void this.supervise();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.catalog.build(build.buildId);
      if (row?.state === 'live') return row;
      if (!row || row.state === 'retired') throw new Error(`Rebuild of ${name} (build ${build.buildId}) was abandoned`);
      if (Date.now() > deadline) throw new Error(`Rebuild of ${name} did not finish within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /**
   * Waits until the live build has consumed every event in the log when called (read-your-writes
   * for a query), at most `timeoutMs`. True when it got there.
   */
  async waitForHead(name: string, timeoutMs: number): Promise<boolean> {
    this.projection(name);
    const start = (await this.catalog.current(name)).live;
    if (!start) return false;
    // Far behind (catching up after a rebuild or an outage), a query would wait in vain: it does not.
    const behind = await this.probe.behind(start.checkpoint, WAIT_AT_MOST_FOR_EVENTS);
    if (behind.events === 0) return true;
    if (behind.capped) return false;
    const target = start.position + behind.events;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await sleep(10);
      const live = (await this.catalog.current(name)).live;
      if (live && live.position >= target) return true;
    }
    return false;
  }

  async status(): Promise<ProjectionStatus[]> {
    const now = (this.options.clock ?? (() => new Date()))().getTime();
    return Promise.all(
      this.projections.map(async (projection): Promise<ProjectionStatus> => {
        const { live, building } = await this.catalog.current(projection.name);
        const behind = live ? await this.probe.behind(live.checkpoint) : { events: 0, capped: false, oldestRecordedAt: null };
        const seconds = behind.events > 0 && behind.oldestRecordedAt ? Math.max(0, (now - Date.parse(behind.oldestRecordedAt)) / 1000) : 0;
        const liveWorker = live ? this.workers.get(live.buildId) : undefined;
        const buildWorker = building ? this.workers.get(building.buildId) : undefined;
        return {
          name: projection.name,
          version: projection.version,
          role: this.leadership.holds(projection.name) ? 'active' : 'standby',
          live: live && {
            buildId: live.buildId,
            version: live.version,
            position: live.position,
            checkpoint: live.checkpoint,
            lastEventRecordedAt: live.lastEventRecordedAt,
            liveAt: live.liveAt,
          },
          rebuilding: building && {
            buildId: building.buildId,
            version: building.version,
            position: building.position,
            eventsPerSecond: buildWorker ? buildWorker.rate.perSecond() : null,
          },
          lag: { events: behind.events, capped: behind.capped, seconds },
          eventsPerSecond: liveWorker ? liveWorker.rate.perSecond() : null,
          lastError: liveWorker?.lastError ?? buildWorker?.lastError ?? this.errors.get(projection.name) ?? null,
        };
      }),
    );
  }

  private projection(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new Error(`No projection named ${name}`);
    return projection;
  }

  /** One pass at a time (a call during a pass asks for one more): take over what is free, start what is missing, retire what was swapped out. */
  private supervise(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.supervising) {
      this.superviseAgain = true;
      return this.supervising;
    }
    this.supervising = (async () => {
      try {
        do {
          this.superviseAgain = false;
          await this.superviseOnce().catch((error: unknown) => this.log(`projections: ${(error as Error).message}`));
        } while (this.superviseAgain && !this.stopped);
      } finally {
        this.supervising = null;
      }
    })();
    return this.supervising;
  }

  private async superviseOnce(): Promise<void> {
    if (this.leadership.takeLoss()) await this.stopWorkers(() => true);
    const held = await this.leadership.acquire(this.projections.map((p) => p.name));
    for (const projection of this.projections) {
      if (this.stopped || !held.has(projection.name)) continue;
      try {
        await this.reconcile(projection);
        this.errors.delete(projection.name);
      } catch (error) {
        this.errors.set(projection.name, (error as Error).message);
        this.log(`projection ${projection.name}: ${(error as Error).message}`);
      }
    }
  }

  private async reconcile(projection: Projection): Promise<void> {
    let { live, building } = await this.catalog.current(projection.name);
    live ??= await this.catalog.create(projection, 'live');
    if (building && building.version !== projection.version) {
      await this.catalog.abandon(building);
      building = null;
    }
    if (!building && live.version !== projection.version) {
      building = await this.catalog.create(projection, 'building');
      this.log(`projection ${projection.name}: version ${projection.version} differs from the live build's ${live.version}; rebuilding`);
    }
    const current = new Set([live.buildId, building?.buildId]);
    await this.stopWorkers((w) => w.projection.name === projection.name && !current.has(w.buildId));
    for (const build of [live, building]) {
      if (build && !this.workers.has(build.buildId) && !this.stopped) this.workers.set(build.buildId, this.worker(projection, build));
    }
    await this.catalog.dropRetired(projection.name);
  }

  private worker(projection: Projection, build: BuildRow): BuildWorker {
    return new BuildWorker(projection, build, {
      store: this.store,
      pool: this.pool,
      catalog: this.catalog,
      probe: this.probe,
      settings: this.settings,
      observer: this.options.observer ?? {},
      log: (line) => this.log(line),
      onSwapped: () => void this.supervise(),
    });
  }

  private async stopWorkers(which: (worker: BuildWorker) => boolean): Promise<void> {
    const stopping = [...this.workers.entries()].filter(([, w]) => which(w));
    for (const [id] of stopping) this.workers.delete(id);
    await Promise.all(stopping.map(([, w]) => w.stop()));
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
