import request from 'supertest';
import { ROLES, type Role } from '../../../libs/access/src/domain/roles.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { seedCase, testSchemas, type SeededCase } from '../../../test/support/cases.js';

// Chương Mỹ (10015) lies in Hà Nội (01); Hồ Chí Minh (79) is another scope.
const INSIDE = '01';
const OUTSIDE = '79';
const KINDS = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case', 'support_case'] as const;
type Kind = (typeof KINDS)[number];

// What each role sees of a case in its scope that is not assigned to it.
type Expectation = 'basic' | 'personal' | 403 | 404;
const E: Kind[] = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case'];
const row = (enforcement: Partial<Record<Kind, Expectation>>, otherEnforcement: Expectation, support: Expectation) =>
  Object.fromEntries(KINDS.map((k) => [k, k === 'support_case' ? support : (enforcement[k] ?? otherEnforcement)])) as Record<Kind, Expectation>;
const EXPECTED: Record<Role, Record<Kind, Expectation>> = {
  police_officer: row({}, 'basic', 404),
  police_supervisor: row({}, 'personal', 404),
  inspector: row({ establishment: 'personal', inspection: 'personal', hotspot: 'personal' }, 403, 404),
  sanctioning_official: row({ penalty_case: 'personal' }, 403, 404),
  social_worker: row({}, 403, 404),
  support_supervisor: row({}, 403, 'personal'),
  statistician: row({}, 403, 404),
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
    expect(recorded).toMatchObject({ metadata: { actorId: `${role}-user` }, data: { decision: response.status === 200 ? 'allow' : 'deny', status: response.status } });
  });

  it('shows everything to the people the case is assigned to', async () => {
    for (const [kind, role] of [['tip', 'police_officer'], ['support_case', 'social_worker']] as const) {
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
    const hidden = await request(api.app.getHttpServer()).get(`/cases/support_case/${cases.get('support_case')!.id}`).set('Authorization', officer);
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
    expect(viewers.body.viewers.map((v: { actorId: string }) => v.actorId)).toEqual(expect.arrayContaining(['police_officer-user', 'auditor-user']));
    await request(api.app.getHttpServer())
      .get(`/cases/tip/${tip.id}/viewers`)
      .set('Authorization', await bearer('officer-z', [{ role: 'police_officer', scope: '01' }]))
      .expect(403);
  });
});
