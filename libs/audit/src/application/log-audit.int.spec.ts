import { generateKeyPairSync } from 'node:crypto';
import { AccessDeniedError } from '../../../access/src/application/policy-point.js';
import { newEvent } from '../../../event-store/src/testing/contract.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from './checkpoint-archive.js';
import { NATIONAL_AUDITOR, caller, openAuditFixture } from '../testing/audit-fixture.js';

type Fixture = Awaited<ReturnType<typeof openAuditFixture>>;
const drops: Array<() => Promise<void>> = [];
const fixtures: Fixture[] = [];

async function freshLog(): Promise<Fixture> {
  const database = await createTestDatabase();
  drops.push(database.drop);
  const fixture = await openAuditFixture(database.url);
  fixtures.push(fixture);
  return fixture;
}

async function seed(fixture: Fixture, streams: string[], events = 4): Promise<void> {
  for (const stream of streams)
    await fixture.store.append(
      stream,
      Array.from({ length: events }, (_, i) => newEvent('test.noted', { n: i, note: `entry ${i}` })),
      'no_stream',
    );
}

afterAll(async () => {
  for (const fixture of fixtures) await fixture.close();
  for (const drop of drops) await drop();
});

describe('verify on real PostgreSQL: every kind of tampering is reported', () => {
  let log: Fixture;
  beforeAll(async () => {
    log = await freshLog();
    await seed(log, ['case-a-payload', 'case-b-deleted', 'case-c-reordered', 'case-d-truncated', 'case-e-untouched']);
  });

  it('finds an untouched log intact, with its event and stream counts', async () => {
    const report = await log.audit.verify(NATIONAL_AUDITOR);
    // The auditor's own access is recorded first (access-event_log-collection), so it is in the scan too.
    expect(report).toMatchObject({ ok: true, events: 21, streams: 6, firstBreak: null, brokenStreams: 0, source: 'postgres' });
  });

  it('reports a changed payload byte, a deleted event, two swapped events and a cut tail, each at its stream and revision', async () => {
    expect(
      await log.tamper(
        `update es_events set data = jsonb_set(data, '{note}', to_jsonb(overlay(data->>'note' placing 'E' from 1 for 1))) where stream_id = 'case-a-payload' and revision = 2`,
      ),
    ).toBe(1);
    expect(await log.tamper(`delete from es_events where stream_id = 'case-b-deleted' and revision = 1`)).toBe(1);
    // Reorder: revisions 1 and 2 trade places (through a free number, the pair is unique).
    await log.tamper(`update es_events set revision = -1 where stream_id = 'case-c-reordered' and revision = 1`);
    await log.tamper(`update es_events set revision = 1 where stream_id = 'case-c-reordered' and revision = 2`);
    await log.tamper(`update es_events set revision = 2 where stream_id = 'case-c-reordered' and revision = -1`);
    expect(await log.tamper(`delete from es_events where stream_id = 'case-d-truncated' and revision >= 2`)).toBe(2);

    const report = await log.audit.verify(NATIONAL_AUDITOR);
    expect(report).toMatchObject({
      ok: false,
      brokenStreams: 4,
      firstBreak: { streamId: 'case-a-payload', revision: 2, reason: 'hash_mismatch' },
    });
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'case-a-payload', revision: 2, reason: 'hash_mismatch' }),
      expect.objectContaining({ streamId: 'case-b-deleted', revision: 1, reason: 'missing_revision' }),
      expect.objectContaining({ streamId: 'case-c-reordered', revision: 1, reason: 'hash_mismatch' }),
      expect.objectContaining({ streamId: 'case-d-truncated', revision: 2, reason: 'head_mismatch' }),
    ]);
  });

  it('refuses to sign a checkpoint of a broken log', async () => {
    await expect(log.audit.createCheckpoint(NATIONAL_AUDITOR)).rejects.toMatchObject({
      code: 'audit.log_broken',
      details: { streamId: 'case-a-payload', revision: 2 },
    });
    expect(await log.audit.list(NATIONAL_AUDITOR)).toEqual([]);
  });
});

describe('signed checkpoints against a log rewritten to pass verification', () => {
  let log: Fixture;
  let checkpointId: string;
  beforeAll(async () => {
    log = await freshLog();
    await seed(log, ['tip-1', 'tip-2', 'tip-3', 'tip-4']);
    const created = await log.audit.createCheckpoint(NATIONAL_AUDITOR);
    checkpointId = created.checkpoint.id;
    expect(created.checkpoint).toMatchObject({ streams: 4, events: 16 });
    // Later history: more events, and a new stream (a checkpoint holds only what was there).
    await log.store.append('tip-2', [newEvent()], 'stream_exists');
    await seed(log, ['tip-5']);
  });

  it('is stored, recorded on the audit-checkpoints stream and listed', async () => {
    const [summary] = await log.audit.list(NATIONAL_AUDITOR);
    expect(summary).toMatchObject({ id: checkpointId, streams: 4, events: 16 });
    const recorded = await log.store.readStream(CHECKPOINT_STREAM);
    expect(recorded.map((e) => [e.type, e.data.id, e.metadata.actorId])).toEqual([[CHECKPOINT_SIGNED, checkpointId, 'auditor-1']]);
  });

  it('holds against the grown log', async () => {
    const result = await log.audit.checkCheckpoint(NATIONAL_AUDITOR, { id: checkpointId }, null);
    expect(result).toMatchObject({
      ok: true,
      seal: { signatureValid: true, signedByTrustedKey: true },
      log: { ok: true, checkpoint: { heads: 4, matched: 4, mismatches: 0 } },
    });
  });

  it('detects a cut tail even after the recorded head row was rewritten to hide it (verify alone passes)', async () => {
    const [kept] = await log.store.readStream('tip-3', { from: 1, limit: 1 });
    expect(await log.tamper(`delete from es_events where stream_id = 'tip-3' and revision >= 2`)).toBe(2);
    expect(await log.tamper(`update es_streams set revision = 1, head_hash = $1 where stream_id = 'tip-3'`, [kept!.hash])).toBe(1);
    expect((await log.audit.verify(NATIONAL_AUDITOR)).ok).toBe(true);

    const result = await log.audit.checkCheckpoint(NATIONAL_AUDITOR, { id: checkpointId }, null);
    expect(result.ok).toBe(false);
    expect(result.seal.signatureValid).toBe(true);
    expect(result.log.checkpoint!.listed).toEqual([expect.objectContaining({ streamId: 'tip-3', revision: 3, reason: 'missing' })]);
  });

  it('detects history rewritten with fresh hashes, which verify alone cannot', async () => {
    await log.rewriteWithFreshHashes('tip-1', 1, { note: 'a different entry' });
    expect((await log.audit.verify(NATIONAL_AUDITOR)).ok).toBe(true);
    const result = await log.audit.checkCheckpoint(NATIONAL_AUDITOR, { id: checkpointId }, null);
    expect(result.log.checkpoint!.listed).toEqual(
      expect.arrayContaining([expect.objectContaining({ streamId: 'tip-1', revision: 3, reason: 'hash_differs' })]),
    );
  });

  it('works from a kept copy alone: the same checks, and the trusted key decides', async () => {
    const kept = await log.audit.get(NATIONAL_AUDITOR, checkpointId);
    // The database row is gone (or was never there): the file still proves what the log held.
    await log.pool.query('delete from audit_checkpoints');
    const result = await log.audit.checkCheckpoint(NATIONAL_AUDITOR, { checkpoint: kept }, log.keys.publicKey);
    expect(result).toMatchObject({ ok: false, seal: { signatureValid: true, signedByTrustedKey: true } });
    expect(result.log.checkpoint!.listed.map((m) => m.streamId).sort()).toEqual(['tip-1', 'tip-3']);
    const stranger = generateKeyPairSync('ed25519').publicKey;
    expect((await log.audit.checkCheckpoint(NATIONAL_AUDITOR, { checkpoint: kept }, stranger)).seal).toMatchObject({
      signatureValid: false,
    });
  });

  it('gives an inclusion proof for one stream', async () => {
    const fresh = await freshLog();
    await seed(fresh, ['hotspot-x', 'tip-y', 'tip-z'], 2);
    const { checkpoint } = await fresh.audit.createCheckpoint(NATIONAL_AUDITOR);
    const proof = await fresh.audit.proof(NATIONAL_AUDITOR, checkpoint.id, 'tip-y');
    expect(proof).toMatchObject({ head: { streamId: 'tip-y', revision: 1 }, root: checkpoint.root, proof: { leafIndex: 1, treeSize: 3 } });
    await expect(fresh.audit.proof(NATIONAL_AUDITOR, checkpoint.id, 'tip-none')).rejects.toMatchObject({
      code: 'audit.stream_not_in_checkpoint',
    });
  });
});

describe('the log audit behind the policy point', () => {
  it('serves national auditors only, and records every refusal', async () => {
    const log = await freshLog();
    await seed(log, ['tip-1'], 1);
    const provincial = caller({ userId: 'auditor-2', grants: [{ role: 'auditor', scope: '01' }] });
    const officer = caller({ userId: 'officer-1', grants: [{ role: 'police_supervisor', scope: 'VN' }] });
    const dpo = caller({ userId: 'dpo-1', grants: [{ role: 'data_protection_officer', scope: 'VN' }] });
    for (const someone of [provincial, officer, dpo]) {
      await expect(log.audit.verify(someone)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(log.audit.createCheckpoint(someone)).rejects.toMatchObject({ status: 403 });
    }
    const denials = await log.store.readStream('access-event_log-collection');
    expect(denials.filter((e) => e.type === 'access.denied').map((e) => e.metadata.actorId)).toEqual([
      'auditor-2',
      'auditor-2',
      'officer-1',
      'officer-1',
      'dpo-1',
      'dpo-1',
    ]);
    expect(await log.audit.list(NATIONAL_AUDITOR)).toEqual([]);
  });
});
