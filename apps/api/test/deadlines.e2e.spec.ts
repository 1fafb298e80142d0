import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { seedCase, testSchemas } from '../../../test/support/cases.js';

const ALLEGATION = 'Có dấu hiệu môi giới tại quán karaoke Hoa Sen';
const REPORTER = { name: 'Trần Thị Người Báo Tin', contact: '0100 222 333' };
const PERSON = { fullName: 'Lê Văn Được Hỗ Trợ', idNumber: '000300000001', address: 'Thôn Hai' };
const HOUR = 3600_000;
const ENTRY_FIELDS = ['assigneeId', 'caseId', 'completedAt', 'deadline', 'dueAt', 'dueOn', 'jurisdiction', 'kind', 'status'];

interface Entry {
  kind: string;
  caseId: string;
  deadline: string;
  jurisdiction: string;
  assigneeId: string | null;
  dueAt: string;
  dueOn: string;
  completedAt: string | null;
  status: string;
}

describe('API: deadline views (GET /deadlines)', () => {
  let api: TestApi;
  let t: Record<
    'supervisor' | 'supervisorHcm' | 'officer' | 'outsider' | 'official' | 'inspector' | 'socialWorker' | 'auditor' | 'dpo' | 'dpoHcm',
    string
  >;
  const ids = { overdueTip: '', assignedTip: '', otherCommuneTip: '', hcmTip: '', penalty: '', support: '', request: '' };
  // The service user of the seeded support case: a request names a subject the server made.
  let REQUEST_SUBJECT = '';

  const http = () => request(api.app.getHttpServer());
  const post = (path: string, body: object, token: string) =>
    http().post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
  const receive = async (token: string, jurisdiction: string, hoursAgo: number) =>
    (
      await post(
        '/tips',
        {
          jurisdiction,
          channel: 'hotline',
          kind: 'denunciation',
          allegation: ALLEGATION,
          anonymous: false,
          reporter: REPORTER,
          receivedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
        },
        token,
      ).expect(201)
    ).body.id as string;
  // The run's database holds other suites' cases too: ask for the most rows a page may hold.
  const list = async (token: string, query = ''): Promise<Entry[]> =>
    (
      await http()
        .get(`/deadlines${query}${query ? '&' : '?'}limit=5000`)
        .set('Authorization', token)
        .expect(200)
    ).body.deadlines;
  const mine = (entries: Entry[]) => entries.filter((e) => Object.values(ids).includes(e.caseId));
  const byCase = (entries: Entry[], id: string) =>
    Object.fromEntries(entries.filter((e) => e.caseId === id).map((e) => [e.deadline, e.status]));

  beforeAll(async () => {
    // The seeded support case's event type is a test one: the API is told its labels.
    api = await startTestApi(undefined, testSchemas());
    const as = (user: string, grants: RoleGrant[]) => bearer(user, grants);
    t = {
      supervisor: await as('dl-supervisor', [{ role: 'police_supervisor', scope: '01' }]),
      supervisorHcm: await as('dl-supervisor-79', [{ role: 'police_supervisor', scope: '79' }]),
      officer: await as('dl-officer-7', [{ role: 'police_officer', scope: '10015' }]),
      outsider: await as('dl-officer-79', [{ role: 'police_officer', scope: '79' }]),
      official: await as('dl-official', [{ role: 'sanctioning_official', scope: '01' }]),
      inspector: await as('dl-inspector', [{ role: 'inspector', scope: '01' }]),
      socialWorker: await as('dl-social', [{ role: 'social_worker', scope: '01' }]),
      auditor: await as('dl-auditor', [{ role: 'auditor', scope: 'VN' }]),
      dpo: await as('dl-dpo', [{ role: 'data_protection_officer', scope: '01' }]),
      dpoHcm: await as('dl-dpo-79', [{ role: 'data_protection_officer', scope: '79' }]),
    };
    // Received 30 hours ago and never classified: the 24-hour classification limit has run.
    ids.overdueTip = await receive(t.supervisor, '10015', 30);
    // Classified at once and assigned to the officer.
    ids.assignedTip = await receive(t.supervisor, '10015', 1);
    await post(`/tips/${ids.assignedTip}/classify`, { category: 'brokering' }, t.supervisor).expect(200);
    await post(`/tips/${ids.assignedTip}/assign`, { assigneeId: 'dl-officer-7' }, t.supervisor).expect(200);
    ids.otherCommuneTip = await receive(t.supervisor, '10030', 2);
    ids.hcmTip = await receive(t.supervisorHcm, '27559', 2);
    const today = vnDate(new Date());
    ids.penalty = (
      await post(
        '/penalty-cases',
        {
          jurisdiction: '10015',
          violationDate: today,
          recordedOn: today,
          act: '32',
          offenderType: 'individual',
          people: [PERSON],
          tipId: null,
          summary: 'Phát hiện khi kiểm tra',
        },
        t.officer,
      ).expect(201)
    ).body.id;
    const support = await seedCase(api, 'support_case', '10015', 'dl-social');
    ids.support = support.id;
    REQUEST_SUBJECT = support.subjectId;
    // A service user's request about their data, filed by a social worker: the DPO's deadline.
    ids.request = (
      await post(
        '/data-subject-requests',
        { subjectId: REQUEST_SUBJECT, requestKind: 'delete', channel: 'in_person' },
        t.socialWorker,
      ).expect(201)
    ).body.id;
  });
  afterAll(() => api.close());

  it('shows an officer every deadline of the tips and penalty cases in their commune, with the status at the reading time', async () => {
    const response = await http().get('/deadlines?limit=5000').set('Authorization', t.officer).expect(200);
    expect(response.body).toMatchObject({ asOf: expect.any(String), fresh: true });
    const entries = mine(response.body.deadlines);
    expect(new Set(entries.map((e) => e.caseId))).toEqual(new Set([ids.overdueTip, ids.assignedTip, ids.penalty]));
    expect(byCase(entries, ids.overdueTip)).toMatchObject({ classification: 'overdue', transfer: 'overdue', verification: 'due' });
    expect(byCase(entries, ids.assignedTip)).toMatchObject({
      classification: 'met',
      procuracy_notification: 'due',
      reporter_notification: 'due',
      verification: 'due',
    });
    expect(byCase(entries, ids.assignedTip).transfer).toBeUndefined();
    expect(byCase(entries, ids.penalty)).toEqual({ decision: 'due', limitation: 'due' });
    const penaltyDecision = entries.find((e) => e.caseId === ids.penalty && e.deadline === 'decision')!;
    expect(penaltyDecision).toMatchObject({ kind: 'penalty_case', jurisdiction: '10015', assigneeId: 'dl-officer-7', completedAt: null });
    expect(penaltyDecision.dueOn > vnDate(new Date())).toBe(true);
    // Soonest first.
    const dues = response.body.deadlines.map((e: Entry) => e.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it('answers with ids, kinds, units, assignees and dates only: no personal field', async () => {
    const response = await http().get('/deadlines?jurisdiction=10015&limit=5000').set('Authorization', t.supervisor).expect(200);
    for (const entry of mine(response.body.deadlines)) expect(Object.keys(entry).sort()).toEqual(ENTRY_FIELDS);
    const body = JSON.stringify(response.body);
    for (const secret of [ALLEGATION, REPORTER.name, REPORTER.contact, PERSON.fullName, PERSON.idNumber, 'Phát hiện khi kiểm tra'])
      expect(body).not.toContain(secret);
  });

  it('filters by assignee (an officer’s own with assignee=me), status and due date', async () => {
    const own = mine(await list(t.officer, '?assignee=me'));
    expect(new Set(own.map((e) => e.caseId))).toEqual(new Set([ids.assignedTip, ids.penalty]));
    expect(own.every((e) => e.assigneeId === 'dl-officer-7')).toBe(true);

    const overdue = mine(await list(t.supervisor, '?jurisdiction=10015&status=overdue'));
    expect(overdue.map((e) => `${e.caseId}:${e.deadline}`).sort()).toEqual(
      [`${ids.overdueTip}:classification`, `${ids.overdueTip}:transfer`].sort(),
    );
    const met = mine(await list(t.supervisor, '?status=met'));
    expect(met.map((e) => `${e.caseId}:${e.deadline}`)).toEqual([`${ids.assignedTip}:classification`]);

    const soon = new Date(Date.now() + 24 * HOUR).toISOString();
    const beforeSoon = mine(await list(t.supervisor, `?before=${encodeURIComponent(soon)}`));
    expect(beforeSoon.length).toBeGreaterThan(0);
    expect(beforeSoon.every((e) => e.dueAt < soon)).toBe(true);
    expect(beforeSoon.some((e) => e.deadline === 'verification')).toBe(false);
    const byDate = mine(await list(t.supervisor, `?kind=penalty_case&before=${vnDate(new Date(Date.now() + 400 * 24 * HOUR))}`));
    expect(new Set(byDate.map((e) => e.deadline))).toEqual(new Set(['decision', 'limitation']));
  });

  it('shows a province supervisor every commune of the province, and nothing outside it', async () => {
    const all = mine(await list(t.supervisor));
    expect(new Set(all.map((e) => e.caseId))).toEqual(new Set([ids.overdueTip, ids.assignedTip, ids.otherCommuneTip, ids.penalty]));
    const commune = mine(await list(t.supervisor, '?jurisdiction=10030'));
    expect(new Set(commune.map((e) => e.caseId))).toEqual(new Set([ids.otherCommuneTip]));
    await http().get('/deadlines?jurisdiction=79').set('Authorization', t.supervisor).expect(403);
  });

  it('shows an officer of another province nothing of Hà Nội, and refuses to look there', async () => {
    const theirs = mine(await list(t.outsider));
    expect(theirs.map((e) => e.caseId).every((id) => id === ids.hcmTip)).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    const denied = await http().get('/deadlines?jurisdiction=10015').set('Authorization', t.outsider).expect(403);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    const narrower = mine(await list(t.officer, '?jurisdiction=01'));
    expect(narrower.every((e) => e.jurisdiction === '10015')).toBe(true);
  });

  it('shows a sanctioning official the penalty cases only', async () => {
    const entries = mine(await list(t.official));
    expect(new Set(entries.map((e) => e.caseId))).toEqual(new Set([ids.penalty]));
    await http().get('/deadlines?kind=tip').set('Authorization', t.official).expect(403);
  });

  it('refuses roles that list no case with deadlines (social worker, inspector), and never shows a support case or a request to them', async () => {
    const refused = await http().get('/deadlines').set('Authorization', t.socialWorker).expect(403);
    expect(JSON.stringify(refused.body)).not.toContain(ids.support);
    await http().get('/deadlines').set('Authorization', t.inspector).expect(403);
    for (const token of [t.supervisor, t.officer, t.auditor, t.official]) {
      const entries = await list(token);
      expect(entries.some((e) => e.kind !== 'tip' && e.kind !== 'penalty_case')).toBe(false);
      expect(JSON.stringify(entries)).not.toContain(ids.support);
      expect(JSON.stringify(entries)).not.toContain(ids.request);
      // Asking for the support compartment's kind is answered as if there were nothing to ask about.
      const asked = await http().get('/deadlines?kind=data_subject_request').set('Authorization', token).expect(404);
      expect(JSON.stringify(asked.body)).not.toContain(ids.request);
    }
    await http().get('/deadlines').expect(401);
  });

  it('shows the data-protection officer the legal limits of data-subject requests in scope, and nothing else', async () => {
    const entries = await list(t.dpo);
    expect(entries.every((e) => e.kind === 'data_subject_request')).toBe(true);
    const request_ = entries.filter((e) => e.caseId === ids.request);
    expect(Object.fromEntries(request_.map((e) => [e.deadline, e.status]))).toEqual({ acknowledgement: 'due', action: 'due' });
    expect(request_[0]).toMatchObject({ jurisdiction: '10015', assigneeId: null, completedAt: null });
    // 20 days for a deletion, counted from receipt.
    const action = request_.find((e) => e.deadline === 'action')!;
    expect(Date.parse(action.dueAt) - Date.now()).toBeGreaterThan(19 * 24 * HOUR);
    expect(JSON.stringify(entries)).not.toContain(REQUEST_SUBJECT);
    expect(mine(await list(t.dpoHcm))).toEqual([]);
    await http().get('/deadlines?kind=tip').set('Authorization', t.dpo).expect(403);
  });

  it('records each listing through the policy point', async () => {
    await list(t.officer, '?kind=tip');
    const events = await api.store.readStream('access-tip-collection');
    const listing = events.filter((e) => e.type === 'access.granted' && e.data.actorId === 'dl-officer-7' && e.data.action === 'list');
    expect(listing.length).toBeGreaterThan(0);
    expect(listing[listing.length - 1]!.data).toMatchObject({
      resource: { kind: 'tip', id: null, jurisdiction: '10015' },
      decidedRole: 'police_officer',
    });
    await http().get('/deadlines?jurisdiction=10015').set('Authorization', t.outsider).expect(403);
    const denials = (await api.store.readStream('access-tip-collection')).filter(
      (e) => e.type === 'access.denied' && e.data.actorId === 'dl-officer-79',
    );
    expect(denials.length).toBeGreaterThan(0);
  });

  it('counts due, overdue and met deadlines per officer and per unit', async () => {
    const perUnit = await http().get('/deadlines/summary?by=jurisdiction').set('Authorization', t.supervisor).expect(200);
    expect(perUnit.body.by).toBe('jurisdiction');
    const units = Object.fromEntries(perUnit.body.counts.map((c: { key: string }) => [c.key, c]));
    expect(Object.keys(units).every((code) => code === '01' || code.startsWith('10'))).toBe(true);
    expect(units['10015']).toMatchObject({ overdue: expect.any(Number), due: expect.any(Number), met: expect.any(Number) });
    expect(units['10015'].overdue).toBeGreaterThanOrEqual(2);
    const perOfficer = await http().get('/deadlines/summary?by=assignee&jurisdiction=10015').set('Authorization', t.supervisor).expect(200);
    const officer = perOfficer.body.counts.find((c: { key: string }) => c.key === 'dl-officer-7');
    const listed = mine(await list(t.supervisor, '?assignee=dl-officer-7'));
    expect(officer).toEqual({
      key: 'dl-officer-7',
      due: listed.filter((e) => e.status === 'due').length,
      overdue: 0,
      met: listed.filter((e) => e.status === 'met').length,
    });
  });

  it('shows a new deadline in the next query (the view waits for what was appended before it)', async () => {
    const fresh = await receive(t.supervisor, '10015', 0);
    const entries = await list(t.officer);
    expect(entries.filter((e) => e.caseId === fresh).map((e) => e.deadline)).toEqual(
      expect.arrayContaining(['classification', 'verification']),
    );
  });

  it('answers bad filters with 400 problem+json naming the field', async () => {
    for (const query of [
      '?status=late',
      '?before=tomorrow',
      '?limit=0',
      '?kind=support_case',
      '?jurisdiction=ha-noi',
      '?assignee=%3Cscript%3E',
      '?colour=red',
    ]) {
      const response = await http().get(`/deadlines${query}`).set('Authorization', t.supervisor).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const field = query.slice(1).split('=')[0]!;
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
    const unknownUnit = await http().get('/deadlines?jurisdiction=99999').set('Authorization', t.supervisor).expect(400);
    expect(JSON.stringify(unknownUnit.body.errors)).toContain('jurisdiction');
    await http().get('/deadlines/summary?by=street').set('Authorization', t.supervisor).expect(400);
  });
});
