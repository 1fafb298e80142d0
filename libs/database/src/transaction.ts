import type pg from 'pg';

/**
 * Runs `work` in one transaction on a pooled connection: commit on success, rollback on any
 * error. A connection whose rollback failed is discarded rather than returned to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    client.release();
    return result;
  } catch (error) {
    const usable = await client.query('rollback').then(
      () => true,
      () => false,
    );
    client.release(!usable);
    throw error;
  }
}
