import { PolicyPoint } from '../../../access/src/application/policy-point.js';
import { newEvent } from '../../../event-store/src/testing/contract.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { LogAudit } from '../application/log-audit.js';
import { ChainScan } from '../domain/chain-scan.js';
import { NATIONAL_AUDITOR, openAuditFixture, testJurisdictions } from '../testing/audit-fixture.js';
import { EventStoreAuditLog } from './event-store-audit-log.js';
import { PostgresAuditLog } from './postgres-audit-log.js';
import { PostgresCheckpointArchive } from './postgres-checkpoint-archive.js';

describe('the log read through the event store port (the KurrentDB path), checked on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let fixture: Awaited<ReturnType<typeof openAuditFixture>>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    fixture = await openAuditFixture(database.url);
    // Appends one after the other, streams interleaved in the global log.
    for (let round = 0; round < 3; round++)
      for (const stream of ['tip-b', 'tip-a', 'hotspot-c']) await fixture.store.append(stream, [newEvent(), newEvent()], 'any');
  });
  afterAll(async () => {
    await fixture.close();
    await drop();
  });

  const headsThrough = async (log: PostgresAuditLog | EventStoreAuditLog) => {
    const scan = new ChainScan();
    await log.scan({ events: (batch) => batch.forEach((e) => scan.accept(e)), recordedHead: (h) => scan.recordedHead(h) });
    return { report: scan.finish({ headsRecorded: log.recordsHeads }), heads: scan.heads() };
  };

  it('finds the same heads as the PostgreSQL reader, from the interleaved global order', async () => {
    const viaPort = await headsThrough(new EventStoreAuditLog(fixture.store));
    const viaTables = await headsThrough(new PostgresAuditLog(fixture.pool));
    expect(viaPort.report).toMatchObject({ ok: true, events: 18, streams: 3 });
    expect(viaPort.heads).toEqual(viaTables.heads);
    expect(viaPort.heads.map((h) => [h.streamId, h.revision])).toEqual([
      ['hotspot-c', 5],
      ['tip-a', 5],
      ['tip-b', 5],
    ]);
  });

  it('reports a changed payload; a cut tail shows against a checkpoint (the port keeps no separate heads)', async () => {
    const policy = new PolicyPoint(fixture.store, testJurisdictions);
    const archive = new PostgresCheckpointArchive(fixture.pool, fixture.store);
    const audit = new LogAudit(new EventStoreAuditLog(fixture.store), archive, async () => fixture.keys, policy);
    const { checkpoint } = await audit.createCheckpoint(NATIONAL_AUDITOR);
    await fixture.tamper(`delete from es_events where stream_id = 'tip-a' and revision = 5`);
    expect((await audit.verify(NATIONAL_AUDITOR)).ok).toBe(true);
    expect((await audit.checkCheckpoint(NATIONAL_AUDITOR, { id: checkpoint.id }, null)).log.checkpoint!.listed).toEqual([
      expect.objectContaining({ streamId: 'tip-a', revision: 5, reason: 'missing' }),
    ]);
    await fixture.tamper(`update es_events set data = jsonb_set(data, '{note}', '"changed"') where stream_id = 'tip-b' and revision = 2`);
    expect((await audit.verify(NATIONAL_AUDITOR)).firstBreak).toMatchObject({ streamId: 'tip-b', revision: 2, reason: 'hash_mismatch' });
  });
});
