import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, InvalidRequestError, WrongExpectedRevisionError } from '../errors.js';
import { GENESIS_HASH, eventHash } from '../hash-chain.js';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../port.js';

/**
 * The contract every EventStore adapter passes. Each adapter's spec calls this with a harness
 * that opens a store on an empty log.
 */
export interface ContractHarness {
  /** A store on a log of its own, closed by the suite. */
  open(): Promise<EventStore>;
  /** Changes one byte of a stored event's data behind the store's back, when the engine allows it. */
  tamperOneByte?(streamId: string, revision: number): Promise<void>;
}

export function newEvent(type = 'test.happened', data: Record<string, unknown> = {}, id = randomUUID()): NewEvent {
  return {
    id,
    type,
    schemaVersion: 1,
    data: { note: 'x'.repeat(20), ...data } as NewEvent['data'],
    metadata: {
      actorId: 'user-1',
      role: 'police_officer',
      jurisdiction: 'VN-01',
      purpose: 'case_handling',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-11-01T08:00:00.000Z',
    },
  };
}

export const streamName = (prefix = 'test') => `${prefix}-${randomUUID()}`;

async function conflictOf(promise: Promise<unknown>): Promise<WrongExpectedRevisionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof WrongExpectedRevisionError)) throw new Error(`expected a WrongExpectedRevisionError, got ${String(error)}`);
  return error;
}

async function collect(
  subscription: AsyncIterable<RecordedEvent>,
  count: number,
  accept: (e: RecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    if (accept(event)) seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

async function headCheckpoint(store: EventStore): Promise<string | null> {
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll(checkpoint, 5000);
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}

export function eventStoreContract(harness: ContractHarness): void {
  let store: EventStore;
  beforeAll(async () => {
    store = await harness.open();
  });
  afterAll(async () => {
    await store.close();
  });

  describe('expected revision', () => {
    it('no_stream creates a stream once and refuses the second time with the actual revision', async () => {
      const stream = streamName();
      const first = await store.append(stream, [newEvent()], 'no_stream');
      expect(first.revision).toBe(0);
      expect(first.duplicate).toBe(false);
      const error = await conflictOf(store.append(stream, [newEvent()], 'no_stream'));
      expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('stream_exists refuses a missing stream (actual -1) and accepts an existing one', async () => {
      const stream = streamName();
      const error = await conflictOf(store.append(stream, [newEvent()], 'stream_exists'));
      expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: -1 });
      expect(await store.readStream(stream)).toHaveLength(0);
      await store.append(stream, [newEvent()], 'any');
      const result = await store.append(stream, [newEvent()], 'stream_exists');
      expect(result.revision).toBe(1);
    });

    it('an exact revision must match the current one', async () => {
      const stream = streamName();
      await store.append(stream, [newEvent(), newEvent()], 'no_stream');
      const error = await conflictOf(store.append(stream, [newEvent()], 0));
      expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
      const missing = await conflictOf(store.append(streamName(), [newEvent()], 3));
      expect(missing.actual).toBe(-1);
      const ok = await store.append(stream, [newEvent()], 1);
      expect(ok.revision).toBe(2);
    });

    it('any appends whatever the state, and a batch takes consecutive revisions', async () => {
      const stream = streamName();
      expect((await store.append(stream, [newEvent()], 'any')).revision).toBe(0);
      const batch = await store.append(stream, [newEvent(), newEvent(), newEvent()], 'any');
      expect(batch.revision).toBe(3);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });
  });

  describe('reading', () => {
    it('reads a stream forwards and backwards, from a revision, with a limit', async () => {
      const stream = streamName();
      const events = Array.from({ length: 5 }, (_, i) => newEvent('test.numbered', { n: i }));
      await store.append(stream, events, 'no_stream');
      const forward = await store.readStream(stream);
      expect(forward.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
      expect(forward.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect((await store.readStream(stream, { from: 2, limit: 2 })).map((e) => e.revision)).toEqual([2, 3]);
      expect((await store.readStream(stream, { direction: 'backward' })).map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
      expect((await store.readStream(stream, { direction: 'backward', from: 3, limit: 2 })).map((e) => e.revision)).toEqual([3, 2]);
      expect(await store.readStream(streamName())).toEqual([]);
    });

    it('returns the envelope as appended, with recordedAt stamped by the store', async () => {
      const stream = streamName();
      const event = newEvent('tip.received', { channel: 'hotline', nested: { b: 2, a: [1, 'two', null] } });
      const before = Date.now();
      await store.append(stream, [event], 'no_stream');
      const [read] = await store.readStream(stream);
      expect(read).toMatchObject({ id: event.id, streamId: stream, type: 'tip.received', schemaVersion: 1, data: event.data, revision: 0 });
      expect(read!.metadata).toMatchObject(event.metadata);
      expect(Date.parse(read!.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(read!.checkpoint).toEqual(expect.any(String));
      expect(read!.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('readAll returns events in append order, and resumes after any checkpoint', async () => {
      const start = await headCheckpoint(store);
      const a = streamName('a');
      const b = streamName('b');
      const appended: string[] = [];
      for (const stream of [a, b, a, b, a]) {
        const event = newEvent();
        appended.push(event.id);
        await store.append(stream, [event], 'any');
      }
      const page = await store.readAll(start, 100);
      expect(page.events.map((e) => e.id)).toEqual(appended);
      const resumed = await store.readAll(page.events[1]!.checkpoint, 100);
      expect(resumed.events.map((e) => e.id)).toEqual(appended.slice(2));
      const limited = await store.readAll(start, 2);
      expect(limited.events.map((e) => e.id)).toEqual(appended.slice(0, 2));
      expect(limited.checkpoint).toBe(limited.events[1]!.checkpoint);
      const end = await store.readAll(page.checkpoint, 100);
      expect(end.events).toEqual([]);
      expect(end.checkpoint).toBe(page.checkpoint);
    });

    it('rejects a checkpoint it did not hand out', async () => {
      await expect(store.readAll('not-a-checkpoint')).rejects.toBeInstanceOf(InvalidRequestError);
    });
  });

  describe('subscription', () => {
    it('delivers history, then live events, and resumes after a delivered checkpoint', async () => {
      const start = await headCheckpoint(store);
      const stream = streamName('sub');
      const history = [newEvent(), newEvent(), newEvent()];
      await store.append(stream, history, 'no_stream');
      const subscription = store.subscribe(start, { pollIntervalMs: 50, batchSize: 2 });
      const ours = (e: RecordedEvent) => e.streamId === stream;
      const received = collect(subscription, 5, ours);
      const live = [newEvent(), newEvent()];
      await new Promise((r) => setTimeout(r, 100));
      await store.append(stream, [live[0]!], 2);
      await store.append(stream, [live[1]!], 3);
      const all = await received;
      await subscription.close();
      expect(all.map((e) => e.id)).toEqual([...history, ...live].map((e) => e.id));

      const resumed = store.subscribe(all[2]!.checkpoint, { pollIntervalMs: 50 });
      const rest = await collect(resumed, 2, ours);
      await resumed.close();
      expect(rest.map((e) => e.id)).toEqual(live.map((e) => e.id));
    });
  });

  describe('idempotent retries', () => {
    it('appending the same event ids again writes nothing and returns the original result', async () => {
      const stream = streamName();
      const batch = [newEvent(), newEvent()];
      const first = await store.append(stream, batch, 'no_stream');
      const retry = await store.append(stream, batch, 'no_stream');
      expect(retry).toEqual({ ...first, duplicate: true });
      const single = newEvent();
      const third = await store.append(stream, [single], 'any');
      expect(await store.append(stream, [single], 'any')).toEqual({ ...third, duplicate: true });
      expect((await store.readStream(stream)).map((e) => e.id)).toEqual([...batch, single].map((e) => e.id));
    });

    it('a batch that only partly repeats stored ids is refused and writes nothing', async () => {
      const stream = streamName();
      const stored = newEvent();
      await store.append(stream, [stored], 'no_stream');
      await expect(store.append(stream, [stored, newEvent()], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append(stream, [newEvent(), stored], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append(streamName(), [stored], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, () => [string, NewEvent[], ExpectedRevision], RegExp]> = [
      ['an empty batch', () => [streamName(), [], 'any'], /events/],
      ['a stream id with spaces', () => ['has space', [newEvent()], 'any'], /streamId/],
      ['an event id that is not a UUID', () => [streamName(), [{ ...newEvent(), id: 'abc' }], 'any'], /events\[0\]\.id/],
      ['a class-name event type', () => [streamName(), [newEvent('TipReceived')], 'any'], /events\[0\]\.type/],
      [
        'a missing actor',
        () => [streamName(), [{ ...newEvent(), metadata: { ...newEvent().metadata, actorId: '' } }], 'any'],
        /metadata\.actorId/,
      ],
      ['a negative expected revision', () => [streamName(), [newEvent()], -2], /expected/],
      [
        'the same id twice in a batch',
        () => {
          const e = newEvent();
          return [streamName(), [e, e], 'any'];
        },
        /repeated/,
      ],
    ];
    it.each(cases)('refuses %s, naming the field, and appends nothing', async (_label, make, message) => {
      const [stream, events, expected] = make();
      await expect(store.append(stream, events, expected)).rejects.toThrow(message);
      await expect(store.append(stream, events, expected)).rejects.toBeInstanceOf(InvalidRequestError);
      if (!stream.includes(' ')) expect(await store.readStream(stream)).toEqual([]);
    });
  });

  describe('concurrency', () => {
    it('50 writers racing on one stream with exact revisions: one event per revision, every loser told', async () => {
      const stream = streamName('race');
      await store.append(stream, [newEvent()], 'no_stream');
      const attempts = Array.from({ length: 50 }, () => newEvent());
      const outcomes = await Promise.allSettled(attempts.map((event) => store.append(stream, [event], 0)));
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      for (const loser of losers) expect(loser.reason).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('50 writers that retry on conflict: every event lands exactly once at its own revision', async () => {
      const stream = streamName('retry');
      const attempts = Array.from({ length: 50 }, () => newEvent());
      let conflicts = 0;
      await Promise.all(
        attempts.map(async (event) => {
          for (;;) {
            const current = await store.readStream(stream, { direction: 'backward', limit: 1 });
            const expected = current[0]?.revision ?? 'no_stream';
            try {
              return await store.append(stream, [event], expected);
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
              conflicts += 1;
            }
          }
        }),
      );
      const stored = await store.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(attempts.map((e) => e.id)));
      expect(conflicts).toBeGreaterThan(0);
    });

    it('20 writers on 20 streams with any: all land', async () => {
      const streams = Array.from({ length: 20 }, () => streamName('par'));
      await Promise.all(streams.map((stream) => Promise.all([0, 1, 2].map(() => store.append(stream, [newEvent()], 'any')))));
      for (const stream of streams) expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });
  });

  describe('tamper evidence', () => {
    it('chains each stream with SHA-256 from the genesis hash, and verify accepts an untouched log', async () => {
      const stream = streamName('chain');
      await store.append(stream, [newEvent(), newEvent()], 'no_stream');
      await store.append(stream, [newEvent()], 'any');
      const events = await store.readStream(stream);
      let previous = GENESIS_HASH;
      for (const event of events) {
        expect(event.hash).toBe(eventHash(previous, event));
        previous = event.hash;
      }
      const progress: number[] = [];
      const report = await store.verify((p) => progress.push(p.events));
      expect(report).toMatchObject({ ok: true, firstBreak: null });
      expect(report.events).toBeGreaterThanOrEqual(3);
      expect(progress.length).toBeGreaterThan(0);
    });

    if (harness.tamperOneByte) {
      const tamper = harness.tamperOneByte;
      it('verify names the stream and revision of an event whose stored data changed by one byte', async () => {
        const clean = streamName('clean');
        await store.append(clean, [newEvent(), newEvent()], 'no_stream');
        const victim = streamName('victim');
        await store.append(victim, [newEvent(), newEvent(), newEvent()], 'no_stream');
        await tamper(victim, 1);
        const report = await store.verify();
        expect(report.ok).toBe(false);
        expect(report.firstBreak).toMatchObject({ streamId: victim, revision: 1, reason: 'hash_mismatch' });
      });
    }
  });
}
