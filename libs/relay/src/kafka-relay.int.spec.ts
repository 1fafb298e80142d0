import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { PLATFORM_INTEGRATION } from '../../integration-events/src/platform-mapping.js';
import { createKafka, createRelayProducer, kafkaSettings } from './kafka.js';
import { relayContract, type PublishedMessage } from './testing/relay-contract.js';

// Collected only when KAFKA_BROKERS is set (jest.config.cjs); test/global-setup.ts prints NOT RUN otherwise.
const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  throw new Error('KAFKA_BROKERS is not set: this suite needs a Kafka broker, e.g. KAFKA_BROKERS=localhost:9092 (see infra/)');
}
const { settings, problems } = kafkaSettings(
  brokers.split(',').map((b) => b.trim()),
  process.env,
  'pcm-relay-contract',
);
if (problems.length > 0) throw new Error(problems.join('; '));
const kafka = createKafka(settings);

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const replicationFactor = Math.min(3, cluster.brokers.length);
    await admin.createTopics({
      waitForLeaders: true,
      topics: PLATFORM_INTEGRATION.topics().map((topic) => ({ topic, numPartitions: 3, replicationFactor })),
    });
  } finally {
    await admin.disconnect();
  }
}, 60_000);

describe('integration relay on a real Kafka broker (KAFKA_BROKERS): the relay contract', () => {
  relayContract(async () => {
    const producers: Producer[] = [];
    return {
      producer: async () => {
        const producer = createRelayProducer(kafka);
        await producer.connect();
        producers.push(producer);
        return producer;
      },
      published: async (keys, atLeast) => readBack(keys, atLeast),
      close: async () => {
        for (const producer of producers) await producer.disconnect();
      },
    };
  });
});

/** Reads the platform's topics from the beginning with a group of its own; waits for `atLeast` of our keys, then a little longer for any extra. */
async function readBack(keys: ReadonlySet<string>, atLeast: number, timeoutMs = 30_000): Promise<PublishedMessage[]> {
  const consumer = kafka.consumer({ groupId: `pcm-relay-contract-${randomUUID()}` });
  const found: PublishedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: PLATFORM_INTEGRATION.topics(), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = message.key?.toString() ?? '';
        if (!keys.has(key)) return;
        found.push({
          topic,
          partition,
          offset: Number(message.offset),
          key,
          value: message.value?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()])),
        });
      },
    });
    const until = Date.now() + timeoutMs;
    while (found.length < atLeast && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    await consumer.disconnect();
  }
  return found;
}
