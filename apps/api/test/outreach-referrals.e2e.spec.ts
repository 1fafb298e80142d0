import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const REDACTED = { redacted: 'not authorised' };
const CONTACT = 'Gọi số 0912 000 111 sau 20 giờ, xưng là cô giáo';
const NEEDS = 'Muốn khám sức khỏe sinh sản và học nghề may';
const REFERRAL = { jurisdiction: '10015', contactHint: CONTACT, preferredLanguage: 'vi', preferredTime: 'Buổi tối', needsMentioned: NEEDS };
const CREATORS: Role[] = ['police_officer', 'police_supervisor', 'inspector'];

describe('API: outreach referrals from enforcement into support', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi();
    const grants: Record<string, [Role, string]> = {
      police: ['police_officer', '10015'],
      policeSupervisor: ['police_supervisor', '01'],
      inspector: ['inspector', '01'],
      sanctioning: ['sanctioning_official', '01'],
      supervisor: ['support_supervisor', '01'],
      outsideSupervisor: ['support_supervisor', '79'],
      workerA: ['social_worker', '01'],
      workerB: ['social_worker', '01'],
      auditor: ['auditor', 'VN'],
      statistician: ['statistician', 'VN'],
    };
    for (const [name, [role, scope]] of Object.entries(grants)) tokens[name] = await bearer(`${name}-1`, [{ role, scope }]);
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer();
  const post = (path: string, body: unknown, token: string, options: { key?: string; ifMatch?: string } = {}) => {
    const call = request(server())
      .post(path)
      .set('Authorization', token)
      .set('Idempotency-Key', options.key ?? randomUUID());
    if (options.ifMatch) call.set('If-Match', options.ifMatch);
    return call.send(body as object);
  };
  const get = (path: string, token: string) => request(server()).get(path).set('Authorization', token);
  const stored = (id: string) => api.store.readStream(`outreach_referral-${id}`);
  const refer = async (token = tokens.police!, body: object = REFERRAL) =>
    (await post('/outreach-referrals', body, token).expect(201)).body.id as string;

  it('takes a referral from a police officer, answers only {id, revision, events}, and stores the contact and needs encrypted', async () => {
    const created = await post('/outreach-referrals', REFERRAL, tokens.police!).expect(201);
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, revision: 0, events: ['outreach_referral.created'] });
    expect(created.headers.etag).toBe('"0"');
    const events = await stored(id);
    expect(events.map((e) => e.type)).toEqual(['outreach_referral.created']);
    expect(events[0]!.metadata).toMatchObject({ actorId: 'police-1', role: 'police_officer', jurisdiction: '10015' });
    const raw = JSON.stringify(events);
    expect(raw).not.toContain('0912 000 111');
    expect(raw).not.toContain('sinh sản');
    expect(events[0]!.data).toMatchObject({
      jurisdiction: '10015',
      preferredLanguage: 'vi',
      preferredTime: 'Buổi tối',
      referredAt: expect.any(String),
    });
  });

  it('runs received → assigned → accepted: the supervisor sees it without the contact, the assigned social worker with it', async () => {
    const id = await refer();
    const unassigned = await get(`/outreach-referrals/${id}`, tokens.supervisor!).expect(200);
    expect(unassigned.headers.etag).toBe('"0"');
    expect(unassigned.body).toMatchObject({
      id,
      status: 'received',
      jurisdiction: '10015',
      preferredLanguage: 'vi',
      contactHint: REDACTED,
      needsMentioned: REDACTED,
      subjectId: `referral-${id}`,
    });
    expect(unassigned.body.redactedFields.sort()).toEqual(['contactHint', 'needsMentioned']);
    // The subject is minted for this record: its key belongs to the referral (where a data-subject request reads its jurisdiction from).
    expect(await api.keyStore.ownerOf(unassigned.body.subjectId)).toEqual({ kind: 'outreach_referral', recordId: id });
    await get(`/outreach-referrals/${id}`, tokens.workerA!).expect(404);

    const assigned = await post(`/outreach-referrals/${id}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!, {
      ifMatch: '"0"',
    }).expect(200);
    expect(assigned.body).toEqual({ id, revision: 1, events: ['outreach_referral.assigned'] });
    const seen = await get(`/outreach-referrals/${id}`, tokens.workerA!).expect(200);
    expect(seen.body).toMatchObject({
      status: 'assigned',
      assigneeId: 'workerA-1',
      contactHint: CONTACT,
      needsMentioned: NEEDS,
      redactedFields: [],
    });
    await get(`/outreach-referrals/${id}`, tokens.workerB!).expect(404);

    const accepted = await post(`/outreach-referrals/${id}/accept`, { supportCaseId: 'support-case-77' }, tokens.supervisor!).expect(200);
    expect(accepted.body.events).toEqual(['outreach_referral.accepted']);
    expect((await get(`/outreach-referrals/${id}`, tokens.supervisor!).expect(200)).body).toMatchObject({
      status: 'accepted',
      supportCaseId: 'support-case-77',
      decidedAt: expect.any(String),
    });

    const again = await post(`/outreach-referrals/${id}/decline`, { reason: 'could_not_reach' }, tokens.supervisor!).expect(409);
    expect(again.body).toMatchObject({ code: 'outreach_referral.already_decided', detailVi: expect.stringContaining('tiếp nhận') });
    expect(await stored(id)).toHaveLength(3);
  });

  it('declines with a reason; "other" without a note is refused with 422 in both languages and nothing is appended', async () => {
    const id = await refer();
    const refused = await post(`/outreach-referrals/${id}/decline`, { reason: 'other' }, tokens.supervisor!).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'outreach_referral.note_required',
      detail: expect.any(String),
      detailVi: expect.stringContaining('lý do'),
    });
    expect(await stored(id)).toHaveLength(1);
    await post(`/outreach-referrals/${id}/decline`, { reason: 'person_declined_support' }, tokens.supervisor!).expect(200);
    expect((await get(`/outreach-referrals/${id}`, tokens.supervisor!).expect(200)).body).toMatchObject({
      status: 'declined',
      declineReason: 'person_declined_support',
      declineNote: null,
    });
  });

  it('takes the referral away from a social worker it was reassigned from; a social worker cannot assign, accept or decline', async () => {
    const id = await refer();
    await post(`/outreach-referrals/${id}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!).expect(200);
    const byWorker = await post(`/outreach-referrals/${id}/accept`, { supportCaseId: 'case-1' }, tokens.workerA!).expect(404);
    expect(byWorker.body.code).toBeUndefined();
    await post(`/outreach-referrals/${id}/assign`, { assigneeId: 'workerB-1' }, tokens.supervisor!).expect(200);
    await get(`/outreach-referrals/${id}`, tokens.workerA!).expect(404);
    expect((await get(`/outreach-referrals/${id}`, tokens.workerB!).expect(200)).body.contactHint).toBe(CONTACT);
    const same = await post(`/outreach-referrals/${id}/assign`, { assigneeId: 'workerB-1' }, tokens.supervisor!).expect(409);
    expect(same.body.code).toBe('outreach_referral.already_assigned');
    expect(await stored(id)).toHaveLength(3);
  });

  it('refuses any offence detail in a referral (400 naming the field) and records nothing', async () => {
    for (const field of ['tipId', 'inspectionId', 'penaltyCaseId', 'establishmentId', 'offence', 'allegation']) {
      const key = randomUUID();
      const response = await post('/outreach-referrals', { ...REFERRAL, [field]: 'x-1' }, tokens.police!, { key }).expect(400);
      expect(JSON.stringify(response.body.errors)).toContain(field);
      expect(await stored(caseIdFor('police-1', key, 'outreach_referral'))).toEqual([]);
    }
    const notCommune = await post('/outreach-referrals', { ...REFERRAL, jurisdiction: '99999' }, tokens.police!).expect(400);
    expect(notCommune.body.errors).toEqual(['jurisdiction must be the code of a commune in force']);
  });

  it('is idempotent per key and checks If-Match on commands', async () => {
    const key = randomUUID();
    const first = await post('/outreach-referrals', REFERRAL, tokens.police!, { key }).expect(201);
    const retry = await post('/outreach-referrals', REFERRAL, tokens.police!, { key }).expect(201);
    expect(retry.body).toEqual(first.body);
    // The key is bound to its first request: the same key with another body is refused, and runs nothing.
    const reused = await post('/outreach-referrals', { ...REFERRAL, contactHint: 'something else' }, tokens.police!, { key }).expect(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body.code).toBe('idempotency_key.reused');
    // ... nor on another route.
    const elsewhere = await post(`/outreach-referrals/${first.body.id}/assign`, { assigneeId: 'workerA-1' }, tokens.police!, {
      key,
    }).expect(422);
    expect(elsewhere.body.code).toBe('idempotency_key.reused');
    expect(await stored(first.body.id)).toHaveLength(1);
    const supervisorRead = await get(`/outreach-referrals/${first.body.id}`, tokens.supervisor!).expect(200);
    expect(supervisorRead.body).toMatchObject({ status: 'received', assigneeId: null });
    const stale = await post(`/outreach-referrals/${first.body.id}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!, {
      ifMatch: '"3"',
    }).expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    await post(`/outreach-referrals/${first.body.id}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!)
      .set('Idempotency-Key', 'short')
      .expect(400);
    expect(await stored(first.body.id)).toHaveLength(1);
  });

  it('lists referrals in scope for supervisors and auditors, assigned ones for social workers, never for enforcement or statisticians', async () => {
    const mine = await refer(tokens.inspector!);
    const other = await refer(tokens.policeSupervisor!);
    const elsewhere = await refer(tokens.outsideSupervisor!, { ...REFERRAL, jurisdiction: '27559' });
    await post(`/outreach-referrals/${mine}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!).expect(200);
    const ids = async (token: string, query = '') =>
      ((await get(`/outreach-referrals${query}`, token).expect(200)).body.entries as Array<{ id: string }>).map((e) => e.id);

    const supervised = await ids(tokens.supervisor!);
    expect(supervised).toEqual(expect.arrayContaining([mine, other]));
    expect(supervised).not.toContain(elsewhere);
    expect(await ids(tokens.outsideSupervisor!)).toContain(elsewhere);
    expect(await ids(tokens.auditor!)).toEqual(expect.arrayContaining([mine, other, elsewhere]));
    const workerA = await ids(tokens.workerA!);
    expect(workerA).toContain(mine);
    expect(workerA).not.toContain(other);
    expect(await ids(tokens.supervisor!, '?status=assigned')).toContain(mine);
    expect(await ids(tokens.supervisor!, '?status=assigned')).not.toContain(other);

    const entry = (await get('/outreach-referrals', tokens.supervisor!).expect(200)).body.entries.find(
      (e: { id: string }) => e.id === mine,
    );
    expect(entry).toEqual({
      id: mine,
      jurisdiction: '10015',
      revision: 1,
      status: 'assigned',
      referredAt: expect.any(String),
      preferredLanguage: 'vi',
      assigneeId: 'workerA-1',
      assignedAt: expect.any(String),
      supportCaseId: null,
      declineReason: null,
      decidedAt: null,
    });
    const everything = JSON.stringify((await get('/outreach-referrals', tokens.auditor!).expect(200)).body);
    expect(everything).not.toContain('0912 000 111');
    expect(everything).not.toContain('sinh sản');
    const notFound = await get('/no-such-route', tokens.police!).expect(404);
    for (const token of [tokens.police!, tokens.policeSupervisor!, tokens.inspector!, tokens.sanctioning!, tokens.statistician!]) {
      const denied = await get('/outreach-referrals', token).expect(404);
      expect({ ...denied.body, instance: null }).toEqual({ ...notFound.body, instance: null });
    }
  });

  describe.each(CREATORS)('%s', (role) => {
    let token: string;
    const userId = `${role}-firewall`;
    beforeAll(async () => {
      token = await bearer(userId, [{ role, scope: 'VN' }]);
    });

    it('creates a referral and answers alike whatever the input, with or without anything known to support', async () => {
      const known = await refer(tokens.police!);
      await post(`/outreach-referrals/${known}/accept`, { supportCaseId: 'case-known' }, tokens.supervisor!).expect(200);
      const same = await post('/outreach-referrals', REFERRAL, token).expect(201);
      const fresh = await post('/outreach-referrals', { jurisdiction: '27559', contactHint: `never seen ${randomUUID()}` }, token).expect(
        201,
      );
      for (const answer of [same, fresh]) {
        expect(answer.body).toEqual({ id: expect.any(String), revision: 0, events: ['outreach_referral.created'] });
        expect(Object.keys(answer.headers).sort()).toEqual(Object.keys(same.headers).sort());
        expect(answer.headers.etag).toBe('"0"');
      }
    });

    it('gets the same 404 for its own referral as for a missing one, on every read, list and command, and appends nothing', async () => {
      const key = randomUUID();
      const id = caseIdFor(userId, key, 'outreach_referral');
      const probes: Array<[string, string, object?]> = [
        ['GET', `/outreach-referrals/${id}`],
        ['GET', '/outreach-referrals'],
        ['GET', `/outreach-referrals?status=received`],
        ['POST', `/outreach-referrals/${id}/assign`, { assigneeId: 'workerA-1' }],
        ['POST', `/outreach-referrals/${id}/accept`, { supportCaseId: 'case-1' }],
        ['POST', `/outreach-referrals/${id}/decline`, { reason: 'could_not_reach' }],
      ];
      const answer = async ([method, path, body]: [string, string, object?]) => {
        const call = method === 'GET' ? get(path, token) : post(path, body, token, { ifMatch: '"0"' });
        const response = await call;
        // The date and the request id differ from one answer to the next, whatever the record.
        const { date: _date, 'x-request-id': _requestId, ...headers } = response.headers;
        return { status: response.status, headers, body: response.body };
      };
      const beforeCreation = [];
      for (const probe of probes) beforeCreation.push(await answer(probe));

      await post('/outreach-referrals', REFERRAL, token, { key }).expect(201);
      await post(`/outreach-referrals/${id}/assign`, { assigneeId: 'workerA-1' }, tokens.supervisor!).expect(200);
      const afterCreation = [];
      for (const probe of probes) afterCreation.push(await answer(probe));

      expect(afterCreation).toEqual(beforeCreation);
      for (const a of afterCreation) {
        expect(a.status).toBe(404);
        expect(a.body).toEqual({
          type: 'about:blank',
          title: 'Not found',
          status: 404,
          detail: 'Nothing here. / Không tìm thấy.',
          instance: expect.any(String),
        });
        expect(JSON.stringify(a)).not.toContain('workerA-1');
      }
      expect((await stored(id)).map((e) => e.type)).toEqual(['outreach_referral.created', 'outreach_referral.assigned']);
    });
  });

  it('refuses creation to a sanctioning official and to a police officer outside their scope, appending nothing', async () => {
    for (const [token, user] of [
      [tokens.sanctioning!, 'sanctioning-1'],
      [tokens.police!, 'police-1'],
    ] as const) {
      const key = randomUUID();
      const body = token === tokens.police ? { ...REFERRAL, jurisdiction: '27559' } : REFERRAL;
      await post('/outreach-referrals', body, token, { key }).expect(404);
      expect(await stored(caseIdFor(user, key, 'outreach_referral'))).toEqual([]);
    }
  });
});
