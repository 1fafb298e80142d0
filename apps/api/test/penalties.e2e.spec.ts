import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { SUBJECT_ID } from '../../../apps/api/src/cases/case-http.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// Dates relative to today in Vietnam, so the legal time limits hold whenever the suite runs.
const TODAY = vnDate(new Date());
const daysAgo = (n: number) => vnDate(new Date(Date.now() - n * 86_400_000));
// A person as the request names them: never with a subject id, which the server mints.
const PERSON = { fullName: 'Lê Thị Phạt', idNumber: '001300000009', address: 'Thôn Một, Chương Mỹ' };
const RECORD = {
  jurisdiction: '10015',
  violationDate: daysAgo(1),
  recordedOn: TODAY,
  act: '32',
  offenderType: 'individual',
  people: [PERSON],
  tipId: 'tip-0042',
  summary: 'Found during a check',
};
// The decision names the case's own people by the ids the case read shows; the position comes from the token.
const decision = (subjectId: string, amount = 1_500_000) => ({
  decisionNumber: '7/QĐ-XPHC',
  sanctions: [{ subjectId, sanction: 'fine', amount }],
  additionalMeasures: ['confiscation'],
});
const CHAIR: RoleGrant = { role: 'sanctioning_official', scope: '10015', position: 'commune_people_committee_chair' };
const REDACTED = { redacted: 'not authorised' };
const key = () => `key-${randomUUID()}`;

describe('API: administrative penalty cases (Decree 282/2025)', () => {
  let api: TestApi;
  let officer: string;
  let official: string;
  beforeAll(async () => {
    api = await startTestApi();
    officer = await bearer('officer-pen', [{ role: 'police_officer', scope: '10015' }]);
    official = await bearer('official-pen', [CHAIR]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`penalty_case-${id}`);
  const read = async (id: string, token = official) =>
    (await http().get(`/penalty-cases/${id}`).set('Authorization', token).expect(200)).body;
  /** Records a case and reads back the subject ids the server minted for its people. */
  const recordCase = async (body: object = RECORD, token = officer) => {
    const id = (await http().post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', key()).send(body).expect(201)).body
      .id as string;
    const people = (await read(id)).people as Array<{ subjectId: string }>;
    return { id, subjectIds: people.map((p) => p.subjectId), subjectId: people[0]!.subjectId };
  };
  const command = (id: string, verb: string, body: object, options: { token?: string; ifMatch?: string; key?: string } = {}) => {
    const r = http()
      .post(`/penalty-cases/${id}/${verb}`)
      .set('Authorization', options.token ?? official)
      .set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };

  it('records, decides, delivers and settles a fine; shows the case with its deadlines and its history', async () => {
    const created = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', key())
      .send(RECORD)
      .expect(201)
      .expect('ETag', '"1"');
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, revision: 1, events: ['penalty.violation_recorded', 'penalty.person_recorded'] });
    expect(JSON.stringify(await stream(id))).not.toMatch(/Lê Thị Phạt|001300000009|Found during/);

    // The person's subject id was minted by the server, for this case: the case read shows it.
    const recorded = await read(id);
    const subjectId = recorded.people[0].subjectId as string;
    expect(subjectId).toMatch(SUBJECT_ID);
    expect(recorded.people).toEqual([{ ...PERSON, subjectId }]);
    expect(await api.keyStore.ownerOf(subjectId)).toEqual({ kind: 'penalty_case', recordId: id });

    const DECIDE = decision(subjectId);
    const decided = await command(id, 'decide', DECIDE, { ifMatch: '"1"' }).expect(200).expect('ETag', '"2"');
    expect(decided.body.events).toEqual(['penalty.decided']);
    await command(id, 'deliver', { deliveredOn: TODAY }, { ifMatch: '2' }).expect(200);
    const view = await http().get(`/penalty-cases/${id}`).set('Authorization', official).expect(200).expect('ETag', '"3"');
    expect(view.body).toMatchObject({
      id,
      status: 'delivered',
      act: '32',
      tipId: 'tip-0042',
      referenceTable: 'decree-282-2025',
      people: [{ ...PERSON, subjectId }],
      // The position is the one the official's token holds, with the competence limit it gave.
      decision: {
        decidedOn: TODAY,
        position: 'commune_people_committee_chair',
        competenceLimit: 37_500_000,
        sanctions: DECIDE.sanctions,
        additionalMeasures: ['confiscation'],
      },
      deadlines: {
        decision: { status: 'met' },
        limitation: { status: 'met' },
        delivery: { status: 'met' },
        complaint: { status: 'open' },
        payments: [{ subjectId, fine: 1_500_000, lateFee: 0, status: 'open' }],
      },
    });
    expect(view.body.deadlines.payments[0].dueOn >= TODAY).toBe(true);

    await command(id, 'record-payment', { subjectId, paidOn: TODAY, amountPaid: 1_500_000 }).expect(200).expect('ETag', '"4"');
    await command(id, 'record-complaint', { subjectId, receivedOn: TODAY }).expect(200);
    const settled = await http().get(`/penalty-cases/${id}`).set('Authorization', official).expect(200);
    expect(settled.body).toMatchObject({
      status: 'settled',
      payments: [{ subjectId, lateFee: 0 }],
      complaints: [{ subjectId, receivedOn: TODAY }],
    });

    const history = await http().get(`/penalty-cases/${id}/history`).set('Authorization', official).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual([
      'penalty.violation_recorded',
      'penalty.person_recorded',
      'penalty.decided',
      'penalty.decision_delivered',
      'penalty.fine_paid',
      'penalty.complaint_lodged',
    ]);
    expect(history.body.history[0]).toMatchObject({ actorId: 'officer-pen', role: 'police_officer' });
    expect(history.body.history[2]).toMatchObject({ actorId: 'official-pen', role: 'sanctioning_official' });
    const [decidedEvent] = (await stream(id)).filter((e) => e.type === 'penalty.decided');
    expect(decidedEvent!.data).toMatchObject({ position: 'commune_people_committee_chair', competenceLimit: 37_500_000 });
  });

  it('mints a new subject id for every person recorded: two records of the same person name two subjects', async () => {
    const two = await recordCase({ ...RECORD, act: '34.3', people: [PERSON, { fullName: 'Trần Văn Hai' }] });
    const again = await recordCase();
    expect(two.subjectIds).toHaveLength(2);
    expect(new Set([...two.subjectIds, again.subjectId]).size).toBe(3);
    for (const subjectId of two.subjectIds)
      expect(await api.keyStore.ownerOf(subjectId)).toEqual({ kind: 'penalty_case', recordId: two.id });
    // An id of another case's person is not one of this case's people.
    const foreign = await command(two.id, 'request-explanation', { subjectId: again.subjectId }).expect(422);
    expect(foreign.body.code).toBe('penalty.unknown_subject');
    await command(two.id, 'request-explanation', { subjectId: two.subjectIds[1] }).expect(200);
  });

  it('shows identities to the recording officer and sanctioning officials, not to another police officer', async () => {
    const { id, subjectId } = await recordCase();
    expect((await http().get(`/penalty-cases/${id}`).set('Authorization', officer).expect(200)).body.people[0].fullName).toBe(
      PERSON.fullName,
    );
    const other = await bearer('officer-other', [{ role: 'police_officer', scope: '10015' }]);
    const hidden = await http().get(`/penalty-cases/${id}`).set('Authorization', other).expect(200);
    expect(hidden.body.people[0]).toMatchObject({ subjectId, fullName: REDACTED, idNumber: REDACTED, address: REDACTED });
    expect(hidden.body.summary).toEqual(REDACTED);
    expect(JSON.stringify(hidden.body)).not.toMatch(/Lê Thị Phạt/);
    expect(hidden.body.deadlines.decision.status).toBe('open');
  });

  it('answers bad bodies with 400 problem+json naming the fields, unknown fields rejected, and appends nothing', async () => {
    const idempotencyKey = key();
    const bad = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', idempotencyKey)
      .send({ ...RECORD, act: '99', nationality: 'x', people: [{ ...PERSON, birthDate: '1990-01-01' }] })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const field of ['act', 'nationality', 'birthDate']) expect(JSON.stringify(bad.body.errors)).toContain(field);
    expect(await stream(caseIdFor('officer-pen', idempotencyKey, 'penalty_case'))).toEqual([]);

    // A request never names a data subject: a person's subjectId is an unknown field.
    const namingKey = key();
    const naming = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', namingKey)
      .send({ ...RECORD, people: [{ ...PERSON, subjectId: 'penalised-e2e-1' }] })
      .expect(400);
    expect(JSON.stringify(naming.body.errors)).toMatch(/subjectId should not exist/);
    expect(await stream(caseIdFor('officer-pen', namingKey, 'penalty_case'))).toEqual([]);
    expect(await api.keyStore.ownerOf('penalised-e2e-1')).toBeNull();

    const { id, subjectId } = await recordCase();
    const DECIDE = decision(subjectId);
    const badDecision = await command(id, 'decide', { ...DECIDE, sanctions: [{ subjectId, sanction: 'fine', amount: 'a lot' }] }).expect(
      400,
    );
    expect(JSON.stringify(badDecision.body.errors)).toContain('amount');
    // The position is never stated in the body, not even the one the token holds.
    const statedPosition = await command(id, 'decide', { ...DECIDE, position: 'commune_people_committee_chair' }).expect(400);
    expect(JSON.stringify(statedPosition.body.errors)).toMatch(/position should not exist/);
    const higherPosition = await command(id, 'decide', { ...DECIDE, position: 'provincial_people_committee_chair' }).expect(400);
    expect(JSON.stringify(higherPosition.body.errors)).toMatch(/position should not exist/);
    await command(id, 'deliver', { deliveredOn: 'yesterday' }).expect(400);
    await http().post(`/penalty-cases/${id}/decide`).set('Authorization', official).send(DECIDE).expect(400);
    expect(await stream(id)).toHaveLength(2);
  });

  it('refuses with 422 naming the rule: no table before 15/12/2025, decision time limit, bracket, competence, who decides', async () => {
    const early = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', key())
      .send({ ...RECORD, violationDate: '2025-12-01', recordedOn: '2025-12-02' })
      .expect(422);
    expect(early.body).toMatchObject({
      code: 'penalty.no_reference_table',
      detail: expect.stringContaining('Decree 282/2025/NĐ-CP from 2025-12-15'),
    });

    const old = await recordCase({ ...RECORD, violationDate: daysAgo(31), recordedOn: daysAgo(30) });
    const late = await command(old.id, 'decide', decision(old.subjectId)).expect(422);
    expect(late.body).toMatchObject({
      code: 'penalty.decision_deadline_passed',
      detail: expect.stringContaining('art. 66'),
      detailVi: expect.stringContaining('Điều 66'),
    });

    const { id, subjectId } = await recordCase();
    const range = await command(id, 'decide', decision(subjectId, 3_000_000)).expect(422);
    expect(range.body).toMatchObject({ code: 'penalty.fine_out_of_range', errors: { min: 1_000_000, max: 2_000_000, given: 3_000_000 } });
    const refusedAs = async (grant: RoleGrant, user = `decider-${randomUUID().slice(0, 8)}`) =>
      (await command(id, 'decide', decision(subjectId), { token: await bearer(user, [grant]) }).expect(422)).body;
    // No position in the identity: not a sanctioning official, whatever the role.
    expect((await command(id, 'decide', decision(subjectId), { token: officer }).expect(422)).body.code).toBe(
      'penalty.no_sanctioning_position',
    );
    expect((await refusedAs({ role: 'sanctioning_official', scope: '10015' })).code).toBe('penalty.no_sanctioning_position');
    expect((await refusedAs({ role: 'sanctioning_official', scope: '10015', position: 'minister' })).code).toBe(
      'penalty.no_sanctioning_position',
    );
    // A position at the wrong level of scope, or for the wrong role.
    expect(await refusedAs({ role: 'sanctioning_official', scope: '10015', position: 'provincial_people_committee_chair' })).toMatchObject({
      code: 'penalty.position_not_held_at_scope',
      detailVi: expect.any(String),
    });
    expect((await refusedAs({ role: 'sanctioning_official', scope: '01', position: 'commune_people_committee_chair' })).code).toBe(
      'penalty.position_not_held_at_scope',
    );
    expect((await refusedAs({ role: 'police_supervisor', scope: '10015', position: 'commune_people_committee_chair' })).code).toBe(
      'penalty.position_not_held_at_scope',
    );
    expect((await refusedAs({ role: 'police_officer', scope: '10015', position: 'police_officer_on_duty' })).code).toBe(
      'penalty.position_not_held_at_scope',
    );

    const manager = await recordCase({ ...RECORD, act: '35.1' });
    const supervisor = await bearer('supervisor-pen', [
      { role: 'police_supervisor', scope: '01', position: 'police_station_or_team_head' },
    ]);
    const beyond = await command(
      manager.id,
      'decide',
      { ...decision(manager.subjectId, 21_000_000), additionalMeasures: [] },
      { token: supervisor },
    ).expect(422);
    expect(beyond.body).toMatchObject({
      code: 'penalty.beyond_competence',
      detail: expect.stringContaining('art. 52.2'),
      errors: { position: 'police_station_or_team_head', limit: 22_500_000, actMaximum: 30_000_000 },
    });
    expect(await stream(id)).toHaveLength(2);
    expect(await stream(old.id)).toHaveLength(2);
    expect(await stream(manager.id)).toHaveLength(2);

    // The same fine by a commune police chief (a police position at the commune) is within competence.
    const chief = await bearer('chief-pen', [{ role: 'police_supervisor', scope: '10015', position: 'commune_police_chief' }]);
    await command(manager.id, 'decide', { ...decision(manager.subjectId, 21_000_000), additionalMeasures: [] }, { token: chief }).expect(
      200,
    );
    expect((await read(manager.id)).decision).toMatchObject({ position: 'commune_police_chief', competenceLimit: 37_500_000 });
  });

  it('decides in the position the token holds at the case’s level, and records the competence limit applied (×2 for organisations)', async () => {
    // A provincial chair over the province holds the highest competence.
    const abuse = await recordCase({ ...RECORD, act: '34.5' });
    const provincial = await bearer('chair-01', [
      { role: 'sanctioning_official', scope: '01', position: 'provincial_people_committee_chair' },
    ]);
    const commune = await command(abuse.id, 'decide', { ...decision(abuse.subjectId, 60_000_000), additionalMeasures: [] }).expect(422);
    expect(commune.body).toMatchObject({
      code: 'penalty.beyond_competence',
      errors: { position: 'commune_people_committee_chair', limit: 37_500_000 },
    });
    await command(abuse.id, 'decide', { ...decision(abuse.subjectId, 60_000_000), additionalMeasures: [] }, { token: provincial }).expect(
      200,
    );
    expect((await read(abuse.id)).decision).toMatchObject({ position: 'provincial_people_committee_chair', competenceLimit: 75_000_000 });

    // With grants at both levels, the widest competence that covers the case applies.
    const both = await bearer('chair-both', [
      CHAIR,
      { role: 'sanctioning_official', scope: '01', position: 'provincial_people_committee_chair' },
    ]);
    const second = await recordCase();
    await command(second.id, 'decide', decision(second.subjectId), { token: both }).expect(200);
    expect((await read(second.id)).decision).toMatchObject({ position: 'provincial_people_committee_chair', competenceLimit: 75_000_000 });

    // An organisation: the commune chair's limit doubles.
    const organisation = await recordCase({
      ...RECORD,
      act: '33',
      offenderType: 'organisation',
      people: [{ fullName: 'Công ty TNHH Một' }],
    });
    await command(organisation.id, 'decide', { ...decision(organisation.subjectId, 1_000_000), additionalMeasures: [] }).expect(200);
    const decided = await read(organisation.id);
    expect(decided.decision).toMatchObject({
      position: 'commune_people_committee_chair',
      competenceLimit: 75_000_000,
      sanctions: [{ subjectId: organisation.subjectId, sanction: 'fine', amount: 1_000_000 }],
    });
  });

  it('answers a stale If-Match and a second decision with 409, appending nothing', async () => {
    const { id, subjectId } = await recordCase();
    const DECIDE = decision(subjectId);
    const stale = await command(id, 'decide', DECIDE, { ifMatch: '"0"' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    await command(id, 'decide', DECIDE, { ifMatch: '"1"' }).expect(200);
    expect((await command(id, 'decide', DECIDE).expect(409)).body.code).toBe('penalty.already_decided');
    expect((await command(id, 'record-payment', { subjectId, paidOn: TODAY, amountPaid: 1_500_000 }).expect(409)).body.code).toBe(
      'penalty.not_delivered',
    );
    expect(await stream(id)).toHaveLength(3);
  });

  it('refuses roles and scopes that may not act (403) and unknown cases (404)', async () => {
    const { id, subjectId } = await recordCase();
    const DECIDE = decision(subjectId);
    for (const grant of [
      { user: 'official-79', role: 'sanctioning_official', scope: '79', position: 'provincial_people_committee_chair' },
      { user: 'official-79-commune', role: 'sanctioning_official', scope: '27559', position: 'commune_people_committee_chair' },
      { user: 'inspector-pen', role: 'inspector', scope: '01' },
      { user: 'worker-pen', role: 'social_worker', scope: '01' },
      { user: 'stat-pen', role: 'statistician', scope: 'VN' },
      { user: 'auditor-pen', role: 'auditor', scope: 'VN' },
    ] as const) {
      const { user, ...roleGrant } = grant;
      const token = await bearer(user, [roleGrant as RoleGrant]);
      await command(id, 'decide', DECIDE, { token }).expect(403);
      await http().post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', key()).send(RECORD).expect(403);
    }
    await http()
      .get(`/penalty-cases/${id}`)
      .set('Authorization', await bearer('inspector-pen', [{ role: 'inspector', scope: '01' }]))
      .expect(403);
    const national = await bearer('official-vn', [{ role: 'sanctioning_official', scope: 'VN' }]);
    await http().get('/penalty-cases/no-such-case').set('Authorization', national).expect(404);
    await command('no-such-case', 'close', { reason: 'no_violation' }, { token: national }).expect(404);
    expect(await stream(id)).toHaveLength(2);
  });

  it('answers an idempotent retry with the same result and appends once; the same key with another body is 422', async () => {
    const creationKey = key();
    const first = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', creationKey)
      .send(RECORD)
      .expect(201);
    const again = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', creationKey)
      .send(RECORD)
      .expect(201);
    expect(again.body).toEqual(first.body);
    const id = first.body.id as string;
    // The retry minted no second subject: the case still has its one person.
    const people = (await read(id)).people as Array<{ subjectId: string }>;
    expect(people).toHaveLength(1);
    const reused = await http()
      .post('/penalty-cases')
      .set('Authorization', officer)
      .set('Idempotency-Key', creationKey)
      .send({ ...RECORD, act: '33' })
      .expect(422);
    expect(reused.body.code).toBe('idempotency_key.reused');

    const DECIDE = decision(people[0]!.subjectId);
    const decisionKey = key();
    const decided = await command(id, 'decide', DECIDE, { key: decisionKey, ifMatch: '"1"' }).expect(200);
    const retried = await command(id, 'decide', DECIDE, { key: decisionKey, ifMatch: '"1"' }).expect(200);
    expect(retried.body).toEqual(decided.body);
    expect(retried.headers.etag).toBe('"2"');
    expect(await stream(id)).toHaveLength(3);
  });

  it('publishes the reference tables with their effective dates', async () => {
    const tables = await http().get('/penalty-cases/reference-tables').set('Authorization', official).expect(200);
    expect(tables.body.tables[0]).toMatchObject({ id: 'decree-282-2025', effectiveFrom: '2025-12-15', effectiveUntil: null });
    expect(tables.body.procedure).toMatchObject({ decisionWorkingDays: 7, paymentDays: 10, lateFeeRatePerDay: 0.0005, complaintDays: 90 });
  });
});
