import {
  ANY,
  BACKWARDS,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type {
  AppendStreamState,
  EventData,
  Position,
  ReadPosition,
  ReadRevision,
  RecordedEvent as KurrentEvent,
} from '@kurrent/kurrentdb-client';
import { ChainVerifier } from '../chain-verifier.js';
import { GENESIS_HASH, canonicalBody, linkHash } from '../hash-chain.js';
import { eventStoreContract, newEvent, streamName } from '../testing/contract.js';
import { prepareBatch } from '../validation.js';
import {
  CLAIM_PREFIX,
  KurrentDbEventStore,
  appendStateFor,
  chainBatch,
  comparePositions,
  decodeKurrentCheckpoint,
  encodeKurrentCheckpoint,
  fromKurrentEvent,
  retryDecision,
  toKurrentEvent,
  type KurrentClient,
} from './kurrentdb-event-store.js';

interface Stored {
  streamId: string;
  id: string;
  isJson: boolean;
  revision: bigint;
  type: string;
  created: Date;
  data: Record<string, unknown>;
  metadata: unknown;
  position: Position;
}

/** In-memory stand-in for the four client calls the adapter makes, with KurrentDB's expected-state and read semantics. */
class FakeKurrent {
  readonly log: Stored[] = [];
  readonly streams = new Map<string, Stored[]>();
  /** Answer a repeated write (same ids right after the expected revision) with success, as KurrentDB does. */
  idempotent = false;
  /** While set, appends to non-claim streams wait for it. */
  gate: Promise<void> | null = null;
  waiting = 0;

  async appendToStream(streamId: string, events: EventData | EventData[], { streamState = ANY }: { streamState?: AppendStreamState } = {}) {
    const batch = [events].flat();
    await new Promise(setImmediate);
    if (this.gate && !streamId.startsWith(CLAIM_PREFIX)) {
      this.waiting += 1;
      await this.gate;
      this.waiting -= 1;
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
    const next = streamState === NO_STREAM ? 0 : typeof streamState === 'bigint' ? Number(streamState) + 1 : -1;
    if (this.idempotent && next >= 0 && batch.every((e, i) => stream[next + i]?.id.toLowerCase() === e.id))
      return { success: true, nextExpectedRevision: 0n };
    if (!(streamState === ANY || streamState === current || (streamState === STREAM_EXISTS && current !== NO_STREAM))) {
      throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected: streamState, current });
    }
    for (const e of batch) {
      const at = BigInt(this.log.length + 1) * 100n;
      const json = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
      const stored: Stored = {
        streamId,
        id: e.id.toUpperCase(),
        isJson: true,
        revision: BigInt(stream.length),
        type: e.type,
        created: new Date(),
        data: json(e.data),
        metadata: json(e.metadata),
        position: { commit: at, prepare: at },
      };
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamId, stream);
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1) };
  }

  async *readStream(streamId: string, options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {}) {
    const stream = this.streams.get(streamId);
    if (!stream) throw new StreamNotFoundError(undefined, streamId);
    yield* window(stream, (e) => e.revision, options.fromRevision ?? START, options.direction ?? FORWARDS, options.maxCount);
  }

  async *readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}) {
    const from = options.fromPosition ?? START;
    yield* window(
      this.log,
      (e) => e.position.commit,
      typeof from === 'object' ? from.commit : from,
      options.direction ?? FORWARDS,
      options.maxCount,
    );
  }

  async dispose() {}
}

function* window(
  items: Stored[],
  key: (e: Stored) => bigint,
  from: ReadRevision,
  direction: string,
  maxCount: number | bigint = Number.MAX_SAFE_INTEGER,
) {
  let count = 0;
  for (const event of direction === BACKWARDS ? [...items].reverse() : [...items]) {
    if (count === Number(maxCount)) return;
    if (typeof from === 'bigint' && (direction === BACKWARDS ? key(event) > from : key(event) < from)) continue;
    count += 1;
    yield { event: event as unknown as KurrentEvent };
  }
}

const storeOn = (fake: FakeKurrent) => new KurrentDbEventStore(fake as unknown as KurrentClient);

/** What KurrentDB hands back for an event written through the client: JSON through bytes, a log position. */
function asStored(streamId: string, data: EventData, revision: number, position: Position): KurrentEvent {
  const json = (value: unknown) => JSON.parse(JSON.stringify(value));
  return {
    streamId,
    id: data.id.toUpperCase(),
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date(),
    data: json(data.data),
    metadata: json(data.metadata),
    position,
  };
}

describe('KurrentDB adapter: checkpoints', () => {
  it('round-trips $all positions, including 64-bit ones, and keeps their order', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 1234n, prepare: 1200n },
      { commit: 2n ** 64n - 1n, prepare: 2n ** 63n + 5n },
    ];
    for (const position of positions) expect(decodeKurrentCheckpoint(encodeKurrentCheckpoint(position))).toEqual(position);
    expect(encodeKurrentCheckpoint(positions[1]!)).toBe('C:1234/P:1200');
    expect(comparePositions(positions[1]!, positions[2]!)).toBe(-1);
    expect(comparePositions(positions[2]!, positions[1]!)).toBe(1);
    expect(comparePositions({ commit: 5n, prepare: 1n }, { commit: 5n, prepare: 2n })).toBe(-1);
    expect(decodeKurrentCheckpoint(null)).toBeNull();
  });

  it.each(['not-a-checkpoint', '12/34', 'C:1/P:', 'C:-1/P:0', 'C:18446744073709551616/P:0', ' C:1/P:1', 'C:1/P:1\n', ''])(
    'rejects %j naming the field',
    (text) => {
      expect(() => decodeKurrentCheckpoint(text)).toThrow(/^checkpoint: /);
    },
  );
});

describe('KurrentDB adapter: expected revision', () => {
  it.each([
    ['any', -1, NO_STREAM],
    ['any', 4, 4n],
    ['no_stream', -1, NO_STREAM],
    ['no_stream', 0, null],
    ['stream_exists', -1, null],
    ['stream_exists', 2, 2n],
    [3, 3, 3n],
    [3, 4, null],
    [0, -1, null],
  ] as const)('%j with the stream at %d appends with %j', (expected, actual, state) => {
    expect(appendStateFor(expected, actual)).toBe(state);
  });
});

describe('KurrentDB adapter: envelope and hash chain', () => {
  const stream = 'case-7';
  const batch = prepareBatch(
    stream,
    [newEvent('tip.received', { n: 1, nested: { b: [1, null], a: 'é' } }), newEvent(), newEvent()],
    'any',
    new Date('2026-11-02T10:00:00Z'),
  );

  it('maps to a KurrentDB JSON event carrying our id, type, data, and schema version and hash in the metadata', () => {
    const [first] = chainBatch(stream, batch, { revision: -1, hash: GENESIS_HASH });
    const data = toKurrentEvent(first!, 'write-1');
    expect(data).toMatchObject({ id: batch[0]!.id, type: 'tip.received', contentType: 'application/json', data: batch[0]!.data });
    expect(data.metadata).toEqual({ ...batch[0]!.metadata, $schemaVersion: 1, $hash: first!.hash, $writeId: 'write-1' });
  });

  it('computes the chain with linkHash, and what is read back verifies', () => {
    const chained = chainBatch(stream, batch, { revision: -1, hash: GENESIS_HASH });
    const read = chained.map((c) =>
      fromKurrentEvent(asStored(stream, toKurrentEvent(c, 'write-1'), c.revision, { commit: BigInt(c.revision), prepare: 0n }))!,
    );
    let previous = GENESIS_HASH;
    read.forEach((event, revision) => {
      expect(event).toMatchObject({
        id: batch[revision]!.id,
        revision,
        type: batch[revision]!.type,
        data: batch[revision]!.data,
        metadata: batch[revision]!.metadata,
      });
      expect(event.hash).toBe(linkHash(previous, stream, revision, canonicalBody(event)));
      previous = event.hash;
    });
    const verifier = new ChainVerifier();
    expect(read.every((e) => verifier.accept(e))).toBe(true);
    const tampered = new ChainVerifier();
    read[1]!.data = { ...read[1]!.data, note: 'y' };
    expect(read.every((e) => tampered.accept(e))).toBe(false);
    expect(tampered.report().firstBreak).toMatchObject({ streamId: stream, revision: 1, reason: 'hash_mismatch' });
  });

  it('continues a chain from the stream head it read', () => {
    const [next] = chainBatch(stream, batch.slice(0, 1), { revision: 4, hash: 'ab'.repeat(32) });
    expect(next).toMatchObject({ revision: 5, hash: linkHash('ab'.repeat(32), stream, 5, batch[0]!.body) });
  });

  it('ignores system events, system and claim streams, binary events and foreign JSON', () => {
    const ours = toKurrentEvent(chainBatch(stream, batch, { revision: -1, hash: GENESIS_HASH })[0]!, 'write-1');
    const at = { commit: 1n, prepare: 1n };
    expect(fromKurrentEvent(asStored(stream, ours, 0, at))).not.toBeNull();
    expect(fromKurrentEvent(asStored(stream, { ...ours, type: '$statsCollected' }, 0, at))).toBeNull();
    expect(fromKurrentEvent(asStored('$et-tip.received', ours, 0, at))).toBeNull();
    expect(fromKurrentEvent(asStored(`${CLAIM_PREFIX}${ours.id}`, ours, 0, at))).toBeNull();
    expect(fromKurrentEvent(asStored(stream, jsonEvent({ type: 'other.app', data: {}, metadata: { user: 'x' } }), 0, at))).toBeNull();
    expect(fromKurrentEvent({ ...asStored(stream, ours, 0, at), isJson: false } as KurrentEvent)).toBeNull();
  });
});

describe('KurrentDB adapter: retry decision', () => {
  const ids = ['a', 'b', 'c'];
  it.each([
    [{}, { kind: 'new' }],
    [
      { a: 4, b: 5, c: 6 },
      { kind: 'duplicate', revision: 6 },
    ],
    [
      { a: 4, b: 5 },
      { kind: 'not_a_retry', eventId: 'a' },
    ],
    [
      { a: 4, b: 6, c: 5 },
      { kind: 'not_a_retry', eventId: 'a' },
    ],
    [{ b: 0 }, { kind: 'not_a_retry', eventId: 'b' }],
    [{ c: 9 }, { kind: 'not_a_retry', eventId: 'c' }],
  ])('ids found at %j: %j', (found, decision) => {
    expect(retryDecision(ids, new Map(Object.entries(found)))).toEqual(decision);
  });
});

describe('KurrentDB adapter: the contract, against an in-memory fake of the client', () => {
  const fake = new FakeKurrent();
  eventStoreContract({
    open: async () => {
      await fake.appendToStream('$stats-127.0.0.1:2113', jsonEvent({ type: '$statsCollected', data: {} }));
      return storeOn(fake);
    },
    tamperOneByte: async (streamId, revision) => {
      const event = fake.streams.get(streamId)![revision]!;
      event.data = { ...event.data, note: `y${String(event.data.note).slice(1)}` };
    },
  });
});

describe('KurrentDB adapter: append and read logic, against the fake', () => {
  it.each([false, true])(
    'two identical appends racing past the retry check: one writes, the other is told duplicate (idempotent server: %s)',
    async (idempotent) => {
      const fake = Object.assign(new FakeKurrent(), { idempotent });
      const store = storeOn(fake);
      const stream = streamName();
      const batch = [newEvent(), newEvent()];
      let open!: () => void;
      fake.gate = new Promise((resolve) => (open = resolve));
      const results = [store.append(stream, batch, 'any'), store.append(stream, batch, 'any')];
      while (fake.waiting < 2) await new Promise(setImmediate);
      open();
      const [a, b] = await Promise.all(results);
      expect(a).toMatchObject({ revision: 1, duplicate: false });
      expect(b).toEqual({ ...a, duplicate: true });
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    },
  );

  it('writes an event whose id was claimed by an attempt that never wrote it, once', async () => {
    const fake = new FakeKurrent();
    const store = storeOn(fake);
    const stream = streamName();
    const event = newEvent();
    await fake.appendToStream(CLAIM_PREFIX + event.id, jsonEvent({ type: 'event_store.id_claimed', data: { streamId: stream } }), {
      streamState: NO_STREAM,
    });
    expect(await store.append(stream, [event], 'no_stream')).toMatchObject({ revision: 0, duplicate: false });
    expect(await store.append(stream, [event], 'no_stream')).toMatchObject({ revision: 0, duplicate: true });
  });

  it('readAll finds our events behind more than one read chunk of system events, strictly after the checkpoint', async () => {
    const fake = new FakeKurrent();
    const store = storeOn(fake);
    const first = newEvent();
    await store.append(streamName(), [first], 'any');
    const start = (await store.readAll(null)).checkpoint;
    for (let i = 0; i < 1500; i += 1) await fake.appendToStream('$stats-node', jsonEvent({ type: '$statsCollected', data: { i } }));
    const later = [newEvent(), newEvent()];
    await store.append(streamName(), later, 'any');
    const page = await store.readAll(start, 1);
    expect(page.events.map((e) => e.id)).toEqual([later[0]!.id]);
    expect((await store.readAll(page.checkpoint, 10)).events.map((e) => e.id)).toEqual([later[1]!.id]);
  });

  it('verify reports a foreign event written into one of our streams, and a deleted stream', async () => {
    const fake = new FakeKurrent();
    const store = storeOn(fake);
    const stream = streamName();
    await store.append(stream, [newEvent(), newEvent()], 'no_stream');
    await fake.appendToStream(stream, jsonEvent({ type: 'other.app', data: {} }));
    expect((await store.verify()).firstBreak).toMatchObject({ streamId: stream, revision: 2, reason: 'hash_mismatch' });
    fake.streams.delete(stream);
    expect((await store.verify()).firstBreak).toMatchObject({ streamId: stream, revision: 0, reason: 'head_mismatch' });
  });
});
