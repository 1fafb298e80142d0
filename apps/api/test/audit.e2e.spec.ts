import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { leafHash, verifyInclusion } from '../../../libs/audit/src/domain/merkle.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';

const REDACTED = { redacted: 'not authorised' };
const ALLEGATION = 'Môi giới tại quán karaoke Hoa Sen, tổ 5';
const signingKey = generateKeyPairSync('ed25519');

describe('API: auditors verify the log, publish and check signed checkpoints, and read history as of a moment', () => {
  let api: TestApi;
  let url: string;
  let drop: () => Promise<void>;
  let dataDir: string;
  let tokens: Record<'auditor' | 'provincialAuditor' | 'supervisor' | 'dpo' | 'socialWorker' | 'statistician', string>;

  beforeAll(async () => {
    // A database of its own: this suite tampers with the log.
    ({ url, drop } = await createTestDatabase());
    dataDir = await mkdtemp(path.join(tmpdir(), 'audit-e2e-'));
    const pem = signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    api = await startTestApi(url, undefined, { AUDIT_SIGNING_KEY: pem, DATA_DIR: dataDir });
    const as = (user: string, grant: RoleGrant) => bearer(user, [grant]);
    tokens = {
      auditor: await as('auditor-vn', { role: 'auditor', scope: 'VN' }),
      provincialAuditor: await as('auditor-01', { role: 'auditor', scope: '01' }),
      supervisor: await as('supervisor-1', { role: 'police_supervisor', scope: '01' }),
      dpo: await as('dpo-1', { role: 'data_protection_officer', scope: 'VN' }),
      socialWorker: await as('social-1', { role: 'social_worker', scope: '01' }),
      statistician: await as('stat-1', { role: 'statistician', scope: 'VN' }),
    };
  });
  afterAll(async () => {
    await api.close();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const server = () => api.app.getHttpServer();
  const get = (route: string, token: string) => request(server()).get(route).set('Authorization', token);
  const receiveTip = async () => {
    const body = {
      jurisdiction: '10015',
      channel: 'hotline',
      kind: 'denunciation',
      allegation: ALLEGATION,
      anonymous: true,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
    };
    const response = await request(server())
      .post('/tips')
      .set('Authorization', tokens.supervisor)
      .set('Idempotency-Key', randomUUID())
      .send(body)
      .expect(201);
    return response.body.id as string;
  };
  const tamper = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set session_replication_role = replica');
      return (await client.query(sql, values)).rowCount;
    } finally {
      await client.end();
    }
  };

  it('GET /audit/verify: a national auditor gets the counts of an intact log; every other role gets 403, no token 401', async () => {
    await receiveTip();
    const report = await get('/audit/verify', tokens.auditor).expect(200);
    expect(report.body).toMatchObject({ ok: true, firstBreak: null, brokenStreams: 0, source: 'postgres' });
    expect(report.body.events).toBeGreaterThanOrEqual(2);
    for (const token of [tokens.provincialAuditor, tokens.supervisor, tokens.dpo, tokens.socialWorker, tokens.statistician]) {
      await get('/audit/verify', token).expect(403);
      await request(server()).post('/audit/checkpoints').set('Authorization', token).expect(403);
      await get('/audit/checkpoints', token).expect(403);
    }
    await request(server()).get('/audit/verify').expect(401);
  });

  it('publishes a signed checkpoint (POST, no body), lists it, hands out the whole document, proves a head and checks it against the log', async () => {
    const tipId = await receiveTip();
    const created = await request(server()).post('/audit/checkpoints').set('Authorization', tokens.auditor).expect(201);
    expect(created.body).toMatchObject({
      format: 'pcm-audit-checkpoint/1',
      algorithm: 'Ed25519',
      verification: { streams: created.body.streams },
    });
    expect(created.body.heads).toBeUndefined();
    const id = created.body.id as string;

    const listed = await get('/audit/checkpoints?limit=5', tokens.auditor).expect(200);
    expect(listed.body.checkpoints[0]).toMatchObject({ id, root: created.body.root });
    const document = (await get(`/audit/checkpoints/${id}`, tokens.auditor).expect(200)).body;
    expect(document.heads).toEqual(expect.arrayContaining([[`tip-${tipId}`, 0, expect.stringMatching(/^[0-9a-f]{64}$/)]]));

    const { body: proof } = await get(`/audit/checkpoints/${id}/proof?stream=tip-${tipId}`, tokens.auditor).expect(200);
    expect(verifyInclusion(leafHash(proof.head), proof.proof, document.root)).toBe(true);

    const checked = await get(`/audit/checkpoints/${id}/verify`, tokens.auditor).expect(200);
    expect(checked.body).toMatchObject({
      ok: true,
      seal: { signatureValid: true, signedByTrustedKey: true },
      log: { checkpoint: { mismatches: 0 } },
    });

    await get('/audit/checkpoints/not-a-uuid/verify', tokens.auditor).expect(400);
    await get(`/audit/checkpoints/${randomUUID()}`, tokens.auditor).expect(404);
    await get(`/audit/checkpoints/${id}/proof?stream=bad stream`, tokens.auditor).expect(400);
    await get('/audit/checkpoints?limit=0', tokens.auditor).expect(400);
  });

  it('a checkpoint taken before catches a cut tail that the rewritten head row hides from verify', async () => {
    const tipId = await receiveTip();
    await request(server())
      .post(`/tips/${tipId}/classify`)
      .set('Authorization', tokens.supervisor)
      .set('Idempotency-Key', randomUUID())
      .send({ category: 'brokering' })
      .expect(200);
    const { body: checkpoint } = await request(server()).post('/audit/checkpoints').set('Authorization', tokens.auditor).expect(201);

    const [first] = await api.store.readStream(`tip-${tipId}`, { limit: 1 });
    expect(await tamper('delete from es_events where stream_id = $1 and revision >= 1', [`tip-${tipId}`])).toBe(1);
    expect(await tamper('update es_streams set revision = 0, head_hash = $2 where stream_id = $1', [`tip-${tipId}`, first!.hash])).toBe(1);

    expect((await get('/audit/verify', tokens.auditor).expect(200)).body).toMatchObject({ ok: true });
    const checked = await get(`/audit/checkpoints/${checkpoint.id}/verify`, tokens.auditor).expect(200);
    expect(checked.body).toMatchObject({ ok: false, seal: { signatureValid: true }, log: { checkpoint: { mismatches: 1 } } });
    expect(checked.body.log.checkpoint.listed).toEqual([
      expect.objectContaining({ streamId: `tip-${tipId}`, revision: 1, reason: 'missing' }),
    ]);
  });

  it('GET /audit/verify reports a changed payload byte with its stream and revision; no checkpoint is signed over it', async () => {
    const tipId = await receiveTip();
    await tamper(`update es_events set data = jsonb_set(data, '{channel}', '"Hotline"') where stream_id = $1 and revision = 0`, [
      `tip-${tipId}`,
    ]);
    const report = await get('/audit/verify', tokens.auditor).expect(200);
    expect(report.body).toMatchObject({ ok: false, firstBreak: { streamId: `tip-${tipId}`, revision: 0, reason: 'hash_mismatch' } });
    const refused = await request(server()).post('/audit/checkpoints').set('Authorization', tokens.auditor).expect(409);
    expect(refused.body).toMatchObject({ code: 'audit.log_broken', errors: { streamId: `tip-${tipId}`, revision: 0 } });
    await tamper(`update es_events set data = jsonb_set(data, '{channel}', '"hotline"') where stream_id = $1 and revision = 0`, [
      `tip-${tipId}`,
    ]);
  });

  it('as-of: the tip as known at a moment, personal fields redacted for the auditor, 403 for a support role, 400 for a bad moment', async () => {
    const tipId = await receiveTip();
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await request(server())
      .post(`/tips/${tipId}/classify`)
      .set('Authorization', tokens.supervisor)
      .set('Idempotency-Key', randomUUID())
      .send({ category: 'brokering' })
      .expect(200);

    const asOf = await get(`/audit/cases/tip/${tipId}/as-of?at=${encodeURIComponent(between.toISOString())}`, tokens.auditor).expect(200);
    expect(asOf.body).toMatchObject({
      kind: 'tip',
      id: tipId,
      revision: 0,
      currentRevision: 1,
      rule: 'recordedAt <= at',
      state: { status: 'received', category: null },
    });
    expect(asOf.body.history).toEqual([
      expect.objectContaining({
        revision: 0,
        type: 'tip.received',
        actorId: 'supervisor-1',
        role: 'police_supervisor',
        values: expect.objectContaining({ allegation: REDACTED }),
      }),
    ]);
    expect(JSON.stringify(asOf.body)).not.toContain('Hoa Sen');
    const supervisorView = await get(
      `/audit/cases/tip/${tipId}/as-of?at=${encodeURIComponent(between.toISOString())}`,
      tokens.supervisor,
    ).expect(200);
    expect(supervisorView.body.history[0].values.allegation).toBe(ALLEGATION);

    await get(`/audit/cases/tip/${tipId}/as-of?at=${encodeURIComponent(between.toISOString())}`, tokens.socialWorker).expect(403);
    await get(`/audit/cases/tip/${randomUUID()}/as-of?at=2026-01-01T00:00:00Z`, tokens.auditor).expect(404);
    const bad = await get(`/audit/cases/tip/${tipId}/as-of?at=2026-03-02`, tokens.auditor).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('at:');
    await get(`/audit/cases/tip/${tipId}/as-of?at=2026-02-30T10:00:00Z`, tokens.auditor).expect(400);
    await get(`/audit/cases/tip/${tipId}/as-of?at=2026-03-02T10:00:00Z&extra=1`, tokens.auditor).expect(400);
    await get(`/audit/cases/spaceship/${tipId}/as-of?at=2026-03-02T10:00:00Z`, tokens.auditor).expect(400);
  });

  it('replay: every event of a stream with its hash and link check; access trails for auditors; unlabelled streams fail closed', async () => {
    const tipId = await receiveTip();
    const replay = await get(`/audit/streams/tip-${tipId}/replay`, tokens.auditor).expect(200);
    expect(replay.body).toMatchObject({ streamId: `tip-${tipId}`, resource: { kind: 'tip', id: tipId }, chain: { ok: true } });
    expect(replay.body.events[0]).toMatchObject({
      revision: 0,
      type: 'tip.received',
      chainOk: true,
      values: expect.objectContaining({ allegation: REDACTED }),
    });

    const trail = await get(`/audit/streams/access-tip-${tipId}/replay`, tokens.auditor).expect(200);
    expect(trail.body.events.map((e: { values: { actorId: string } }) => e.values.actorId)).toContain('auditor-vn');
    await get(`/audit/streams/access-tip-${tipId}/replay`, tokens.supervisor).expect(403);

    const checkpoints = await get('/audit/streams/audit-checkpoints/replay', tokens.auditor).expect(200);
    expect(checkpoints.body.events[0]).toMatchObject({ type: 'audit.checkpoint_signed', chainOk: true });
    await get('/audit/streams/no-such-stream/replay', tokens.auditor).expect(404);
    await get(`/audit/streams/tip-${randomUUID()}/replay`, tokens.auditor).expect(404);

    // A stream whose fields carry no labels here: metadata and hashes only, every value redacted.
    await api.store.append(
      'relay-outbox-1',
      [
        {
          id: randomUUID(),
          type: 'relay.noted',
          schemaVersion: 1,
          data: { who: 'Trần Văn Ẩn' },
          metadata: {
            actorId: 'relay',
            role: 'system',
            jurisdiction: 'VN',
            purpose: 'relay',
            correlationId: randomUUID(),
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      'no_stream',
    );
    const unlabelled = await get('/audit/streams/relay-outbox-1/replay', tokens.auditor).expect(200);
    expect(unlabelled.body).toMatchObject({
      resource: { kind: 'event_log' },
      redactedFields: ['who'],
      events: [expect.objectContaining({ actorId: 'relay', values: { who: REDACTED } })],
    });
    await get('/audit/streams/relay-outbox-1/replay', tokens.provincialAuditor).expect(403);
  });
});
