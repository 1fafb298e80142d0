import pg from 'pg';
import { createTestDatabase } from '../../../../test/support/database.js';
import { eventStoreContract, newEvent, streamName } from '../testing/contract.js';
import { eventually, sessionsOf, terminateIdleSessions } from '../../../database/src/testing/sessions.js';
import { prepareBatch } from '../validation.js';
import type { RecordedEvent } from '../port.js';
import { EVENT_STORE_MIGRATIONS, migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

const databases: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of databases) await drop();
});

async function freshStore(): Promise<{ store: PostgresEventStore; url: string }> {
  const database = await createTestDatabase();
  databases.push(database.drop);
  return { store: await PostgresEventStore.connect(database.url, 60), url: database.url };
}

async function asSuperuser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL event store: the contract', () => {
  let url = '';
  eventStoreContract({
    open: async () => {
      const fresh = await freshStore();
      url = fresh.url;
      return fresh.store;
    },
    // An attacker with database rights: bypass the append-only trigger and flip one byte of data.
    tamperOneByte: (streamId, revision) =>
      asSuperuser(url, async (client) => {
        await client.query('set session_replication_role = replica');
        const updated = await client.query(
          `update es_events set data = jsonb_set(data, '{note}', to_jsonb(overlay(data->>'note' placing 'y' from 1 for 1)))
            where stream_id = $1 and revision = $2`,
          [streamId, revision],
        );
        expect(updated.rowCount).toBe(1);
      }),
  });
});

describe('PostgreSQL event store: engine specifics', () => {
  let store: PostgresEventStore;
  let url: string;
  beforeAll(async () => {
    ({ store, url } = await freshStore());
  });
  afterAll(async () => {
    await store.close();
  });

  const position = (checkpoint: string) => checkpoint.split('/').map((part) => BigInt(part)) as [bigint, bigint];
  const after = (a: string, b: string) => {
    const [ta, pa] = position(a);
    const [tb, pb] = position(b);
    return ta > tb || (ta === tb && pa > pb);
  };

  it('never skips an event whose transaction commits after a later-numbered one', async () => {
    const start = (await store.readAll(null, 100_000)).checkpoint;
    const late = newEvent('test.late');
    const early = newEvent('test.early');
    const [body] = prepareBatch('late-a', [late], 'any', new Date()).map((e) => e.body);

    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select * from es_append($1, 'any', null, $2)`, [streamName('late-a'), [body]]);

    await store.append(streamName('late-b'), [early], 'any');

    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe(start, { pollIntervalMs: 20 });
    const consuming = (async () => {
      for await (const event of subscription) {
        delivered.push(event);
        if (delivered.length === 2) break;
      }
    })();

    await new Promise((r) => setTimeout(r, 300));
    const beforeCommit = [...delivered];
    const directRead = await store.readAll(start, 100);

    await holder.query('commit');
    await holder.end();
    await consuming;
    await subscription.close();

    expect(beforeCommit).toEqual([]);
    expect(directRead.events).toEqual([]);
    expect(directRead.checkpoint).toBe(start);
    expect(delivered.map((e) => e.id)).toEqual([late.id, early.id]);
    expect(after(delivered[1]!.checkpoint, delivered[0]!.checkpoint)).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log', async () => {
    const stream = streamName();
    await store.append(stream, [newEvent()], 'no_stream');
    await asSuperuser(url, async (client) => {
      await expect(client.query(`update es_events set type = 'x.y' where stream_id = $1`, [stream])).rejects.toThrow(/append-only/);
      await expect(client.query(`delete from es_events where stream_id = $1`, [stream])).rejects.toThrow(/append-only/);
      await expect(client.query('truncate es_events')).rejects.toThrow(/append-only/);
    });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('verify reports a deleted event as a missing revision and a cut tail against the stream head', async () => {
    const { store: local, url: localUrl } = await freshStore();
    const gap = streamName('gap');
    const cut = streamName('cut');
    await local.append(gap, [newEvent(), newEvent(), newEvent()], 'no_stream');
    await asSuperuser(localUrl, async (client) => {
      await client.query('set session_replication_role = replica');
      await client.query('delete from es_events where stream_id = $1 and revision = 1', [gap]);
    });
    expect((await local.verify()).firstBreak).toMatchObject({ streamId: gap, revision: 1, reason: 'missing_revision' });

    const { store: other, url: otherUrl } = await freshStore();
    await other.append(cut, [newEvent(), newEvent(), newEvent()], 'no_stream');
    await asSuperuser(otherUrl, async (client) => {
      await client.query('set session_replication_role = replica');
      await client.query('delete from es_events where stream_id = $1 and revision = 2', [cut]);
    });
    expect((await other.verify()).firstBreak).toMatchObject({ streamId: cut, revision: 2, reason: 'head_mismatch' });
    await Promise.all([local.close(), other.close()]);
  });

  it('commits concurrent appends together, and still answers each one on its own', async () => {
    const grouped = await PostgresEventStore.connect(url, 4, { maxAppendsInFlight: 1 });
    const existing = streamName('group-existing');
    const first = newEvent();
    await grouped.append(existing, [first], 'no_stream');
    const fresh = Array.from({ length: 12 }, (_, i) => streamName(`group-${i}`));
    const outcomes = await Promise.allSettled([
      ...fresh.map((stream) => grouped.append(stream, [newEvent(), newEvent()], 'no_stream')),
      grouped.append(existing, [newEvent()], 5),
      grouped.append(existing, [newEvent()], 'no_stream'),
      grouped.append(existing, [first], 'no_stream'),
      grouped.append(existing, [newEvent()], 0),
    ]);
    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).name));
    expect(values.slice(0, 12)).toEqual(fresh.map((streamId) => expect.objectContaining({ streamId, revision: 1, duplicate: false })));
    expect(values.slice(12)).toEqual([
      'WrongExpectedRevisionError',
      'WrongExpectedRevisionError',
      expect.objectContaining({ streamId: existing, revision: 0, duplicate: true }),
      expect.objectContaining({ streamId: existing, revision: 1, duplicate: false }),
    ]);
    // Some of them shared a transaction (a group), and the refused ones left nothing behind.
    const tx = await grouped.readAll(null, 10_000);
    const mine = tx.events.filter((e) => e.streamId === existing || fresh.includes(e.streamId));
    expect(mine).toHaveLength(12 * 2 + 2);
    const transactions = new Set(mine.map((e) => e.checkpoint.split('/')[0]));
    expect(transactions.size).toBeLessThan(fresh.length + 2);
    expect((await grouped.verify()).ok).toBe(true);
    await grouped.close();
  });

  it('migrations are versioned, recorded once, and safe to run from several processes at once', async () => {
    const pools = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
    const applied = await Promise.all(pools.map((pool) => migrateEventStore(pool)));
    expect(applied).toEqual([[], []]);
    const rows = await pools[0]!.query('select version from es_schema_migrations order by version');
    expect(rows.rows.map((r) => r.version)).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
    await Promise.all(pools.map((pool) => pool.end()));
    expect(await store.health()).toMatchObject({ status: 'up', adapter: 'postgres' });
  });

  it('reports itself down when the schema is missing', async () => {
    const database = await createTestDatabase();
    databases.push(database.drop);
    const pool = new pg.Pool({ connectionString: database.url });
    const bare = new PostgresEventStore(pool, { ownsPool: true });
    expect(await bare.health()).toMatchObject({ status: 'down', adapter: 'postgres' });
    await bare.close();
  });
});

describe('PostgreSQL event store: losing its connections', () => {
  it('survives its idle sessions being ended: appends and reads work, it listens again, and a subscription still delivers', async () => {
    const database = await createTestDatabase();
    databases.push(database.drop);
    const lines: string[] = [];
    const store = await PostgresEventStore.connect(database.url, 4, {
      applicationName: 'pcm-test-event-store',
      log: (line) => lines.push(line),
    });
    // Another process's store: its appends reach the subscriber through NOTIFY, or the poll.
    const other = await PostgresEventStore.connect(database.url, 2, { applicationName: 'pcm-test-other-store' });
    // Not the whole test on NOTIFY alone: a gap-safe read may not see an event yet when woken (an older
    // transaction anywhere in the cluster, e.g. autovacuum's, still open), and then only the poll finds it.
    const subscription = store.subscribe(null, { pollIntervalMs: 1_000 });
    const received: string[] = [];
    const consuming = (async () => {
      for await (const event of subscription) received.push(event.streamId);
    })();
    try {
      const first = streamName('loss-first');
      await other.append(first, [newEvent()], 'no_stream');
      expect(await eventually(() => received.includes(first), 20_000)).toBe(true);
      expect(
        await eventually(async () =>
          (await sessionsOf(database.url, 'pcm-test-event-store')).some((s) => s.query === 'listen es_events_appended'),
        ),
      ).toBe(true);

      // The listening session and every idle pooled one end at once, as in a server restart; the
      // listening one comes back (libs/database connection-loss.int.spec.ts: notifications arrive on it again).
      expect(await terminateIdleSessions(database.url, ['pcm-test-event-store'])).toBeGreaterThanOrEqual(1);
      expect(
        await eventually(async () =>
          (await sessionsOf(database.url, 'pcm-test-event-store')).some((s) => s.query === 'listen es_events_appended'),
        ),
      ).toBe(true);
      expect(lines).toContain('event store: notification connection lost (57P01); listening again in the background');
      expect(
        lines
          .filter((l) => !l.startsWith('event store: notification connection lost'))
          .every((l) => l === 'pcm-test-event-store: idle client lost (57P01); the pool opens a new connection when needed'),
      ).toBe(true);

      const own = streamName('loss-own');
      await store.append(own, [newEvent()], 'no_stream');
      expect((await store.readStream(own)).map((e) => e.revision)).toEqual([0]);
      const second = streamName('loss-second');
      await other.append(second, [newEvent()], 'no_stream');
      expect(await eventually(() => received.includes(second), 20_000)).toBe(true);
      expect(received).toEqual([first, own, second]);
    } finally {
      await subscription.close();
      await consuming;
      await other.close();
      await store.close();
    }
  });
});
