/**
 * npm run bench:api — the real API (`node dist/apps/api/src/main.js`, in its own process) on real
 * PostgreSQL with the demo data loaded, under a closed loop of 50 connections: a mix of commands
 * (each with its own Idempotency-Key) and case reads, and plain GET /health as the reference, in
 * alternating rounds. Prints requests/s, p50/p95/p99 and errors for commands, reads and health,
 * the ratios to health, and PASS/MISS against the goals (command p95 < 25 ms, read p95 < 15 ms,
 * zero errors). A script, not a test: it exits 0 unless something breaks.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon, { type Request, type Result } from 'autocannon';
import { tokenSettings } from '../../../libs/access/src/auth/token-settings.js';
import { issueLocalToken } from '../../../libs/access/src/auth/tokens.js';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { loadConfig } from '../../../libs/config/src/config.js';
import { PostgresKeyStore, parseMasterKey } from '../../../libs/crypto/src/index.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { demoCases, formatProgress, writeDemoData } from '../../../libs/demo-data/src/index.js';
import { machineFacts } from '../../../libs/event-store/bench/report.js';
import { openBenchServer } from '../../../libs/event-store/bench/server.js';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { buildApiResult, formatApiReport } from './api-report.js';
import { healthRequests, mixRequests, Recorder, type BenchTokens, type ReadTargets } from './workload.js';

const SEED = 'bench';
const DEFAULTS = { events: 20_000, seconds: 30, connections: 50, rounds: 3, warmup: 5, pool: 10 };

const USAGE = `Usage: npm run bench:api -- [options]
  --events N       demo data events loaded first (env BENCH_EVENTS, default ${DEFAULTS.events.toLocaleString('en-US')}; up to 1,000,000)
  --seconds N      measured seconds of the mix, and the same of GET /health (env BENCH_SECONDS, default ${DEFAULTS.seconds})
  --connections N  concurrent connections (env BENCH_CONNECTIONS, default ${DEFAULTS.connections})
  --rounds N       alternate mix and health in N slices each (env BENCH_ROUNDS, default ${DEFAULTS.rounds})
  --warmup N       unmeasured seconds of the mix first (env BENCH_WARMUP, default ${DEFAULTS.warmup})
  --pool N         the API's DATABASE_POOL_SIZE (default ${DEFAULTS.pool}, as npm start)
  --json           also print the result as JSON
  DATABASE_URL     use this server (a database is created and dropped on it) instead of an embedded PostgreSQL
Smoke run: npm run bench:api -- --events 2000 --seconds 6 --rounds 2 --warmup 1`;

function options() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      pool: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: keyof typeof DEFAULTS, raw: string | undefined, min: number, max: number) => {
    if (raw === undefined || raw === '') return DEFAULTS[name];
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name}: a number from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  const env = process.env;
  return {
    events: Math.round(number('events', values.events ?? env.BENCH_EVENTS, 1, 1_000_000)),
    seconds: number('seconds', values.seconds ?? env.BENCH_SECONDS, 1, 3600),
    connections: Math.round(number('connections', values.connections ?? env.BENCH_CONNECTIONS, 1, 1000)),
    rounds: Math.round(number('rounds', values.rounds ?? env.BENCH_ROUNDS, 1, 100)),
    warmup: number('warmup', values.warmup ?? env.BENCH_WARMUP, 0, 600),
    pool: Math.round(number('pool', values.pool, 1, 500)),
    json: values.json ?? false,
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** One closed-loop run; every answer's latency goes to the recorder. */
function load(
  url: string,
  requests: Request[],
  connections: number,
  seconds: number,
  recorder: Recorder,
): Promise<{ result: Result; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon({ url, connections, duration: seconds, requests, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve({ result, seconds: (performance.now() - started) / 1000 }),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, latencyMs: number) => recorder.answered(latencyMs));
  });
}

/** The ids of the demo cases to read, by kind. */
function readTargets(events: number): ReadTargets {
  const targets: ReadTargets = { tip: [], establishment: [], inspection: [], hotspot: [], penalty_case: [] };
  for (const demoCase of demoCases(SEED, events)) targets[demoCase.context.kind as keyof ReadTargets].push(demoCase.caseId);
  return targets;
}

/** The API projects the log at start: wait until its projections report no lag, so the run measures requests only. */
async function projectionsCaughtUp(url: string): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const body = (await (await fetch(`${url}/health`)).json()) as {
      checks?: { projections?: { projections?: Array<{ lagEvents: number }> } };
    };
    const projections = body.checks?.projections?.projections;
    if (!projections || projections.every((p) => p.lagEvents === 0)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  log('warning: the projections still lag after 180 s; measuring anyway');
}

async function main() {
  const settings = options();
  const loadAverageAtStart = os.loadavg()[0]!;
  const server = await openBenchServer(process.env.DATABASE_URL);
  let api: ApiProcess | null = null;
  try {
    const url = await server.database('api');
    const apiEnv = {
      DATABASE_URL: url,
      MASTER_KEY: randomBytes(32).toString('base64'),
      AUTH_JWT_SECRET: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: String(settings.pool),
    };

    log(`loading ${settings.events.toLocaleString('en-US')} events of demo data (seed "${SEED}")`);
    const store = await PostgresEventStore.connect(url, 16);
    const keys = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(apiEnv.MASTER_KEY) }, 16);
    let shownAt = 0;
    const data = await writeDemoData(store, keys, {
      seed: SEED,
      events: settings.events,
      concurrency: 16,
      onProgress: (progress) => {
        if (progress.elapsedMs - shownAt < 5000) return;
        shownAt = progress.elapsedMs;
        log(formatProgress(progress, 20));
      },
    });
    await keys.close();
    await store.close();
    log(`  ${data.events.toLocaleString('en-US')} events in ${data.cases.toLocaleString('en-US')} cases, ${data.seconds.toFixed(1)} s`);
    const targets = readTargets(settings.events);

    log('starting the API');
    api = await startApiProcess(apiEnv, await freePort());
    await projectionsCaughtUp(api.url);
    const signing = await tokenSettings(loadConfig(apiEnv));
    const token = async (userId: string, grants: RoleGrant[]) =>
      `Bearer ${await issueLocalToken(signing, { subject: userId, grants, ttlSeconds: 4 * 3600 })}`;
    const tokens: BenchTokens = {
      supervisor: await token('bench-supervisor', [{ role: 'police_supervisor', scope: 'VN' }]),
      inspector: await token('bench-inspector', [{ role: 'inspector', scope: 'VN' }]),
      official: await token('bench-official', [{ role: 'sanctioning_official', scope: 'VN' }]),
    };

    const recorder = new Recorder();
    const mix = mixRequests(targets, tokens, recorder);
    const health = healthRequests(recorder);
    if (settings.warmup > 0) {
      log(`warm-up: ${settings.warmup} s of the mix, 1 s of health`);
      await load(api.url, mix, settings.connections, settings.warmup, recorder);
      await load(api.url, health, settings.connections, 1, recorder);
    }
    recorder.recording = true;
    const slice = settings.seconds / settings.rounds;
    const measured = { mix: 0, health: 0 };
    const transportErrors = { mix: 0, health: 0 };
    for (let round = 0; round < settings.rounds; round++) {
      // The order alternates, so neither workload always runs on the more loaded database.
      for (const workload of round % 2 === 0 ? (['mix', 'health'] as const) : (['health', 'mix'] as const)) {
        log(`round ${round + 1}/${settings.rounds}: ${workload}, ${slice.toFixed(1)} s`);
        const run = await load(api.url, workload === 'mix' ? mix : health, settings.connections, slice, recorder);
        measured[workload] += run.seconds;
        transportErrors[workload] += run.result.errors + run.result.timeouts;
      }
    }
    const facts = await server.facts();
    const result = buildApiResult(
      {
        date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
        machine: machineFacts(facts, loadAverageAtStart),
        settings: {
          connections: settings.connections,
          seconds: settings.seconds,
          rounds: settings.rounds,
          warmupSeconds: settings.warmup,
          databasePoolSize: settings.pool,
        },
        data: { seed: SEED, events: data.events, cases: data.cases, loadSeconds: data.seconds },
        transportErrors,
      },
      [...recorder.routes.values()],
      measured,
    );
    console.log(formatApiReport(result));
    if (settings.json) console.log(`\n${JSON.stringify(result, null, 2)}`);
  } finally {
    await api?.stop();
    await server.close();
  }
}

await main();
