/** One operation of one writer (0 .. writers-1). */
export type Operation = (writer: number) => Promise<void>;

export interface LatencyStats {
  /** Operations that started and finished inside the measured windows. */
  ops: number;
  opsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const now = () => process.hrtime.bigint();

/**
 * Closed loop: `writers` callers run `op` back to back for `seconds`. Returns the latency (ms)
 * of each operation that finished inside the window; the one in flight at the end is dropped.
 */
export async function runClosedLoop(op: Operation, writers: number, seconds: number): Promise<number[]> {
  const until = now() + BigInt(Math.round(seconds * 1e9));
  const latenciesMs: number[] = [];
  let failed = false;
  const writer = async (index: number) => {
    while (!failed && now() < until) {
      const started = now();
      await op(index);
      const finished = now();
      if (finished <= until) latenciesMs.push(Number(finished - started) / 1e6);
    }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: writers }, (_, index) =>
      writer(index).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return latenciesMs;
}

export function summarise(latenciesMs: number[], seconds: number, eventsPerOp: number): LatencyStats {
  const sorted = Float64Array.from(latenciesMs).sort();
  const ops = sorted.length;
  return {
    ops,
    opsPerSecond: ops / seconds,
    eventsPerSecond: (ops * eventsPerOp) / seconds,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  };
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
