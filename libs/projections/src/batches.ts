const TIMEOUT = Symbol('timeout');

/**
 * Cuts a stream of events into batches: a batch starts with the next event (waiting as long as
 * it takes) and closes when it holds `max` events or `lingerMs` after its first event, whichever
 * comes first. Catching up, batches fill at once; following live appends, an event waits at most
 * `lingerMs` for company.
 */
export class BatchReader<T> {
  private pending: Promise<IteratorResult<T>> | null = null;
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<T>) {}

  /**
   * The next batch, or null once the stream has ended. An error of the stream is thrown here.
   * With `firstWaitMs`, an empty batch when nothing arrives in that time.
   */
  async next(max: number, lingerMs: number, firstWaitMs?: number): Promise<T[] | null> {
    if (this.ended) return null;
    if (firstWaitMs !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        this.peek(),
        new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), firstWaitMs))),
      ]);
      clearTimeout(timer);
      if (waited === TIMEOUT) return [];
    }
    const first = await this.take();
    if (first.done) {
      this.ended = true;
      return null;
    }
    const batch = [first.value];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), lingerMs);
    });
    try {
      while (batch.length < max) {
        const result = await Promise.race([this.peek(), timeout]);
        if (result === TIMEOUT) break;
        this.pending = null;
        if (result.done) {
          this.ended = true;
          break;
        }
        batch.push(result.value);
      }
    } finally {
      clearTimeout(timer);
    }
    return batch;
  }

  private take(): Promise<IteratorResult<T>> {
    const next = this.peek();
    this.pending = null;
    return next;
  }

  /** The iterator's next result, asked once and kept until consumed (an iterator is not asked twice at once). */
  private peek(): Promise<IteratorResult<T>> {
    if (!this.pending) {
      this.pending = this.iterator.next();
      // Observed when the next batch asks for it; until then it must not count as unhandled.
      this.pending.catch(() => undefined);
    }
    return this.pending;
  }
}
