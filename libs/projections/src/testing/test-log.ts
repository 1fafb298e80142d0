import pg from 'pg';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import { createTestDatabase } from '../../../../test/support/database.js';

export interface TestLog {
  url: string;
  store: PostgresEventStore;
  /** The read models' pool. */
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * An event log and read-model pool on a database of its own. Closing waits until every connection
 * to it has really gone (pg's pool.end() does not wait for its sockets) before dropping it, so a
 * connection still closing is never terminated by the drop and reported as an error.
 */
export async function openTestLog(poolSize = 6): Promise<TestLog> {
  const database = await createTestDatabase();
  const store = await PostgresEventStore.connect(database.url, 4);
  const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
  return {
    url: database.url,
    store,
    pool,
    close: async () => {
      await store.close();
      await pool.end();
      await untilDisconnected(database.url);
      await database.drop();
    },
  };
}

async function untilDisconnected(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0]!.n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.end();
  }
}
