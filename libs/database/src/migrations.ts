import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/** One schema change; append new ones, never edit an applied one (its checksum is checked). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationSet {
  /** Table recording what was applied, one per component (e.g. `es_schema_migrations`). */
  table: string;
  /** Advisory lock key, so processes starting together apply each migration once. */
  lockKey: number;
  migrations: Migration[];
}

/** Applies the pending migrations of a set in version order; returns the versions applied. */
export async function runMigrations(pool: Pool, set: MigrationSet): Promise<number[]> {
  if (!/^[a-z_]+$/.test(set.table)) throw new Error(`Bad migrations table name ${set.table}`);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [set.lockKey]);
    await client.query(`create table if not exists ${set.table} (
      version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
    const done = await client.query<{ version: number; checksum: string }>(`select version, checksum from ${set.table}`);
    const byVersion = new Map(done.rows.map((r) => [r.version, r.checksum]));
    for (const migration of [...set.migrations].sort((a, b) => a.version - b.version)) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const recorded = byVersion.get(migration.version);
      if (recorded !== undefined) {
        if (recorded !== checksum) throw new Error(`Migration ${set.table} ${migration.version} was changed after it was applied`);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query(`insert into ${set.table} (version, name, checksum) values ($1, $2, $3)`, [
          migration.version,
          migration.name,
          checksum,
        ]);
        await client.query('commit');
        applied.push(migration.version);
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [set.lockKey]).catch(() => undefined);
    client.release();
  }
  return applied;
}
