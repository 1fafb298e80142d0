import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const DAY = 86_400_000;
const REDACTED = { redacted: 'not authorised' };
const PERSON = { name: 'Trần Thị Hoa Sen', contact: '0912 345 999', birthYear: 1996, address: 'Tổ 7, thôn Đông, xã Chương Mỹ' };
const HEALTH = 'Cần điều trị dự phòng và xét nghiệm định kỳ';
const HEALTH_PROVIDER = 'provider-health-station-10015';
const LEGAL_PROVIDER = 'provider-legal-aid-01';

describe('API: confidential support cases', () => {
  let api: TestApi;
  let tokens: Record<'worker' | 'otherWorker' | 'supervisor' | 'national' | 'auditor' | 'police' | 'outsideWorker', string>;
  beforeAll(async () => {
    api = await startTestApi();
    const as = (user: string, grant: RoleGrant) => bearer(user, [grant]);
    tokens = {
      worker: await as('social-worker-1', { role: 'social_worker', scope: '01' }),
      otherWorker: await as('social-worker-2', { role: 'social_worker', scope: '01' }),
      supervisor: await as('support-supervisor-1', { role: 'support_supervisor', scope: '01' }),
      national: await as('support-supervisor-vn', { role: 'support_supervisor', scope: 'VN' }),
      auditor: await as('auditor-1', { role: 'auditor', scope: 'VN' }),
      police: await as('police-supervisor-vn', { role: 'police_supervisor', scope: 'VN' }),
      outsideWorker: await as('social-worker-79', { role: 'social_worker', scope: '79' }),
    };
  });
  afterAll(() => api.close());

  const today = () => vnDate(new Date());
  const daysAgo = (n: number) => vnDate(new Date(Date.now() - n * DAY));
  const http = () => request(api.app.getHttpServer());
  const post = (path: string, body: unknown, token = tokens.worker, options: { key?: string; ifMatch?: string } = {}) => {
    const call = http()
      .post(path)
      .set('Authorization', token)
      .set('Idempotency-Key', options.key ?? randomUUID());
    if (options.ifMatch) call.set('If-Match', options.ifMatch);
    return call.send(body as object);
  };
  const get = (path: string, token = tokens.worker) => http().get(path).set('Authorization', token);
  const stored = (id: string) => api.store.readStream(`support_case-${id}`);
  const consent = (id: string, purpose: string, extra: Record<string, unknown> = {}) =>
    post(`/support-cases/${id}/consents`, { purpose, wordingVersion: 'v2026.1', method: 'written', givenOn: daysAgo(5), ...extra }).expect(
      200,
    );
  const open = async (overrides: Record<string, unknown> = {}, token = tokens.worker) =>
    (
      await post(
        '/support-cases',
        { jurisdiction: '10015', channel: 'walk_in', contactedOn: daysAgo(5), serviceUser: PERSON, ...overrides },
        token,
      ).expect(201)
    ).body.id as string;
  /** Opened by social-worker-1 with case-management consent, needs screened, referral consent for the health station. */
  const readyToRefer = async () => {
    const id = await open();
    await consent(id, 'case_management');
    await post(`/support-cases/${id}/screen-needs`, {
      needs: ['health_sexual_health_hiv_sti', 'legal_aid'],
      healthNotes: HEALTH,
      screenedOn: daysAgo(4),
    }).expect(200);
    await consent(id, 'referral', { providerId: HEALTH_PROVIDER, method: 'verbal_witnessed', witness: 'Lê Văn Chứng' });
    return id;
  };
  const refer = (id: string, providerId = HEALTH_PROVIDER) =>
    post(`/support-cases/${id}/referrals`, {
      providerId,
      service: 'health_sexual_health_hiv_sti',
      sharedFields: ['clientCode', 'needs'],
      referredOn: daysAgo(3),
    });

  it('runs a case from first contact to closing and reopening, with every step in the view and the history', async () => {
    const created = await post('/support-cases', {
      jurisdiction: '10015',
      channel: 'outreach',
      contactedOn: daysAgo(5),
      serviceUser: PERSON,
      note: 'Gặp tại điểm tư vấn lưu động',
    }).expect(201);
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, revision: 0, events: ['support_case.opened'] });
    expect(created.headers.etag).toBe('"0"');

    await consent(id, 'case_management');
    await consent(id, 'follow_up_contact');
    await consent(id, 'referral', { providerId: HEALTH_PROVIDER, method: 'verbal_witnessed', witness: 'Lê Văn Chứng' });
    await post(
      `/support-cases/${id}/screen-needs`,
      { needs: ['health_sexual_health_hiv_sti', 'vocational_training'], healthNotes: HEALTH, screenedOn: daysAgo(4) },
      tokens.worker,
      { ifMatch: '"3"' },
    ).expect(200);
    const referred = await refer(id).expect(200);
    expect(referred.body).toEqual({ id, revision: 5, events: ['support_case.referral_made'] });
    const referralId = (await get(`/support-cases/${id}`).expect(200)).body.referrals[0].referralId as string;
    await post(`/support-cases/${id}/referrals/${referralId}/accept`, { acceptedOn: daysAgo(3) }).expect(200);
    await post(`/support-cases/${id}/referrals/${referralId}/service-delivered`, {
      deliveredOn: daysAgo(2),
      note: 'Đã khám và tư vấn',
    }).expect(200);
    await post(`/support-cases/${id}/follow-ups`, { method: 'phone', followUpOn: daysAgo(1) }).expect(200);
    await post(`/support-cases/${id}/close`, { reason: 'goals_met', closedOn: today() }).expect(200);
    const reopened = await post(`/support-cases/${id}/reopen`, { reopenedOn: today(), note: 'Quay lại xin hỗ trợ pháp lý' }).expect(200);
    expect(reopened.body).toEqual({ id, revision: 10, events: ['support_case.reopened'] });

    const view = await get(`/support-cases/${id}`).expect(200);
    expect(view.headers.etag).toBe('"10"');
    expect(view.body).toMatchObject({
      id,
      revision: 10,
      status: 'reopened',
      clientCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      jurisdiction: '10015',
      assigneeId: 'social-worker-1',
      firstContact: { channel: 'outreach', contactedOn: daysAgo(5), outreachReferralId: null, note: 'Gặp tại điểm tư vấn lưu động' },
      serviceUser: PERSON,
      screenings: [{ needs: ['health_sexual_health_hiv_sti', 'vocational_training'], healthNotes: HEALTH }],
      referrals: [
        {
          referralId,
          providerId: HEALTH_PROVIDER,
          service: 'health_sexual_health_hiv_sti',
          sharedFields: ['clientCode', 'needs'],
          status: 'delivered',
          serviceNote: 'Đã khám và tư vấn',
        },
      ],
      followUps: [{ method: 'phone', followUpOn: daysAgo(1) }],
      closures: [{ reason: 'goals_met' }],
      consentSummary: {
        case_management: 'given',
        follow_up_contact: 'given',
        deidentified_statistics: 'none',
        referral: [{ providerId: HEALTH_PROVIDER, status: 'given' }],
      },
      redactedFields: [],
      erasedFields: [],
    });
    expect(view.body.consents.find((c: { purpose: string }) => c.purpose === 'referral')).toMatchObject({
      method: 'verbal_witnessed',
      witness: 'Lê Văn Chứng',
      takenBy: 'social-worker-1',
      wordingVersion: 'v2026.1',
    });

    // Sealed with the service user's own key, derived from the client code: no plaintext in the log.
    const events = await stored(id);
    const everything = JSON.stringify(events);
    for (const secret of [PERSON.name, PERSON.contact, PERSON.address, HEALTH, 'Lê Văn Chứng', 'Đã khám', 'vocational_training'])
      expect(everything).not.toContain(secret);
    expect(everything).toContain(`su-${view.body.clientCode}`);
    expect(await api.keyStore.existingKey(`su-${view.body.clientCode}`)).not.toBe('none');

    const history = await get(`/support-cases/${id}/history`).expect(200);
    expect(history.headers.etag).toBe('"10"');
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(events.map((e) => e.type));
    expect(history.body.history[0]).toMatchObject({ actorId: 'social-worker-1', role: 'social_worker' });
    expect(JSON.stringify(history.body)).not.toContain(PERSON.name);
  });

  it('records a first contact from an outreach referral with its id only', async () => {
    const id = await open({ channel: 'outreach_referral', outreachReferralId: 'outreach-ref-7f3a' });
    expect((await get(`/support-cases/${id}`).expect(200)).body.firstContact).toEqual({
      channel: 'outreach_referral',
      contactedOn: daysAgo(5),
      outreachReferralId: 'outreach-ref-7f3a',
      note: null,
    });
    const missing = await post('/support-cases', { jurisdiction: '10015', channel: 'outreach_referral', contactedOn: daysAgo(1) }).expect(
      422,
    );
    expect(missing.body).toMatchObject({ code: 'support_case.outreach_referral_id_required', detailVi: expect.any(String) });
  });

  it('shows who the person is only to the assigned social worker; supervisors and auditors see the case redacted', async () => {
    const id = await readyToRefer();
    const supervisorView = (await get(`/support-cases/${id}`, tokens.supervisor).expect(200)).body;
    expect(supervisorView).toMatchObject({
      status: 'needs_screened',
      assigneeId: 'social-worker-1',
      serviceUser: { name: REDACTED, contact: REDACTED, birthYear: REDACTED, address: REDACTED },
      screenings: [{ needs: REDACTED, healthNotes: REDACTED }],
    });
    expect(supervisorView.redactedFields).toEqual(
      expect.arrayContaining(['name', 'contact', 'birthYear', 'address', 'needs', 'healthNotes']),
    );
    const auditorView = (await get(`/support-cases/${id}`, tokens.auditor).expect(200)).body;
    expect(auditorView.consents[1]).toMatchObject({ witness: REDACTED, purpose: 'referral' });
    for (const body of [supervisorView, auditorView]) {
      for (const secret of [PERSON.name, PERSON.contact, HEALTH]) expect(JSON.stringify(body)).not.toContain(secret);
    }
    // A verbal consent's witness is personal: the supervisor sees it, the auditor does not.
    expect(supervisorView.consents[1].witness).toBe('Lê Văn Chứng');
    expect(JSON.stringify(auditorView)).not.toContain('Lê Văn Chứng');
  });

  it('refuses a referral without consent, and one to a provider whose consent was withdrawn, with 422 naming the rule in both languages', async () => {
    const id = await readyToRefer();
    const before = (await stored(id)).length;
    const noConsent = await refer(id, LEGAL_PROVIDER).expect(422);
    expect(noConsent.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noConsent.body).toMatchObject({
      status: 422,
      code: 'support_case.consent_required',
      errors: { rule: 'consent_per_purpose', purpose: 'referral', providerId: LEGAL_PROVIDER },
    });
    expect(await stored(id)).toHaveLength(before);

    await refer(id).expect(200);
    await consent(id, 'referral', { providerId: LEGAL_PROVIDER });
    const withdrawn = await post(`/support-cases/${id}/consents/withdraw`, {
      purpose: 'referral',
      providerId: HEALTH_PROVIDER,
      withdrawnOn: today(),
    }).expect(200);
    // The pending referral to that provider stops with the consent.
    expect(withdrawn.body.events).toEqual(['support_case.consent_withdrawn', 'support_case.referral_cancelled']);
    const count = (await stored(id)).length;
    const refused = await refer(id).expect(422);
    expect(refused.body).toMatchObject({
      code: 'support_case.consent_withdrawn',
      errors: { rule: 'consent_per_purpose', law: 'Law 91/2025', purpose: 'referral', providerId: HEALTH_PROVIDER, withdrawnOn: today() },
    });
    expect(refused.body.detail).toContain('withdrew consent');
    expect(refused.body.detail).toContain('Law 91/2025');
    expect(refused.body.detailVi).toContain('rút lại sự đồng ý');
    expect(refused.body.detailVi).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect(await stored(id)).toHaveLength(count);
    // Exactly what it covered: the other provider is still fine.
    await refer(id, LEGAL_PROVIDER).expect(200);
    const view = (await get(`/support-cases/${id}`).expect(200)).body;
    expect(view.referrals.map((r: { providerId: string; status: string }) => [r.providerId, r.status])).toEqual([
      [HEALTH_PROVIDER, 'cancelled'],
      [LEGAL_PROVIDER, 'pending'],
    ]);
  });

  it('refuses follow-up once its consent is withdrawn, and case work without case-management consent', async () => {
    const id = await open();
    const screen = { needs: ['legal_aid'], screenedOn: daysAgo(4) };
    expect((await post(`/support-cases/${id}/screen-needs`, screen).expect(422)).body).toMatchObject({
      code: 'support_case.consent_required',
      errors: { purpose: 'case_management' },
    });
    const ready = await readyToRefer();
    await consent(ready, 'follow_up_contact');
    await refer(ready).expect(200);
    const referralId = (await get(`/support-cases/${ready}`).expect(200)).body.referrals[0].referralId as string;
    await post(`/support-cases/${ready}/referrals/${referralId}/accept`, { acceptedOn: daysAgo(3) }).expect(200);
    await post(`/support-cases/${ready}/referrals/${referralId}/service-delivered`, { deliveredOn: daysAgo(2) }).expect(200);
    await post(`/support-cases/${ready}/consents/withdraw`, { purpose: 'follow_up_contact', withdrawnOn: daysAgo(1) }).expect(200);
    const refused = await post(`/support-cases/${ready}/follow-ups`, { method: 'phone', followUpOn: today() }).expect(422);
    expect(refused.body).toMatchObject({ code: 'support_case.consent_withdrawn', errors: { purpose: 'follow_up_contact' } });
  });

  it('answers bad bodies and headers with 400 problem+json naming the fields, and appends nothing', async () => {
    const key = `bad-${randomUUID()}`;
    const bad = await post(
      '/support-cases',
      { jurisdiction: '10015', channel: 'fax', contactedOn: 'yesterday', serviceUser: { name: 'A', idNumber: '0123' }, extra: 'x' },
      tokens.worker,
      { key },
    ).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = JSON.stringify(bad.body.errors);
    for (const field of ['property extra should not exist', 'channel', 'contactedOn', 'serviceUser.property idNumber should not exist'])
      expect(errors).toContain(field);
    expect(await stored(caseIdFor('social-worker-1', key, 'support_case'))).toEqual([]);
    expect(
      JSON.stringify(
        (await post('/support-cases', { jurisdiction: '99999', channel: 'walk_in', contactedOn: daysAgo(1) }).expect(400)).body.errors,
      ),
    ).toContain('jurisdiction');

    const id = await readyToRefer();
    const before = (await stored(id)).length;
    const badReferral = await post(`/support-cases/${id}/referrals`, {
      providerId: 'Trạm Y tế',
      service: 'housing',
      sharedFields: ['passport'],
      referredOn: today(),
    }).expect(400);
    for (const field of ['providerId', 'service', 'sharedFields']) expect(JSON.stringify(badReferral.body.errors)).toContain(field);
    await post(`/support-cases/${id}/consents`, {
      purpose: 'case_management',
      wordingVersion: 'v1',
      method: 'implied',
      givenOn: today(),
    }).expect(400);
    const noKey = await http()
      .post(`/support-cases/${id}/follow-ups`)
      .set('Authorization', tokens.worker)
      .send({ method: 'phone', followUpOn: today() })
      .expect(400);
    expect(JSON.stringify(noKey.body.errors)).toContain('Idempotency-Key');
    expect(await stored(id)).toHaveLength(before);
  });

  it('answers a stale If-Match and a command the status does not allow with 409, appending nothing', async () => {
    const id = await readyToRefer();
    const stale = await post(`/support-cases/${id}/close`, { reason: 'moved', closedOn: today() }, tokens.worker, {
      ifMatch: '"0"',
    }).expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    const early = await post(`/support-cases/${id}/reopen`, { reopenedOn: today() }).expect(409);
    expect(early.body).toMatchObject({ code: 'support_case.not_closed', detailVi: expect.any(String) });
    await refer(id).expect(200);
    const referralId = (await get(`/support-cases/${id}`).expect(200)).body.referrals[0].referralId as string;
    const notAccepted = await post(`/support-cases/${id}/referrals/${referralId}/service-delivered`, { deliveredOn: today() }).expect(409);
    expect(notAccepted.body.code).toBe('support_case.referral_deliver_not_allowed');
    expect(await stored(id)).toHaveLength(5);
  });

  it('returns the first result to a retry with the same Idempotency-Key and appends nothing', async () => {
    const key = `retry-${randomUUID()}`;
    const body = { jurisdiction: '10015', channel: 'hotline', contactedOn: daysAgo(1) };
    const first = await post('/support-cases', body, tokens.worker, { key }).expect(201);
    expect((await post('/support-cases', body, tokens.worker, { key }).expect(201)).body).toEqual(first.body);
    const consentKey = `retry-c-${randomUUID()}`;
    const given = await post(
      `/support-cases/${first.body.id}/consents`,
      { purpose: 'case_management', wordingVersion: 'v1', method: 'written', givenOn: today() },
      tokens.worker,
      { key: consentKey },
    ).expect(200);
    expect(
      (
        await post(
          `/support-cases/${first.body.id}/consents`,
          { purpose: 'case_management', wordingVersion: 'v1', method: 'written', givenOn: today() },
          tokens.worker,
          { key: consentKey },
        ).expect(200)
      ).body,
    ).toEqual(given.body);
    expect((await stored(first.body.id)).map((e) => e.type)).toEqual(['support_case.opened', 'support_case.consent_given']);
  });

  it('lets a supervisor reassign; the new social worker sees the case and the former one no longer does', async () => {
    const id = await readyToRefer();
    await get(`/support-cases/${id}`, tokens.otherWorker).expect(404);
    // Social workers do not assign, not even on their own case; supervisors do.
    await post(`/support-cases/${id}/assign`, { assigneeId: 'social-worker-2' }, tokens.worker).expect(404);
    const assigned = await post(`/support-cases/${id}/assign`, { assigneeId: 'social-worker-2' }, tokens.supervisor).expect(200);
    expect(assigned.body.events).toEqual(['support_case.assigned']);
    expect((await get(`/support-cases/${id}`, tokens.otherWorker).expect(200)).body).toMatchObject({
      assigneeId: 'social-worker-2',
      serviceUser: PERSON,
    });
    await get(`/support-cases/${id}`, tokens.worker).expect(404);
    await post(`/support-cases/${id}/close`, { reason: 'moved', closedOn: today() }, tokens.worker).expect(404);
    await refer(id).expect(404);
    // Revoking a referral is a supervisor's decision too.
    await post(
      `/support-cases/${id}/referrals`,
      { providerId: HEALTH_PROVIDER, service: 'legal_aid', sharedFields: ['clientCode'], referredOn: today() },
      tokens.otherWorker,
    ).expect(200);
    const referralId = (await get(`/support-cases/${id}`, tokens.otherWorker).expect(200)).body.referrals[0].referralId as string;
    await post(
      `/support-cases/${id}/referrals/${referralId}/revoke`,
      { reason: 'safety_concern', revokedOn: today() },
      tokens.otherWorker,
    ).expect(404);
    await post(
      `/support-cases/${id}/referrals/${referralId}/revoke`,
      { reason: 'safety_concern', revokedOn: today() },
      tokens.supervisor,
    ).expect(200);
  });

  it('lets a social worker open cases only for themselves', async () => {
    const key = `other-${randomUUID()}`;
    await post(
      '/support-cases',
      { jurisdiction: '10015', channel: 'walk_in', contactedOn: daysAgo(1), assigneeId: 'social-worker-2' },
      tokens.worker,
      { key },
    ).expect(404);
    expect(await stored(caseIdFor('social-worker-1', key, 'support_case'))).toEqual([]);
    const bySupervisor = await open({ assigneeId: 'social-worker-2' }, tokens.supervisor);
    await get(`/support-cases/${bySupervisor}`, tokens.otherWorker).expect(200);
  });

  describe('a case one may not see answers exactly like a missing one', () => {
    /** A random id of the same length as a real one, so that even the length of the answer matches. */
    const missingLike = (id: string) => randomUUID().slice(0, id.length);
    const comparable = (response: request.Response) => ({
      status: response.status,
      body: { ...response.body, instance: String(response.body.instance).replace(/[0-9a-f-]{36}/g, 'ID') },
      contentType: response.headers['content-type'],
      contentLength: response.headers['content-length'],
      hasEtag: 'etag' in response.headers,
      wwwAuthenticate: response.headers['www-authenticate'],
      cacheControl: response.headers['cache-control'],
    });
    const calls = (id: string) =>
      [
        ['GET view', () => get(`/support-cases/${id}`, tokens.otherWorker)],
        ['GET history', () => get(`/support-cases/${id}/history`, tokens.otherWorker)],
        [
          'POST screen-needs',
          () => post(`/support-cases/${id}/screen-needs`, { needs: ['legal_aid'], screenedOn: today() }, tokens.otherWorker),
        ],
        [
          'POST with a stale If-Match',
          () => post(`/support-cases/${id}/close`, { reason: 'moved', closedOn: today() }, tokens.otherWorker, { ifMatch: '"0"' }),
        ],
        [
          'POST on a referral',
          () => post(`/support-cases/${id}/referrals/${randomUUID()}/accept`, { acceptedOn: today() }, tokens.otherWorker),
        ],
        ['POST assign by an enforcement role', () => post(`/support-cases/${id}/assign`, { assigneeId: 'police-1' }, tokens.police)],
        ['GET view by an enforcement role', () => get(`/support-cases/${id}`, tokens.police)],
        ['GET view by a social worker elsewhere', () => get(`/support-cases/${id}`, tokens.outsideWorker)],
      ] as const;

    it.each(calls('ID').map(([name], index) => [name, index] as const))('%s', async (_name, index) => {
      const id = await readyToRefer();
      const before = await stored(id);
      const hidden = await calls(id)[index]![1]();
      const missing = await calls(missingLike(id))[index]![1]();
      expect(hidden.status).toBe(404);
      expect(comparable(hidden)).toEqual(comparable(missing));
      const everything = JSON.stringify({ headers: hidden.headers, body: hidden.body });
      for (const secret of [PERSON.name, 'social-worker-1', 'needs_screened']) expect(everything).not.toContain(secret);
      expect(await stored(id)).toEqual(before);
    });

    it('answers a malformed id like a missing one', async () => {
      const malformed = await get('/support-cases/not%20a%20case!', tokens.national);
      const missing = await get(`/support-cases/${randomUUID()}`, tokens.national);
      expect([malformed.status, missing.status]).toEqual([404, 404]);
      expect({ ...malformed.body, instance: null }).toEqual({ ...missing.body, instance: null });
      await post('/support-cases/bad%20id/close', { reason: 'moved', closedOn: today() }, tokens.national).expect(404);
    });
  });

  it('shows erased fields once the service user is erased, and takes no new sensitive record', async () => {
    const id = await readyToRefer();
    const code = (await get(`/support-cases/${id}`).expect(200)).body.clientCode as string;
    await api.keyStore.shred(`su-${code}`, { actorId: 'dpo-1', reason: 'data-subject request' });
    const view = (await get(`/support-cases/${id}`).expect(200)).body;
    expect(view.serviceUser).toEqual({
      name: { erased: true },
      contact: { erased: true },
      birthYear: { erased: true },
      address: { erased: true },
    });
    expect(view.erasedFields).toEqual(expect.arrayContaining(['name', 'needs', 'healthNotes', 'witness']));
    expect(view.status).toBe('needs_screened');
    const refused = await post(`/support-cases/${id}/service-user`, { contact: '0900 000 000' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'support_case.service_user_erased', detailVi: expect.any(String) });
  });
});
