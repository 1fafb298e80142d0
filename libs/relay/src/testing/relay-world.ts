import pg from 'pg';
import { PolicyPoint } from '../../../access/src/application/policy-point.js';
import { CaseCommands } from '../../../case-kernel/src/application/case-commands.js';
import { masterKeyFromBytes, PostgresKeyStore } from '../../../crypto/src/index.js';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import type { RecordedEvent } from '../../../event-store/src/port.js';
import { contains, runThroughPipeline, type ScriptStep } from '../../../integration-events/src/testing/case-scripts.testkit.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { PostgresRelayCheckpoints } from '../relay-checkpoints.js';
import { UnitCounter } from '../unit-counter.js';

/** A log of its own on the test server: the real event store, key store and command pipeline, and the relay's and consumer's tables. */
export interface RelayWorld {
  /** The database URL of this world (event store, relay and consumer tables). */
  url: string;
  store: PostgresEventStore;
  keys: PostgresKeyStore;
  pool: pg.Pool;
  checkpoints: PostgresRelayCheckpoints;
  counter: UnitCounter;
  /** Runs script steps through CaseCommands (encryption, policy, append). */
  write(steps: readonly ScriptStep[]): Promise<void>;
  /** Every event of the log, in log order. */
  all(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function openRelayWorld(): Promise<RelayWorld> {
  const db = await createTestDatabase();
  const store = await PostgresEventStore.connect(db.url, 4);
  const keys = await PostgresKeyStore.connect(db.url, { masterKey: masterKeyFromBytes(Buffer.alloc(32, 11)) });
  let now = new Date();
  const commands = new CaseCommands(store, keys, new PolicyPoint(store, { contains }), { contains }, () => now);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const checkpoints = new PostgresRelayCheckpoints(pool);
  await checkpoints.migrate();
  const counter = new UnitCounter(pool);
  await counter.migrate();
  return {
    url: db.url,
    store,
    keys,
    pool,
    checkpoints,
    counter,
    write: async (steps) => {
      await runThroughPipeline(commands, (at) => (now = at), steps);
    },
    all: async () => {
      const events: RecordedEvent[] = [];
      let checkpoint: string | null = null;
      for (;;) {
        const page = await store.readAll(checkpoint, 1000);
        if (page.events.length === 0) return events;
        events.push(...page.events);
        checkpoint = page.checkpoint;
      }
    },
    close: async () => {
      await pool.end();
      await keys.close();
      await store.close();
      await db.drop();
    },
  };
}
