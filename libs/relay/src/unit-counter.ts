import type { Consumer, Kafka, Message } from 'kafkajs';
import type pg from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';
import { Inbox } from './inbox.js';
import { parseIntegrationMessage } from './kafka-message.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'example consumer: integration events per contract and unit',
    sql: `
create table integration_unit_counts (
  contract text not null,
  unit text not null,
  events bigint not null,
  primary key (contract, unit)
);
`,
  },
];

export type Outcome = 'applied' | 'duplicate' | 'ignored';

/**
 * The example consumer another agency would run: how many integration events of each contract
 * each unit produced, e.g. tips received per commune. Every message goes through the Inbox, so a
 * message delivered twice is counted once.
 */
export class UnitCounter {
  readonly inbox: Inbox;

  constructor(
    private readonly pool: pg.Pool,
    consumer = 'unit-counter',
  ) {
    this.inbox = new Inbox(pool, consumer);
  }

  async migrate(): Promise<void> {
    await this.inbox.migrate();
    await runMigrations(this.pool, { table: 'integration_unit_counts_schema_migrations', lockKey: 7_212_008_003, migrations: MIGRATIONS });
  }

  async handle(message: Pick<Message, 'headers' | 'value'>): Promise<Outcome> {
    const body = parseIntegrationMessage(message);
    const unit = body.data.unit;
    if (typeof unit !== 'string') return 'ignored';
    const contract = `${body.contract}.v${body.version}`;
    const applied = await this.inbox.applyOnce({ eventId: body.eventId, contract }, async (tx) => {
      await tx.query(
        `insert into integration_unit_counts (contract, unit, events) values ($1, $2, 1)
         on conflict (contract, unit) do update set events = integration_unit_counts.events + 1`,
        [contract, unit],
      );
    });
    return applied ? 'applied' : 'duplicate';
  }

  async counts(): Promise<Array<{ contract: string; unit: string; events: number }>> {
    const { rows } = await this.pool.query<{ contract: string; unit: string; events: string }>(
      'select contract, unit, events from integration_unit_counts order by contract, unit',
    );
    return rows.map((r) => ({ contract: r.contract, unit: r.unit, events: Number(r.events) }));
  }
}

/**
 * Runs the counter on a Kafka consumer group. Offsets are committed after each message is applied
 * (kafkajs' eachMessage), so a crash redelivers at most the messages in flight; the Inbox skips them.
 */
export async function runUnitCounter(
  kafka: Kafka,
  counter: UnitCounter,
  options: { groupId: string; topics: string[]; fromBeginning?: boolean },
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      await counter.handle(message);
    },
  });
  return consumer;
}
