import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, type Role } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { SEED_PLANS } from '../../../libs/programme/src/seed/seed-plans.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { seedCase, testSchemas, type SeededCase } from '../../../test/support/cases.js';

// Chương Mỹ (10015) lies in Hà Nội (01); Hồ Chí Minh (79) is another scope.
const INSIDE = '01';
const OUTSIDE = '79';
const KINDS = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case', 'support_case'] as const;
type Kind = (typeof KINDS)[number];

// What each role sees of a case in its scope that is not assigned to it.
type Expectation = 'basic' | 'personal' | 403 | 404;
const row = (enforcement: Partial<Record<Kind, Expectation>>, otherEnforcement: Expectation, support: Expectation) =>
  Object.fromEntries(KINDS.map((k) => [k, k === 'support_case' ? support : (enforcement[k] ?? otherEnforcement)])) as Record<
    Kind,
    Expectation
  >;
const EXPECTED: Record<Role, Record<Kind, Expectation>> = {
  police_officer: row({}, 'basic', 404),
  police_supervisor: row({}, 'personal', 404),
  inspector: row({ establishment: 'personal', inspection: 'personal', hotspot: 'personal' }, 403, 404),
  sanctioning_official: row({ penalty_case: 'personal' }, 403, 404),
  social_worker: row({}, 403, 404),
  support_supervisor: row({}, 403, 'personal'),
  statistician: row({}, 403, 404),
  programme_officer: row({}, 403, 404),
  auditor: row({}, 'basic', 'basic'),
  data_protection_officer: row({}, 403, 404),
};
const REDACTED = { redacted: 'not authorised' };

describe('API: every role × every case kind × inside/outside scope', () => {
  let api: TestApi;
  const cases = new Map<Kind, SeededCase>();
  beforeAll(async () => {
    api = await startTestApi(undefined, testSchemas());
    for (const kind of KINDS) cases.set(kind, await seedCase(api, kind, '10015', 'assigned-user'));
  });
  afterAll(() => api.close());

  const rows = ROLES.flatMap((role) => KINDS.flatMap((kind) => [INSIDE, OUTSIDE].map((scope) => [role, kind, scope] as const)));
  it.each(rows)('%s reads a %s with scope %s', async (role, kind, scope) => {
    const seeded = cases.get(kind)!;
    const token = await bearer(`${role}-user`, [{ role, scope }]);
    const response = await request(api.app.getHttpServer()).get(`/cases/${kind}/${seeded.id}`).set('Authorization', token);
    const expected = scope === INSIDE ? EXPECTED[role][kind] : kind === 'support_case' ? 404 : 403;
    const body = JSON.stringify(response.body);
    if (typeof expected === 'number') {
      expect(response.status).toBe(expected);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } else {
      expect(response.status).toBe(200);
      const fields = response.body.fields;
      expect(fields).toMatchObject({ title: `${kind} case`, notes: 'routine', reporterIdentity: REDACTED });
      expect(fields.subjectName).toEqual(expected === 'personal' ? seeded.plaintext.subjectName : REDACTED);
    }
    // Nothing the caller may not see leaks anywhere in the answer.
    expect(body).not.toContain(seeded.plaintext.reporterIdentity);
    if (expected !== 'personal') expect(body).not.toContain(seeded.plaintext.subjectName);

    const [recorded] = await api.store.readStream(`access-${kind}-${seeded.id}`, { direction: 'backward', limit: 1 });
    expect(recorded).toMatchObject({
      metadata: { actorId: `${role}-user` },
      data: { decision: response.status === 200 ? 'allow' : 'deny', status: response.status },
    });
  });

  it('shows everything to the people the case is assigned to', async () => {
    for (const [kind, role] of [
      ['tip', 'police_officer'],
      ['support_case', 'social_worker'],
    ] as const) {
      const seeded = cases.get(kind)!;
      const response = await request(api.app.getHttpServer())
        .get(`/cases/${kind}/${seeded.id}`)
        .set('Authorization', await bearer('assigned-user', [{ role, scope: '10015' }]))
        .expect(200);
      expect(response.body.fields).toMatchObject(seeded.plaintext);
      expect(response.body.redactedFields).toEqual([]);
    }
  });

  it('answers a missing support case exactly as a hidden one, and a missing tip to a national user with 404', async () => {
    const officer = await bearer('officer-x', [{ role: 'police_supervisor', scope: 'VN' }]);
    const hidden = await request(api.app.getHttpServer())
      .get(`/cases/support_case/${cases.get('support_case')!.id}`)
      .set('Authorization', officer);
    const missing = await request(api.app.getHttpServer()).get('/cases/support_case/does-not-exist').set('Authorization', officer);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect({ ...hidden.body, instance: null }).toEqual({ ...missing.body, instance: null });
    expect(hidden.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify({ ...hidden.body }))));
    await request(api.app.getHttpServer()).get('/cases/tip/does-not-exist').set('Authorization', officer).expect(404);
    const local = await bearer('officer-y', [{ role: 'police_officer', scope: '79' }]);
    await request(api.app.getHttpServer()).get('/cases/tip/does-not-exist').set('Authorization', local).expect(403);
  });

  it('lists who viewed a case to its assignee and supervisors, not to other officers', async () => {
    const tip = cases.get('tip')!;
    const viewers = await request(api.app.getHttpServer())
      .get(`/cases/tip/${tip.id}/viewers`)
      .set('Authorization', await bearer('assigned-user', [{ role: 'police_officer', scope: '01' }]))
      .expect(200);
    expect(viewers.body.viewers.map((v: { actorId: string }) => v.actorId)).toEqual(
      expect.arrayContaining(['police_officer-user', 'auditor-user']),
    );
    await request(api.app.getHttpServer())
      .get(`/cases/tip/${tip.id}/viewers`)
      .set('Authorization', await bearer('officer-z', [{ role: 'police_officer', scope: '01' }]))
      .expect(403);
  });
});

// Plans and programme activities, and the statistics read against them: who records, who reads, who exports.
type Route = 'record a plan' | 'revise a plan' | 'read a plan' | 'indicators' | 'plans to pick' | 'report';
const PROGRAMME_EXPECTED: Record<Role, Record<Route, number>> = Object.fromEntries(
  ROLES.map((role) => {
    const records = role === 'programme_officer';
    const readsPlans = ['programme_officer', 'statistician', 'auditor'].includes(role);
    const readsStatistics = readsPlans;
    const exports = ['statistician', 'auditor'].includes(role);
    const ok = (allowed: boolean, status = 200) => (allowed ? status : 403);
    return [
      role,
      {
        'record a plan': ok(records, 201),
        'revise a plan': ok(records),
        'read a plan': ok(readsPlans),
        indicators: ok(readsStatistics),
        'plans to pick': ok(readsStatistics),
        report: ok(exports),
      },
    ];
  }),
) as Record<Role, Record<Route, number>>;

describe('API: every role × the programme and statistics routes × inside/outside scope', () => {
  let api: TestApi;
  let planId: string;
  // Hà Nội's seed plan: recorded by a programme officer of Hà Nội.
  const plan = SEED_PLANS[3]!.plan;
  const http = () => request(api.app.getHttpServer());
  const revision = async () => (await api.store.readStream(`programme_activity-${planId}`)).length;
  beforeAll(async () => {
    api = await startTestApi();
    const officer = await bearer('programme-officer-01', [{ role: 'programme_officer', scope: INSIDE }]);
    planId = (
      await http().post('/programme/plans').set('Authorization', officer).set('Idempotency-Key', randomUUID()).send(plan).expect(201)
    ).body.id;
  });
  afterAll(() => api.close());

  const ROUTES: Route[] = ['record a plan', 'revise a plan', 'read a plan', 'indicators', 'plans to pick', 'report'];
  const rows = ROLES.flatMap((role) => ROUTES.flatMap((route) => [INSIDE, OUTSIDE].map((scope) => [role, route, scope] as const)));
  it.each(rows)('%s: %s with scope %s', async (role, route, scope) => {
    const user = `${role}-${scope}-${randomUUID()}`;
    const token = await bearer(user, [{ role, scope }]);
    const key = randomUUID();
    const year = new Date().getFullYear();
    const before = await revision();
    const send = () => {
      switch (route) {
        case 'record a plan':
          return http().post('/programme/plans').set('Authorization', token).set('Idempotency-Key', key).send(plan);
        case 'revise a plan':
          return http()
            .post(`/programme/plans/${planId}/revise`)
            .set('Authorization', token)
            .set('Idempotency-Key', key)
            .send({ revisedOn: '2026-09-01', reason: 'Lịch báo cáo mới', reporting: { ...plan.reporting, monthStartsOnDay: 10 } });
        case 'read a plan':
          return http().get(`/programme/activities/${planId}`).set('Authorization', token);
        case 'indicators':
          return http().get(`/statistics/indicators?area=${INSIDE}&period=year&year=${year}&plan=${planId}`).set('Authorization', token);
        case 'plans to pick':
          return http().get(`/statistics/plans?area=${INSIDE}`).set('Authorization', token);
        case 'report':
          return http()
            .get(`/statistics/reports?area=${INSIDE}&period=year&year=${year}&plan=${planId}&format=csv`)
            .set('Authorization', token);
      }
    };
    const response = await send();
    const expected = scope === INSIDE ? PROGRAMME_EXPECTED[role][route] : 403;
    expect(response.status).toBe(expected);
    if (expected === 403) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    // A refused command appends nothing; a plan recorded or revised is one event more, and nothing else changes the plan.
    if (route === 'record a plan')
      expect(await api.store.readStream(`programme_activity-${caseIdFor(user, key, 'programme_activity')}`)).toHaveLength(
        expected === 201 ? 1 : 0,
      );
    expect(await revision()).toBe(before + (route === 'revise a plan' && expected === 200 ? 1 : 0));
  });
});
