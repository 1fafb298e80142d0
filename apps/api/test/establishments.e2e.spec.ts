import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const REGISTER = {
  commune: '10015',
  type: 'karaoke',
  businessName: 'Karaoke Hoa Mai',
  address: 'Tổ 3, thị trấn Chúc Sơn',
  businessLicenceNumber: '0108-2025-HKD',
  securityPermitNumber: 'ANTT-0077',
  ownerName: 'Lê Thị Chủ Cơ Sở',
  ownerContact: '0912 345 678',
};
const REDACTED = { redacted: 'not authorised' };
const key = () => `key-${randomUUID()}`;

describe('API: establishments registry', () => {
  let api: TestApi;
  let inspector: string;
  beforeAll(async () => {
    api = await startTestApi();
    inspector = await bearer('inspector-est', [{ role: 'inspector', scope: '01' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`establishment-${id}`);
  const register = async (body: object = REGISTER, token = inspector) => {
    const response = await http().post('/establishments').set('Authorization', token).set('Idempotency-Key', key()).send(body).expect(201);
    return response.body.id as string;
  };
  const command = (id: string, verb: string, body: object, options: { token?: string; ifMatch?: string; key?: string } = {}) => {
    const r = http()
      .post(`/establishments/${id}/${verb}`)
      .set('Authorization', options.token ?? inspector)
      .set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };

  it('registers, classifies, records the commitment, links, closes, and shows the dossier and its history', async () => {
    const created = await http()
      .post('/establishments')
      .set('Authorization', inspector)
      .set('Idempotency-Key', key())
      .send(REGISTER)
      .expect(201);
    expect(created.headers.etag).toBe('"0"');
    expect(created.body).toMatchObject({ revision: 0, events: ['establishment.registered'] });
    const id = created.body.id as string;
    // The owner's name and contact are encrypted before they are stored.
    const [stored] = await stream(id);
    expect(JSON.stringify(stored!.data)).not.toContain('Lê Thị Chủ Cơ Sở');
    expect(JSON.stringify(stored!.data)).not.toContain('0912 345 678');

    await command(id, 'classify-risk', { riskClass: 'high', reason: 'two tips in six months' }, { ifMatch: '"0"' })
      .expect(200)
      .expect('ETag', '"1"');
    await command(id, 'sign-commitment', { signedOn: '2026-01-05', commune: '10015' }, { ifMatch: '1' }).expect(200);
    await command(id, 'link-inspection', { inspectionId: 'insp-0001' }).expect(200);
    const linked = await command(id, 'link-penalty-case', { penaltyCaseId: 'pen-0001' }).expect(200);
    expect(linked.body).toEqual({ id, revision: 4, events: ['establishment.penalty_linked'] });
    await command(id, 'close', { closedOn: '2026-02-01', reason: 'business ceased' }).expect(200);

    const view = await http().get(`/establishments/${id}`).set('Authorization', inspector).expect(200).expect('ETag', '"5"');
    expect(view.body).toMatchObject({
      id,
      revision: 5,
      status: 'closed',
      commune: '10015',
      establishmentType: 'karaoke',
      securityPermitNumber: 'ANTT-0077',
      ownerName: 'Lê Thị Chủ Cơ Sở',
      risk: { riskClass: 'high', reason: 'two tips in six months' },
      commitments: [{ signedOn: '2026-01-05', commune: '10015' }],
      inspectionIds: ['insp-0001'],
      penaltyCaseIds: ['pen-0001'],
      closure: { closedOn: '2026-02-01', reason: 'business ceased' },
    });
    expect(view.body.ownerSubjectId).toMatch(/^subj-/);

    const history = await http().get(`/establishments/${id}/history`).set('Authorization', inspector).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual([
      'establishment.registered',
      'establishment.risk_classified',
      'establishment.commitment_signed',
      'establishment.inspection_linked',
      'establishment.penalty_linked',
      'establishment.closed',
    ]);
    expect(history.body.history[0]).toMatchObject({ actorId: 'inspector-est', role: 'inspector', at: expect.any(String) });
  });

  it('redacts the owner’s identity for a police officer the case is not assigned to', async () => {
    const id = await register();
    const officer = await bearer('officer-est', [{ role: 'police_officer', scope: '10015' }]);
    const view = await http().get(`/establishments/${id}`).set('Authorization', officer).expect(200);
    expect(view.body).toMatchObject({ ownerName: REDACTED, ownerContact: REDACTED, businessName: 'Karaoke Hoa Mai' });
    expect(JSON.stringify(view.body)).not.toContain('Lê Thị Chủ Cơ Sở');
  });

  it('mints the owner’s subject id for the record; a request that names one is 400 and appends nothing', async () => {
    const first = await register();
    const second = await register();
    const ownerOf = async (id: string) =>
      (await http().get(`/establishments/${id}`).set('Authorization', inspector).expect(200)).body.ownerSubjectId as string;
    const [a, b] = [await ownerOf(first), await ownerOf(second)];
    expect(a).not.toBe(b);
    expect(await api.keyStore.ownerOf(a)).toEqual({ kind: 'establishment', recordId: first });

    const idempotencyKey = key();
    const named = await http()
      .post('/establishments')
      .set('Authorization', inspector)
      .set('Idempotency-Key', idempotencyKey)
      .send({ ...REGISTER, ownerSubjectId: a })
      .expect(400);
    expect(named.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(named.body.errors)).toContain('property ownerSubjectId should not exist');
    expect(await stream(caseIdFor('inspector-est', idempotencyKey, 'establishment'))).toEqual([]);
    expect(await api.keyStore.ownerOf(a)).toEqual({ kind: 'establishment', recordId: first });
  });

  it('shows the owner’s identity as erased once two DPOs have erased the owner, and keeps the rest', async () => {
    const id = await register();
    const ownerSubjectId = (await http().get(`/establishments/${id}`).set('Authorization', inspector).expect(200)).body
      .ownerSubjectId as string;
    const dpoA = await bearer('dpo-est-a', [{ role: 'data_protection_officer', scope: '01' }]);
    const dpoB = await bearer('dpo-est-b', [{ role: 'data_protection_officer', scope: '10015' }]);
    const south = await bearer('dpo-est-79', [{ role: 'data_protection_officer', scope: '79' }]);
    const erasure = `/data-subjects/${ownerSubjectId}/erasure`;
    // The owner's record lies in 10015: a DPO of another province meets the same 404 as for an unknown subject.
    await http()
      .post(erasure)
      .set('Authorization', south)
      .set('Idempotency-Key', key())
      .send({ reason: 'Court order 12/2026' })
      .expect(404);
    await http()
      .post('/data-subjects/subj-no-such-owner/erasure')
      .set('Authorization', dpoA)
      .set('Idempotency-Key', key())
      .send({ reason: 'Court order 12/2026' })
      .expect(404);
    const requested = await http()
      .post(erasure)
      .set('Authorization', dpoA)
      .set('Idempotency-Key', key())
      .send({ reason: 'Court order 12/2026' })
      .expect(202);
    expect(requested.body).toMatchObject({ subjectId: ownerSubjectId, status: 'awaiting_confirmation', requestedBy: 'dpo-est-a' });
    // Requested, not yet confirmed: the owner still reads.
    expect((await http().get(`/establishments/${id}`).set('Authorization', inspector).expect(200)).body.ownerName).toBe('Lê Thị Chủ Cơ Sở');
    const self = await http().post(`${erasure}/confirm`).set('Authorization', dpoA).set('Idempotency-Key', key()).send({}).expect(403);
    expect(self.body.code).toBe('erasure.self_confirmation');
    expect(await api.keyStore.existingKey(ownerSubjectId)).not.toBe('erased');
    const confirmed = await http().post(`${erasure}/confirm`).set('Authorization', dpoB).set('Idempotency-Key', key()).send({}).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'erased',
      confirmedBy: 'dpo-est-b',
      destroyedKeyIds: [expect.stringMatching(/^key-/)],
      position: expect.any(String),
    });
    expect((await http().get(erasure).set('Authorization', dpoA).expect(200)).body).toMatchObject({
      status: 'erased',
      requestedBy: 'dpo-est-a',
      confirmedBy: 'dpo-est-b',
    });
    expect(await api.keyStore.existingKey(ownerSubjectId)).toBe('erased');

    const view = await http().get(`/establishments/${id}`).set('Authorization', inspector).expect(200);
    expect(view.body).toMatchObject({
      ownerName: { erased: true },
      ownerContact: { erased: true },
      businessName: 'Karaoke Hoa Mai',
      securityPermitNumber: 'ANTT-0077',
      ownerSubjectId,
    });
    expect(view.body.erasedFields).toEqual(expect.arrayContaining(['ownerName', 'ownerContact']));
  });

  it('answers a bad body with 400 problem+json naming the fields, rejects unknown fields, and appends nothing', async () => {
    const idempotencyKey = key();
    const bad = await http()
      .post('/establishments')
      .set('Authorization', inspector)
      .set('Idempotency-Key', idempotencyKey)
      .send({ ...REGISTER, commune: '01', type: 'casino', isVip: true })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = JSON.stringify(bad.body.errors);
    for (const field of ['commune', 'type', 'isVip']) expect(errors).toContain(field);
    expect(await stream(caseIdFor('inspector-est', idempotencyKey, 'establishment'))).toEqual([]);

    const id = await register();
    const badCommand = await command(id, 'classify-risk', { riskClass: 'extreme' }).expect(400);
    expect(JSON.stringify(badCommand.body.errors)).toMatch(/riskClass[\s\S]*reason|reason[\s\S]*riskClass/);
    await http()
      .post(`/establishments/${id}/classify-risk`)
      .set('Authorization', inspector)
      .send({ riskClass: 'low', reason: 'x' })
      .expect(400);
    expect(await stream(id)).toHaveLength(1);
  });

  it('refuses a stale If-Match with 409 and appends nothing', async () => {
    const id = await register();
    await command(id, 'classify-risk', { riskClass: 'low', reason: 'first' }, { ifMatch: '"0"' }).expect(200);
    const stale = await command(id, 'classify-risk', { riskClass: 'high', reason: 'second' }, { ifMatch: '"0"' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    expect(await stream(id)).toHaveLength(2);
  });

  it('refuses with 422 naming the rule: a commitment with another commune, a date in the future', async () => {
    const id = await register();
    const mismatch = await command(id, 'sign-commitment', { signedOn: '2026-01-05', commune: '10030' }).expect(422);
    expect(mismatch.body).toMatchObject({
      code: 'establishment.commitment_commune_mismatch',
      detail: expect.stringContaining('People’s Committee'),
      detailVi: expect.stringContaining('UBND'),
    });
    const future = await command(id, 'close', { closedOn: '2999-01-01', reason: 'x' }).expect(422);
    expect(future.body.code).toBe('establishment.date_in_future');
    await command(id, 'close', { closedOn: '2026-01-01', reason: 'ceased' }).expect(200);
    const closed = await command(id, 'classify-risk', { riskClass: 'low', reason: 'x' }).expect(409);
    expect(closed.body.code).toBe('establishment.closed');
    expect(await stream(id)).toHaveLength(2);
  });

  it('refuses roles and scopes that may not act (403) and unknown establishments (404)', async () => {
    const id = await register();
    const official = await bearer('official-est', [{ role: 'sanctioning_official', scope: '01' }]);
    const elsewhere = await bearer('inspector-79', [{ role: 'inspector', scope: '79' }]);
    const auditor = await bearer('auditor-est', [{ role: 'auditor', scope: '01' }]);
    await command(id, 'classify-risk', { riskClass: 'low', reason: 'x' }, { token: official }).expect(403);
    await command(id, 'classify-risk', { riskClass: 'low', reason: 'x' }, { token: elsewhere }).expect(403);
    await command(id, 'classify-risk', { riskClass: 'low', reason: 'x' }, { token: auditor }).expect(403);
    await http().post('/establishments').set('Authorization', official).set('Idempotency-Key', key()).send(REGISTER).expect(403);
    await http().get(`/establishments/${id}`).set('Authorization', official).expect(403);
    await http().get(`/establishments/${id}/history`).set('Authorization', elsewhere).expect(403);
    // Only a caller who could see such a case anywhere learns that it does not exist.
    const national = await bearer('inspector-vn', [{ role: 'inspector', scope: 'VN' }]);
    await http().get('/establishments/no-such-establishment').set('Authorization', national).expect(404);
    await http().get('/establishments/no-such-establishment/history').set('Authorization', national).expect(404);
    await http().get('/establishments/no-such-establishment').set('Authorization', inspector).expect(403);
    // A missing establishment is answered as one the caller may not see (403 below national scope).
    await command('no-such-establishment', 'close', { closedOn: '2026-01-01', reason: 'x' }).expect(403);
    expect(await stream(id)).toHaveLength(1);
  });

  it('answers an idempotent retry with the same result and appends once', async () => {
    const idempotencyKey = key();
    const first = await http()
      .post('/establishments')
      .set('Authorization', inspector)
      .set('Idempotency-Key', idempotencyKey)
      .send(REGISTER)
      .expect(201);
    const again = await http()
      .post('/establishments')
      .set('Authorization', inspector)
      .set('Idempotency-Key', idempotencyKey)
      .send(REGISTER)
      .expect(201);
    expect(again.body).toEqual(first.body);
    const id = first.body.id as string;
    const linkKey = key();
    const link = await command(id, 'link-inspection', { inspectionId: 'insp-0009' }, { key: linkKey, ifMatch: '"0"' }).expect(200);
    const retry = await command(id, 'link-inspection', { inspectionId: 'insp-0009' }, { key: linkKey, ifMatch: '"0"' }).expect(200);
    expect(retry.body).toEqual(link.body);
    expect((await stream(id)).map((e) => e.type)).toEqual(['establishment.registered', 'establishment.inspection_linked']);
  });

  it('documents the commands in OpenAPI with their Idempotency-Key and If-Match headers', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    const headersOf = (path: string) =>
      (doc.paths[path].post.parameters as { name: string; in: string }[]).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headersOf('/establishments')).toEqual(['Idempotency-Key']);
    for (const path of ['/establishments/{id}/classify-risk', '/inspections/{id}/conduct', '/hotspots/{id}/reactivate'])
      expect(headersOf(path)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    expect(doc.components.schemas.RegisterEstablishmentBody.required).toEqual(expect.arrayContaining(['commune', 'type', 'ownerName']));
    expect(doc.paths['/hotspots/{id}'].get.tags).toEqual(['hotspots']);
  });
});
