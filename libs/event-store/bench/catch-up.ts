import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PostgresEventStore } from '../src/postgres/postgres-event-store.js';
import type { ReaderReply, ReaderRequest, ReaderResult } from './catch-up-reader.js';
import { sampleBatch } from './events.js';
import { withClient } from './server.js';

/** The largest batch `append` accepts. */
const SEED_BATCH = 1000;
export const CATCH_UP_BATCH_SIZE = 5000;

export interface SeedResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface CatchUpResult extends ReaderResult {
  seed: SeedResult;
}

/**
 * Seeds `count` events into an empty store (batches of 1000, `writers` in parallel), vacuums
 * the table as autovacuum eventually would, then reads them all back in a separate process.
 */
export async function runCatchUp(url: string, count: number, writers: number, beforeRead: () => Promise<void>): Promise<CatchUpResult> {
  const seed = await seedEvents(url, count, writers);
  await vacuum(url);
  await beforeRead();
  const read = await readInChildProcess({ url, count, batchSize: CATCH_UP_BATCH_SIZE });
  if (read.events !== count) throw new Error(`catch-up read ${read.events} events, expected ${count}`);
  return { ...read, seed };
}

async function seedEvents(url: string, count: number, writers: number): Promise<SeedResult> {
  const store = await PostgresEventStore.connect(url, writers);
  const batches = Math.ceil(count / SEED_BATCH);
  let next = 0;
  const worker = async () => {
    for (let batch = next++; batch < batches; batch = next++) {
      const first = batch * SEED_BATCH;
      await store.append(`seed-${batch}`, sampleBatch(Math.min(SEED_BATCH, count - first), first), 'no_stream');
    }
  };
  const started = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: writers }, worker));
  } finally {
    await store.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: count, seconds, eventsPerSecond: count / seconds };
}

async function vacuum(url: string): Promise<void> {
  await withClient(url, (client) => client.query('vacuum (analyze) es_events'));
}

function readInChildProcess(request: ReaderRequest): Promise<ReaderResult> {
  const child = fork(fileURLToPath(new URL('./catch-up-reader.js', import.meta.url)), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let reply: ReaderReply | undefined;
    child.once('message', (message) => (reply = message as ReaderReply));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (reply?.ok) resolve(reply.result);
      else
        reject(new Error(reply ? `catch-up reader failed: ${reply.error}` : `catch-up reader exited with code ${code} without a result`));
    });
    child.send(request);
  });
}
