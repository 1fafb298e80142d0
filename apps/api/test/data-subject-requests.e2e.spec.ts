import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ENFORCEMENT_ROLES, type Role } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const DAY = 86_400_000;

/** Every table of the database as text, to look for plaintext where only ciphertext may be. */
async function everyRowAsText(api: TestApi): Promise<string> {
  const tables = await api.pool.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) parts.push(...(await api.pool.query(`select t::text as row from "${table_name}" t`)).rows.map((r) => r.row as string));
  return parts.join('\n');
}

describe('API: data-subject requests against their legal time limits', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi();
    const grants: Record<string, [Role, string]> = {
      dpo: ['data_protection_officer', 'VN'],
      worker: ['social_worker', '01'],
      supervisor: ['support_supervisor', '01'],
      auditor: ['auditor', 'VN'],
      police: ['police_officer', '10015'],
      southDpo: ['data_protection_officer', '79'],
    };
    for (const [name, [role, scope]] of Object.entries(grants)) tokens[name] = await bearer(`${name}-d`, [{ role, scope }]);
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer();
  const post = (path: string, body: unknown, token: string, options: { key?: string; ifMatch?: string } = {}) => {
    const call = request(server()).post(path).set('Authorization', token).set('Idempotency-Key', options.key ?? randomUUID());
    if (options.ifMatch) call.set('If-Match', options.ifMatch);
    return call.send(body as object);
  };
  const get = (path: string, token: string) => request(server()).get(path).set('Authorization', token);
  const stored = (id: string) => api.store.readStream(`data_subject_request-${id}`);
  const file = async (body: Record<string, unknown> = {}, token = tokens.worker!) =>
    (await post('/data-subject-requests', { subjectId: `subj-${randomUUID()}`, jurisdiction: '10015', requestKind: 'view', channel: 'in_person', ...body }, token).expect(201)).body.id as string;

  it('is filed by a social worker who cannot read it back, and handled by the DPO: acknowledged then completed, with deadlines', async () => {
    const filed = await post('/data-subject-requests', { subjectId: 'subj-view-1', jurisdiction: '10015', requestKind: 'correct', channel: 'written' }, tokens.worker!).expect(201);
    const id = filed.body.id as string;
    expect(filed.body).toEqual({ id, revision: 0, events: ['data_subject_request.filed'] });
    await get(`/data-subject-requests/${id}`, tokens.worker!).expect(404);
    await get(`/data-subject-requests/${id}`, tokens.supervisor!).expect(404);

    const view = await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200);
    expect(view.body).toMatchObject({
      id,
      status: 'received',
      subjectId: 'subj-view-1',
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

    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!, { ifMatch: '"0"' }).expect(200);
    const early = await post(`/data-subject-requests/${id}/refuse`, { reason: 'busy', explanation: 'x' }, tokens.dpo!).expect(400);
    expect(JSON.stringify(early.body.errors)).toContain('reason');
    const completed = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã sửa thông tin liên hệ trong hồ sơ' }, tokens.dpo!).expect(200);
    expect(completed.body.events).toEqual(['data_subject_request.completed']);
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

    const list = async (query: string, token = tokens.dpo!) => ((await get(`/data-subject-requests${query}`, token).expect(200)).body.entries as Array<{ id: string; overdue: boolean }>);
    const overdue = (await list('?overdue=true')).map((e) => e.id);
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(fresh);
    expect((await list('?requestKind=restrict')).find((e) => e.id === late)).toMatchObject({ status: 'received', overdue: true, deadlines: expect.any(Array), jurisdiction: '10015' });
    expect((await list('', tokens.auditor!)).map((e) => e.id)).toEqual(expect.arrayContaining([late, fresh]));
    expect((await list('', tokens.southDpo!)).map((e) => e.id)).not.toContain(late);
    for (const token of [tokens.worker!, tokens.supervisor!, tokens.police!]) await get('/data-subject-requests', token).expect(404);

    await post(`/data-subject-requests/${late}/refuse`, { reason: 'identity_not_verified', explanation: 'Không xác minh được người yêu cầu' }, tokens.dpo!).expect(200);
    const refused = (await get(`/data-subject-requests/${late}`, tokens.dpo!).expect(200)).body;
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'identity_not_verified', overdue: false });
    expect(refused.deadlines.map((d: { status: string }) => d.status)).toEqual(['met_late', 'met']);
  });

  it('leaves handling to the DPO: the filer, a supervisor and an auditor get 404 or a refusal, and nothing is appended', async () => {
    const id = await file();
    for (const token of [tokens.worker!, tokens.supervisor!, tokens.auditor!]) {
      const denied = await post(`/data-subject-requests/${id}/acknowledge`, {}, token).expect(404);
      expect(denied.body.code).toBeUndefined();
    }
    const dual = await bearer('auditor-worker-d', [{ role: 'auditor', scope: 'VN' }, { role: 'social_worker', scope: '01' }]);
    const refused = await post(`/data-subject-requests/${id}/acknowledge`, {}, dual).expect(422);
    expect(refused.body).toMatchObject({ code: 'data_subject_request.dpo_only', detailVi: expect.stringContaining('bảo vệ dữ liệu') });
    expect(await stored(id)).toHaveLength(1);
  });

  it('erases end to end: a deletion request shreds the subject; every read of the subject’s fields then shows "erased"; the log verifies', async () => {
    const police = await bearer('police-d', [{ role: 'police_officer', scope: '10015' }]);
    const contact = `Gọi số 0977 ${randomUUID().slice(0, 6)}`;
    const referral = (await post('/outreach-referrals', { jurisdiction: '10015', contactHint: contact, needsMentioned: 'Tư vấn tâm lý' }, police).expect(201)).body.id as string;
    await post(`/outreach-referrals/${referral}/assign`, { assigneeId: 'worker-d' }, tokens.supervisor!).expect(200);
    const before = (await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body;
    expect(before.contactHint).toBe(contact);

    const id = await file({ subjectId: before.subjectId, requestKind: 'delete' });
    const tooEarly = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens.dpo!).expect(409);
    expect(tooEarly.body.code).toBe('data_subject_request.not_acknowledged');
    await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa' }, tokens.auditor!).expect(404);
    expect((await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body.contactHint).toBe(contact);

    await post(`/data-subject-requests/${id}/acknowledge`, {}, tokens.dpo!).expect(200);
    const key = randomUUID();
    const completed = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa dữ liệu liên hệ' }, tokens.dpo!, { key }).expect(200);
    expect(completed.body).toEqual({ id, revision: 4, events: ['data_subject_request.erasure_authorised', 'data_subject_request.erasure_executed', 'data_subject_request.completed'] });
    const retried = await post(`/data-subject-requests/${id}/complete`, { outcome: 'Đã xóa dữ liệu liên hệ' }, tokens.dpo!, { key }).expect(200);
    expect(retried.body).toEqual(completed.body);
    expect(await stored(id)).toHaveLength(5);

    const after = (await get(`/outreach-referrals/${referral}`, tokens.worker!).expect(200)).body;
    expect(after).toMatchObject({ contactHint: { erased: true }, needsMentioned: { erased: true }, status: 'assigned', jurisdiction: '10015' });
    expect(after.erasedFields.sort()).toEqual(['contactHint', 'needsMentioned']);
    const request_ = (await get(`/data-subject-requests/${id}`, tokens.dpo!).expect(200)).body;
    expect(request_).toMatchObject({ status: 'completed', subjectId: before.subjectId, erasure: { erasedAt: expect.any(String), alreadyErased: false } });
    expect(await api.keyStore.existingKey(before.subjectId)).toBe('erased');
    expect(await everyRowAsText(api)).not.toContain(contact);
    expect((await api.store.verify()).ok).toBe(true);
  });

  it('refuses bad filings with 400 naming the fields, and a subject id that is a name', async () => {
    for (const body of [
      { subjectId: 'Nguyễn Văn A', jurisdiction: '10015', requestKind: 'view', channel: 'phone' },
      { subjectId: 'subj-1', jurisdiction: '10015', requestKind: 'forget', channel: 'phone' },
      { subjectId: 'subj-1', jurisdiction: '10015', requestKind: 'view', channel: 'phone', name: 'Nguyễn Văn A' },
      { subjectId: 'subj-1', jurisdiction: '99999', requestKind: 'view', channel: 'phone' },
    ]) {
      const key = randomUUID();
      const response = await post('/data-subject-requests', body, tokens.worker!, { key }).expect(400);
      expect(response.body.errors).toEqual(expect.any(Array));
      expect(await stored(caseIdFor('worker-d', key, 'data_subject_request'))).toEqual([]);
    }
    const future = await post('/data-subject-requests', { subjectId: 'subj-1', jurisdiction: '10015', requestKind: 'view', channel: 'phone', receivedAt: new Date(Date.now() + DAY).toISOString() }, tokens.worker!).expect(422);
    expect(future.body.code).toBe('data_subject_request.received_in_future');
  });

  it.each(ENFORCEMENT_ROLES)('%s: every request route answers 404, the same for an existing as for a missing request', async (role) => {
    const token = await bearer(`${role}-d`, [{ role, scope: 'VN' }]);
    const key = randomUUID();
    const id = caseIdFor('worker-d', key, 'data_subject_request');
    const probes: Array<[string, string, object?]> = [
      ['GET', `/data-subject-requests/${id}`],
      ['GET', '/data-subject-requests?overdue=true'],
      ['POST', `/data-subject-requests/${id}/acknowledge`, {}],
      ['POST', `/data-subject-requests/${id}/complete`, { outcome: 'x' }],
      ['POST', `/data-subject-requests/${id}/refuse`, { reason: 'other', explanation: 'x' }],
      ['POST', '/data-subject-requests', { subjectId: 'subj-x', jurisdiction: '10015', requestKind: 'view', channel: 'phone' }],
    ];
    const answers = async () => {
      const out = [];
      for (const [method, path, body] of probes) {
        const response = await (method === 'GET' ? get(path, token) : post(path, body, token, { key: 'fixed-probe-key', ifMatch: '"0"' }));
        const { date: _date, ...headers } = response.headers;
        out.push({ status: response.status, headers, body: response.body });
      }
      return out;
    };
    const before = await answers();
    await post('/data-subject-requests', { subjectId: 'subj-x', jurisdiction: '10015', requestKind: 'delete', channel: 'phone' }, tokens.worker!, { key }).expect(201);
    const after = await answers();
    expect(after).toEqual(before);
    for (const answer of after) expect(answer.status).toBe(404);
    expect(await stored(id)).toHaveLength(1);
  });
});
