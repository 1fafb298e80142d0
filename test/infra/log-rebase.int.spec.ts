import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import type { RecordedEvent } from '../../libs/event-store/src/port.js';
import { newEvent } from '../../libs/event-store/src/testing/contract.js';
import { PostgresRelayCheckpoints } from '../../libs/relay/src/relay-checkpoints.js';
import { createTestDatabase } from '../support/database.js';

const REBASE_SQL = path.join(__dirname, '../../infra/postgres/rebase-log-positions.sql');
/** How far ahead the old cluster's transaction counter was: past a 32-bit wraparound, as a long-lived cluster's is. */
const AHEAD = 5_000_000_000n;

async function readEverything(store: PostgresEventStore, from: string | null = null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, 100);
    if (page.events.length === 0) return events;
    events.push(...page.events);
    checkpoint = page.checkpoint;
  }
}

/**
 * docs/operations.md's procedure for a logical restore, checked on a real log: after pg_restore
 * into a new cluster the rows keep the tx_ids of the old one, which are ahead of the new counter.
 */
describe('restore: rebasing the log positions after a logical restore (infra/postgres/rebase-log-positions.sql)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let original: RecordedEvent[];
  const relayAt = 6;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = await PostgresEventStore.connect(db.url, 2);
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const streams = Array.from({ length: 4 }, () => `tip-${randomUUID()}`);
    for (let round = 0; round < 3; round++) {
      for (const [i, stream] of streams.entries())
        await store.append(stream, [newEvent(`tip.round_${round}`, { i })], round === 0 ? 'no_stream' : round - 1);
    }
    original = await readEverything(store);
    const checkpoints = new PostgresRelayCheckpoints(pool);
    await checkpoints.migrate();
    await checkpoints.load('integration-events');
    await checkpoints.advance('integration-events', null, original[relayAt]!.checkpoint, 0);
    // What pg_dump / pg_restore into a fresh cluster gives: the same rows and checkpoints, numbered by the old cluster's counter.
    await pool.query('alter table es_events disable trigger es_events_append_only');
    await pool.query(`update es_events set tx_id = ((tx_id::text)::numeric + ${AHEAD})::text::xid8`);
    await pool.query('alter table es_events enable trigger es_events_append_only');
    await pool.query(
      `update relay_checkpoints set checkpoint = ((split_part(checkpoint, '/', 1))::numeric + ${AHEAD})::text || '/' || split_part(checkpoint, '/', 2)`,
    );
  });
  afterAll(async () => {
    await pool.end();
    await store.close();
    await db.drop();
  });

  it('shows the danger first: the restored events are invisible to readers, and a new append would sort before them', async () => {
    expect(await readEverything(store)).toEqual([]);
    const { rows } = await pool.query<{ behind: boolean }>('select pg_current_xact_id() < (select min(tx_id) from es_events) as behind');
    expect(rows[0]!.behind).toBe(true);
  });

  it('gives every event back in the same order, with its chain intact, and translates the stored checkpoints', async () => {
    await pool.query(`begin; ${await readFile(REBASE_SQL, 'utf8')} commit;`);
    const rebased = await readEverything(store);
    expect(rebased.map((e) => e.id)).toEqual(original.map((e) => e.id));
    expect(rebased.map((e) => e.hash)).toEqual(original.map((e) => e.hash));
    expect(await store.verify()).toMatchObject({ ok: true, events: original.length });

    const relayCheckpoint = await new PostgresRelayCheckpoints(pool).load('integration-events');
    expect(relayCheckpoint).toBe(`2/${relayAt + 1}`);
    expect((await readEverything(store, relayCheckpoint)).map((e) => e.id)).toEqual(original.slice(relayAt + 1).map((e) => e.id));
    const external = original[2]!.checkpoint.split('/');
    const { rows } = await pool.query<{ translated: string }>('select es_rebase_checkpoint($1) as translated', [
      `${BigInt(external[0]!) + AHEAD}/${external[1]}`,
    ]);
    expect(rows[0]!.translated).toBe('2/3');
  });

  it('puts new appends after every restored event, and does nothing when run again', async () => {
    const stream = `tip-${randomUUID()}`;
    const appended = await store.append(stream, [newEvent('tip.after_restore')], 'no_stream');
    const all = await readEverything(store);
    expect(all.at(-1)!.streamId).toBe(stream);
    expect(all).toHaveLength(original.length + 1);
    await pool.query(`begin; ${await readFile(REBASE_SQL, 'utf8')} commit;`);
    expect((await readEverything(store)).map((e) => e.checkpoint)).toEqual(all.map((e) => e.checkpoint));
    expect(all.at(-1)!.checkpoint).toBe(appended.checkpoint);
  });
});
