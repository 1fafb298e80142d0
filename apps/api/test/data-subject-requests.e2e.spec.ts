import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ENFORCEMENT_ROLES, type Role } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const DAY = 86_400_000;

/** Every table of the database as text, to look for plaintext where only ciphertext may be. */
async function everyRowAsText(api: TestApi): Promise<string> {
  const tables = await api.pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows)
    parts.push(...(await api.pool.query(`select t::text as row from "${table_name}" t`)).rows.map((r) => r.row as string));
  return parts.join('\n');
}

describe('API: data-subject requests against their legal time limits', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  /** The service user of a support case opened in 10015: a subject the server minted, in the support compartment. */
  let subject: string;
  beforeAll(async () => {
    api = await startTestApi();
    const grants: Record<string, [Role, string]> = {
      dpo: ['data_protection_officer', 'VN'],
      secondDpo: ['data_protection_officer', '01'],
      worker: ['social_worker', '01'],
      supervisor: ['support_supervisor', '01'],
      auditor: ['auditor', 'VN'],
      police: ['police_officer', '10015'],
      southDpo: ['data_protection_officer', '79'],
      southWorker: ['social_worker', '79'],
    };
    for (const [name, [role, scope]] of Object.entries(grants)) tokens[name] = await bearer(`${name}-d`, [{ role, scope }]);
    subject = (await openSupportCase()).subjectId;
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
  const stored = (id: string) => api.store.readStream(`data_subject_request-${id}`);
  /** Opens a support case through the API; its service user's subject is `su-<clientCode>`, as the case read shows. */
  const openSupportCase = async (jurisdiction = '10015', token = tokens.worker!) => {
    const body = {
      jurisdiction,
      channel: 'walk_in',
      contactedOn: vnDate(new Date(Date.now() - DAY)),
      serviceUser: { name: `Người ${randomUUID().slice(0, 6)}`, contact: `Zalo 09${randomUUID().slice(0, 6)}` },
    };
    const id = (await post('/support-cases', body, token).expect(201)).body.id as string;
    const view = (await get(`/support-cases/${id}`, token).expect(200)).body;
    return { id, subjectId: `su-${view.clientCode as string}`, contact: body.serviceUser.contact };
  };
  const file = async (body: Record<string, unknown> = {}, token = tokens.worker!) =>
    (await post('/data-subject-requests', { subjectId: subject, requestKind: 'view', channel: 'in_person', ...body }, token).expect(201))
      .body.id as string;

  it('is filed by a social worker who cannot read it back, and handled by the DPO: acknowledged then completed, with deadlines', async () => {
    const filed = await post(
      '/data-subject-requests',
      { subjectId: subject, requestKind: 'correct', channel: 'written' },
      tokens.worker!,
    ).expect(201);
    const id = filed.body.id as string;
    expect(filed.body).toEqual({ id, revision: 0, events: ['data_subject_request.filed'] });
    await get(`/data-subject-requests/${id}`, tokens.worker!).expect(404);
    await get(`/data-subject-requests/${id}`, tokens.supervisor!).expect(404);

    const view = await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200);
    expect(view.body).toMatchObject({
      id,
      status: 'received',
      subjectId: subject,
      // The request belongs where the subject's own record belongs.
      jurisdiction: '10015',
      requestKind: 'correct',
      legalBasis: 'Law 91/2025/QH15 on Personal Data Protection; Decree 356/2025/ND-CP',
      actLimit: expect.stringContaining('10 days'),
      overdue: false,
      deadlines: [
        { name: 'acknowledgement', dueAt: expect.any(String), completedAt: null, status: 'pending' },
        { name: 'action', dueAt: expect.any(String), completedAt: null, status: 'pending' },
      ],
    });
    expect(Date.parse(view.body.deadlines[1].dueAt) - Date.parse(view.body.receivedAt)).toBeGreaterThan(9 * DAY);
    expect((await stored(id))[0]!.metadata).toMatchObject({ jurisdiction: '10015' });

    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!, { ifMatch: '"0"' }).expect(200);
    const early = await post(`/data-subject-requests/${id}/refuse`, { reason: 'busy', explanation: 'x' }, tokens.dpo!).expect(400);
    expect(JSON.stringify(early.body.errors)).toContain('reason');
    // Only a deletion has an erasure to authorise.
    const notDeletion = await post(`/data-subject-requests/${id}/authorise-erasure`, {}, tokens.dpo!).expect(422);
    expect(notDeletion.body.code).toBe('data_subject_request.not_a_deletion');
    const completed = await post(
      `/data-subject-requests/${id}/complete`,
      { outcome: 'Đã sửa thông tin liên hệ trong hồ sơ' },
      tokens.dpo!,
    ).expect(200);
    expect(completed.body.events).toEqual(['data_subject_request.completed']);
    expect(completed.body.erasure).toBeUndefined();
    const done = (await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', erasure: null, overdue: false });
    expect(done.deadlines.map((d: { status: string }) => d.status)).toEqual(['met', 'met']);
    const again = await post(`/data-subject-requests/${id}/refuse`, { reason: 'other', explanation: 'x' }, tokens.dpo!).expect(409);
    expect(again.body).toMatchObject({ code: 'data_subject_request.closed', detailVi: expect.any(String) });
    expect(await stored(id)).toHaveLength(3);
  });

  it('shows overdue requests in the view and the DPO’s list, and refuses with a reason', async () => {
    const late = await file({ receivedAt: new Date(Date.now() - 12 * DAY).toISOString(), requestKind: 'restrict' }, tokens.supervisor!);
    const fresh = await file();
    const view = (await get(`/data-subject-requests/${late}`, tokens.dpo!).expect(200)).body;
    expect(view.overdue).toBe(true);
    expect(view.deadlines.map((d: { status: string }) => d.status)).toEqual(['overdue', 'pending']);

    const list = async (query: string, token = tokens.dpo!) =>
      (await get(`/data-subject-requests${query}`, token).expect(200)).body.entries as Array<{ id: string; overdue: boolean }>;
    const overdue = (await list('?overdue=true')).map((e) => e.id);
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(fresh);
    expect((await list('?requestKind=restrict')).find((e) => e.id === late)).toMatchObject({
      status: 'received',
      overdue: true,
      deadlines: expect.any(Array),
      jurisdiction: '10015',
    });
    expect((await list('', tokens.auditor!)).map((e) => e.id)).toEqual(expect.arrayContaining([late, fresh]));
    expect((await list('', tokens.southDpo!)).map((e) => e.id)).not.toContain(late);
    for (const token of [tokens.worker!, tokens.supervisor!, tokens.police!]) await get('/data-subject-requests', token).expect(404);

    await post(
      `/data-subject-requests/${late}/refuse`,
      { reason: 'identity_not_verified', explanation: 'Không xác minh được người yêu cầu' },
      tokens.dpo!,
    ).expect(200);
    const refused = (await get(`/data-subject-requests/${late}`, tokens.dpo!).expect(200)).body;
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'identity_not_verified', overdue: false });
    expect(refused.deadlines.map((d: { status: string }) => d.status)).toEqual(['met_late', 'met']);
  });

  it('leaves handling to the DPO: the filer, a supervisor and an auditor get 404 or a refusal, and nothing is appended', async () => {
    const id = await file({ requestKind: 'delete' });
    for (const token of [tokens.worker!, tokens.supervisor!, tokens.auditor!]) {
      for (const verb of ['acknowledge', 'authorise-erasure']) {
        const denied = await post(`/data-subject-requests/${id}/${verb}`, {}, token).expect(404);
        expect(denied.body.code).toBeUndefined();
      }
    }
    const dual = await bearer('auditor-worker-d', [
      { role: 'auditor', scope: 'VN' },
      { role: 'social_worker', scope: '01' },
    ]);
    const refused = await post(`/data-subject-requests/${id}/acknowledge`, {}, dual).expect(422);
    expect(refused.body).toMatchObject({ code: 'data_subject_request.dpo_only', detailVi: expect.stringContaining('bảo vệ dữ liệu') });
    // A DPO whose scope does not hold the subject's record does not see the request either.
    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.southDpo!).expect(404);
    expect(await stored(id)).toHaveLength(1);

    // Acknowledged and authorised by the DPO, the deletion is still completed by no one else: the same 404, nothing shredded.
    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!).expect(200);
    await post(`/data-subject-requests/${id}/authorise-erasure`, {}, tokens.dpo!).expect(200);
    const missing = await post(`/data-subject-requests/${randomUUID()}/complete`, { outcome: 'Đã xóa' }, tokens.auditor!).expect(404);
    for (const who of ['worker', 'supervisor', 'southDpo', 'auditor']) {
      const denied = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens[who]!);
      expect({ who, status: denied.status, body: { ...denied.body, instance: null } }).toEqual({
        who,
        status: 404,
        body: { ...missing.body, instance: null },
      });
    }
    expect(await api.keyStore.existingKey(subject)).not.toBe('erased');
    expect(await stored(id)).toHaveLength(3);
  });

  it('erases end to end with two DPOs: one authorises, another completes and shreds the subject; every read of the subject’s fields then shows "erased"; the log verifies', async () => {
    const police = await bearer('police-d', [{ role: 'police_officer', scope: '10015' }]);
    const contact = `Gọi số 0977 ${randomUUID().slice(0, 6)}`;
    const referral = (
      await post('/outreach-referrals', { jurisdiction: '10015', contactHint: contact, needsMentioned: 'Tư vấn tâm lý' }, police).expect(
        201,
      )
    ).body.id as string;
    await post(`/outreach-referrals/${referral}/assign`, { assigneeId: 'worker-d' }, tokens.supervisor!).expect(200);
    const before = (await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body;
    expect(before.contactHint).toBe(contact);

    // The referral's subject, as the referral read shows it: a support subject the worker may name.
    const id = await file({ subjectId: before.subjectId, requestKind: 'delete' });
    expect((await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200)).body).toMatchObject({
      subjectId: before.subjectId,
      jurisdiction: '10015',
    });
    const tooEarly = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens.dpo!).expect(409);
    expect(tooEarly.body.code).toBe('data_subject_request.not_acknowledged');
    const authoriseEarly = await post(`/data-subject-requests/${id}/authorise-erasure`, {}, tokens.dpo!).expect(409);
    expect(authoriseEarly.body.code).toBe('data_subject_request.not_acknowledged');
    expect((await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body.contactHint).toBe(contact);

    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!).expect(200);
    // Not before a first officer has authorised the erasure.
    const unauthorised = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens.secondDpo!).expect(409);
    expect(unauthorised.body.code).toBe('data_subject_request.erasure_not_authorised');
    expect(await api.keyStore.existingKey(before.subjectId)).not.toBe('erased');

    const authorised = await post(`/data-subject-requests/${id}/authorise-erasure`, {}, tokens.dpo!).expect(200);
    expect(authorised.body).toEqual({ id, revision: 2, events: ['data_subject_request.erasure_authorised'] });
    for (const token of [tokens.dpo!, tokens.secondDpo!]) {
      const twice = await post(`/data-subject-requests/${id}/authorise-erasure`, {}, token).expect(409);
      expect(twice.body).toMatchObject({ code: 'data_subject_request.erasure_already_authorised', detailVi: expect.any(String) });
    }
    // The officer who authorised it cannot carry it out: nothing is shredded.
    const self = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens.dpo!).expect(403);
    expect(self.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(self.body.code).toBe('erasure.self_confirmation');
    expect(await api.keyStore.existingKey(before.subjectId)).not.toBe('erased');
    expect((await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body.contactHint).toBe(contact);
    expect(await stored(id)).toHaveLength(3);

    const completed = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa dữ liệu liên hệ' }, tokens.secondDpo!).expect(
      200,
    );
    expect(completed.body).toEqual({
      id,
      revision: 4,
      events: ['data_subject_request.erasure_executed', 'data_subject_request.completed'],
      erasure: { destroyedKeyIds: [expect.stringMatching(/^key-/)], position: expect.any(String) },
    });
    const events = await stored(id);
    expect(events.map((e) => e.type)).toEqual([
      'data_subject_request.filed',
      'data_subject_request.acknowledged',
      'data_subject_request.erasure_authorised',
      'data_subject_request.erasure_executed',
      'data_subject_request.completed',
    ]);
    // The position is the log position of the completion: from there on, the subject's fields read "erased".
    expect(completed.body.erasure.position).toBe(events[4]!.checkpoint);
    expect(events[2]!.metadata).toMatchObject({ actorId: 'dpo-d' });
    expect(events[3]!.metadata).toMatchObject({ actorId: 'secondDpo-d' });
    expect(events[3]!.data).toMatchObject({ erasedSubjectId: before.subjectId, destroyedKeyIds: completed.body.erasure.destroyedKeyIds });

    const after = (await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body;
    expect(after).toMatchObject({
      contactHint: { erased: true },
      needsMentioned: { erased: true },
      status: 'assigned',
      jurisdiction: '10015',
    });
    expect(after.erasedFields.sort()).toEqual(['contactHint', 'needsMentioned']);
    const request_ = (await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200)).body;
    expect(request_).toMatchObject({
      status: 'completed',
      subjectId: before.subjectId,
      erasure: { erasedAt: expect.any(String), alreadyErased: false, destroyedKeyIds: completed.body.erasure.destroyedKeyIds },
    });
    expect(await api.keyStore.existingKey(before.subjectId)).toBe('erased');
    expect(await everyRowAsText(api)).not.toContain(contact);
    expect((await api.store.verify()).ok).toBe(true);
  });

  it('answers a retried completion of a deletion (same key, same body) with the first answer, and appends nothing', async () => {
    const { subjectId } = await openSupportCase();
    const id = await file({ subjectId, requestKind: 'delete' });
    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!).expect(200);
    await post(`/data-subject-requests/${id}/authorise-erasure`, {}, tokens.dpo!).expect(200);
    const key = randomUUID();
    const body = { outcome: 'Đã xóa toàn bộ dữ liệu' };
    const completed = await post(`/data-subject-requests/${id}/complete`, body, tokens.secondDpo!, { key }).expect(200);
    expect(completed.body.erasure.destroyedKeyIds).toHaveLength(1);
    const retried = await post(`/data-subject-requests/${id}/complete`, body, tokens.secondDpo!, { key });
    expect({ status: retried.status, body: retried.body }).toEqual({ status: 200, body: completed.body });
    expect(await stored(id)).toHaveLength(5);
  });

  it('names only subjects the server minted for a record in the caller’s scope and compartment; any other gets the same 404 and nothing is appended', async () => {
    const southern = await openSupportCase('27559', tokens.southWorker!);
    const officer = await bearer('officer-d', [{ role: 'police_officer', scope: '10015' }]);
    const penaltyCase = (
      await post(
        '/penalty-cases',
        {
          jurisdiction: '10015',
          violationDate: vnDate(new Date(Date.now() - DAY)),
          recordedOn: vnDate(new Date()),
          act: '32',
          offenderType: 'individual',
          people: [{ fullName: 'Lê Văn Phạt' }],
        },
        officer,
      ).expect(201)
    ).body.id as string;
    const official = await bearer('official-d', [
      { role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' },
    ]);
    const penalised = (await get(`/penalty-cases/${penaltyCase}`, official).expect(200)).body.people[0].subjectId as string;

    const refusals: Array<[string, string, string]> = [
      ['unknown subject', 'subj-never-minted', tokens.worker!],
      ['unknown support-like subject', 'su-AAAA-BBBB-CCCC', tokens.supervisor!],
      ['subject outside the caller’s scope', southern.subjectId, tokens.worker!],
      ['subject outside the DPO’s scope', subject, tokens.southDpo!],
      ['enforcement subject named by a social worker', penalised, tokens.worker!],
      ['enforcement subject named by a support supervisor', penalised, tokens.supervisor!],
    ];
    const answers = [];
    for (const [what, subjectId, token] of refusals) {
      const key = randomUUID();
      const response = await post('/data-subject-requests', { subjectId, requestKind: 'delete', channel: 'phone' }, token, { key });
      answers.push({ what, status: response.status, body: response.body });
      const user = Object.entries(tokens).find(([, t]) => t === token)![0];
      expect(await stored(caseIdFor(`${user}-d`, key, 'data_subject_request'))).toEqual([]);
    }
    const [first] = answers;
    expect(first).toMatchObject({ status: 404, body: { status: 404, title: 'Not found' } });
    for (const answer of answers) expect({ ...answer, what: first!.what }).toEqual(first);

    // The same subjects, named by those who may: the request takes the jurisdiction of the subject's record.
    const southRequest = await file({ subjectId: southern.subjectId }, tokens.southWorker!);
    expect((await get(`/data-subject-requests/${southRequest}`, tokens.southDpo!).expect(200)).body).toMatchObject({
      subjectId: southern.subjectId,
      jurisdiction: '27559',
    });
    const enforcementRequest = await file({ subjectId: penalised, requestKind: 'view' }, tokens.dpo!);
    expect((await get(`/data-subject-requests/${enforcementRequest}`, tokens.dpo!).expect(200)).body).toMatchObject({
      subjectId: penalised,
      jurisdiction: '10015',
    });
  });

  it('erases a subject directly: one DPO in the record’s scope asks, another confirms; others get 404', async () => {
    const opened = await openSupportCase();
    const erasure = `/data-subjects/${opened.subjectId}/erasure`;
    const reason = { reason: 'Court order 12/2026/QĐ-TA' };
    for (const token of [tokens.worker!, tokens.supervisor!, tokens.auditor!, tokens.southDpo!])
      await post(erasure, reason, token).expect(404);
    await post('/data-subjects/su-never-minted/erasure', reason, tokens.dpo!).expect(404);
    // The subject's jurisdiction comes from its record: a body naming one is refused.
    const named = await post(erasure, { ...reason, jurisdiction: '10015' }, tokens.dpo!).expect(400);
    expect(JSON.stringify(named.body.errors)).toContain('property jurisdiction should not exist');

    expect(JSON.stringify((await get(`/support-cases/${opened.id}`, tokens.worker!).expect(200)).body)).toContain(opened.contact);
    const asked = await post(erasure, reason, tokens.dpo!).expect(202);
    expect(asked.body).toMatchObject({
      subjectId: opened.subjectId,
      status: 'awaiting_confirmation',
      requestedBy: 'dpo-d',
      confirmedBy: null,
    });
    expect((await get(erasure, tokens.secondDpo!).expect(200)).body).toMatchObject({
      status: 'awaiting_confirmation',
      requestedBy: 'dpo-d',
    });
    await get(erasure, tokens.southDpo!).expect(404);
    const self = await post(`${erasure}/confirm`, {}, tokens.dpo!).expect(403);
    expect(self.body.code).toBe('erasure.self_confirmation');
    expect(await api.keyStore.existingKey(opened.subjectId)).not.toBe('erased');

    const confirmed = await post(`${erasure}/confirm`, {}, tokens.secondDpo!).expect(200);
    expect(confirmed.body).toMatchObject({
      subjectId: opened.subjectId,
      status: 'erased',
      requestedBy: 'dpo-d',
      confirmedBy: 'secondDpo-d',
      destroyedKeyIds: [expect.stringMatching(/^key-/)],
      position: expect.any(String),
    });
    expect((await get(erasure, tokens.dpo!).expect(200)).body).toMatchObject({
      status: 'erased',
      confirmedBy: 'secondDpo-d',
      position: confirmed.body.position,
    });
    expect(await api.keyStore.existingKey(opened.subjectId)).toBe('erased');
    expect(JSON.stringify((await get(`/support-cases/${opened.id}`, tokens.worker!).expect(200)).body)).not.toContain(opened.contact);
  });

  it('refuses bad filings with 400 naming the fields, and a subject id that is a name', async () => {
    for (const [body, field] of [
      [{ subjectId: 'Nguyễn Văn A', requestKind: 'view', channel: 'phone' }, 'subjectId'],
      [{ subjectId: subject, requestKind: 'forget', channel: 'phone' }, 'requestKind'],
      [{ subjectId: subject, requestKind: 'view', channel: 'phone', name: 'Nguyễn Văn A' }, 'name'],
      // A request never says where the subject belongs: the jurisdiction is the subject's record's.
      [{ subjectId: subject, jurisdiction: '10015', requestKind: 'view', channel: 'phone' }, 'property jurisdiction should not exist'],
      [{ subjectId: subject, jurisdiction: '79', requestKind: 'view', channel: 'phone' }, 'property jurisdiction should not exist'],
    ] as const) {
      const key = randomUUID();
      const response = await post('/data-subject-requests', body, tokens.worker!, { key }).expect(400);
      expect(response.body.errors).toEqual(expect.any(Array));
      expect(JSON.stringify(response.body.errors)).toContain(field);
      expect(await stored(caseIdFor('worker-d', key, 'data_subject_request'))).toEqual([]);
    }
    const future = await post(
      '/data-subject-requests',
      { subjectId: subject, requestKind: 'view', channel: 'phone', receivedAt: new Date(Date.now() + DAY).toISOString() },
      tokens.worker!,
    ).expect(422);
    expect(future.body.code).toBe('data_subject_request.received_in_future');
  });

  it('binds an Idempotency-Key to its first filing: the same filing again answers alike, another body with the key is 422', async () => {
    const key = randomUUID();
    const body = { subjectId: subject, requestKind: 'object', channel: 'phone' };
    const first = await post('/data-subject-requests', body, tokens.worker!, { key }).expect(201);
    expect((await post('/data-subject-requests', body, tokens.worker!, { key }).expect(201)).body).toEqual(first.body);
    const reused = await post('/data-subject-requests', { ...body, requestKind: 'delete' }, tokens.worker!, { key }).expect(422);
    expect(reused.body.code).toBe('idempotency_key.reused');
    expect(await stored(first.body.id)).toHaveLength(1);
    expect((await get(`/data-subject-requests/${first.body.id}`, tokens.dpo!).expect(200)).body.requestKind).toBe('object');
  });

  it.each(ENFORCEMENT_ROLES)('%s: every request route answers 404, the same for an existing as for a missing request', async (role) => {
    const token = await bearer(`${role}-d`, [{ role, scope: 'VN' }]);
    const key = randomUUID();
    const id = caseIdFor('worker-d', key, 'data_subject_request');
    const probes: Array<[string, string, object?]> = [
      ['GET', `/data-subject-requests/${id}`],
      ['GET', '/data-subject-requests?overdue=true'],
      ['POST', `/data-subject-requests/${id}/acknowledge`, {}],
      ['POST', `/data-subject-requests/${id}/authorise-erasure`, {}],
      ['POST', `/data-subject-requests/${id}/complete`, { outcome: 'x' }],
      ['POST', `/data-subject-requests/${id}/refuse`, { reason: 'other', explanation: 'x' }],
      ['POST', '/data-subject-requests', { subjectId: subject, requestKind: 'view', channel: 'phone' }],
    ];
    const answers = async () => {
      const out = [];
      // Each probe has its own fixed key (a key is bound to one route and body), the same before and after.
      for (const [index, [method, path, body]] of probes.entries()) {
        const response = await (method === 'GET'
          ? get(path, token)
          : post(path, body, token, { key: `fixed-probe-key-${index}`, ifMatch: '"0"' }));
        // The date and the request id differ from one answer to the next, whatever the record.
        const { date: _date, 'x-request-id': _requestId, ...headers } = response.headers;
        out.push({ status: response.status, headers, body: response.body });
      }
      return out;
    };
    const before = await answers();
    await post('/data-subject-requests', { subjectId: subject, requestKind: 'delete', channel: 'phone' }, tokens.worker!, { key }).expect(
      201,
    );
    const after = await answers();
    expect(after).toEqual(before);
    for (const answer of after) expect(answer.status).toBe(404);
    expect(await stored(id)).toHaveLength(1);
  });
});
