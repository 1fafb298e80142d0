import type pg from 'pg';
import { NotificationListener } from '../../../database/src/notification-listener.js';
import { isConnectionLoss, openPool, type LogLine } from '../../../database/src/pool.js';
import { ChainVerifier } from '../chain-verifier.js';
import { DuplicateEventIdError, InvalidRequestError, WrongExpectedRevisionError } from '../errors.js';
import { CatchUpSubscription, WakeUps } from '../subscription.js';
import { prepareBatch, assertStreamId } from '../validation.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
  Subscription,
  VerifyProgress,
  VerifyReport,
} from '../port.js';
import { EVENT_STORE_MIGRATIONS, migrateEventStore } from './migrations.js';

const NOTIFY_CHANNEL = 'es_events_appended';
const COLUMNS = 'tx_id, position, stream_id, revision, event_id, type, schema_version, data, metadata, hash';
const START = { tx: '0', position: '0' };

interface EventRow {
  tx_id: string;
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: EventMetadata;
  hash: string;
}

/** Checkpoint text: "<xid8>/<position>". Opaque to callers. */
export function encodeCheckpoint(tx: string, position: string): string {
  return `${tx}/${position}`;
}

function decodeCheckpoint(checkpoint: string | null): { tx: string; position: string } {
  if (checkpoint === null || checkpoint === undefined) return START;
  const match = /^(\d{1,20})\/(\d{1,19})$/.exec(checkpoint);
  if (!match) throw new InvalidRequestError('checkpoint: not a checkpoint handed out by this store');
  return { tx: match[1]!, position: match[2]! };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    revision: Number(row.revision),
    checkpoint: encodeCheckpoint(row.tx_id, row.position),
    hash: row.hash,
  };
}

export interface PostgresEventStoreOptions {
  /** End the pool on close (true when the store created it). */
  ownsPool?: boolean;
  clock?: () => Date;
  /** Append round trips at once; further appends wait and are committed together (default 2). */
  maxAppendsInFlight?: number;
  /** Where a lost database connection is reported (one line, its error code only); default stderr. */
  log?: LogLine;
}

export interface PostgresEventStoreConnectOptions extends Omit<PostgresEventStoreOptions, 'ownsPool'> {
  /** The pool's application_name in pg_stat_activity (default pcm-event-store). */
  applicationName?: string;
}

interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  kind: string;
  revision: number | null;
  bodies: string[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface GroupRow {
  out_item: number;
  out_revision: string | null;
  out_tx_id: string | null;
  out_position: string | null;
  out_duplicate: boolean | null;
  out_error: string | null;
  out_detail: string | null;
}

/** Most appends committed in one group. */
const MAX_GROUP = 64;

/**
 * Gap-safe event store on PostgreSQL. Global order is (transaction id, position); readers only
 * return rows of transactions older than the oldest one still running, so an event whose
 * transaction commits late is never skipped. NOTIFY is only a wake-up; readers also poll.
 */
export class PostgresEventStore implements EventStore {
  readonly adapter = 'postgres';
  private readonly wakeUps = new WakeUps();
  private notifications: NotificationListener | null = null;
  private notifyPending = false;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;
  private readonly queue: PendingAppend[] = [];
  private pumpScheduled = false;
  private inFlight = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  static async connect(
    connectionString: string,
    poolSize = 10,
    options: PostgresEventStoreConnectOptions = {},
  ): Promise<PostgresEventStore> {
    const { applicationName = 'pcm-event-store', ...storeOptions } = options;
    const pool = openPool({ connectionString, max: poolSize, applicationName, log: options.log });
    await migrateEventStore(pool);
    return new PostgresEventStore(pool, { ...storeOptions, ownsPool: true });
  }

  private get maxAppendsInFlight(): number {
    return this.options.maxAppendsInFlight ?? 2;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareBatch(streamId, events, expected, (this.options.clock ?? (() => new Date()))());
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({
        streamId,
        expected,
        kind: typeof expected === 'number' ? 'exact' : expected,
        revision: typeof expected === 'number' ? expected : null,
        bodies: prepared.map((e) => e.body),
        resolve,
        reject,
      });
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        queueMicrotask(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  /**
   * Group commit: at most `maxAppendsInFlight` round trips append at once; appends that arrive
   * meanwhile wait and go together in the next one, in one transaction, each checked on its own.
   */
  private pump(): void {
    while (this.inFlight < this.maxAppendsInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP);
      this.inFlight += 1;
      void (group.length === 1 ? this.appendOne(group[0]!) : this.appendGroup(group)).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async appendOne(item: PendingAppend): Promise<void> {
    try {
      const result = await this.query<{ out_revision: string; out_tx_id: string; out_position: string; out_duplicate: boolean }>({
        name: 'es_append',
        text: 'select out_revision::text, out_tx_id::text, out_position::text, out_duplicate from es_append($1, $2, $3, $4)',
        values: [item.streamId, item.kind, item.revision, item.bodies],
      });
      const row = result.rows[0]!;
      if (!row.out_duplicate) this.announceAppend();
      item.resolve({
        streamId: item.streamId,
        revision: Number(row.out_revision),
        checkpoint: encodeCheckpoint(row.out_tx_id, row.out_position),
        duplicate: row.out_duplicate,
      });
    } catch (error) {
      item.reject(this.translate(error, item.streamId, item.expected));
    }
  }

  private async appendGroup(group: PendingAppend[]): Promise<void> {
    // Sorted by stream (stable, so one stream's appends keep their order): every group locks heads in the same order.
    const items = group
      .map((item, index) => ({ item, index }))
      .sort((a, b) => (a.item.streamId < b.item.streamId ? -1 : a.item.streamId > b.item.streamId ? 1 : a.index - b.index))
      .map((e) => e.item);
    let rows: GroupRow[];
    try {
      const result = await this.query<GroupRow>({
        name: 'es_append_group',
        text: 'select out_item, out_revision::text, out_tx_id::text, out_position::text, out_duplicate, out_error, out_detail from es_append_group($1, $2, $3, $4, $5)',
        values: [
          items.map((i) => i.streamId),
          items.map((i) => i.kind),
          items.map((i) => i.revision),
          items.map((i) => i.bodies.length),
          items.flatMap((i) => i.bodies),
        ],
      });
      rows = result.rows;
    } catch {
      // Something refused the whole group (a concurrent duplicate id, a lost connection): each append on its own.
      for (const item of items) await this.appendOne(item);
      return;
    }
    let landed = false;
    for (const row of rows) {
      const item = items[row.out_item - 1]!;
      if (row.out_error !== null) {
        item.reject(this.translate({ code: row.out_error, detail: row.out_detail ?? '' }, item.streamId, item.expected));
        continue;
      }
      landed ||= !row.out_duplicate;
      item.resolve({
        streamId: item.streamId,
        revision: Number(row.out_revision),
        checkpoint: encodeCheckpoint(row.out_tx_id!, row.out_position!),
        duplicate: row.out_duplicate!,
      });
    }
    if (landed) this.announceAppend();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const direction = options.direction ?? 'forward';
    const limit = options.limit ?? null;
    if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1)) throw new InvalidRequestError('limit: an integer >= 1');
    const from = options.from ?? (direction === 'forward' ? 0 : Number.MAX_SAFE_INTEGER);
    if (!Number.isSafeInteger(from) || from < 0) throw new InvalidRequestError('from: a revision >= 0');
    const text =
      direction === 'forward'
        ? `select ${COLUMNS} from es_events where stream_id = $1 and revision >= $2 order by revision asc limit $3`
        : `select ${COLUMNS} from es_events where stream_id = $1 and revision <= $2 order by revision desc limit $3`;
    const result = await this.query<EventRow>({ name: `es_read_stream_${direction}`, text, values: [streamId, from, limit] });
    return result.rows.map(toRecorded);
  }

  async readAll(fromCheckpoint: string | null, limit = 1000): Promise<ReadAllResult> {
    const from = decodeCheckpoint(fromCheckpoint);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidRequestError('limit: an integer >= 1');
    const result = await this.query<EventRow>({
      name: 'es_read_all',
      text: `select ${COLUMNS} from es_events
              where (tx_id, position) > ($1::xid8, $2::bigint)
                and tx_id < pg_snapshot_xmin(pg_current_snapshot())
              order by tx_id, position
              limit $3`,
      values: [from.tx, from.position, limit],
    });
    const events = result.rows.map(toRecorded);
    return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : fromCheckpoint };
  }

  subscribe(fromCheckpoint: string | null, options: SubscribeOptions = {}): Subscription {
    decodeCheckpoint(fromCheckpoint);
    this.ensureListening();
    const subscription = new CatchUpSubscription(
      (checkpoint, limit) => this.readAll(checkpoint, limit),
      this.wakeUps,
      fromCheckpoint,
      options,
      () => this.subscriptions.delete(subscription),
      // A lost connection (a restart, a cut): read again from the same checkpoint instead of ending the subscription.
      isConnectionLoss,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async verify(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyReport> {
    const verifier = new ChainVerifier();
    const client = await this.pool.connect();
    try {
      // One snapshot for events and heads, so appends during the run cannot look like breaks.
      await client.query('begin isolation level repeatable read read only');
      const heads = new HeadCursor(client);
      let head = await heads.next();
      let current = null as Head | null;
      let after: [string, string] = ['', '-1'];
      for (;;) {
        const batch = await client.query<EventRow>(
          `select ${COLUMNS} from es_events where (stream_id, revision) > ($1, $2::bigint) order by stream_id, revision limit 5000`,
          after,
        );
        for (const row of batch.rows) {
          const event = toRecorded(row);
          if (current?.streamId !== event.streamId) {
            if (current) verifier.checkHead(current.streamId, current.revision, current.hash);
            while (head && head.streamId < event.streamId) {
              verifier.checkHead(head.streamId, head.revision, head.hash);
              head = await heads.next();
            }
            current = head?.streamId === event.streamId ? head : { streamId: event.streamId, revision: -1, hash: '' };
            if (head?.streamId === event.streamId) head = await heads.next();
          }
          if (!verifier.accept(event)) return verifier.report();
        }
        onProgress?.(verifier.progress);
        if (batch.rows.length < 5000) break;
        const last = batch.rows[batch.rows.length - 1]!;
        after = [last.stream_id, last.revision];
      }
      if (current) verifier.checkHead(current.streamId, current.revision, current.hash);
      while (head) {
        verifier.checkHead(head.streamId, head.revision, head.hash);
        head = await heads.next();
      }
      return verifier.report();
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      const result = await this.pool.query<{ version: number }>('select max(version) as version from es_schema_migrations');
      const version = result.rows[0]?.version ?? 0;
      const latest = EVENT_STORE_MIGRATIONS[EVENT_STORE_MIGRATIONS.length - 1]!.version;
      if (version !== latest) return { status: 'down', adapter: this.adapter, detail: `schema version ${version}, expected ${latest}` };
      return { status: 'up', adapter: this.adapter, detail: `schema version ${version}` };
    } catch (error) {
      return { status: 'down', adapter: this.adapter, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifications?.close();
    if (this.options.ownsPool) await this.pool.end();
  }

  /**
   * Other processes' appends arrive as a NOTIFY wake-up. Subscriptions still poll, so a lost
   * listening connection only slows them down until it is back; once it is, they read at once,
   * since a notification may have been missed meanwhile.
   */
  private ensureListening(): void {
    if (this.notifications || this.closed) return;
    this.notifications = new NotificationListener(this.pool, NOTIFY_CHANNEL, {
      component: 'event store',
      log: this.options.log,
      onNotification: () => this.wakeUps.wake(),
      onListening: (listening) => {
        if (listening) this.wakeUps.wake();
      },
    });
    void this.notifications.start();
  }

  /** Wake local subscribers now; other processes through one NOTIFY per 50 ms at most (NOTIFY serialises commits). */
  private announceAppend(): void {
    this.wakeUps.wake();
    if (this.notifyPending || this.closed) return;
    this.notifyPending = true;
    setTimeout(() => {
      this.notifyPending = false;
      if (!this.closed) this.pool.query(`select pg_notify('${NOTIFY_CHANNEL}', '')`).catch(() => undefined);
    }, 50).unref();
  }

  /**
   * pg's Pool#query discards the connection on any error; a refused append (a normal outcome
   * under contention) is a server-side error that leaves the connection usable, so keep it.
   */
  private async query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    const client = await this.pool.connect();
    try {
      const result = await client.query<R>(config);
      client.release();
      return result;
    } catch (error) {
      const serverSide =
        typeof (error as { severity?: unknown }).severity === 'string' && (error as { severity: string }).severity === 'ERROR';
      client.release(serverSide ? undefined : (error as Error));
      throw error;
    }
  }

  private translate(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
    const pgError = error as { code?: string; detail?: string; constraint?: string };
    if (pgError.code === 'ES412') return new WrongExpectedRevisionError(streamId, expected, Number(pgError.detail));
    if (pgError.code === 'ES409') return new DuplicateEventIdError(streamId, pgError.detail ?? '');
    if (pgError.code === '23505' && pgError.constraint === 'es_events_event_id') {
      const id = /\(event_id\)=\(([^)]+)\)/.exec(pgError.detail ?? '')?.[1] ?? '';
      return new DuplicateEventIdError(streamId, id);
    }
    if (pgError.code === '22P02' || pgError.code === '22P05' || pgError.code === 'ES403')
      return new InvalidRequestError(`event rejected by the store (${pgError.code})`);
    return error;
  }
}

interface Head {
  streamId: string;
  revision: number;
  hash: string;
}

class HeadCursor {
  private buffer: Head[] = [];
  private after = '';
  private exhausted = false;

  constructor(private readonly client: pg.PoolClient) {}

  async next(): Promise<Head | null> {
    if (this.buffer.length === 0 && !this.exhausted) {
      const result = await this.client.query<{ stream_id: string; revision: string; head_hash: string }>(
        'select stream_id, revision::text as revision, head_hash from es_streams where stream_id > $1 order by stream_id limit 5000',
        [this.after],
      );
      this.buffer = result.rows.map((r) => ({ streamId: r.stream_id, revision: Number(r.revision), hash: r.head_hash }));
      if (result.rows.length < 5000) this.exhausted = true;
      if (this.buffer.length > 0) this.after = this.buffer[this.buffer.length - 1]!.streamId;
    }
    return this.buffer.shift() ?? null;
  }
}
