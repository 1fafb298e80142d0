import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { SEED_PLANS } from '../../../libs/programme/src/seed/seed-plans.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const key = () => `key-${randomUUID()}`;
const REDACTED = { redacted: 'not authorised' };
const seedBody = (i: number) => SEED_PLANS[i]!.plan;

describe('API: programme activities (plans, targets, communication, trainings …)', () => {
  let api: TestApi;
  let giaLai: string;
  let national: string;
  beforeAll(async () => {
    api = await startTestApi();
    giaLai = await bearer('po-52', [{ role: 'programme_officer', scope: '52' }]);
    national = await bearer('po-vn', [{ role: 'programme_officer', scope: 'VN' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`programme_activity-${id}`);
  const post = (path: string, body: object, options: { token?: string; key?: string; ifMatch?: string } = {}) => {
    const r = http()
      .post(`/programme/${path}`)
      .set('Authorization', options.token ?? giaLai)
      .set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };
  const view = (id: string, token = giaLai) => http().get(`/programme/activities/${id}`).set('Authorization', token);

  it.each(SEED_PLANS.map((s, i) => [s.file, i] as const))(
    'enters seed plan %s as it is, and shows it back with its targets',
    async (_file, i) => {
      const plan = seedBody(i);
      const created = await post('plans', plan, { token: national }).expect(201).expect('ETag', '"0"');
      expect(created.body).toMatchObject({ revision: 0, events: ['programme.plan_adopted'] });
      const shown = await view(created.body.id, national).expect(200);
      expect(shown.body).toMatchObject({
        activity: 'plan',
        jurisdiction: plan.jurisdiction,
        plan: { status: 'in_force', revisions: 0 },
        retracted: null,
      });
      expect(shown.body.details).toEqual(plan);
      expect(shown.body.redactedFields).toEqual([]);
    },
  );

  it('revises a plan’s targets with If-Match, withdraws it, and refuses a second withdrawal with 409', async () => {
    const plan = seedBody(4);
    const id = (await post('plans', plan).expect(201)).body.id as string;
    const targets = plan.targets.map((t) => (t.indicator === 'communes_with_communication' ? { ...t, value: 95 } : t));
    await post(`plans/${id}/revise`, { revisedOn: '2026-09-01', reason: 'Hướng dẫn mới', targets }, { ifMatch: '"0"' })
      .expect(200)
      .expect('ETag', '"1"');
    const revised = await view(id).expect(200);
    expect(revised.body.plan).toEqual({ status: 'in_force', revisions: 1, withdrawnOn: null });
    expect(revised.body.details.targets.find((t: { indicator: string }) => t.indicator === 'communes_with_communication').value).toBe(95);
    expect(revised.body.details.reporting).toEqual(plan.reporting);
    const stale = await post(`plans/${id}/withdraw`, { withdrawnOn: '2026-10-01', reason: 'x' }, { ifMatch: '"0"' }).expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    await post(`plans/${id}/withdraw`, { withdrawnOn: '2026-10-01', reason: 'Thay bằng kế hoạch mới' }).expect(200);
    const again = await post(`plans/${id}/withdraw`, { withdrawnOn: '2026-10-02', reason: 'again' }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'programme.plan_withdrawn', detailVi: expect.any(String) });
    expect(await stream(id)).toHaveLength(3);
  });

  it('records communication, training, integration, a pilot model (started and ended), a website post and reference figures', async () => {
    const communication = await post('communications', {
      jurisdiction: '23575',
      heldOn: '2026-04-10',
      form: 'establishment_session',
      audience: 'establishment_workers',
      reach: 45,
      recurring: true,
      villages: ['Tổ 1'],
    }).expect(201);
    expect((await view(communication.body.id).expect(200)).body).toMatchObject({
      activity: 'communication',
      on: '2026-04-10',
      details: { audience: 'establishment_workers', reach: 45, villages: ['Tổ 1'] },
    });
    const training = await post('trainings', {
      jurisdiction: '52',
      heldOn: '2026-05-20',
      topic: 'Hỗ trợ giảm hại',
      participants: { province: 25, commune: 40 },
    }).expect(201);
    expect((await view(training.body.id).expect(200)).body.details.participants).toEqual({ province: 25, commune: 40 });
    await post('integrations', {
      jurisdiction: '23617',
      recordedOn: '2026-02-01',
      programmes: ['socio_economic', 'hiv_prevention'],
    }).expect(201);
    const pilot = (
      await post('pilot-models', {
        jurisdiction: '21583',
        startedOn: '2026-03-01',
        modelKind: 'harm_reduction',
        name: 'Nhóm đồng đẳng',
      }).expect(201)
    ).body.id as string;
    await post(`pilot-models/${pilot}/end`, { endedOn: '2026-11-30', reason: 'Hết kinh phí' }, { ifMatch: '"0"' }).expect(200);
    expect((await view(pilot).expect(200)).body).toMatchObject({ activity: 'pilot_model', on: '2026-03-01', pilotEndedOn: '2026-11-30' });
    await post('website-posts', {
      jurisdiction: '52',
      publishedOn: '2026-03-05',
      title: 'Tuyên truyền',
      url: 'https://gialai.gov.vn/tin/1',
    }).expect(201);
    const figures = await post('reference-figures', {
      jurisdiction: '52',
      area: ['52'],
      asOf: '2026-01-01',
      figures: { staffProvince: 50, staffCommune: 30 },
    }).expect(201);
    expect((await view(figures.body.id).expect(200)).body.details).toEqual({
      jurisdiction: '52',
      area: ['52'],
      asOf: '2026-01-01',
      figures: { staffProvince: 50, staffCommune: 30 },
    });
  });

  it('retracts a record made in error; its reason is internal: shown to programme officers and auditors, hidden from statisticians', async () => {
    const id = (
      await post('website-posts', {
        jurisdiction: '52',
        publishedOn: '2026-03-05',
        title: 'Trùng',
        url: 'https://gialai.gov.vn/tin/2',
      }).expect(201)
    ).body.id as string;
    await post(`activities/${id}/retract`, { retractedOn: '2026-03-06', reason: 'Nhập trùng' }).expect(200);
    const own = await view(id).expect(200);
    expect(own.body.retracted).toEqual({ on: '2026-03-06', reason: 'Nhập trùng' });
    expect(own.body.redactedFields).toEqual([]);
    const statistician = await view(id, await bearer('stat-52', [{ role: 'statistician', scope: '52' }])).expect(200);
    expect(statistician.body.retracted).toEqual({ on: '2026-03-06', reason: REDACTED });
    expect(statistician.body.redactedFields).toEqual(['reason']);
    const auditor = await bearer('auditor-52', [{ role: 'auditor', scope: '52' }]);
    expect((await view(id, auditor).expect(200)).body.retracted).toEqual({ on: '2026-03-06', reason: 'Nhập trùng' });
    expect((await post(`activities/${id}/retract`, { retractedOn: '2026-03-07', reason: 'again' }).expect(409)).body.code).toBe(
      'programme.retracted',
    );
    const history = await http().get(`/programme/activities/${id}/history`).set('Authorization', giaLai).expect(200);
    expect(history.body.history.map((h: { type: string; actorId: string }) => [h.type, h.actorId])).toEqual([
      ['programme.website_post_recorded', 'po-52'],
      ['programme.activity_retracted', 'po-52'],
    ]);
  });

  it('refuses an area outside the jurisdiction (422) and rules of the domain (422), appending nothing', async () => {
    const outside = key();
    const refused = await post('plans', { ...seedBody(0), jurisdiction: '52' }, { token: national, key: outside }).expect(422);
    expect(refused.body).toMatchObject({ code: 'programme.area_outside_jurisdiction', errors: { field: 'area' } });
    expect(await stream(caseIdFor('po-vn', outside, 'programme_activity'))).toEqual([]);
    const figures = key();
    expect(
      (
        await post(
          'reference-figures',
          { jurisdiction: '52', area: ['27559'], asOf: '2026-01-01', figures: { villages: 3 } },
          { key: figures },
        ).expect(422)
      ).body.code,
    ).toBe('programme.area_outside_jurisdiction');
    expect(await stream(caseIdFor('po-52', figures, 'programme_activity'))).toEqual([]);
    const future = key();
    expect(
      (
        await post(
          'communications',
          { jurisdiction: '52', heldOn: '2999-01-01', form: 'meeting', audience: 'youth', reach: 1, recurring: false },
          { key: future },
        ).expect(422)
      ).body.code,
    ).toBe('programme.date_in_future');
    const badTarget = await post('plans', { ...seedBody(4), targets: [{ ...seedBody(4).targets[0]!, value: 150 }] }).expect(422);
    expect(badTarget.body).toMatchObject({ code: 'programme.invalid_plan', errors: { field: 'targets' } });
    const noParticipants = await post('trainings', { jurisdiction: '52', heldOn: '2026-05-20', topic: 'x', participants: {} }).expect(422);
    expect(noParticipants.body.errors).toEqual({ field: 'participants' });
  });

  it('answers a bad body with 400 naming the fields, nested unknown fields too, and appends nothing', async () => {
    const idempotencyKey = key();
    const plan = seedBody(4);
    const bad = await post(
      'plans',
      {
        ...plan,
        issuer: { ...plan.issuer, level: 'ministry' },
        targets: [{ ...plan.targets[0], note: 'x' }],
        period: { from: '1/1/2026', to: plan.period.to },
        owner: 'x',
      },
      { key: idempotencyKey },
    ).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = JSON.stringify(bad.body.errors);
    for (const field of ['issuer.level', 'targets.0.property note', 'period.from', 'property owner']) expect(errors).toContain(field);
    expect(await stream(caseIdFor('po-52', idempotencyKey, 'programme_activity'))).toEqual([]);
    const missing = await post('plans', { ...plan, reporting: undefined, area: 'Gia Lai' }).expect(400);
    expect(JSON.stringify(missing.body.errors)).toMatch(/reporting[\s\S]*area|area[\s\S]*reporting/);
    const comms = await post('communications', {
      jurisdiction: '52',
      heldOn: '2026-04-01',
      form: 'meeting',
      audience: 'everyone',
      reach: '12',
      recurring: 'yes',
    }).expect(400);
    for (const field of ['audience', 'reach', 'recurring']) expect(JSON.stringify(comms.body.errors)).toContain(field);
    await post('trainings', { jurisdiction: '52', heldOn: '2026-05-20', topic: 'x', participants: { ward: 3 } }).expect(400);
  });

  it('lets only programme officers in scope record; statisticians and auditors read; other roles and scopes are refused (403); unknown ids are 404', async () => {
    const id = (
      await post('website-posts', {
        jurisdiction: '23575',
        publishedOn: '2026-03-05',
        title: 'Tin',
        url: 'https://gialai.gov.vn/tin/3',
      }).expect(201)
    ).body.id as string;
    const body = { jurisdiction: '23575', publishedOn: '2026-03-05', title: 'Tin', url: 'https://gialai.gov.vn/tin/4' };
    for (const [user, role, scope] of [
      ['po-79', 'programme_officer', '79'],
      ['stat-52', 'statistician', '52'],
      ['stat-vn', 'statistician', 'VN'],
      ['sup-52', 'police_supervisor', '52'],
      ['ssup-52', 'support_supervisor', '52'],
      ['aud-52', 'auditor', '52'],
      ['dpo-vn', 'data_protection_officer', 'VN'],
    ] as const) {
      const token = await bearer(user, [{ role, scope }]);
      const k = key();
      await post('website-posts', body, { token, key: k }).expect(403);
      expect(await stream(caseIdFor(user, k, 'programme_activity'))).toEqual([]);
      await post(`activities/${id}/retract`, { retractedOn: '2026-03-06', reason: 'x' }, { token }).expect(403);
    }
    await view(id, await bearer('po-79', [{ role: 'programme_officer', scope: '79' }])).expect(403);
    await view(id, await bearer('stat-79', [{ role: 'statistician', scope: '79' }])).expect(403);
    await view(id, await bearer('stat-52', [{ role: 'statistician', scope: '52' }])).expect(200);
    await view(id, await bearer('sup-52', [{ role: 'police_supervisor', scope: '52' }])).expect(403);
    await view(id, await bearer('aud-52', [{ role: 'auditor', scope: '52' }])).expect(200);
    await view('no-such-activity', national).expect(404);
    // A missing activity is answered as one the caller may not see (403 below national scope).
    await post('activities/no-such-activity/retract', { retractedOn: '2026-03-06', reason: 'x' }).expect(403);
    expect(await stream(id)).toHaveLength(1);
  });

  it('refuses a statistician’s plan, plan revision and activity with 403 and appends nothing: the one who queries cannot set a period boundary', async () => {
    const plan = seedBody(4);
    const id = (await post('plans', plan).expect(201)).body.id as string;
    const before = await stream(id);
    for (const [user, scope] of [
      ['stat-52', '52'],
      ['stat-vn', 'VN'],
    ] as const) {
      const token = await bearer(user, [{ role: 'statistician', scope }]);
      const refused = async (path: string, body: object, ifMatch?: string) => {
        const k = key();
        const answer = await post(path, body, { token, key: k, ifMatch }).expect(403);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(await stream(caseIdFor(user, k, 'programme_activity'))).toEqual([]);
      };
      // A second plan over the same area with another statistical month, …
      await refused('plans', { ...plan, reporting: { ...plan.reporting, monthStartsOnDay: 10 } });
      // … moving the recorded plan's boundaries, with and without If-Match, …
      await refused(`plans/${id}/revise`, {
        revisedOn: '2026-09-01',
        reason: 'Lịch mới',
        reporting: { ...plan.reporting, monthStartsOnDay: 11 },
      });
      await refused(
        `plans/${id}/revise`,
        { revisedOn: '2026-09-01', reason: 'Lịch mới', reporting: { ...plan.reporting, monthStartsOnDay: 11 } },
        '"0"',
      );
      await refused(`plans/${id}/withdraw`, { withdrawnOn: '2026-10-01', reason: 'x' });
      // … or any programme activity.
      await refused('trainings', { jurisdiction: '52', heldOn: '2026-05-20', topic: 'Tập huấn', participants: { province: 3 } });
      await refused('reference-figures', { jurisdiction: '52', area: ['52'], asOf: '2026-01-01', figures: { staffProvince: 50 } });
      await refused('communications', {
        jurisdiction: '52',
        heldOn: '2026-04-01',
        form: 'meeting',
        audience: 'youth',
        reach: 10,
        recurring: false,
      });
      await refused(`activities/${id}/retract`, { retractedOn: '2026-03-06', reason: 'x' });
    }
    // The plan keeps its calendar and its one event; the statistician reads it to pick it.
    expect(await stream(id)).toEqual(before);
    expect(before).toHaveLength(1);
    const shown = await view(id, await bearer('stat-52', [{ role: 'statistician', scope: '52' }])).expect(200);
    expect(shown.body.details.reporting.monthStartsOnDay).toBe(plan.reporting.monthStartsOnDay);
    expect(shown.body.plan.revisions).toBe(0);
    // The programme officer may revise it.
    await post(
      `plans/${id}/revise`,
      { revisedOn: '2026-09-01', reason: 'Lịch mới', reporting: { ...plan.reporting, monthStartsOnDay: 11 } },
      { ifMatch: '"0"' },
    ).expect(200);
    expect((await view(id).expect(200)).body.details.reporting.monthStartsOnDay).toBe(11);
  });

  it('answers an idempotent retry with the same result and appends once', async () => {
    const idempotencyKey = key();
    const body = { jurisdiction: '52', heldOn: '2026-05-20', topic: 'Tập huấn', participants: { province: 3 } };
    const first = await post('trainings', body, { key: idempotencyKey }).expect(201);
    const again = await post('trainings', body, { key: idempotencyKey }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await stream(first.body.id)).toHaveLength(1);
  });
});
