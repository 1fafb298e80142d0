import type { Message, Producer, TopicMessages } from 'kafkajs';
import type { IntegrationEvent } from '../../integration-events/src/contract.js';
import type { IntegrationMapping, SourceEvent } from '../../integration-events/src/integration-mapping.js';
import { PLATFORM_INTEGRATION } from '../../integration-events/src/platform-mapping.js';
import type { EventStore, RecordedEvent } from '../../event-store/src/port.js';
import { PLATFORM_UPCASTERS } from '../../upcasting/src/platform-upcasters.js';
import type { UpcasterRegistry } from '../../upcasting/src/upcaster-registry.js';
import { toKafkaMessage } from './kafka-message.js';
import type { RelayCheckpointStore } from './relay-checkpoints.js';

export interface RelayOptions {
  /** The checkpoint row; one per relay pipeline. */
  name?: string;
  /** Events read from the log per batch (one Kafka request per batch). */
  batchSize?: number;
  /** Wait between polls once the log is drained. */
  pollIntervalMs?: number;
  /** Kafka acks: -1 (default) waits for every in-sync replica. */
  acks?: number;
  sendTimeoutMs?: number;
  mapping?: IntegrationMapping;
  upcasters?: UpcasterRegistry;
  log?: (line: string) => void;
}

export interface RelayStatus {
  name: string;
  running: boolean;
  checkpoint: string | null;
  /** Counted in this process since it started. */
  read: number;
  published: number;
  lastBatchAt: string | null;
  /** The last failure, kept until a batch goes through; never holds event data. */
  lastError: string | null;
}

export interface BatchResult {
  read: number;
  published: number;
}

export const DEFAULT_RELAY_NAME = 'integration-events';

/**
 * Publishes the de-identified integration events of the log to Kafka, at least once: read a batch
 * after the checkpoint, map it (allow-list, public fields only), send it, and only when Kafka has
 * acknowledged every message move the checkpoint. A crash anywhere in between sends the batch
 * again after the restart, with the same event ids; consumers dedupe by `event-id` (Inbox).
 * One batch is in flight at a time, so each stream's events reach their partition in log order.
 * The relay holds no key: encrypted fields are never opened, and are not public anyway.
 */
export class IntegrationRelay {
  readonly name: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly mapping: IntegrationMapping;
  private readonly upcasters: UpcasterRegistry;
  private readonly log: (line: string) => void;
  private checkpoint: string | null = null;
  private loaded = false;
  private stopping = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private counts = { read: 0, published: 0 };
  private lastBatchAt: string | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly producer: Pick<Producer, 'sendBatch'>,
    private readonly checkpoints: RelayCheckpointStore,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? DEFAULT_RELAY_NAME;
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.mapping = options.mapping ?? PLATFORM_INTEGRATION;
    this.upcasters = options.upcasters ?? PLATFORM_UPCASTERS;
    this.log = options.log ?? (() => undefined);
  }

  /** One batch: read after the checkpoint, publish what maps, then advance. Read 0: the log is drained. */
  async publishNext(): Promise<BatchResult> {
    if (!this.loaded) {
      this.checkpoint = await this.checkpoints.load(this.name);
      this.loaded = true;
    }
    const from = this.checkpoint;
    const page = await this.store.readAll(from, this.batchSize);
    if (page.events.length === 0) return { read: 0, published: 0 };
    const events = await this.integrationEvents(page.events);
    if (events.length > 0) {
      await this.producer.sendBatch({
        topicMessages: byTopic(events),
        acks: this.options.acks ?? -1,
        timeout: this.options.sendTimeoutMs ?? 30_000,
      });
    }
    // Kafka has acknowledged every message of the batch: only now may the checkpoint pass them.
    if (!(await this.checkpoints.advance(this.name, from, page.checkpoint!, events.length))) {
      this.loaded = false;
      throw new Error(
        `Relay ${this.name}: its checkpoint was moved by another process; reloading it (the batch may be sent twice, consumers dedupe)`,
      );
    }
    this.checkpoint = page.checkpoint;
    this.counts.read += page.events.length;
    this.counts.published += events.length;
    this.lastBatchAt = new Date().toISOString();
    this.lastError = null;
    return { read: page.events.length, published: events.length };
  }

  /** Publishes until stop(): batches back to back while the log has more, then a poll every pollIntervalMs. Failures are retried with backoff. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  status(): RelayStatus {
    return {
      name: this.name,
      running: this.running !== null && !this.stopping,
      checkpoint: this.checkpoint,
      ...this.counts,
      lastBatchAt: this.lastBatchAt,
      lastError: this.lastError,
    };
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const batch = await this.publishNext();
        failures = 0;
        if (batch.read < this.batchSize) await this.pause(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        // The checkpoint is reloaded: after a failed send or advance the batch is sent again.
        this.loaded = false;
        this.lastError = `${(error as Error).name}: ${(error as Error).message}`;
        this.log(`relay ${this.name}: batch failed (${this.lastError}); retrying`);
        await this.pause(Math.min(30_000, this.pollIntervalMs * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** The integration events of a page, in log order. Earlier events of a stream are read only for mappers that look them up. */
  private async integrationEvents(page: readonly RecordedEvent[]): Promise<IntegrationEvent[]> {
    const streams = new Map<string, SourceEvent[]>();
    const out: IntegrationEvent[] = [];
    for (const recorded of page) {
      const event = this.source(recorded);
      const mapper = this.mapping.mapperFor(event);
      let earlier = streams.get(event.streamId);
      if (mapper && mapper.reads.length > 0 && earlier?.length !== recorded.revision) {
        const before = recorded.revision > 0 ? await this.store.readStream(event.streamId, { from: 0, limit: recorded.revision }) : [];
        earlier = before.map((e) => this.source(e));
        streams.set(event.streamId, earlier);
      }
      if (mapper) {
        const mapped = this.mapping.map(event, earlier ?? []);
        if (mapped) out.push(mapped);
      }
      if (earlier && earlier.length === recorded.revision) earlier.push(event);
    }
    return out;
  }

  private source(recorded: RecordedEvent): SourceEvent {
    const current = this.upcasters.upcast(recorded);
    return { id: current.id, streamId: current.streamId, type: current.type, data: current.data, occurredAt: current.metadata.occurredAt };
  }
}

/** One TopicMessages per topic, each in log order (Kafka keeps the order per partition, and a stream's key always lands on one partition). */
function byTopic(events: readonly IntegrationEvent[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const event of events) {
    const messages = topics.get(event.topic) ?? [];
    messages.push(toKafkaMessage(event));
    topics.set(event.topic, messages);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
