/** One operation of one writer; `sequence` counts that writer's operations from 0. */
export type Operation = (writer: number, sequence: number) => Promise<void>;

export interface LoadPlan {
  writers: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LatencyStats {
  /** Operations that started and finished inside the measured window. */
  ops: number;
  opsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const now = () => process.hrtime.bigint();
const NS_PER_SECOND = 1_000_000_000;

/**
 * Closed loop: each writer runs `op` back to back for warm-up + measured time. Only operations
 * that start and finish inside the measured window count; their latencies are kept in ms.
 */
export async function runClosedLoop(op: Operation, plan: LoadPlan): Promise<number[]> {
  const measureFrom = now() + BigInt(Math.round(plan.warmupSeconds * NS_PER_SECOND));
  const measureUntil = measureFrom + BigInt(Math.round(plan.seconds * NS_PER_SECOND));
  const latenciesMs: number[] = [];
  let failed = false;
  const writer = async (index: number) => {
    for (let sequence = 0; !failed && now() < measureUntil; sequence += 1) {
      const started = now();
      await op(index, sequence);
      const finished = now();
      if (started >= measureFrom && finished <= measureUntil) latenciesMs.push(Number(finished - started) / 1e6);
    }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: plan.writers }, (_, index) =>
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
