import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { eventStoreContract, newEvent, streamName } from '../testing/contract.js';
import { CLAIM_PREFIX, KurrentDbEventStore } from './kurrentdb-event-store.js';

const url = process.env.KURRENTDB_URL;
if (!url) {
  throw new Error(
    'KURRENTDB_URL is not set: this suite needs a KurrentDB server, e.g. KURRENTDB_URL="kurrentdb://localhost:2113?tls=false"',
  );
}
const serverUrl: string = url;

// No tamperOneByte: KurrentDB offers no way to change a stored event behind the store's back.
describe('KurrentDB event store: the contract', () => {
  eventStoreContract({ open: () => KurrentDbEventStore.connect(serverUrl) });
});

describe('KurrentDB event store: engine specifics', () => {
  let store: KurrentDbEventStore;
  let raw: KurrentDBClient;
  beforeAll(async () => {
    store = await KurrentDbEventStore.connect(serverUrl);
    raw = KurrentDBClient.connectionString(serverUrl);
  });
  afterAll(async () => {
    await store.close();
    await raw.dispose();
  });

  it('stores the envelope as a JSON event under our event id, and claims the id', async () => {
    const stream = streamName();
    const event = newEvent('tip.received', { channel: 'hotline' });
    await store.append(stream, [event], 'no_stream');
    const [stored] = await store.readStream(stream);
    const rawEvents = [];
    for await (const resolved of raw.readStream(stream)) rawEvents.push(resolved.event);
    expect(rawEvents).toHaveLength(1);
    expect(rawEvents[0]).toMatchObject({ id: event.id, type: 'tip.received', isJson: true, revision: 0n, data: event.data });
    expect(rawEvents[0]!.metadata).toEqual({ ...stored!.metadata, $schemaVersion: 1, $hash: stored!.hash, $writeId: expect.any(String) });
    const claims = [];
    for await (const resolved of raw.readStream(CLAIM_PREFIX + event.id)) claims.push(resolved.event?.data);
    expect(claims).toEqual([{ streamId: stream }]);
  });

  it('checkpoints handed out by append and readAll agree', async () => {
    const stream = streamName();
    const result = await store.append(stream, [newEvent(), newEvent()], 'no_stream');
    const events = await store.readStream(stream);
    expect(result.checkpoint).toBe(events[1]!.checkpoint);
    const page = await store.readAll(events[0]!.checkpoint, 1);
    expect(page.events.map((e) => e.id)).toEqual([events[1]!.id]);
  });

  it('reports itself up on a reachable server', async () => {
    expect(await store.health()).toMatchObject({ status: 'up', adapter: 'kurrentdb' });
  });
});
