import { enforcementScript } from '../../integration-events/src/testing/case-scripts.testkit.js';
import { IntegrationRelay } from './integration-relay.js';
import { fakeHarness } from './testing/fake-harness.js';
import { FakeProducer } from './testing/fake-producer.js';
import { relayContract } from './testing/relay-contract.js';
import { openRelayWorld, type RelayWorld } from './testing/relay-world.js';

describe('integration relay on the fake kafkajs producer: the relay contract', () => {
  relayContract(async () => fakeHarness());
});

describe('integration relay: the logic around the Kafka client', () => {
  let world: RelayWorld;
  beforeEach(async () => {
    world = await openRelayWorld();
    await world.write(enforcementScript());
  });
  afterEach(() => world.close());

  it('moves the checkpoint only once Kafka has acknowledged the batch', async () => {
    const producer = new FakeProducer();
    let acknowledge!: () => void;
    producer.hold = new Promise((resolve) => (acknowledge = resolve));
    const relay = new IntegrationRelay(world.store, producer, world.checkpoints, { batchSize: 1000 });
    const batch = relay.publishNext();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(producer.requests).toHaveLength(1);
    expect(producer.acknowledged).toHaveLength(0);
    expect(await world.checkpoints.load(relay.name)).toBeNull();
    acknowledge();
    await batch;
    expect(producer.acknowledged).toHaveLength(14);
    expect(await world.checkpoints.load(relay.name)).toBe((await world.all()).at(-1)!.checkpoint);
  });

  it('keeps one request in flight, retries a failed send with the same messages, and reports the failure until it clears', async () => {
    const producer = new FakeProducer();
    producer.failNext = new Error('KafkaJSConnectionError: connection refused');
    const lines: string[] = [];
    const relay = new IntegrationRelay(world.store, producer, world.checkpoints, {
      batchSize: 4,
      pollIntervalMs: 10,
      log: (l) => lines.push(l),
    });
    relay.start();
    await waitFor(() => relay.status().lastError !== null);
    expect(relay.status().lastError).toMatch(/connection refused/);
    await waitFor(() => producer.acknowledged.length === 14);
    await relay.stop();
    expect(producer.maxInFlight).toBe(1);
    expect(producer.requests[0]).toEqual(producer.requests[1]);
    expect(relay.status()).toMatchObject({ running: false, lastError: null, published: 14 });
    expect(lines.join('\n')).toMatch(/batch failed .*retrying/);
  });

  it('lets two relays on one checkpoint race without skipping: the loser reloads and nothing is lost', async () => {
    const producer = new FakeProducer();
    const a = new IntegrationRelay(world.store, producer, world.checkpoints, { batchSize: 6 });
    const b = new IntegrationRelay(world.store, producer, world.checkpoints, { batchSize: 6 });
    await a.publishNext();
    // b starts where a left off, a still believes it is one batch behind.
    await b.publishNext();
    await expect(a.publishNext()).rejects.toThrow(/moved by another process/);
    while ((await a.publishNext()).read > 0);
    const ids = producer.acknowledged.map((m) => String(m.message.headers!['event-id']));
    expect(ids.length).toBeGreaterThan(14);
    expect(new Set(ids).size).toBe(14);
    expect(await world.checkpoints.load(a.name)).toBe((await world.all()).at(-1)!.checkpoint);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
