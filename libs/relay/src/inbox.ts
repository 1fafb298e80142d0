import type pg from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';
import { inTransaction } from '../../database/src/transaction.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'integration inbox: the event ids each consumer has applied',
    sql: `
create table integration_inbox (
  consumer text not null,
  event_id uuid not null,
  contract text not null,
  applied_at timestamptz not null default now(),
  primary key (consumer, event_id)
);
`,
  },
];

/**
 * Consumer-side dedupe for at-least-once delivery. `applyOnce` records the event id and runs the
 * consumer's own write in ONE transaction: either both commit or neither does, so a redelivered
 * message (a relay that crashed before its checkpoint, a consumer that crashed before committing
 * its Kafka offset) finds its id and is skipped, and a failed write leaves no id behind.
 * Two deliveries applied at the same time: the second waits on the first's key and is skipped
 * once it commits (or applied, if it rolled back).
 */
export class Inbox {
  constructor(
    private readonly pool: pg.Pool,
    readonly consumer: string,
  ) {}

  async migrate(): Promise<void> {
    await runMigrations(this.pool, { table: 'integration_inbox_schema_migrations', lockKey: 7_212_008_002, migrations: MIGRATIONS });
  }

  /** Runs `apply` and records `eventId`, together; false (and `apply` not run) when this consumer applied it before. */
  async applyOnce(message: { eventId: string; contract: string }, apply: (tx: pg.PoolClient) => Promise<void>): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const inserted = await tx.query(
        'insert into integration_inbox (consumer, event_id, contract) values ($1, $2, $3) on conflict (consumer, event_id) do nothing',
        [this.consumer, message.eventId, message.contract],
      );
      if (inserted.rowCount === 0) return false;
      await apply(tx);
      return true;
    });
  }
}
