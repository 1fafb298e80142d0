/**
 * `npm run bench:audit`: `verify` (every hash chain recomputed, heads checked) over 1,000,000
 * events on PostgreSQL — events/s and peak memory — against a plain SHA-256 of the same bytes
 * in the same run, the limit. Goal: at least half the plain hashing rate. See docs/benchmarks.md.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import { DATA_BYTES, sampleBatch } from '../../event-store/bench/events.js';
import { machineFacts } from '../../event-store/bench/report.js';
import { openBenchServer, withClient } from '../../event-store/bench/server.js';
import { formatAuditReport, summarise, type AuditBenchSettings } from './audit-report.js';
import type { Round, WorkerReply, WorkerRequest } from './verify-worker.js';

const USAGE = `Usage: npm run bench:audit -- [options]
  --events N       events in the log (env BENCH_AUDIT_EVENTS, default 1,000,000)
  --per-stream N   events per stream (default 10: 100,000 streams for 1,000,000 events)
  --rounds N       verify / plain-hash rounds, alternated (default 2)
  --writers N      concurrent appends while seeding (default 16)
  --json           also print the result as JSON
  DATABASE_URL     use this server (a database is created and dropped) instead of an embedded PostgreSQL`;

const progress = (message: string) => process.stderr.write(`[bench:audit] ${message}\n`);

function whole(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name}: a whole number >= ${min}, got "${raw}"`);
  return value;
}

async function seed(url: string, settings: AuditBenchSettings): Promise<{ seconds: number }> {
  const store = await PostgresEventStore.connect(url, settings.writers);
  const streams = Math.ceil(settings.events / settings.perStream);
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let stream = next++; stream < streams; stream = next++) {
      const first = stream * settings.perStream;
      await store.append(
        `case-${String(stream).padStart(7, '0')}`,
        sampleBatch(Math.min(settings.perStream, settings.events - first), first),
        'no_stream',
      );
      if (++done % 10_000 === 0) progress(`seeded ${(done * settings.perStream).toLocaleString('en-US')} events`);
    }
  };
  try {
    await Promise.all(Array.from({ length: settings.writers }, worker));
  } finally {
    await store.close();
  }
  await withClient(url, (client) => client.query('vacuum (analyze) es_events'));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function runWorker(request: WorkerRequest): Promise<Round[]> {
  const child = fork(fileURLToPath(new URL('./verify-worker.js', import.meta.url)), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let reply: WorkerReply | undefined;
    child.once('message', (message) => (reply = message as WorkerReply));
    child.once('error', reject);
    child.once('exit', (code) =>
      reply?.ok ? resolve(reply.rounds) : reject(new Error(reply && !reply.ok ? reply.error : `verify worker exited with code ${code}`)),
    );
    child.send(request);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      events: { type: 'string' },
      'per-stream': { type: 'string' },
      rounds: { type: 'string' },
      writers: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const settings: AuditBenchSettings = {
    events: whole('events', values.events ?? process.env.BENCH_AUDIT_EVENTS, 1_000_000, 1),
    perStream: Math.min(1000, whole('per-stream', values['per-stream'], 10, 1)),
    rounds: whole('rounds', values.rounds, 2, 1),
    writers: whole('writers', values.writers, 16, 1),
    eventDataBytes: DATA_BYTES,
  };
  const loadAtStart = loadavg()[0]!;
  const server = await openBenchServer(process.env.DATABASE_URL || undefined);
  try {
    const machine = machineFacts(await server.facts(), loadAtStart);
    const url = await server.database('audit');
    progress(`seeding ${settings.events.toLocaleString('en-US')} events, ${settings.perStream} per stream, ${settings.writers} writers`);
    const seeded = await seed(url, settings);
    await server.checkpoint();
    progress(`seeded in ${seeded.seconds.toFixed(1)} s; measuring ${settings.rounds} round(s) in a child process`);
    const rounds = await runWorker({ url, rounds: settings.rounds });
    const result = summarise({
      date: new Date().toISOString(),
      machine,
      settings,
      seedSeconds: seeded.seconds,
      loadAtEnd: loadavg()[0]!,
      rounds,
    });
    console.log(formatAuditReport(result));
    if (values.json) console.log(JSON.stringify(result, null, 2));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
