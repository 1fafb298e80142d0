import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { PostgresEventStore } from '../src/postgres/postgres-event-store.js';
import { EVENT_TYPE, sampleBatch, sampleData, sampleMetadata } from './events.js';
import type { Operation } from './load.js';

export type ScenarioId = 'oursSingle' | 'oursBatch10' | 'plainInsert' | 'peerSingle';

export interface OpenScenario {
  op: Operation;
  close(): Promise<void>;
}

export interface AppendScenario {
  id: ScenarioId;
  title: string;
  eventsPerOp: number;
  /** Suffix of the database it writes to; scenarios of one store share it. */
  database: string;
  /** Connects with exactly `writers` connections and prepares the schema. */
  open(url: string, writers: number): Promise<OpenScenario>;
}

/**
 * Note: emmett's driver (dumbo) replaces pg's global int8/json/jsonb type parsers once its pool
 * exists. Our `append` only reads text and boolean columns and the catch-up reader runs in a
 * process of its own, so that does not touch anything measured here.
 */
export const APPEND_SCENARIOS: AppendScenario[] = [
  { id: 'oursSingle', title: 'ours: append 1 event (no_stream)', eventsPerOp: 1, database: 'ours', open: openOursAppend(1) },
  { id: 'oursBatch10', title: 'ours: append 10 events (no_stream)', eventsPerOp: 10, database: 'ours', open: openOursAppend(10) },
  { id: 'plainInsert', title: 'limit: plain INSERT, no index', eventsPerOp: 1, database: 'plain', open: openPlainInsert },
  { id: 'peerSingle', title: 'peer: emmett appendToStream 1 event', eventsPerOp: 1, database: 'emmett', open: openEmmettAppend },
];

/** Numbers 0, 1, 2, ... for stream names and data, unique over the whole run of a scenario. */
function counter(): () => number {
  let next = 0;
  return () => next++;
}

function openOursAppend(batchSize: number): AppendScenario['open'] {
  return async (url, writers) => {
    const store = await PostgresEventStore.connect(
      url,
      writers,
      process.env.BENCH_APPENDS_IN_FLIGHT ? { maxAppendsInFlight: Number(process.env.BENCH_APPENDS_IN_FLIGHT) } : {},
    );
    const sequence = counter();
    return {
      op: async () => {
        const n = sequence();
        await store.append(`bench-b${batchSize}-${n}`, sampleBatch(batchSize, n * batchSize), 'no_stream');
      },
      close: () => store.close(),
    };
  };
}

/** The reference limit: one row of the same JSON into a table without any index, one connection per writer. */
async function openPlainInsert(url: string, writers: number): Promise<OpenScenario> {
  const pool = new pg.Pool({ connectionString: url, max: writers });
  await pool.query('create table if not exists bench_plain_events (data jsonb not null)');
  const clients = await Promise.all(Array.from({ length: writers }, () => pool.connect()));
  const sequence = counter();
  return {
    op: async (writer) => {
      await clients[writer]!.query({
        name: 'bench_plain_insert',
        text: 'insert into bench_plain_events (data) values ($1)',
        values: [JSON.stringify(sampleData(sequence()))],
      });
    },
    close: async () => {
      for (const client of clients) client.release();
      await pool.end();
    },
  };
}

/** @event-driven-io/emmett-postgresql on a pool of `writers` connections that we own and end. */
async function openEmmettAppend(url: string, writers: number): Promise<OpenScenario> {
  const pool = new pg.Pool({ connectionString: url, max: writers });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  const sequence = counter();
  return {
    op: async () => {
      const n = sequence();
      await store.appendToStream(`bench-${n}`, [{ type: EVENT_TYPE, data: sampleData(n), metadata: { ...sampleMetadata() } }], {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}
