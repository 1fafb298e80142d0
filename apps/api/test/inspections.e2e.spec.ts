import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const PLAN = {
  establishmentId: 'est-0001',
  jurisdiction: '10015',
  mode: 'unannounced',
  triggeringTipId: 'tip-0001',
  plannedDate: '2026-01-10',
};
const TEAM = [
  { agency: 'police', name: 'Trần Thành Viên Một' },
  { agency: 'health', name: 'Phạm Thành Viên Hai' },
  { agency: 'culture', name: 'Đỗ Thành Viên Ba' },
];
const CONDUCT = { conductedOn: '2026-01-12', members: TEAM, findings: 'violations', violationDescription: 'No guest register kept' };
const REDACTED = { redacted: 'not authorised' };
const key = () => `key-${randomUUID()}`;

describe('API: inspections by the interdisciplinary team (Đội 178)', () => {
  let api: TestApi;
  let inspector: string;
  beforeAll(async () => {
    api = await startTestApi();
    inspector = await bearer('inspector-insp', [{ role: 'inspector', scope: '10015' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`inspection-${id}`);
  const plan = async (body: object = PLAN, token = inspector) =>
    (await http().post('/inspections').set('Authorization', token).set('Idempotency-Key', key()).send(body).expect(201)).body.id as string;
  const command = (id: string, verb: string, body: object, options: { token?: string; ifMatch?: string; key?: string } = {}) => {
    const r = http()
      .post(`/inspections/${id}/${verb}`)
      .set('Authorization', options.token ?? inspector)
      .set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };

  it('plans, conducts with a team of three, links the penalty case, closes, and shows the inspection and its history', async () => {
    const created = await http()
      .post('/inspections')
      .set('Authorization', inspector)
      .set('Idempotency-Key', key())
      .send(PLAN)
      .expect(201)
      .expect('ETag', '"0"');
    const id = created.body.id as string;
    const conducted = await command(id, 'conduct', CONDUCT, { ifMatch: '"0"' }).expect(200).expect('ETag', '"4"');
    expect(conducted.body).toEqual({
      id,
      revision: 4,
      events: [
        'inspection.team_member_recorded',
        'inspection.team_member_recorded',
        'inspection.team_member_recorded',
        'inspection.conducted',
      ],
    });
    // Each member's name is encrypted, with that member's own key.
    const stored = await stream(id);
    expect(JSON.stringify(stored)).not.toMatch(/Thành Viên/);
    const subjects = stored.filter((e) => e.type === 'inspection.team_member_recorded').map((e) => e.data.memberSubjectId);
    // Minted by the server, one per member, each owned by this inspection.
    expect(subjects.every((s) => /^subj-[0-9a-f-]{36}$/.test(s as string))).toBe(true);
    expect(new Set(subjects).size).toBe(3);
    expect(await api.keyStore.ownerOf(subjects[0] as string)).toEqual({ kind: 'inspection', recordId: id });

    await command(id, 'link-penalty-case', { penaltyCaseId: 'pen-0001' }, { ifMatch: '4' }).expect(200);
    await command(id, 'close', { note: 'Findings sent to the commune' }).expect(200).expect('ETag', '"6"');

    const view = await http().get(`/inspections/${id}`).set('Authorization', inspector).expect(200).expect('ETag', '"6"');
    expect(view.body).toMatchObject({
      id,
      status: 'closed',
      establishmentId: 'est-0001',
      jurisdiction: '10015',
      mode: 'unannounced',
      triggeringTipId: 'tip-0001',
      conductedOn: '2026-01-12',
      findings: 'violations',
      violationDescription: 'No guest register kept',
      penaltyCaseId: 'pen-0001',
      members: [
        { agency: 'police', name: 'Trần Thành Viên Một' },
        { agency: 'health', name: 'Phạm Thành Viên Hai' },
        { agency: 'culture', name: 'Đỗ Thành Viên Ba' },
      ],
    });
    const history = await http().get(`/inspections/${id}/history`).set('Authorization', inspector).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual([
      'inspection.planned',
      'inspection.team_member_recorded',
      'inspection.team_member_recorded',
      'inspection.team_member_recorded',
      'inspection.conducted',
      'inspection.penalty_linked',
      'inspection.closed',
    ]);
    expect(history.body.history[0]).toMatchObject({ actorId: 'inspector-insp', role: 'inspector' });
  });

  it('lets a police supervisor act, and hides members’ names from an unassigned police officer', async () => {
    const supervisor = await bearer('supervisor-insp', [{ role: 'police_supervisor', scope: '01' }]);
    const id = await plan({ ...PLAN, mode: 'scheduled', triggeringTipId: undefined }, supervisor);
    await command(id, 'conduct', { ...CONDUCT, findings: 'compliant', violationDescription: undefined }, { token: supervisor }).expect(200);
    const officer = await bearer('officer-insp', [{ role: 'police_officer', scope: '10015' }]);
    const view = await http().get(`/inspections/${id}`).set('Authorization', officer).expect(200);
    expect(view.body.members.map((m: { name: unknown }) => m.name)).toEqual([REDACTED, REDACTED, REDACTED]);
    expect(view.body.findings).toBe('compliant');
    expect(JSON.stringify(view.body)).not.toMatch(/Thành Viên/);
  });

  it('erases one member’s name with that member’s key, leaving the others readable', async () => {
    const id = await plan();
    await command(id, 'conduct', CONDUCT).expect(200);
    const recorded = (await api.store.readStream(`inspection-${id}`)).filter((e) => e.type === 'inspection.team_member_recorded');
    const member = recorded[0]!.data.memberSubjectId as string;
    // Each member got a subject of their own, minted by the server and owned by this inspection.
    expect(new Set(recorded.map((e) => e.data.memberSubjectId)).size).toBe(TEAM.length);
    expect(await api.keyStore.ownerOf(member)).toEqual({ kind: 'inspection', recordId: id });
    await api.keyStore.shred(member, { actorId: 'dpo-1', reason: 'erasure request' });
    const view = await http().get(`/inspections/${id}`).set('Authorization', inspector).expect(200);
    expect(view.body.members.map((m: { name: unknown }) => m.name)).toEqual([{ erased: true }, 'Phạm Thành Viên Hai', 'Đỗ Thành Viên Ba']);
  });

  it('answers bad bodies with 400 naming the fields (tip content and unknown member fields rejected) and appends nothing', async () => {
    const idempotencyKey = key();
    const bad = await http()
      .post('/inspections')
      .set('Authorization', inspector)
      .set('Idempotency-Key', idempotencyKey)
      .send({ ...PLAN, mode: 'sometimes', tipContent: 'who reported' })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(bad.body.errors)).toMatch(/mode/);
    expect(JSON.stringify(bad.body.errors)).toMatch(/tipContent/);
    expect(await stream(caseIdFor('inspector-insp', idempotencyKey, 'inspection'))).toEqual([]);

    const id = await plan();
    const badMembers = await command(id, 'conduct', {
      ...CONDUCT,
      members: [{ ...TEAM[0], agency: 'army', birthDate: '1990-01-01' }, ...TEAM.slice(1)],
    }).expect(400);
    expect(JSON.stringify(badMembers.body.errors)).toMatch(/agency/);
    expect(JSON.stringify(badMembers.body.errors)).toMatch(/birthDate/);
    await command(id, 'conduct', { ...CONDUCT, members: 'three people' }).expect(400);
    // A member's subject id is minted by the server: naming one (e.g. a service user's, to seal under their key) is refused.
    const named = await command(id, 'conduct', {
      ...CONDUCT,
      members: [{ ...TEAM[0], subjectId: 'su-ABCD-EFGH-JKLM' }, ...TEAM.slice(1)],
    }).expect(400);
    expect(JSON.stringify(named.body.errors)).toContain('members.0.property subjectId should not exist');
    expect(await stream(id)).toHaveLength(1);
  });

  it('refuses a team of fewer than 3 with 422 naming Decree 178/2004, and other broken rules with 422', async () => {
    const id = await plan();
    const small = await command(id, 'conduct', { ...CONDUCT, members: TEAM.slice(0, 2) }).expect(422);
    expect(small.body).toMatchObject({
      code: 'inspection.team_too_small',
      detail: expect.stringContaining('Decree 178/2004'),
      detailVi: expect.stringContaining('Nghị định 178/2004'),
      errors: { minimum: 3, given: 2 },
    });
    const early = await command(id, 'conduct', { ...CONDUCT, conductedOn: '2026-01-09' }).expect(422);
    expect(early.body.code).toBe('inspection.conducted_before_planned_date');
    const scheduledWithTip = await http()
      .post('/inspections')
      .set('Authorization', inspector)
      .set('Idempotency-Key', key())
      .send({ ...PLAN, mode: 'scheduled' })
      .expect(422);
    expect(scheduledWithTip.body.code).toBe('inspection.tip_only_for_unannounced');
    expect(await stream(id)).toHaveLength(1);
  });

  it('refuses conducting twice and linking before the check with 409, and a stale If-Match with 409', async () => {
    const id = await plan();
    expect((await command(id, 'link-penalty-case', { penaltyCaseId: 'pen-0002' }).expect(409)).body.code).toBe('inspection.not_conducted');
    await command(id, 'conduct', CONDUCT, { ifMatch: '"0"' }).expect(200);
    expect((await command(id, 'conduct', CONDUCT).expect(409)).body.code).toBe('inspection.already_conducted');
    const stale = await command(id, 'close', {}, { ifMatch: '"0"' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    expect(await stream(id)).toHaveLength(5);
  });

  it('refuses roles and scopes that may not act (403) and unknown inspections (404)', async () => {
    const id = await plan();
    for (const [user, role, scope] of [
      ['official-insp', 'sanctioning_official', '01'],
      ['worker-insp', 'social_worker', '01'],
      ['inspector-79', 'inspector', '79'],
      ['stat-insp', 'statistician', 'VN'],
    ] as const) {
      const token = await bearer(user, [{ role, scope }]);
      await command(id, 'conduct', CONDUCT, { token }).expect(403);
      await http().post('/inspections').set('Authorization', token).set('Idempotency-Key', key()).send(PLAN).expect(403);
    }
    const national = await bearer('inspector-vn', [{ role: 'inspector', scope: 'VN' }]);
    await http().get('/inspections/no-such-inspection').set('Authorization', national).expect(404);
    // A missing inspection is answered as one the caller may not see (403 below national scope).
    await command('no-such-inspection', 'close', {}).expect(403);
    expect(await stream(id)).toHaveLength(1);
  });

  it('answers an idempotent retry with the same result and appends once', async () => {
    const id = await plan();
    const idempotencyKey = key();
    const first = await command(id, 'conduct', CONDUCT, { key: idempotencyKey, ifMatch: '"0"' }).expect(200);
    const again = await command(id, 'conduct', CONDUCT, { key: idempotencyKey, ifMatch: '"0"' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe('"4"');
    expect(await stream(id)).toHaveLength(5);
  });
});
