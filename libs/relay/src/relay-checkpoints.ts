import type pg from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'relay checkpoints: the log position up to which Kafka acknowledged every integration event',
    sql: `
create table relay_checkpoints (
  relay text primary key,
  checkpoint text,
  published bigint not null default 0,
  updated_at timestamptz not null default now()
);
`,
  },
];

/** Where a relay keeps its position in the log. */
export interface RelayCheckpointStore {
  /** The relay's checkpoint (null: from the start of the log). */
  load(relay: string): Promise<string | null>;
  /**
   * Moves the checkpoint from `from` to `to` and counts `published` messages; false (nothing
   * changed) when it no longer is at `from`, i.e. another relay process moved it meanwhile.
   */
  advance(relay: string, from: string | null, to: string, published: number): Promise<boolean>;
}

/** Relay checkpoints in PostgreSQL (the read-model database), migrated with libs/database's runner. */
export class PostgresRelayCheckpoints implements RelayCheckpointStore {
  constructor(private readonly pool: pg.Pool) {}

  async migrate(): Promise<void> {
    await runMigrations(this.pool, { table: 'relay_schema_migrations', lockKey: 7_212_008_001, migrations: MIGRATIONS });
  }

  async load(relay: string): Promise<string | null> {
    await this.pool.query('insert into relay_checkpoints (relay) values ($1) on conflict (relay) do nothing', [relay]);
    const { rows } = await this.pool.query<{ checkpoint: string | null }>('select checkpoint from relay_checkpoints where relay = $1', [
      relay,
    ]);
    return rows[0]!.checkpoint;
  }

  async advance(relay: string, from: string | null, to: string, published: number): Promise<boolean> {
    const result = await this.pool.query(
      `update relay_checkpoints set checkpoint = $3, published = published + $4, updated_at = now()
        where relay = $1 and checkpoint is not distinct from $2`,
      [relay, from, to, published],
    );
    return result.rowCount === 1;
  }

  /** For operators and /health: every relay's checkpoint, count and last move. */
  async list(): Promise<Array<{ relay: string; checkpoint: string | null; published: number; updatedAt: string }>> {
    const { rows } = await this.pool.query<{ relay: string; checkpoint: string | null; published: string; updated_at: Date }>(
      'select relay, checkpoint, published, updated_at from relay_checkpoints order by relay',
    );
    return rows.map((r) => ({
      relay: r.relay,
      checkpoint: r.checkpoint,
      published: Number(r.published),
      updatedAt: r.updated_at.toISOString(),
    }));
  }
}
