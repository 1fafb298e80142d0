import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { runMigrations } from '../../../database/src/migrations.js';
import { inTransaction } from '../../../database/src/transaction.js';
import type { EventMetadataInput, EventStore, JsonObject } from '../../../event-store/src/port.js';
import type { CheckpointArchive, CheckpointSummary } from '../application/checkpoint-archive.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from '../application/checkpoint-archive.js';
import { parseCheckpoint, type SignedCheckpoint } from '../domain/checkpoint.js';

const MIGRATIONS = [
  {
    version: 1,
    name: 'signed checkpoints of the event log',
    sql: `
create table audit_checkpoints (
  id uuid primary key,
  created_at timestamptz not null,
  root text not null,
  key_id text not null,
  streams integer not null,
  events bigint not null,
  checkpoint jsonb not null
);
create index audit_checkpoints_created on audit_checkpoints (created_at desc);
`,
  },
];

/**
 * Checkpoints kept twice: the whole signed document (with every stream head) in a table, and a
 * summary event (root, counts, key id, signature) on the hash-chained `audit-checkpoints` stream,
 * so the run of roots is itself in the log and in the next checkpoint.
 */
export class PostgresCheckpointArchive implements CheckpointArchive {
  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  async migrate(): Promise<void> {
    await runMigrations(this.pool, { table: 'audit_schema_migrations', lockKey: 7_212_007_001, migrations: MIGRATIONS });
  }

  async save(checkpoint: SignedCheckpoint, metadata: EventMetadataInput): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'insert into audit_checkpoints (id, created_at, root, key_id, streams, events, checkpoint) values ($1, $2, $3, $4, $5, $6, $7)',
        [
          checkpoint.id,
          checkpoint.createdAt,
          checkpoint.root,
          checkpoint.keyId,
          checkpoint.streams,
          checkpoint.events,
          JSON.stringify(checkpoint),
        ],
      );
      const { heads: _heads, publicKey: _publicKey, ...summary } = checkpoint;
      await this.store.append(
        CHECKPOINT_STREAM,
        [{ id: randomUUID(), type: CHECKPOINT_SIGNED, schemaVersion: 1, data: summary as unknown as JsonObject, metadata }],
        'any',
      );
    });
  }

  async get(id: string): Promise<SignedCheckpoint | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const result = await this.pool.query<{ checkpoint: unknown }>('select checkpoint from audit_checkpoints where id = $1', [id]);
    return result.rows[0] ? parseCheckpoint(result.rows[0].checkpoint) : null;
  }

  async list(limit: number): Promise<CheckpointSummary[]> {
    const result = await this.pool.query<{ id: string; created_at: Date; root: string; key_id: string; streams: number; events: string }>(
      'select id, created_at, root, key_id, streams, events from audit_checkpoints order by created_at desc, id limit $1',
      [limit],
    );
    return result.rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      root: r.root,
      keyId: r.key_id,
      streams: r.streams,
      events: Number(r.events),
    }));
  }
}
