import type pg from 'pg';
import { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../case-kernel/src/domain/vn-public-holidays.js';
import { inTransaction } from '../../database/src/transaction.js';
import type { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import { ProjectionRunner } from '../../projections/src/projection-runner.js';
import { openTestLog, type TestLog } from '../../projections/src/testing/test-log.js';
import { DeadlineViews } from './deadline-views.js';
import { deadlinesProjection } from './deadlines-projection.js';
import { CaseEventStream } from './testing/case-event-stream.js';

const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);

describe('deadline view projection on PostgreSQL', () => {
  let log: TestLog;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  beforeAll(async () => {
    log = await openTestLog();
    ({ store, pool } = log);
    await new CaseEventStream().appendNext(store, 400);
  });
  afterAll(() => log.close());

  const rows = async (schema: string) => (await pool.query(`select * from ${schema}.deadlines order by kind, case_id, deadline`)).rows;
  const states = async (schema: string) => (await pool.query(`select * from ${schema}.case_states order by kind, case_id`)).rows;

  it('gives the same rows whether a case’s events arrive in one batch or spread over many', async () => {
    const small = new ProjectionRunner(store, pool, [deadlinesProjection(calendar)], { batchSize: 7, superviseMs: 100 });
    await small.start();
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);
    while ((await small.catalog.current('deadlines')).live!.position < total) await new Promise((r) => setTimeout(r, 50));
    const inSmallBatches = await rows('rm_deadlines');
    await small.stop();
    expect(inSmallBatches.length).toBeGreaterThan(300);
    expect(new Set(inSmallBatches.map((r) => r.kind))).toEqual(new Set(['tip', 'penalty_case']));

    const large = new ProjectionRunner(store, pool, [deadlinesProjection(calendar)], { batchSize: 5000, superviseMs: 100 });
    await large.start();
    await large.rebuild('deadlines');
    await large.stop();
    expect(await rows('rm_deadlines')).toEqual(inSmallBatches);
  });

  it('skips events at or below a case’s stored revision, so applying a batch twice changes nothing', async () => {
    const live = (await new ProjectionRunner(store, pool, [deadlinesProjection(calendar)]).catalog.current('deadlines')).live!;
    const before = { rows: await rows(live.schemaName), states: await states(live.schemaName) };
    const { events } = await store.readAll(null, 300);
    const projection = deadlinesProjection(calendar);
    await inTransaction(pool, async (tx) => {
      await tx.query(`set local search_path to ${live.schemaName}`);
      await projection.apply(
        events.filter((e) => projection.eventTypes.includes(e.type)),
        tx,
      );
    });
    expect({ rows: await rows(live.schemaName), states: await states(live.schemaName) }).toEqual(before);
  });

  it('answers queries by unit, assignee and status through the live views', async () => {
    const views = new DeadlineViews(pool);
    const now = new Date('2026-10-05T00:00:00Z');
    const all = await views.list(
      [
        { kind: 'tip', jurisdictions: null, assigneeOnly: null },
        { kind: 'penalty_case', jurisdictions: null, assigneeOnly: null },
      ],
      { now, limit: 100_000 },
    );
    const commune = await views.list([{ kind: 'tip', jurisdictions: ['10015'], assigneeOnly: null }], { now, limit: 100_000 });
    expect(commune.length).toBeGreaterThan(0);
    expect(commune.every((d) => d.kind === 'tip' && d.jurisdiction === '10015')).toBe(true);
    expect(commune).toEqual(all.filter((d) => d.kind === 'tip' && d.jurisdiction === '10015'));
    const own = await views.list([{ kind: 'penalty_case', jurisdictions: null, assigneeOnly: 'officer-2' }], { now, limit: 100_000 });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((d) => d.assigneeId === 'officer-2' && d.kind === 'penalty_case')).toBe(true);
    const overdue = await views.list([{ kind: 'tip', jurisdictions: null, assigneeOnly: null }], {
      now,
      status: 'overdue',
      limit: 100_000,
    });
    expect(
      overdue.every((d) => (d.completedAt === null && d.dueAt < now.toISOString()) || (d.completedAt !== null && d.completedAt > d.dueAt)),
    ).toBe(true);
    // The summary (kept counts of deadlines done, open ones counted at the reading time) agrees with the rows, per unit and per assignee.
    const tally = (rows: typeof all, key: (d: (typeof all)[number]) => string | null) => {
      const byKey = new Map<string | null, { key: string | null; due: number; overdue: number; met: number }>();
      for (const d of rows) {
        const entry = byKey.get(key(d)) ?? { key: key(d), due: 0, overdue: 0, met: 0 };
        entry[d.status] += 1;
        byKey.set(key(d), entry);
      }
      return [...byKey.values()].sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
    };
    const both = [
      { kind: 'tip' as const, jurisdictions: null, assigneeOnly: null },
      { kind: 'penalty_case' as const, jurisdictions: null, assigneeOnly: null },
    ];
    expect(await views.counts(both, { now }, 'jurisdiction')).toEqual(tally(all, (d) => d.jurisdiction));
    expect(await views.counts(both, { now }, 'assignee')).toEqual(tally(all, (d) => d.assigneeId));
    expect(await views.counts(both, { now, status: 'met' }, 'assignee')).toEqual(
      tally(
        all.filter((d) => d.status === 'met'),
        (d) => d.assigneeId,
      ),
    );
    const before = new Date('2026-10-20T00:00:00Z');
    expect(await views.counts(both, { now, before }, 'jurisdiction')).toEqual(
      tally(
        all.filter((d) => d.dueAt < before.toISOString()),
        (d) => d.jurisdiction,
      ),
    );
  });
});
