import pg from 'pg';
import { decryptFields, masterKeyFromBytes, PostgresKeyStore } from '../../crypto/src/index.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { CaseScript, demoEventId, type DemoCase } from './case-script.js';
import { demoCases } from './demo-plan.js';
import { writeDemoData, type DemoDataReport } from './demo-writer.js';

const SEED = 'int-test';
const SIZE = 400;

describe('demo data on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;
  let keys: PostgresKeyStore;
  let pool: pg.Pool;
  let first: DemoDataReport;
  const planned: DemoCase[] = [...demoCases(SEED, SIZE)];
  const plannedEvents = planned.reduce((n, c) => n + c.eventCount, 0);
  const rowCount = async () => Number((await pool.query<{ n: string }>('select count(*) as n from es_events')).rows[0]!.n);

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    store = await PostgresEventStore.connect(url, 6);
    keys = await PostgresKeyStore.connect(url, { masterKey: masterKeyFromBytes(Buffer.alloc(32, 31)) });
    pool = new pg.Pool({ connectionString: url, max: 2 });
    first = await writeDemoData(store, keys, { seed: SEED, events: SIZE, concurrency: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await keys.close();
    await store.close();
    await drop();
  });

  it('appends each case of a few hundred events in one append, every event of the plan', async () => {
    expect(plannedEvents).toBeGreaterThanOrEqual(SIZE);
    expect(first).toMatchObject({
      cases: planned.length,
      events: plannedEvents,
      appendedCases: planned.length,
      appendedEvents: plannedEvents,
      existingEvents: 0,
    });
    expect(await rowCount()).toBe(plannedEvents);
    const streams = await pool.query<{ stream_id: string; events: string; transactions: string }>(
      'select stream_id, count(*) as events, count(distinct tx_id) as transactions from es_events group by stream_id',
    );
    expect(streams.rows).toHaveLength(planned.length);
    for (const row of streams.rows) expect(row.transactions).toBe('1');
  });

  it('every stream folds without a refusal: its decrypted events are what the decider gives for its commands', async () => {
    const kinds = new Set<string>();
    for (const demoCase of planned) {
      const stored = await store.readStream(demoCase.stream);
      expect(stored.map((e) => e.id)).toEqual(stored.map((_, revision) => demoEventId(demoCase.stream, revision)));
      const opened = [];
      for (const event of stored)
        opened.push({ type: event.type, data: (await decryptFields(event.data, keys, { eventType: event.type, eventId: event.id })).data });
      // The same commands, at the same times, by the same actors, through the real decider again.
      const replay = new CaseScript(demoCase.context, demoCase.caseId);
      for (const step of demoCase.steps) expect(replay.run(step.command, step.at, step.actor)).toBe(true);
      expect(opened).toEqual(replay.steps.flatMap((s) => s.events));
      const folded = opened.reduce((state, event) => demoCase.context.decider.evolve(state, event), demoCase.context.decider.initialState);
      expect(folded).toEqual(replay.state);
      const stepOf = demoCase.steps.flatMap((s) => s.events.map(() => s));
      stored.forEach((event, i) => {
        expect(event.metadata).toMatchObject({
          actorId: stepOf[i]!.actor.userId,
          role: stepOf[i]!.actor.role,
          occurredAt: stepOf[i]!.at.toISOString(),
          purpose: 'case_handling',
        });
        expect(event.metadata.jurisdiction).toMatch(/^\d{5}$/);
      });
      kinds.add(demoCase.context.kind);
    }
    expect(kinds).toEqual(new Set(['tip', 'penalty_case', 'establishment', 'inspection', 'hotspot']));
  });

  it('the hash chain of every stream verifies', async () => {
    const report = await store.verify();
    expect(report).toMatchObject({ ok: true, events: plannedEvents, streams: planned.length, firstBreak: null });
  });

  it('personal and sensitive fields are encrypted at rest: no name, contact or identity number in the events table', async () => {
    const personal = new Set<string>();
    let internal = '';
    for (const event of planned.flatMap((c) => c.steps.flatMap((s) => s.events))) {
      const d = event.data as Record<string, unknown>;
      for (const field of [
        'reporterName',
        'reporterContact',
        'ownerName',
        'ownerContact',
        'memberName',
        'fullName',
        'idNumber',
        'allegation',
        'explanation',
      ]) {
        if (typeof d[field] === 'string') personal.add(d[field]);
      }
      if (typeof d.businessName === 'string') internal = d.businessName;
    }
    expect(personal.size).toBeGreaterThan(50);
    const table = (await pool.query<{ text: string }>("select string_agg(data::text, E'\\n') as text from es_events")).rows[0]!.text;
    expect([...personal].filter((value) => table.includes(value))).toEqual([]);
    // The search would find plaintext: internal fields are stored in the clear.
    expect(internal).not.toBe('');
    expect(table).toContain(internal);
    const reporters = await pool.query<{ data: Record<string, unknown> }>(
      "select data from es_events where type = 'tip.reporter_recorded'",
    );
    expect(reporters.rows.length).toBeGreaterThan(0);
    for (const { data } of reporters.rows) expect(data.reporterName).toEqual({ $enc: 2 });
  });

  it('a rerun of the same seed appends nothing; another seed adds its own cases', async () => {
    const before = await rowCount();
    const again = await writeDemoData(store, keys, { seed: SEED, events: SIZE, concurrency: 4 });
    expect(again).toMatchObject({
      cases: planned.length,
      events: plannedEvents,
      appendedEvents: 0,
      appendedCases: 0,
      existingEvents: plannedEvents,
      existingCases: planned.length,
    });
    expect(await rowCount()).toBe(before);

    const other = await writeDemoData(store, keys, { seed: `${SEED}-other`, events: 100, concurrency: 2 });
    expect(other.appendedEvents).toBe(other.events);
    expect(await rowCount()).toBe(before + other.events);
  });
});
