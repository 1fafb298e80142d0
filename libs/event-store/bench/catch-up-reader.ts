/**
 * Child process of the benchmark: reads `count` events through `subscribe` in a process that
 * does nothing else, so its peak memory is the reader's. Request and result travel over IPC.
 */
import { PostgresEventStore } from '../src/postgres/postgres-event-store.js';

export interface ReaderRequest {
  url: string;
  count: number;
  batchSize: number;
}

export interface ReaderResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** RSS once connected, before the first event. */
  startRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
}

export type ReaderReply = { ok: true; result: ReaderResult } | { ok: false; error: string };

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 100;

class PeakMemory {
  rss = 0;
  heapUsed = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.rss = Math.max(this.rss, usage.rss);
    this.heapUsed = Math.max(this.heapUsed, usage.heapUsed);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

async function readAll({ url, count, batchSize }: ReaderRequest): Promise<ReaderResult> {
  // One connection for the LISTEN wake-ups, one for the pages.
  const store = await PostgresEventStore.connect(url, 2);
  try {
    const startRss = process.memoryUsage().rss;
    const memory = new PeakMemory();
    const started = process.hrtime.bigint();
    let events = 0;
    for await (const _event of store.subscribe(null, { batchSize })) {
      events += 1;
      if (events === count) break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    memory.stop();
    return {
      events,
      seconds,
      eventsPerSecond: events / seconds,
      startRssMb: startRss / MB,
      peakRssMb: memory.rss / MB,
      peakHeapUsedMb: memory.heapUsed / MB,
    };
  } finally {
    await store.close();
  }
}

process.once('message', (request: ReaderRequest) => {
  void readAll(request)
    .then((result): ReaderReply => ({ ok: true, result }))
    .catch((error: unknown): ReaderReply => ({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((reply) => process.send!(reply, () => process.disconnect()));
});
