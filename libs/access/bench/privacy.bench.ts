/**
 * npm run bench:privacy — the cost of privacy by construction, measured in one run on one
 * PostgreSQL: 10,000 events with personal fields written (encrypt + append) and read back
 * (read + policy decision + redact + decrypt), against the same events and reads without
 * encryption. Prints the overhead ratio; the goal is under 1.3x.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import {
  decryptFields,
  encryptFields,
  masterKeyFromBytes,
  PostgresKeyStore,
  type FieldSchema,
  type KeyStore,
} from '../../crypto/src/index.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import type { JsonObject, NewEvent } from '../../event-store/src/port.js';
import { openBenchServer } from '../../event-store/bench/server.js';
import { decide } from '../src/domain/policy.js';
import type { ResourceDescriptor } from '../src/domain/resources.js';
import { REDACTED } from '../src/application/policy-point.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const PER_STREAM = 10;
const WRITERS = 8;
const ROUNDS = 3;
const TYPE = 'bench_case.noted';
const SCHEMA: FieldSchema = {
  title: 'public',
  notes: 'internal',
  subjectName: 'personal',
  phone: 'personal',
  address: 'personal',
  healthNote: 'sensitive',
};
const RESOURCE_FIELDS = SCHEMA as ResourceDescriptor['fields'];

function data(i: number): JsonObject {
  return {
    title: `case note ${i}`,
    notes: 'routine follow-up visit, nothing unusual'.repeat(2),
    subjectName: `Nguyễn Thị Service User ${i % 1000}`,
    phone: `09${String(10_000_000 + i).slice(-8)}`,
    address: `${i % 300} Đường Số ${i % 40}, Xã Chương Mỹ, Hà Nội`,
    healthNote: 'referred for counselling and STI screening at the commune health station',
  };
}

function event(type: string, body: JsonObject, id = randomUUID()): NewEvent {
  const occurredAt = new Date().toISOString();
  return {
    id,
    type,
    schemaVersion: 1,
    data: body,
    metadata: {
      actorId: 'bench',
      role: 'police_officer',
      jurisdiction: '10015',
      purpose: 'bench',
      correlationId: id,
      causationId: null,
      occurredAt,
    },
  };
}

async function inParallel(count: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
}

interface Timings {
  writeMs: number;
  readMs: number;
  keyQueriesInReads: number;
}

/** The key store's pool, counting its queries: shows whether the encrypted reads reach PostgreSQL for keys. */
function countingPool(url: string, max: number): { pool: pg.Pool; queries: () => number } {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  let count = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  Object.assign(pool, { query: (...args: unknown[]) => (count++, query(...args)) });
  return { pool, queries: () => count };
}

async function runScenario(store: PostgresEventStore, keys: KeyStore | null, prefix: string, keyQueries: () => number): Promise<Timings> {
  const streams = EVENTS / PER_STREAM;
  const writeStart = performance.now();
  await inParallel(streams, async (s) => {
    for (let r = 0; r < PER_STREAM; r++) {
      const i = s * PER_STREAM + r;
      const id = randomUUID();
      const body = keys ? await encryptFields(data(i), SCHEMA, `${prefix}-subj-${s}`, keys, { eventType: TYPE, eventId: id }) : data(i);
      await store.append(`${prefix}-${s}`, [event(TYPE, body, id)], r === 0 ? 'no_stream' : r - 1);
    }
  });
  const writeMs = performance.now() - writeStart;

  const principal = { userId: 'reader', grants: [{ role: 'police_supervisor' as const, scope: '01' }] };
  const contains = (scope: string, code: string) => scope === '01' && code === '10015';
  const queriesBeforeReads = keyQueries();
  const readStart = performance.now();
  await inParallel(streams, async (s) => {
    const events = await store.readStream(`${prefix}-${s}`);
    const decision = decide(
      principal,
      'read',
      { kind: 'tip', id: String(s), jurisdiction: '10015', assignees: [], fields: RESOURCE_FIELDS },
      { contains, now: new Date(), purpose: 'bench', breakGlass: [] },
    );
    const hidden = new Set(decision.redact);
    for (const e of events) {
      const visible = Object.fromEntries(Object.entries(e.data).filter(([k]) => !hidden.has(k))) as JsonObject;
      const opened = keys ? (await decryptFields(visible, keys, { eventType: e.type, eventId: e.id })).data : visible;
      for (const k of hidden) opened[k] = REDACTED as unknown as JsonObject;
      if (typeof opened.title !== 'string') throw new Error('bench read lost a field');
    }
  });
  return { writeMs, readMs: performance.now() - readStart, keyQueriesInReads: keyQueries() - queriesBeforeReads };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const server = await openBenchServer(process.env.DATABASE_URL);
  try {
    const url = await server.database('privacy');
    const store = await PostgresEventStore.connect(url, WRITERS + 2);
    const keyPool = countingPool(url, WRITERS + 2);
    const keys = await PostgresKeyStore.open(keyPool.pool, { masterKey: masterKeyFromBytes(Buffer.alloc(32, 5)), ownsPool: true });
    const plain: Timings[] = [];
    const privateRuns: Timings[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each scenario starts after a checkpoint (so neither pays for the other's dirty pages), and
      // the order alternates between rounds (so neither always runs first, or on the larger table).
      const order = round % 2 === 0 ? (['plain', 'private'] as const) : (['private', 'plain'] as const);
      for (const scenario of order) {
        await server.checkpoint();
        if (scenario === 'plain') plain.push(await runScenario(store, null, `plain${round}`, keyPool.queries));
        else privateRuns.push(await runScenario(store, keys, `private${round}`, keyPool.queries));
      }
    }
    await keys.close();
    await store.close();
    const facts = await server.facts();
    const p = { write: median(plain.map((t) => t.writeMs)), read: median(plain.map((t) => t.readMs)) };
    const e = { write: median(privateRuns.map((t) => t.writeMs)), read: median(privateRuns.map((t) => t.readMs)) };
    const rate = (ms: number) => Math.round((EVENTS / ms) * 1000).toLocaleString('en');
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const total = (e.write + e.read) / (p.write + p.read);
    console.log(`privacy overhead, ${EVENTS} events with 4 protected fields, ${WRITERS} concurrent workers, median of ${ROUNDS} rounds`);
    console.log(
      `machine: ${os.cpus().length} cpus, node ${process.version}, PostgreSQL ${facts.version} (${facts.source}, fsync ${facts.fsync})`,
    );
    console.log('');
    console.log('phase                         plain events/s   encrypted events/s   ratio (time)');
    console.log(
      `write (encrypt + append)      ${rate(p.write).padStart(14)}   ${rate(e.write).padStart(18)}   ${ratio(e.write, p.write)}x`,
    );
    console.log(`read (read+decide+redact+dec) ${rate(p.read).padStart(14)}   ${rate(e.read).padStart(18)}   ${ratio(e.read, p.read)}x`);
    console.log(
      `overall                                                             ${total.toFixed(2)}x  goal < 1.30x: ${total < 1.3 ? 'PASS' : 'MISS'}`,
    );
    console.log('');
    console.log(
      `key-store queries during the encrypted reads, per round: ${privateRuns.map((t) => t.keyQueriesInReads).join(', ')} (${EVENTS / PER_STREAM} subjects; keys cached since they were written)`,
    );
  } finally {
    await server.close();
  }
}

await main();
