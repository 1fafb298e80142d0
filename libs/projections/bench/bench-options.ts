import { parseArgs } from 'node:util';

export interface ProjectionBenchOptions {
  /** Demo events seeded before the rebuild. */
  events: number;
  /** Events per second appended while the catch-up lag is measured. */
  rate: number;
  /** How long the lag is measured. */
  lagSeconds: number;
  /** Deadline-view queries timed, per query shape. */
  queries: number;
  /** The runner's batch size (events per transaction). */
  batchSize: number;
  json: boolean;
  /** A server to use (a database is created and dropped on it); unset: an embedded durable PostgreSQL. */
  databaseUrl: string | undefined;
}

const DEFAULTS = { events: 1_000_000, rate: 500, lagSeconds: 30, queries: 200, batchSize: 2000 };

export const USAGE = `Usage: npm run bench:projections -- [options]
  --events N       demo events seeded, then projected (env BENCH_EVENTS, default ${DEFAULTS.events.toLocaleString('en-US')})
  --rate N         events/s appended while the lag is measured (env BENCH_RATE, default ${DEFAULTS.rate})
  --lag-seconds N  seconds of steady appends (env BENCH_LAG_SECONDS, default ${DEFAULTS.lagSeconds})
  --queries N      timed deadline-view queries per query shape (env BENCH_QUERIES, default ${DEFAULTS.queries})
  --batch N        the runner's batch size (env BENCH_BATCH, default ${DEFAULTS.batchSize})
  --json           also print the result as JSON (env BENCH_JSON=1)
  DATABASE_URL     use this server instead of an embedded PostgreSQL`;

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): ProjectionBenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      rate: { type: 'string' },
      'lag-seconds': { type: 'string' },
      queries: { type: 'string' },
      batch: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  return {
    events: whole('events', values.events ?? env.BENCH_EVENTS, DEFAULTS.events),
    rate: whole('rate', values.rate ?? env.BENCH_RATE, DEFAULTS.rate),
    lagSeconds: whole('lag-seconds', values['lag-seconds'] ?? env.BENCH_LAG_SECONDS, DEFAULTS.lagSeconds),
    queries: whole('queries', values.queries ?? env.BENCH_QUERIES, DEFAULTS.queries),
    batchSize: whole('batch', values.batch ?? env.BENCH_BATCH, DEFAULTS.batchSize),
    json: values.json ?? env.BENCH_JSON === '1',
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: expected a whole number >= 1, got "${raw}"`);
  return value;
}
