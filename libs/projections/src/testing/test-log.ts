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
 * An event log and read-model pool on a database of its own. Closing drops it once every connection
 * to it has really gone (test/support/database.ts waits for them: pg's pool.end() does not).
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
      await database.drop();
    },
  };
}
