import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { seedCase } from '../../../test/support/cases.js';
import { createTestDatabase } from '../../../test/support/database.js';

const ALLEGATION = 'Có dấu hiệu môi giới tại nhà nghỉ Hoa Sen';
const REPORTER = { name: 'Trần Thị Người Báo Tin', contact: '0100 222 444' };
const PERSON = { fullName: 'Lê Văn Được Hỗ Trợ', idNumber: '000300000009', address: 'Thôn Ba' };
const GUESTHOUSE = {
  commune: '10030',
  type: 'guesthouse',
  businessName: 'Nhà nghỉ Hoa Sen',
  address: 'Tổ 9, Chúc Sơn',
  businessLicenceNumber: '0108-2026-HKD',
  securityPermitNumber: 'ANTT-0099',
  ownerName: 'Phạm Văn Chủ',
  ownerContact: '0912 000 111',
};
const ENTRY_FIELDS = ['assigneeIds', 'caseId', 'jurisdiction', 'kind', 'label', 'lastEventAt', 'openedOn', 'status'];

interface Entry {
  kind: string;
  caseId: string;
  jurisdiction: string;
  assigneeIds: string[];
  status: string;
  openedOn: string;
  lastEventAt: string;
  label: string;
}

describe('API: the case list of enforcement users (GET /cases)', () => {
  let api: TestApi;
  let t: Record<
    'supervisor' | 'officer' | 'outsider' | 'inspector' | 'official' | 'socialWorker' | 'statistician' | 'supportSupervisor',
    string
  >;
  const ids = { assignedTip: '', communeTip: '', otherCommuneTip: '', hcmTip: '', guesthouse: '', penalty: '', support: '' };
  const pagedTips: string[] = [];

  const http = () => request(api.app.getHttpServer());
  const post = (path: string, body: object, token: string) =>
    http().post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
  const receive = async (token: string, jurisdiction: string) =>
    (
      await post(
        '/tips',
        { jurisdiction, channel: 'hotline', kind: 'denunciation', allegation: ALLEGATION, anonymous: false, reporter: REPORTER },
        token,
      ).expect(201)
    ).body.id as string;
  // The run's database holds other suites' cases too: pages of the most rows a page may hold, all of them.
  const list = async (token: string, query = ''): Promise<Entry[]> => {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { cases: Entry[]; next: string | null } } = await http()
        .get(`/cases?${query}${query ? '&' : ''}limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', token)
        .expect(200);
      entries.push(...page.body.cases);
      cursor = page.body.next;
    } while (cursor);
    return entries;
  };
  const mine = (entries: Entry[]) => entries.filter((e) => Object.values(ids).includes(e.caseId) || pagedTips.includes(e.caseId));
  const idsOf = (entries: Entry[]) => new Set(entries.map((e) => e.caseId));

  beforeAll(async () => {
    api = await startTestApi();
    const as = (user: string, grants: RoleGrant[]) => bearer(user, grants);
    t = {
      supervisor: await as('ci-supervisor', [{ role: 'police_supervisor', scope: '01' }]),
      officer: await as('ci-officer', [{ role: 'police_officer', scope: '10015' }]),
      outsider: await as('ci-officer-79', [{ role: 'police_officer', scope: '79' }]),
      inspector: await as('ci-inspector', [{ role: 'inspector', scope: '01' }]),
      official: await as('ci-official', [{ role: 'sanctioning_official', scope: '01' }]),
      socialWorker: await as('ci-social', [{ role: 'social_worker', scope: '01' }]),
      statistician: await as('ci-statistician', [{ role: 'statistician', scope: '01' }]),
      supportSupervisor: await as('ci-support-supervisor', [{ role: 'support_supervisor', scope: '01' }]),
    };
    ids.assignedTip = await receive(t.supervisor, '10015');
    await post(`/tips/${ids.assignedTip}/classify`, { category: 'brokering' }, t.supervisor).expect(200);
    await post(`/tips/${ids.assignedTip}/assign`, { assigneeId: 'ci-officer' }, t.supervisor).expect(200);
    ids.communeTip = await receive(t.supervisor, '10015');
    ids.otherCommuneTip = await receive(t.supervisor, '10030');
    ids.hcmTip = await receive(await as('ci-supervisor-79', [{ role: 'police_supervisor', scope: '79' }]), '27559');
    ids.guesthouse = (await post('/establishments', GUESTHOUSE, t.inspector).expect(201)).body.id;
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
          summary: 'Phát hiện khi kiểm tra nhà nghỉ',
        },
        t.officer,
      ).expect(201)
    ).body.id;
    ids.support = (await seedCase(api, 'support_case', '10015', 'ci-social')).id;
    for (let i = 0; i < 5; i++) pagedTips.push(await receive(t.supervisor, '10030'));
  });
  afterAll(() => api.close());

  it('shows an officer the cases of their commune, latest activity first, with public codes, unit, status, assignee and dates only', async () => {
    const response = await http().get('/cases?limit=200').set('Authorization', t.officer).expect(200);
    expect(response.body).toMatchObject({ asOf: expect.any(String), fresh: true });
    const entries = mine(await list(t.officer));
    expect(idsOf(entries)).toEqual(new Set([ids.assignedTip, ids.communeTip, ids.penalty]));
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(ENTRY_FIELDS);
    expect(entries.find((e) => e.caseId === ids.assignedTip)).toMatchObject({
      kind: 'tip',
      jurisdiction: '10015',
      status: 'assigned',
      assigneeIds: ['ci-officer'],
      label: 'denunciation · hotline · brokering',
      openedOn: vnDate(new Date()),
    });
    expect(entries.find((e) => e.caseId === ids.penalty)).toMatchObject({
      kind: 'penalty_case',
      status: 'recorded',
      assigneeIds: ['ci-officer'],
      label: '32 · individual',
    });
    const times = response.body.cases.map((e: Entry) => e.lastEventAt);
    expect([...times].sort().reverse()).toEqual(times);
    const body = JSON.stringify(await list(t.supervisor));
    for (const secret of [
      ALLEGATION,
      REPORTER.name,
      REPORTER.contact,
      PERSON.fullName,
      PERSON.idNumber,
      GUESTHOUSE.businessName,
      GUESTHOUSE.address,
      GUESTHOUSE.ownerName,
      'Phát hiện khi kiểm tra',
    ])
      expect(body).not.toContain(secret);
  });

  it('shows a province supervisor every commune of the province, narrowed by unit on request, and refuses another province', async () => {
    expect(idsOf(mine(await list(t.supervisor)))).toEqual(
      new Set([ids.assignedTip, ids.communeTip, ids.otherCommuneTip, ids.guesthouse, ids.penalty, ...pagedTips]),
    );
    expect(idsOf(mine(await list(t.supervisor, 'jurisdiction=10030')))).toEqual(
      new Set([ids.otherCommuneTip, ids.guesthouse, ...pagedTips]),
    );
    expect(idsOf(mine(await list(t.supervisor, 'kind=establishment')))).toEqual(new Set([ids.guesthouse]));
    const refused = await http().get('/cases?jurisdiction=79').set('Authorization', t.supervisor).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('shows nothing outside the caller’s scope: another province’s officer sees none of these, and may not look there', async () => {
    const theirs = await list(t.outsider);
    expect(mine(theirs).map((e) => e.caseId)).toEqual([ids.hcmTip]);
    expect(theirs.every((e) => e.jurisdiction.startsWith('2'))).toBe(true);
    await http().get('/cases?jurisdiction=10015').set('Authorization', t.outsider).expect(403);
    // An officer asking for the province gets their own commune of it.
    expect(mine(await list(t.officer, 'jurisdiction=01')).every((e) => e.jurisdiction === '10015')).toBe(true);
  });

  it('shows each role the kinds it may list: an inspector no tips, a sanctioning official penalty cases only', async () => {
    expect(idsOf(mine(await list(t.inspector)))).toEqual(new Set([ids.guesthouse]));
    await http().get('/cases?kind=tip').set('Authorization', t.inspector).expect(403);
    expect(idsOf(mine(await list(t.official)))).toEqual(new Set([ids.penalty]));
    expect((await list(t.official)).every((e) => e.kind === 'penalty_case')).toBe(true);
  });

  it('refuses social workers (their list is GET /support-cases) and every other role without enforcement cases, and never lists a support case', async () => {
    for (const token of [t.socialWorker, t.statistician, t.supportSupervisor]) {
      const refused = await http().get('/cases').set('Authorization', token).expect(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(refused.body)).not.toContain(ids.support);
    }
    for (const token of [t.supervisor, t.officer, t.inspector, t.official]) {
      const entries = await list(token);
      expect(entries.every((e) => ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case'].includes(e.kind))).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(ids.support);
    }
    await http().get('/cases?kind=support_case').set('Authorization', t.officer).expect(400);
    await http().get('/cases').expect(401);
  });

  it('filters by assignee (an officer’s own with assignee=me) and by status', async () => {
    expect(idsOf(mine(await list(t.officer, 'assignee=me')))).toEqual(new Set([ids.assignedTip, ids.penalty]));
    expect(idsOf(mine(await list(t.supervisor, 'assignee=ci-officer&kind=tip')))).toEqual(new Set([ids.assignedTip]));
    const received = await list(t.supervisor, 'kind=tip&status=received');
    expect(received.every((e) => e.kind === 'tip' && e.status === 'received')).toBe(true);
    expect(idsOf(mine(received))).toEqual(new Set([ids.communeTip, ids.otherCommuneTip, ...pagedTips]));
    expect(idsOf(mine(await list(t.supervisor, 'status=registered')))).toEqual(new Set([ids.guesthouse]));
  });

  it('searches the label, in Vietnamese or in codes, case and diacritics ignored; never the internal or personal fields', async () => {
    for (const q of ['NHÀ NGHỈ', 'nha nghi', 'guesthouse']) {
      const found = await list(t.supervisor, `q=${encodeURIComponent(q)}`);
      expect({ q, found: found.map((e) => e.caseId).includes(ids.guesthouse) }).toEqual({ q, found: true });
      expect(found.every((e) => e.label.includes('guesthouse'))).toBe(true);
    }
    expect(idsOf(mine(await list(t.officer, `q=${encodeURIComponent('môi giới')}`)))).toEqual(new Set([ids.assignedTip]));
    for (const q of ['Hoa Sen', 'Chúc Sơn', 'Lê Văn', 'ANTT-0099'])
      expect(mine(await list(t.supervisor, `q=${encodeURIComponent(q)}`))).toEqual([]);
  });

  it('pages with a cursor: every row once, in order, the next page starting where the last ended', async () => {
    const whole = (await http().get('/cases?jurisdiction=10030&kind=tip&limit=200').set('Authorization', t.supervisor).expect(200)).body;
    expect(whole.next).toBeNull();
    const paged: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { cases: Entry[]; next: string | null } } = await http()
        .get(`/cases?jurisdiction=10030&kind=tip&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', t.supervisor)
        .expect(200);
      expect(page.body.cases.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.cases);
      cursor = page.body.next;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(paged).toEqual(whole.cases);
    for (const id of [ids.otherCommuneTip, ...pagedTips]) expect(paged.map((e) => e.caseId)).toContain(id);
    // The default page holds 50.
    const total = (await list(t.supervisor)).length;
    expect((await http().get('/cases').set('Authorization', t.supervisor).expect(200)).body.cases).toHaveLength(Math.min(50, total));
  });

  it('records each listing through the policy point, with the fields it reveals', async () => {
    await list(t.officer, 'kind=tip');
    const events = await api.store.readStream('access-tip-collection');
    const listing = events.filter((e) => e.type === 'access.granted' && e.data.actorId === 'ci-officer' && e.data.action === 'list');
    expect(listing.length).toBeGreaterThan(0);
    expect(listing[listing.length - 1]!.data).toMatchObject({
      resource: { kind: 'tip', id: null, jurisdiction: '10015' },
      decidedRole: 'police_officer',
      fieldsRevealed: expect.arrayContaining(['label', 'assigneeIds', 'status']),
    });
    await http().get('/cases?jurisdiction=10015').set('Authorization', t.outsider).expect(403);
    const denials = (await api.store.readStream('access-tip-collection')).filter(
      (e) => e.type === 'access.denied' && e.data.actorId === 'ci-officer-79',
    );
    expect(denials.length).toBeGreaterThan(0);
    await http().get('/cases').set('Authorization', t.socialWorker).expect(403);
    expect(
      (await api.store.readStream('access-tip-collection')).some((e) => e.type === 'access.denied' && e.data.actorId === 'ci-social'),
    ).toBe(true);
  });

  it('shows a new case and a new status in the next query (the view waits for what was appended before it)', async () => {
    const fresh = await receive(t.supervisor, '10015');
    expect((await list(t.officer)).find((e) => e.caseId === fresh)).toMatchObject({ status: 'received' });
    await post(`/tips/${fresh}/classify`, { category: 'organising' }, t.supervisor).expect(200);
    const first = (await http().get('/cases?kind=tip&limit=1').set('Authorization', t.officer).expect(200)).body.cases[0];
    expect(first).toMatchObject({ caseId: fresh, status: 'classified', label: 'denunciation · hotline · organising' });
  });

  it('answers bad parameters with 400 problem+json naming the field, unknown ones included', async () => {
    const cursor = Buffer.from(JSON.stringify(['yesterday', 'x', 'tip'])).toString('base64url');
    for (const query of [
      'status=late',
      'limit=0',
      'limit=201',
      'limit=ten',
      'kind=support_case',
      'jurisdiction=ha-noi',
      'assignee=%3Cscript%3E',
      'cursor=%21%21',
      `cursor=${cursor}`,
      'q=',
      `q=${'a'.repeat(101)}`,
      'colour=red',
      'kind=tip&status=registered',
    ]) {
      const response = await http().get(`/cases?${query}`).set('Authorization', t.supervisor).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const field = query.split('&').pop()!.split('=')[0]!;
      expect({ query, errors: JSON.stringify(response.body.errors) }).toEqual({ query, errors: expect.stringContaining(field) });
    }
    const unknownUnit = await http().get('/cases?jurisdiction=99999').set('Authorization', t.supervisor).expect(400);
    expect(JSON.stringify(unknownUnit.body.errors)).toContain('jurisdiction');
  });
});

describe('API: the case list while its view is not built', () => {
  it('answers 503 problem+json (projections run elsewhere and have not built it yet)', async () => {
    const { url, drop } = await createTestDatabase();
    const api = await startTestApi(url, undefined, { PROJECTIONS: 'off' });
    try {
      const token = await bearer('ci-supervisor-off', [{ role: 'police_supervisor', scope: '01' }]);
      const answer = await request(api.app.getHttpServer()).get('/cases').set('Authorization', token).expect(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body.detail).toMatch(/not built yet/);
    } finally {
      await api.close();
      await drop();
    }
  });
});
