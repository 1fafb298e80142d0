import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Concurrent writers, the same for every append scenario (and the pool size of each). */
  writers: number;
  /** Measured duration of each append scenario, split into `rounds` slices run round-robin. */
  seconds: number;
  /** Round-robin rounds over the append scenarios, so that other load on the machine hits all of them alike. */
  rounds: number;
  /** Unmeasured warm-up before each append scenario. */
  warmupSeconds: number;
  /** Events seeded and then read back through `subscribe`. */
  catchUpEvents: number;
  /** Also print the result as JSON. */
  json: boolean;
  /** Server to use (a fresh database is created and dropped on it); unset: an embedded durable PostgreSQL. */
  databaseUrl: string | undefined;
}

const DEFAULTS = { writers: 8, seconds: 10, rounds: 5, warmupSeconds: 2, catchUpEvents: 1_000_000 };

export const USAGE = `Usage: node dist/libs/event-store/bench/event-store.bench.js [options]
  --writers N   concurrent writers per append scenario (env BENCH_WRITERS, default ${DEFAULTS.writers})
  --seconds N   measured seconds per append scenario (env BENCH_SECONDS, default ${DEFAULTS.seconds})
  --rounds N    split the measured seconds into N round-robin slices (env BENCH_ROUNDS, default ${DEFAULTS.rounds})
  --warmup N    warm-up seconds per append scenario (env BENCH_WARMUP_SECONDS, default ${DEFAULTS.warmupSeconds})
  --catchup N   events to seed and read back (env BENCH_CATCHUP, default ${DEFAULTS.catchUpEvents})
  --json        also print the result as JSON (env BENCH_JSON=1)
  BENCH_APPENDS_IN_FLIGHT  our store's group-commit width (default: the store's own, 2)
  DATABASE_URL  use this server instead of an embedded PostgreSQL`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      writers: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      catchup: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  return {
    writers: positiveInteger('writers', values.writers ?? env.BENCH_WRITERS, DEFAULTS.writers),
    seconds: positiveNumber('seconds', values.seconds ?? env.BENCH_SECONDS, DEFAULTS.seconds),
    rounds: positiveInteger('rounds', values.rounds ?? env.BENCH_ROUNDS, DEFAULTS.rounds),
    warmupSeconds: positiveNumber('warmup', values.warmup ?? env.BENCH_WARMUP_SECONDS, DEFAULTS.warmupSeconds, true),
    catchUpEvents: positiveInteger('catchup', values.catchup ?? env.BENCH_CATCHUP, DEFAULTS.catchUpEvents),
    json: values.json ?? env.BENCH_JSON === '1',
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

function positiveNumber(name: string, raw: string | undefined, fallback: number, zeroAllowed = false): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed))
    throw new Error(`--${name}: expected a positive number, got "${raw}"`);
  return value;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  const value = positiveNumber(name, raw, fallback);
  if (!Number.isSafeInteger(value)) throw new Error(`--${name}: expected a whole number, got "${raw}"`);
  return value;
}
