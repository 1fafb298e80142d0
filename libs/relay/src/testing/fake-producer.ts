import { createHash } from 'node:crypto';
import type { Logger, Message, Producer, ProducerBatch, ProducerEvents, ProducerRecord, RecordMetadata, Transaction } from 'kafkajs';

/** A message as a broker would hold it: topic, partition (by key), offset in that partition. */
export interface StoredMessage {
  topic: string;
  partition: number;
  offset: number;
  message: Message;
}

/**
 * A kafkajs Producer without a broker, for tests of the logic around the client: it keeps what it
 * acknowledged, partitions by key like a topic of `partitions` partitions (so per-key order can be
 * checked), and can be made to fail or to hold a request before acknowledging it.
 */
export class FakeProducer implements Producer {
  readonly events: ProducerEvents = {
    CONNECT: 'producer.connect',
    DISCONNECT: 'producer.disconnect',
    REQUEST: 'producer.network.request',
    REQUEST_TIMEOUT: 'producer.network.request_timeout',
    REQUEST_QUEUE_SIZE: 'producer.network.request_queue_size',
  };
  /** Acknowledged messages, in the order the broker appended them. */
  readonly acknowledged: StoredMessage[] = [];
  /** Every request received, acknowledged or not. */
  readonly requests: ProducerBatch[] = [];
  /** The most requests ever in flight at once. */
  maxInFlight = 0;
  /** The next request fails with this error (nothing is appended). */
  failNext: Error | null = null;
  /** While set, requests wait for it before they are appended and acknowledged. */
  hold: Promise<void> | null = null;
  private inFlight = 0;
  private readonly offsets = new Map<string, number>();

  constructor(private readonly partitions = 3) {}

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  isIdempotent(): boolean {
    return false;
  }
  on(): () => void {
    return () => undefined;
  }
  transaction(): Promise<Transaction> {
    return Promise.reject(new Error('FakeProducer: transactions are not used by the relay'));
  }
  logger(): Logger {
    const logger: Logger = {
      info: () => undefined,
      error: () => undefined,
      warn: () => undefined,
      debug: () => undefined,
      namespace: () => logger,
      setLogLevel: () => undefined,
    };
    return logger;
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return this.sendBatch({
      topicMessages: [{ topic: record.topic, messages: record.messages }],
      acks: record.acks,
      timeout: record.timeout,
    });
  }

  async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    this.requests.push(batch);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hold) await this.hold;
      if (this.failNext) {
        const error = this.failNext;
        this.failNext = null;
        throw error;
      }
      const metadata: RecordMetadata[] = [];
      for (const { topic, messages } of batch.topicMessages ?? []) {
        for (const message of messages) {
          const partition = this.partitionOf(message.key);
          const offset = this.offsets.get(`${topic}/${partition}`) ?? 0;
          this.offsets.set(`${topic}/${partition}`, offset + 1);
          this.acknowledged.push({ topic, partition, offset, message });
          metadata.push({ topicName: topic, partition, errorCode: 0, baseOffset: String(offset) });
        }
      }
      return metadata;
    } finally {
      this.inFlight -= 1;
    }
  }

  private partitionOf(key: Message['key']): number {
    if (key === null || key === undefined) return 0;
    return createHash('sha256').update(key).digest().readUInt32BE(0) % this.partitions;
  }
}
