import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const IDENTIFY = {
  jurisdiction: '27559',
  kind: 'street',
  locationDescription: 'Đoạn đường gần chợ, sau 22 giờ',
  identifiedOn: '2026-01-05',
};
const key = () => `key-${randomUUID()}`;

describe('API: hotspots (điểm phức tạp)', () => {
  let api: TestApi;
  let supervisor: string;
  beforeAll(async () => {
    api = await startTestApi();
    supervisor = await bearer('supervisor-hot', [{ role: 'police_supervisor', scope: '79' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`hotspot-${id}`);
  const identify = async (token = supervisor) =>
    (await http().post('/hotspots').set('Authorization', token).set('Idempotency-Key', key()).send(IDENTIFY).expect(201)).body.id as string;
  const command = (id: string, verb: string, body: object, options: { token?: string; ifMatch?: string; key?: string } = {}) => {
    const r = http()
      .post(`/hotspots/${id}/${verb}`)
      .set('Authorization', options.token ?? supervisor)
      .set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };

  it('identifies, treats, eradicates, re-activates, treats again, and shows the status periods and the history', async () => {
    const created = await http()
      .post('/hotspots')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key())
      .send(IDENTIFY)
      .expect(201)
      .expect('ETag', '"0"');
    expect(created.body).toMatchObject({ revision: 0, events: ['hotspot.identified'] });
    const id = created.body.id as string;
    await command(id, 'start-treatment', { plan: 'Night patrols', startedOn: '2026-01-10' }, { ifMatch: '"0"' })
      .expect(200)
      .expect('ETag', '"1"');
    await command(id, 'eradicate', { eradicatedOn: '2026-03-01' }, { ifMatch: '"1"' }).expect(200);
    const inspector = await bearer('inspector-hot', [{ role: 'inspector', scope: '27559' }]);
    await command(id, 'reactivate', { reactivatedOn: '2026-04-15', reason: 'Repeated tips from residents' }, { token: inspector }).expect(
      200,
    );
    const again = await command(id, 'start-treatment', { plan: 'Cameras and lighting', startedOn: '2026-04-20' }).expect(200);
    expect(again.body).toEqual({ id, revision: 4, events: ['hotspot.treatment_started'] });

    const view = await http().get(`/hotspots/${id}`).set('Authorization', supervisor).expect(200).expect('ETag', '"4"');
    expect(view.body).toMatchObject({
      id,
      revision: 4,
      status: 'under_treatment',
      jurisdiction: '27559',
      hotspotKind: 'street',
      locationDescription: IDENTIFY.locationDescription,
      treatmentPlan: 'Cameras and lighting',
      lastReactivationReason: 'Repeated tips from residents',
      timesEradicated: 1,
      timesReactivated: 1,
      periods: [
        { status: 'identified', from: '2026-01-05', to: '2026-01-10' },
        { status: 'under_treatment', from: '2026-01-10', to: '2026-03-01' },
        { status: 'eradicated', from: '2026-03-01', to: '2026-04-15' },
        { status: 'reactivated', from: '2026-04-15', to: '2026-04-20' },
        { status: 'under_treatment', from: '2026-04-20', to: null },
      ],
    });
    const history = await http().get(`/hotspots/${id}/history`).set('Authorization', supervisor).expect(200);
    expect(history.body.history.map((h: { type: string; actorId: string }) => [h.type, h.actorId])).toEqual([
      ['hotspot.identified', 'supervisor-hot'],
      ['hotspot.treatment_started', 'supervisor-hot'],
      ['hotspot.eradicated', 'supervisor-hot'],
      ['hotspot.reactivated', 'inspector-hot'],
      ['hotspot.treatment_started', 'supervisor-hot'],
    ]);
  });

  it('refuses impossible transitions with 409 naming the rule, and appends nothing', async () => {
    const id = await identify();
    const early = await command(id, 'eradicate', { eradicatedOn: '2026-02-01' }).expect(409);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.body).toMatchObject({
      code: 'hotspot.not_under_treatment',
      detail: expect.stringContaining('under treatment'),
      detailVi: expect.any(String),
    });
    expect((await command(id, 'reactivate', { reactivatedOn: '2026-02-01', reason: 'x' }).expect(409)).body.code).toBe(
      'hotspot.not_eradicated',
    );
    await command(id, 'start-treatment', { plan: 'Patrols', startedOn: '2026-01-06' }).expect(200);
    expect((await command(id, 'start-treatment', { plan: 'Again', startedOn: '2026-01-07' }).expect(409)).body.code).toBe(
      'hotspot.already_under_treatment',
    );
    await command(id, 'eradicate', { eradicatedOn: '2026-02-01' }).expect(200);
    expect((await command(id, 'start-treatment', { plan: 'Again', startedOn: '2026-02-02' }).expect(409)).body.code).toBe(
      'hotspot.eradicated_not_reactivated',
    );
    expect(await stream(id)).toHaveLength(3);
  });

  it('refuses dates out of order or in the future with 422 naming the rule', async () => {
    const id = await identify();
    const before = await command(id, 'start-treatment', { plan: 'Patrols', startedOn: '2026-01-01' }).expect(422);
    expect(before.body).toMatchObject({
      code: 'hotspot.date_before_current_period',
      errors: { field: 'startedOn', currentFrom: '2026-01-05' },
    });
    expect((await command(id, 'start-treatment', { plan: 'Patrols', startedOn: '2999-01-01' }).expect(422)).body.code).toBe(
      'hotspot.date_in_future',
    );
    expect(await stream(id)).toHaveLength(1);
  });

  it('answers a bad body with 400 naming the fields, unknown fields rejected, and appends nothing', async () => {
    const idempotencyKey = key();
    const bad = await http()
      .post('/hotspots')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', idempotencyKey)
      .send({ ...IDENTIFY, kind: 'park', identifiedOn: '5/1/2026', ownerName: 'x' })
      .expect(400);
    const errors = JSON.stringify(bad.body.errors);
    for (const field of ['kind', 'identifiedOn', 'ownerName']) expect(errors).toContain(field);
    expect(await stream(caseIdFor('supervisor-hot', idempotencyKey, 'hotspot'))).toEqual([]);
    const id = await identify();
    expect(JSON.stringify((await command(id, 'reactivate', { reactivatedOn: 20260101 }).expect(400)).body.errors)).toMatch(/reason/);
    expect(await stream(id)).toHaveLength(1);
  });

  it('refuses a stale If-Match with 409', async () => {
    const id = await identify();
    await command(id, 'start-treatment', { plan: 'Patrols', startedOn: '2026-01-06' }, { ifMatch: '"0"' }).expect(200);
    const stale = await command(id, 'eradicate', { eradicatedOn: '2026-02-01' }, { ifMatch: '"0"' }).expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    expect(await stream(id)).toHaveLength(2);
  });

  it('refuses roles and scopes that may not act (403) and unknown hotspots (404)', async () => {
    const id = await identify();
    for (const [user, role, scope] of [
      ['official-hot', 'sanctioning_official', '79'],
      ['worker-hot', 'support_supervisor', '79'],
      ['supervisor-01', 'police_supervisor', '01'],
      ['auditor-hot', 'auditor', 'VN'],
    ] as const) {
      const token = await bearer(user, [{ role, scope }]);
      await command(id, 'start-treatment', { plan: 'Patrols', startedOn: '2026-01-06' }, { token }).expect(403);
    }
    const national = await bearer('supervisor-vn', [{ role: 'police_supervisor', scope: 'VN' }]);
    await http().get('/hotspots/no-such-hotspot').set('Authorization', national).expect(404);
    // A missing hotspot is answered as one the caller may not see (403 below national scope).
    await command('no-such-hotspot', 'eradicate', { eradicatedOn: '2026-02-01' }).expect(403);
    expect(await stream(id)).toHaveLength(1);
  });

  it('answers an idempotent retry with the same result and appends once', async () => {
    const idempotencyKey = key();
    const first = await http()
      .post('/hotspots')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', idempotencyKey)
      .send(IDENTIFY)
      .expect(201);
    const again = await http()
      .post('/hotspots')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', idempotencyKey)
      .send(IDENTIFY)
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(await stream(first.body.id)).toHaveLength(1);
  });
});
