/** Events per second over a sliding window (default 10 s), from counts recorded as they happen. */
export class RateMeter {
  private readonly samples: Array<{ at: number; count: number }> = [];
  private readonly startedAt: number;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly windowMs = 10_000,
  ) {
    this.startedAt = clock();
  }

  record(count: number): void {
    this.samples.push({ at: this.clock(), count });
    this.prune();
  }

  perSecond(): number {
    this.prune();
    const now = this.clock();
    const span = Math.max(1000, Math.min(this.windowMs, now - this.startedAt));
    const total = this.samples.reduce((sum, s) => sum + s.count, 0);
    return total / (span / 1000);
  }

  private prune(): void {
    const oldest = this.clock() - this.windowMs;
    while (this.samples.length > 0 && this.samples[0]!.at < oldest) this.samples.shift();
  }
}
