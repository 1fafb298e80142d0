import type { ReadAllResult, RecordedEvent, SubscribeOptions, Subscription } from './port.js';

/** Wake-up hints for waiting readers. A missed hint only delays a reader until its next poll. */
export class WakeUps {
  private readonly waiters = new Set<() => void>();
  /** Incremented on every wake-up, so a reader can tell whether one arrived while it was reading. */
  generation = 0;

  wake(): void {
    this.generation += 1;
    for (const waiter of [...this.waiters]) waiter();
  }

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}

export type ReadAllPage = (checkpoint: string | null, limit: number) => Promise<ReadAllResult>;

/**
 * Catch-up subscription over any adapter's readAll: pages through history, then waits for a
 * wake-up (or the poll interval) and reads again. Resumable from any delivered checkpoint.
 * The next page is fetched while the consumer handles the current one.
 */
export class CatchUpSubscription implements Subscription {
  private closed = false;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly readPage: ReadAllPage,
    private readonly wakeUps: WakeUps,
    private readonly fromCheckpoint: string | null,
    options: SubscribeOptions,
    private readonly onClose: () => void,
    /** Errors of a read that are worth trying again (a lost connection): the read is repeated from the same checkpoint after a pause. */
    private readonly retryable: (error: unknown) => boolean = () => false,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** A page, read again after a pause (the poll interval, at most a second) while the read fails with a retryable error; an empty page once closed. */
  private async read(checkpoint: string | null): Promise<ReadAllResult> {
    for (;;) {
      try {
        return await this.readPage(checkpoint, this.batchSize);
      } catch (error) {
        if (!this.retryable(error)) throw error;
        if (this.closed) return { events: [], checkpoint };
        await this.wakeUps.wait(Math.min(this.pollIntervalMs, 1000));
        if (this.closed) return { events: [], checkpoint };
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeUps.wake();
    this.onClose();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let checkpoint = this.fromCheckpoint;
    let pending: Promise<ReadAllResult> | null = this.read(checkpoint);
    try {
      while (!this.closed) {
        const generation = this.wakeUps.generation;
        const page: ReadAllResult = await (pending ?? this.read(checkpoint));
        pending = null;
        checkpoint = page.checkpoint;
        const full = page.events.length === this.batchSize;
        if (full) pending = this.read(checkpoint);
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        if (!full && !this.closed && generation === this.wakeUps.generation) await this.wakeUps.wait(this.pollIntervalMs);
      }
    } finally {
      if (pending) await pending.catch(() => undefined);
      this.closed = true;
      this.onClose();
    }
  }
}
