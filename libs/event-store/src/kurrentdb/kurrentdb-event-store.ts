import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type { AppendStreamState, EventData, Position, ReadRevision, RecordedEvent as KurrentEvent } from '@kurrent/kurrentdb-client';
import { ChainVerifier } from '../chain-verifier.js';
import { DuplicateEventIdError, InvalidRequestError, NO_STREAM_REVISION, WrongExpectedRevisionError, expectationHolds } from '../errors.js';
import { GENESIS_HASH, linkHash } from '../hash-chain.js';
import { CatchUpSubscription, WakeUps } from '../subscription.js';
import { assertStreamId, prepareBatch, type PreparedEvent } from '../validation.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllResult,
  ReadStreamOptions,
} from '../port.js';
import type { RecordedEvent, StoreHealth, SubscribeOptions, Subscription, VerifyProgress, VerifyReport } from '../port.js';

/** Stream `_es-id-<event id>` holds the claim of an event id. Port stream ids start with a letter or digit, so never collide. */
export const CLAIM_PREFIX = '_es-id-';
const MAX_U64 = 2n ** 64n - 1n;
const MAX_APPEND_ATTEMPTS = 100;
const SCAN_PAGE = 200;
const READ_CHUNK = 1000;

export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'dispose'>;

export function encodeKurrentCheckpoint(position: Position): string {
  return `C:${position.commit}/P:${position.prepare}`;
}

export function decodeKurrentCheckpoint(checkpoint: string | null): Position | null {
  if (checkpoint === null || checkpoint === undefined) return null;
  const match = typeof checkpoint === 'string' ? /^C:(\d{1,20})\/P:(\d{1,20})$/.exec(checkpoint) : null;
  const position = match ? { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) } : null;
  if (position && position.commit <= MAX_U64 && position.prepare <= MAX_U64) return position;
  throw new InvalidRequestError('checkpoint: not a checkpoint handed out by this store');
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/**
 * Appends always carry the exact state that was read (so two writers cannot both extend the same
 * head and fork the chain); the caller's expectation is checked against that read first.
 * Returns null when it does not hold.
 */
export function appendStateFor(expected: ExpectedRevision, actual: number): AppendStreamState | null {
  if (!expectationHolds(expected, actual)) return null;
  return actual === NO_STREAM_REVISION ? NO_STREAM : BigInt(actual);
}

export type ChainedEvent = { event: PreparedEvent; revision: number; hash: string };

export function chainBatch(streamId: string, batch: PreparedEvent[], tail: { revision: number; hash: string }): ChainedEvent[] {
  let previous = tail.hash;
  return batch.map((event, index) => {
    const revision = tail.revision + 1 + index;
    previous = linkHash(previous, streamId, revision, event.body);
    return { event, revision, hash: previous };
  });
}

/**
 * Our id is KurrentDB's event id; schema version and hash ride in the metadata next to ours, with
 * the id of the append call, which tells a write of ours from an identical concurrent one.
 */
export function toKurrentEvent({ event, hash }: ChainedEvent, writeId: string): EventData {
  const metadata = { ...event.metadata, $schemaVersion: event.schemaVersion, $hash: hash, $writeId: writeId };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

export function isOwnStream(streamId: string): boolean {
  return !streamId.startsWith('$') && !streamId.startsWith(CLAIM_PREFIX);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Null for anything that is not one of our envelopes: system events, claims, foreign events. */
export function fromKurrentEvent(event: KurrentEvent): RecordedEvent | null {
  if (!isOwnStream(event.streamId) || event.type.startsWith('$') || !event.isJson) return null;
  if (!isObject(event.data) || !isObject(event.metadata)) return null;
  const { $schemaVersion, $hash, $writeId: _writeId, ...metadata } = event.metadata;
  if (typeof $hash !== 'string' || typeof $schemaVersion !== 'number') return null;
  if (!event.position) throw new Error('KurrentDB returned an event without its log position (server older than 22.6?)');
  return {
    id: event.id.toLowerCase(),
    streamId: event.streamId,
    type: event.type,
    schemaVersion: $schemaVersion,
    data: event.data as JsonObject,
    metadata: metadata as unknown as EventMetadata,
    revision: Number(event.revision),
    checkpoint: encodeKurrentCheckpoint(event.position),
    hash: $hash,
  };
}

export type RetryDecision = { kind: 'new' } | { kind: 'duplicate'; revision: number } | { kind: 'not_a_retry'; eventId: string };

/** `found`: the revision of each batch id present in the stream. An exact retry has the whole batch, in order, at consecutive revisions. */
export function retryDecision(ids: string[], found: ReadonlyMap<string, number>): RetryDecision {
  const first = found.get(ids[0]!);
  if (first === undefined) {
    const stored = ids.find((id) => found.has(id));
    return stored === undefined ? { kind: 'new' } : { kind: 'not_a_retry', eventId: stored };
  }
  const exact = ids.every((id, index) => found.get(id) === first + index);
  return exact ? { kind: 'duplicate', revision: first + ids.length - 1 } : { kind: 'not_a_retry', eventId: ids[0]! };
}

const earliest = (a: Position | null, b: Position | null) => (a === null ? b : b === null || comparePositions(a, b) <= 0 ? a : b);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface KurrentDbEventStoreOptions {
  /** Dispose the client on close (true when the store created it). */
  ownsClient?: boolean;
  clock?: () => Date;
}

/**
 * Event store on KurrentDB. KurrentDB computes no hashes and indexes no event ids, so the chain is
 * computed here on top of a read of the stream head, and ids are made unique through claim streams.
 * Subscriptions poll readAll; local appends wake them early.
 */
export class KurrentDbEventStore implements EventStore {
  readonly adapter = 'kurrentdb';
  private readonly wakeUps = new WakeUps();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  constructor(
    private readonly client: KurrentClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {}

  static async connect(connectionString: string): Promise<KurrentDbEventStore> {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), { ownsClient: true });
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const batch = prepareBatch(streamId, events, expected, (this.options.clock ?? (() => new Date()))());
    const ids = batch.map((event) => event.id);
    const claimedSince = await this.claim(streamId, ids);
    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.scanTail(streamId, ids, claimedSince);
      const decision = retryDecision(ids, tail.found);
      if (decision.kind === 'duplicate') return { ...(await this.resultAt(streamId, decision.revision)).result, duplicate: true };
      if (decision.kind === 'not_a_retry') throw new DuplicateEventIdError(streamId, decision.eventId);
      const streamState = appendStateFor(expected, tail.revision);
      if (streamState === null) throw new WrongExpectedRevisionError(streamId, expected, tail.revision);
      const chained = chainBatch(streamId, batch, tail);
      const writeId = randomUUID();
      try {
        await this.client.appendToStream(
          streamId,
          chained.map((event) => toKurrentEvent(event, writeId)),
          { streamState },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          throw new WrongExpectedRevisionError(
            streamId,
            expected,
            typeof error.actualState === 'bigint' ? Number(error.actualState) : NO_STREAM_REVISION,
          );
        }
        await pause(Math.random() * Math.min(attempt, 20));
        continue;
      }
      const stored = await this.resultAt(streamId, chained[chained.length - 1]!.revision);
      this.wakeUps.wake();
      // KurrentDB answers a write of the same ids at the same expected revision with a success
      // without writing: what is stored is then a concurrent original's.
      return { ...stored.result, duplicate: stored.writeId !== writeId };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const { from, limit, direction = 'forward' } = options;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new InvalidRequestError('limit: an integer >= 1');
    if (from !== undefined && (!Number.isSafeInteger(from) || from < 0)) throw new InvalidRequestError('from: a revision >= 0');
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, {
        direction: direction === 'forward' ? FORWARDS : BACKWARDS,
        fromRevision: from !== undefined ? BigInt(from) : direction === 'forward' ? START : END,
        maxCount: limit ?? Number.MAX_SAFE_INTEGER,
      })) {
        const recorded = event && fromKurrentEvent(event);
        if (recorded) events.push(recorded);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }

  /**
   * KurrentDB reads $all from a position inclusively, so the event at `from` is dropped. When only
   * system events follow the last of ours, the input checkpoint is returned and they are scanned again next time.
   */
  async readAll(fromCheckpoint: string | null, limit = 1000): Promise<ReadAllResult> {
    const after = decodeKurrentCheckpoint(fromCheckpoint);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidRequestError('limit: an integer >= 1');
    const events: RecordedEvent[] = [];
    let floor = after;
    for (;;) {
      let scanned = 0;
      let lastSeen = floor;
      for await (const { event } of this.client.readAll({ fromPosition: floor ?? START, maxCount: READ_CHUNK })) {
        scanned += 1;
        if (!event || (floor && comparePositions(event.position, floor) <= 0)) continue;
        lastSeen = event.position;
        const recorded = fromKurrentEvent(event);
        if (recorded) events.push(recorded);
        if (events.length === limit) break;
      }
      if (events.length === limit || scanned < READ_CHUNK || lastSeen === floor) break;
      floor = lastSeen;
    }
    return { events, checkpoint: events.length > 0 ? events[events.length - 1]!.checkpoint : fromCheckpoint };
  }

  subscribe(fromCheckpoint: string | null, options: SubscribeOptions = {}): Subscription {
    decodeKurrentCheckpoint(fromCheckpoint);
    const readPage = (checkpoint: string | null, limit: number) => this.readAll(checkpoint, limit);
    const subscription = new CatchUpSubscription(readPage, this.wakeUps, fromCheckpoint, options, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * One pass over $all finds our streams (those holding an envelope) and the head each had then;
   * each stream is then read up to that head, so appends during the run are not breaks, while a
   * foreign event in a stream, or a stream truncated or deleted while its events remain in $all, is.
   */
  async verify(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyReport> {
    const heads = new Map<string, { revision: number; hash: string }>();
    const ours = new Set<string>();
    for await (const { event } of this.client.readAll()) {
      if (!event || !isOwnStream(event.streamId) || event.type.startsWith('$')) continue;
      const recorded = fromKurrentEvent(event);
      if (recorded) ours.add(recorded.streamId);
      heads.set(event.streamId, { revision: Number(event.revision), hash: recorded?.hash ?? '' });
    }
    const verifier = new ChainVerifier();
    for (const [streamId, head] of heads) {
      if (!ours.has(streamId)) continue;
      try {
        for await (const { event } of this.client.readStream(streamId, { maxCount: head.revision + 1 })) {
          if (event && !verifier.accept(fromKurrentEvent(event) ?? notAnEnvelope(event))) return verifier.report();
        }
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      if (!verifier.checkHead(streamId, head.revision, head.hash)) return verifier.report();
      onProgress?.(verifier.progress);
    }
    return verifier.report();
  }

  async health(): Promise<StoreHealth> {
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
      return { status: 'up', adapter: this.adapter };
    } catch (error) {
      return { status: 'down', adapter: this.adapter, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.options.ownsClient) await this.client.dispose();
  }

  /**
   * KurrentDB's own idempotence only covers some repeated writes, and it keeps no index of event
   * ids, so each id is claimed before it is written: one event naming its stream in `_es-id-<id>`,
   * appended with no_stream. An id claimed for another stream is refused. A claim that already
   * existed for this stream means the event may be stored already (a retry) or not (the earlier
   * attempt failed): its position bounds how far back the stream is searched. Null: every claim is
   * new, so no id of the batch can be stored anywhere.
   */
  private async claim(streamId: string, ids: string[]): Promise<Position | null> {
    const existing = await Promise.all(
      ids.map(async (id) => {
        try {
          await this.client.appendToStream(CLAIM_PREFIX + id, jsonEvent({ type: 'event_store.id_claimed', data: { streamId } }), {
            streamState: NO_STREAM,
          });
          return null;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
        for await (const { event } of this.client.readStream(CLAIM_PREFIX + id, { maxCount: 1 })) {
          if (event && isObject(event.data) && event.data.streamId === streamId) return event.position ?? { commit: 0n, prepare: 0n };
        }
        throw new DuplicateEventIdError(streamId, id);
      }),
    );
    return existing.reduce(earliest, null);
  }

  /** The stream head, and the revisions of the batch ids among the events written since `since` (none looked for when null). */
  private async scanTail(streamId: string, ids: string[], since: Position | null) {
    const wanted = new Set(ids);
    const found = new Map<string, number>();
    let head: { revision: number; hash: string } | null = null;
    let from: ReadRevision = END;
    try {
      scan: for (;;) {
        let read = 0;
        for await (const { event } of this.client.readStream(streamId, {
          direction: BACKWARDS,
          fromRevision: from,
          maxCount: since ? SCAN_PAGE : 1,
        })) {
          if (!event) continue;
          read += 1;
          head ??= {
            revision: Number(event.revision),
            hash: isObject(event.metadata) && typeof event.metadata.$hash === 'string' ? event.metadata.$hash : '',
          };
          if (!since || (event.position && comparePositions(event.position, since) < 0)) break scan;
          const id = event.id.toLowerCase();
          if (wanted.has(id)) found.set(id, Number(event.revision));
          if (id === ids[0] || event.revision === 0n) break scan;
          from = event.revision - 1n;
        }
        if (read < SCAN_PAGE) break;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { revision: head?.revision ?? NO_STREAM_REVISION, hash: head?.hash ?? GENESIS_HASH, found };
  }

  private async resultAt(streamId: string, revision: number) {
    for await (const { event } of this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 })) {
      const recorded = event && fromKurrentEvent(event);
      if (recorded)
        return {
          result: { streamId, revision, checkpoint: recorded.checkpoint },
          writeId: isObject(event.metadata) ? event.metadata.$writeId : undefined,
        };
    }
    throw new Error(`Stream ${streamId}: revision ${revision} is not one of this store's events`);
  }
}

/** Stands in for an event of one of our streams that is not an envelope, so the verifier reports it as a hash mismatch. */
function notAnEnvelope(event: KurrentEvent): RecordedEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    type: event.type,
    schemaVersion: 0,
    data: {},
    metadata: {} as EventMetadata,
    revision: Number(event.revision),
    checkpoint: '',
    hash: '',
  };
}
