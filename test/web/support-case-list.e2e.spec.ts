import request from 'supertest';
import { bearer, startTestApi, type TestApi } from '../support/api.js';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * GET /support-cases, the list the console's social-worker screen reads (added for issue 8):
 * through the policy point, each row only if its single read would be allowed, and never who
 * the service user is.
 */
describe('API: the list of support cases', () => {
  let api: TestApi;
  const http = () => request(api.app.getHttpServer());
  const post = (path: string, token: string, body: object) =>
    http()
      .post(path)
      .set('Authorization', token)
      .set('Idempotency-Key', `list-${Math.random().toString(36).slice(2)}`)
      .send(body);
  let mine = '';
  let theirs = '';
  let tokens: Record<'worker' | 'other' | 'supervisor' | 'police' | 'statistician', string>;

  beforeAll(async () => {
    api = await startTestApi();
    tokens = {
      worker: await bearer('list-worker-1', [{ role: 'social_worker', scope: '10015' }]),
      other: await bearer('list-worker-2', [{ role: 'social_worker', scope: '10015' }]),
      supervisor: await bearer('list-supervisor', [{ role: 'support_supervisor', scope: '01' }]),
      police: await bearer('list-police', [{ role: 'police_supervisor', scope: 'VN' }]),
      statistician: await bearer('list-statistician', [{ role: 'statistician', scope: 'VN' }]),
    };
    mine = (
      await post('/support-cases', tokens.worker, {
        jurisdiction: '10015',
        channel: 'walk_in',
        contactedOn: today(),
        serviceUser: { name: 'Tên Riêng Danh Sách', contact: '0100 123 987' },
      }).expect(201)
    ).body.id;
    await post(`/support-cases/${mine}/consents`, tokens.worker, {
      purpose: 'case_management',
      wordingVersion: 'v2026.1',
      method: 'written',
      givenOn: today(),
    }).expect(200);
    theirs = (await post('/support-cases', tokens.other, { jurisdiction: '10015', channel: 'hotline', contactedOn: today() }).expect(201))
      .body.id;
  });
  afterAll(() => api.close());

  it('shows a social worker only the cases assigned to them, with status and consent per purpose, never the person', async () => {
    const list = await http().get('/support-cases').set('Authorization', tokens.worker).expect(200);
    const ids = list.body.entries.map((e: { id: string }) => e.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const entry = list.body.entries.find((e: { id: string }) => e.id === mine);
    expect(entry).toMatchObject({
      jurisdiction: '10015',
      status: 'first_contact',
      channel: 'walk_in',
      contactedOn: today(),
      assigneeId: 'list-worker-1',
      consents: { case_management: 'given', follow_up_contact: 'none' },
      referrals: [],
    });
    expect(entry.clientCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(JSON.stringify(list.body)).not.toMatch(/Tên Riêng Danh Sách|0100 123 987/);
  });

  it('shows a support supervisor every case in scope, filtered by status', async () => {
    const all = await http().get('/support-cases?jurisdiction=10015&limit=500').set('Authorization', tokens.supervisor).expect(200);
    expect(all.body.entries.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([mine, theirs]));
    const closed = await http().get('/support-cases?status=closed').set('Authorization', tokens.supervisor).expect(200);
    expect(closed.body.entries.map((e: { id: string }) => e.id)).not.toContain(mine);
  });

  it('answers enforcement roles and statisticians as if there were nothing, and refuses unknown filters', async () => {
    for (const token of [tokens.police, tokens.statistician]) {
      const refused = await http().get('/support-cases').set('Authorization', token).expect(404);
      expect(JSON.stringify(refused.body)).not.toContain(mine);
    }
    await http().get('/support-cases?status=open&name=x').set('Authorization', tokens.supervisor).expect(400);
  });
});
