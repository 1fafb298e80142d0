import { FakeProducer } from './fake-producer.js';
import type { PublishedMessage, RelayHarness } from './relay-contract.js';

/** The relay contract's harness on the fake producer; `producer` is the one the relay was given. */
export function fakeHarness(producer = new FakeProducer()): RelayHarness & { fake: FakeProducer } {
  return {
    fake: producer,
    producer: async () => producer,
    published: async (keys) =>
      producer.acknowledged
        .filter((m) => keys.has(String(m.message.key)))
        .map((m): PublishedMessage => ({
          topic: m.topic,
          partition: m.partition,
          offset: m.offset,
          key: String(m.message.key),
          value: String(m.message.value),
          headers: m.message.headers ?? {},
        })),
    close: async () => undefined,
  };
}
