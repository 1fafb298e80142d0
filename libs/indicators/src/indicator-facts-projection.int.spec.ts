import pg from 'pg';
import { inTransaction } from '../../database/src/transaction.js';
import { CaseEventStream } from '../../deadlines/src/testing/case-event-stream.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import { ProjectionRunner } from '../../projections/src/projection-runner.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { INDICATOR_FACTS_PROJECTION, indicatorFactsProjection } from './indicator-facts-projection.js';
import { hmacPersonKey } from './statistics-key.js';

const personKey = hmacPersonKey(Buffer.alloc(32, 5));

describe('indicator facts projection on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let store: PostgresEventStore;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.connect(database.url, 4);
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await new CaseEventStream().appendNext(store, 400);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  const facts = async (schema: string) =>
    (
      await pool.query(
        `select stream, seq, kind, key, unit_code, unit_era, day_from::text, day_to::text, payload from ${schema}.facts order by stream, seq`,
      )
    ).rows;

  it('gives the same facts whether a case’s events arrive in one batch or spread over many', async () => {
    const small = new ProjectionRunner(store, pool, [indicatorFactsProjection(personKey)], { batchSize: 7, superviseMs: 100 });
    await small.start();
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);
    while ((await small.catalog.current(INDICATOR_FACTS_PROJECTION)).live!.position < total) await new Promise((r) => setTimeout(r, 50));
    const inSmallBatches = await facts(`rm_${INDICATOR_FACTS_PROJECTION}`);
    await small.stop();
    // Every tip is a tip fact and a detected case; every penalty case with a decision is a fact per person.
    expect(new Set(inSmallBatches.map((r) => r.kind))).toEqual(new Set(['tip', 'detected_case']));
    expect(inSmallBatches.filter((r) => r.kind === 'tip').length).toBe(inSmallBatches.filter((r) => r.kind === 'detected_case').length);

    const large = new ProjectionRunner(store, pool, [indicatorFactsProjection(personKey)], { batchSize: 5000, superviseMs: 100 });
    await large.start();
    await large.rebuild(INDICATOR_FACTS_PROJECTION);
    await large.stop();
    expect(await facts(`rm_${INDICATOR_FACTS_PROJECTION}`)).toEqual(inSmallBatches);
  });

  it('skips events at or below a case’s stored revision, so applying a batch twice changes nothing', async () => {
    const live = (
      await new ProjectionRunner(store, pool, [indicatorFactsProjection(personKey)]).catalog.current(INDICATOR_FACTS_PROJECTION)
    ).live!;
    const before = await facts(live.schemaName);
    const { events } = await store.readAll(null, 300);
    const projection = indicatorFactsProjection(personKey);
    await inTransaction(pool, async (tx) => {
      await tx.query(`set local search_path to ${live.schemaName}`);
      await projection.apply(
        events.filter((e) => projection.eventTypes.includes(e.type)),
        tx,
      );
    });
    expect(await facts(live.schemaName)).toEqual(before);
  });
});
