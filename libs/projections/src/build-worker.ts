import type pg from 'pg';
import { inTransaction } from '../../database/src/transaction.js';
import type { EventStore, RecordedEvent, Subscription } from '../../event-store/src/port.js';
import { BatchReader } from './batches.js';
import { isLockTimeout, type BuildRow, type ProjectionCatalog } from './catalog.js';
import type { LogProbe } from './log-probe.js';
import { quoteIdent, type Projection, type ProjectionTransaction } from './projection.js';
import { RateMeter } from './rate-meter.js';

export interface BatchInfo {
  projection: string;
  buildId: number;
  /** The checkpoint the batch starts after (null: the start of the log). */
  from: string | null;
  to: string;
  events: number;
}

/** Hooks for operators' logs and for tests (e.g. the kill test waits for a batch to start). */
export interface RunnerObserver {
  /** The batch's transaction has begun: its writes are about to start. */
  batchStarted?(info: BatchInfo): void;
  batchCommitted?(info: BatchInfo): void;
  swapped?(info: { projection: string; buildId: number; previousBuildId: number | null; position: number }): void;
}

export interface WorkerSettings {
  /** Most events in one transaction. */
  batchSize: number;
  /** How long a batch waits for more events after its first one. */
  lingerMs: number;
  /** Events per read of the log. */
  pageSize: number;
  /** Poll interval of the subscription when no wake-up arrives. */
  pollIntervalMs: number;
  /** First pause after an error; doubled on each further error, up to 30 s. */
  retryMs: number;
}

export interface WorkerDeps {
  store: EventStore;
  pool: pg.Pool;
  catalog: ProjectionCatalog;
  probe: LogProbe;
  settings: WorkerSettings;
  observer: RunnerObserver;
  log: (line: string) => void;
  /** A building worker swapped its build in: the runner stops the former live build's worker. */
  onSwapped(): void;
}

type Outcome = 'committed' | 'retired' | 'moved';

/** The build's checkpoint moved while the batch was applied (another runner, a swap): roll it back. */
class StaleBatch extends Error {
  constructor() {
    super('the build moved on while the batch was applied');
  }
}

/** How long a building worker waits for the next event before checking whether it has reached the head. */
const IDLE_CHECK_MS = 200;

/**
 * Runs one build of a projection: follows the log from the build's checkpoint, applies each batch
 * and records its checkpoint in one transaction. A building build, once caught up with the log,
 * swaps itself in for the live one.
 */
export class BuildWorker {
  readonly rate = new RateMeter();
  lastError: string | null = null;
  private stopped = false;
  private subscription: Subscription | null = null;
  private wakeUp: () => void = () => undefined;
  private readonly done: Promise<void>;
  private readonly types: ReadonlySet<string>;

  constructor(
    readonly projection: Projection,
    private build: BuildRow,
    private readonly deps: WorkerDeps,
  ) {
    this.types = new Set(projection.eventTypes);
    this.done = this.run();
  }

  get buildId(): number {
    return this.build.buildId;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.subscription?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const row = await this.deps.catalog.build(this.build.buildId);
        if (!row || row.state === 'retired') return;
        this.build = row;
        if (await this.follow(row.checkpoint)) return;
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        this.lastError = (error as Error).message;
        this.deps.log(`projection ${this.projection.name} build ${this.build.buildId}: ${this.lastError}; retrying`);
        await this.pause(Math.min(30_000, this.deps.settings.retryMs * 2 ** (failures - 1)));
      }
    }
  }

  /** Applies batches from `from` on; true when this build is finished (retired), false to start again. */
  private async follow(from: string | null): Promise<boolean> {
    const { settings } = this.deps;
    const subscription = this.deps.store.subscribe(from, { batchSize: settings.pageSize, pollIntervalMs: settings.pollIntervalMs });
    this.subscription = subscription;
    try {
      if (this.stopped) return true;
      // Swapped in: carry on as the live build from where the swap left it.
      if ((await this.readyToSwap(from)) && (await this.swap())) return false;
      const reader = new BatchReader(subscription[Symbol.asyncIterator]());
      let checkpoint = from;
      for (;;) {
        // A build being made looks at the log's head whenever the log pauses (or a batch comes short).
        const building = this.build.state === 'building';
        const batch = await reader.next(settings.batchSize, settings.lingerMs, building ? IDLE_CHECK_MS : undefined);
        if (batch === null || this.stopped) return true;
        if (batch.length > 0) {
          const outcome = await this.commit(batch, checkpoint);
          if (outcome === 'retired') return true;
          if (outcome === 'moved') return false;
          checkpoint = batch[batch.length - 1]!.checkpoint;
          this.lastError = null;
        }
        if (building && batch.length < settings.batchSize && (await this.readyToSwap(checkpoint)) && (await this.swap())) return false;
      }
    } finally {
      this.subscription = null;
      await subscription.close();
    }
  }

  private async commit(batch: RecordedEvent[], from: string | null): Promise<Outcome> {
    const last = batch[batch.length - 1]!;
    const info: BatchInfo = {
      projection: this.projection.name,
      buildId: this.build.buildId,
      from,
      to: last.checkpoint,
      events: batch.length,
    };
    try {
      await inTransaction(this.deps.pool, async (tx) => {
        this.deps.observer.batchStarted?.(info);
        await this.applyBatch(tx, batch, from);
      });
    } catch (error) {
      if (!(error instanceof StaleBatch)) throw error;
      const row = await this.deps.catalog.build(this.build.buildId);
      if (row && row.state !== 'retired') return 'moved';
      this.build = { ...this.build, state: 'retired' };
      return 'retired';
    }
    this.rate.record(batch.length);
    this.deps.observer.batchCommitted?.(info);
    return 'committed';
  }

  /** The projection's writes and the build's new checkpoint, in the caller's transaction; StaleBatch if the checkpoint is no longer `from`. */
  private async applyBatch(tx: ProjectionTransaction, batch: readonly RecordedEvent[], from: string | null): Promise<void> {
    const handled = batch.filter((e) => this.types.has(e.type));
    // synchronous_commit off is safe for a read model: a crash may lose the last batches, but rows
    // and checkpoint together (PostgreSQL never keeps half a transaction), so they are applied
    // again; it saves a disk flush per batch.
    await tx.query("select set_config('search_path', $1, true), set_config('synchronous_commit', 'off', true)", [
      `${quoteIdent(this.build.schemaName)}, public`,
    ]);
    if (handled.length > 0) await this.projection.apply(handled, tx);
    await tx.query('set local search_path to default');
    const last = batch[batch.length - 1]!;
    const advanced = await this.deps.catalog.advance(tx, this.build.buildId, from, {
      checkpoint: last.checkpoint,
      consumed: batch.length,
      applied: handled.length,
      lastRecordedAt: last.metadata.recordedAt,
    });
    if (!advanced) throw new StaleBatch();
  }

  /** A building build within one batch of the log's head (counting stops there, so asking is cheap). */
  private async readyToSwap(checkpoint: string | null): Promise<boolean> {
    if (this.build.state !== 'building') return false;
    const cap = this.deps.settings.batchSize;
    return !(await this.deps.probe.behind(checkpoint, cap)).capped;
  }

  /**
   * In one transaction: hold the live build's row (its worker waits), apply what is left of the
   * log to this build, point the read views at this build and retire the former one. When readers
   * keep the views busy past the swap's lock timeout, it tries again a little later.
   */
  private async swap(): Promise<boolean> {
    if (!this.build.indexed) {
      const started = Date.now();
      await this.deps.catalog.index(this.projection, this.build);
      this.build = { ...this.build, indexed: true };
      this.deps.log(`projection ${this.projection.name}: build ${this.build.buildId} indexed in ${Date.now() - started} ms`);
    }
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        return await this.swapOnce();
      } catch (error) {
        if (!isLockTimeout(error) || attempt >= 100) throw error;
        await this.pause(20 + Math.floor(Math.random() * 80));
      }
    }
    return false;
  }

  private async swapOnce(): Promise<boolean> {
    const { catalog, store, settings } = this.deps;
    const result = await inTransaction(this.deps.pool, async (tx) => {
      const me = await catalog.lock(tx, this.build.buildId);
      if (!me || me.state !== 'building') return null;
      const live = (await catalog.current(this.projection.name, tx)).live;
      if (live) await catalog.lock(tx, live.buildId);
      let checkpoint = me.checkpoint;
      let position = me.position;
      for (;;) {
        const page = await store.readAll(checkpoint, settings.batchSize);
        if (page.events.length === 0) break;
        await this.applyBatch(tx, page.events, checkpoint);
        checkpoint = page.checkpoint;
        position += page.events.length;
      }
      await catalog.swap(tx, this.projection.name, me, live);
      return { live, position };
    });
    if (!result) return false;
    this.build = { ...this.build, state: 'live' };
    this.deps.log(
      `projection ${this.projection.name}: build ${this.build.buildId} (version ${this.build.version}) is live at position ${result.position}`,
    );
    this.deps.observer.swapped?.({
      projection: this.projection.name,
      buildId: this.build.buildId,
      previousBuildId: result.live?.buildId ?? null,
      position: result.position,
    });
    this.deps.onSwapped();
    return true;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
