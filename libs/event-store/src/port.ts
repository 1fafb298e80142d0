/**
 * The event store port. Every adapter (PostgreSQL, KurrentDB) implements it and passes the
 * same contract suite (libs/event-store/src/testing/contract.ts).
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must. A number: the stream's current revision must be exactly this. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Who did what, for which purpose and in which jurisdiction. */
export interface EventMetadata {
  actorId: string;
  role: string;
  jurisdiction: string;
  purpose: string;
  correlationId: string;
  causationId: string | null;
  /** When it happened in the world (ISO-8601). */
  occurredAt: string;
  /** When the store accepted it (ISO-8601); set by the store, never by the caller. */
  recordedAt: string;
}

export type EventMetadataInput = Omit<EventMetadata, 'recordedAt'>;

export interface NewEvent {
  /** UUID chosen by the client; appending the same id to the same stream again is a no-op retry. */
  id: string;
  /** A fixed string such as `tip.received`, never a class name. */
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadataInput;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Opaque position in the global log; pass it back to readAll/subscribe to resume after this event. */
  checkpoint: string;
  /** Hex SHA-256 link of the stream's hash chain. */
  hash: string;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event of the batch (the stream's current revision after the append). */
  revision: number;
  /** Checkpoint of the last event of the batch. */
  checkpoint: string;
  /** The ids were already in the stream: nothing was written and the original result is returned. */
  duplicate: boolean;
}

export type Direction = 'forward' | 'backward';

export interface ReadStreamOptions {
  /** Inclusive start revision; default 0 forwards, the last event backwards. */
  from?: number;
  direction?: Direction;
  limit?: number;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where to continue; equal to the input when nothing new was found. */
  checkpoint: string | null;
}

export interface SubscribeOptions {
  batchSize?: number;
  /** Poll interval used when no wake-up arrives; wake-ups only shorten the wait. */
  pollIntervalMs?: number;
}

/** Catch-up subscription: history first, then live events, in checkpoint order. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface ChainBreak {
  streamId: string;
  revision: number;
  reason: 'hash_mismatch' | 'missing_revision' | 'head_mismatch';
  expected?: string;
  actual?: string;
}

export interface VerifyProgress {
  events: number;
  streams: number;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  firstBreak: ChainBreak | null;
}

export interface StoreHealth {
  status: 'up' | 'down';
  adapter: string;
  detail?: string;
}

export interface EventStore {
  readonly adapter: string;
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(fromCheckpoint: string | null, limit?: number): Promise<ReadAllResult>;
  subscribe(fromCheckpoint: string | null, options?: SubscribeOptions): Subscription;
  verify(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyReport>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
