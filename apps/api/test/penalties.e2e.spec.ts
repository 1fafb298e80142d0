import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// Dates relative to today in Vietnam, so the legal time limits hold whenever the suite runs.
const TODAY = vnDate(new Date());
const daysAgo = (n: number) => vnDate(new Date(Date.now() - n * 86_400_000));
const PERSON = { subjectId: 'penalised-e2e-1', fullName: 'Lê Thị Phạt', idNumber: '001300000009', address: 'Thôn Một, Chương Mỹ' };
const RECORD = { jurisdiction: '10015', violationDate: daysAgo(1), recordedOn: TODAY, act: '32', offenderType: 'individual', people: [PERSON], tipId: 'tip-0042', summary: 'Found during a check' };
const DECIDE = { position: 'commune_people_committee_chair', decisionNumber: '7/QĐ-XPHC', sanctions: [{ subjectId: PERSON.subjectId, sanction: 'fine', amount: 1_500_000 }], additionalMeasures: ['confiscation'] };
const REDACTED = { redacted: 'not authorised' };
const key = () => `key-${randomUUID()}`;

describe('API: administrative penalty cases (Decree 282/2025)', () => {
  let api: TestApi;
  let officer: string;
  let official: string;
  beforeAll(async () => {
    api = await startTestApi();
    officer = await bearer('officer-pen', [{ role: 'police_officer', scope: '10015' }]);
    official = await bearer('official-pen', [{ role: 'sanctioning_official', scope: '01' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const stream = (id: string) => api.store.readStream(`penalty_case-${id}`);
  const record = async (body: object = RECORD, token = officer) => (await http().post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', key()).send(body).expect(201)).body.id as string;
  const command = (id: string, verb: string, body: object, options: { token?: string; ifMatch?: string; key?: string } = {}) => {
    const r = http().post(`/penalty-cases/${id}/${verb}`).set('Authorization', options.token ?? official).set('Idempotency-Key', options.key ?? key());
    return (options.ifMatch ? r.set('If-Match', options.ifMatch) : r).send(body);
  };

  it('records, decides, delivers and settles a fine; shows the case with its deadlines and its history', async () => {
    const created = await http().post('/penalty-cases').set('Authorization', officer).set('Idempotency-Key', key()).send(RECORD).expect(201).expect('ETag', '"1"');
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, revision: 1, events: ['penalty.violation_recorded', 'penalty.person_recorded'] });
    expect(JSON.stringify(await stream(id))).not.toMatch(/Lê Thị Phạt|001300000009|Found during/);

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
      people: [{ ...PERSON }],
      decision: { decidedOn: TODAY, position: 'commune_people_committee_chair', sanctions: DECIDE.sanctions, additionalMeasures: ['confiscation'] },
      deadlines: { decision: { status: 'met' }, limitation: { status: 'met' }, delivery: { status: 'met' }, complaint: { status: 'open' }, payments: [{ subjectId: PERSON.subjectId, fine: 1_500_000, lateFee: 0, status: 'open' }] },
    });
    expect(view.body.deadlines.payments[0].dueOn >= TODAY).toBe(true);

    await command(id, 'record-payment', { subjectId: PERSON.subjectId, paidOn: TODAY, amountPaid: 1_500_000 }).expect(200).expect('ETag', '"4"');
    await command(id, 'record-complaint', { subjectId: PERSON.subjectId, receivedOn: TODAY }).expect(200);
    const settled = await http().get(`/penalty-cases/${id}`).set('Authorization', official).expect(200);
    expect(settled.body).toMatchObject({ status: 'settled', payments: [{ subjectId: PERSON.subjectId, lateFee: 0 }], complaints: [{ subjectId: PERSON.subjectId, receivedOn: TODAY }] });

    const history = await http().get(`/penalty-cases/${id}/history`).set('Authorization', official).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(['penalty.violation_recorded', 'penalty.person_recorded', 'penalty.decided', 'penalty.decision_delivered', 'penalty.fine_paid', 'penalty.complaint_lodged']);
    expect(history.body.history[0]).toMatchObject({ actorId: 'officer-pen', role: 'police_officer' });
    expect(history.body.history[2]).toMatchObject({ actorId: 'official-pen', role: 'sanctioning_official' });
  });

  it('shows identities to the recording officer and sanctioning officials, not to another police officer', async () => {
    const id = await record();
    expect((await http().get(`/penalty-cases/${id}`).set('Authorization', officer).expect(200)).body.people[0].fullName).toBe(PERSON.fullName);
    const other = await bearer('officer-other', [{ role: 'police_officer', scope: '10015' }]);
    const hidden = await http().get(`/penalty-cases/${id}`).set('Authorization', other).expect(200);
    expect(hidden.body.people[0]).toMatchObject({ subjectId: PERSON.subjectId, fullName: REDACTED, idNumber: REDACTED, address: REDACTED });
    expect(hidden.body.summary).toEqual(REDACTED);
    expect(JSON.stringify(hidden.body)).not.toMatch(/Lê Thị Phạt/);
    expect(hidden.body.deadlines.decision.status).toBe('open');
  });

  it('answers bad bodies with 400 problem+json naming the fields, unknown fields rejected, and appends nothing', async () => {
    const idempotencyKey = key();
    const bad = await http().post('/penalty-cases').set('Authorization', officer).set('Idempotency-Key', idempotencyKey).send({ ...RECORD, act: '99', nationality: 'x', people: [{ ...PERSON, birthDate: '1990-01-01' }] }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const field of ['act', 'nationality', 'birthDate']) expect(JSON.stringify(bad.body.errors)).toContain(field);
    expect(await stream(caseIdFor('officer-pen', idempotencyKey, 'penalty_case'))).toEqual([]);

    const id = await record();
    const badDecision = await command(id, 'decide', { ...DECIDE, position: 'mayor', sanctions: [{ subjectId: PERSON.subjectId, sanction: 'fine', amount: 'a lot' }] }).expect(400);
    for (const field of ['position', 'amount']) expect(JSON.stringify(badDecision.body.errors)).toContain(field);
    await command(id, 'deliver', { deliveredOn: 'yesterday' }).expect(400);
    await http().post(`/penalty-cases/${id}/decide`).set('Authorization', official).send(DECIDE).expect(400);
    expect(await stream(id)).toHaveLength(2);
  });

  it('refuses with 422 naming the rule: no table before 15/12/2025, decision time limit, bracket, competence, who decides', async () => {
    const early = await http().post('/penalty-cases').set('Authorization', officer).set('Idempotency-Key', key()).send({ ...RECORD, violationDate: '2025-12-01', recordedOn: '2025-12-02' }).expect(422);
    expect(early.body).toMatchObject({ code: 'penalty.no_reference_table', detail: expect.stringContaining('Decree 282/2025/NĐ-CP from 2025-12-15') });

    const old = await record({ ...RECORD, violationDate: daysAgo(31), recordedOn: daysAgo(30) });
    const late = await command(old, 'decide', DECIDE).expect(422);
    expect(late.body).toMatchObject({ code: 'penalty.decision_deadline_passed', detail: expect.stringContaining('art. 66'), detailVi: expect.stringContaining('Điều 66') });

    const id = await record();
    const range = await command(id, 'decide', { ...DECIDE, sanctions: [{ ...DECIDE.sanctions[0], amount: 3_000_000 }] }).expect(422);
    expect(range.body).toMatchObject({ code: 'penalty.fine_out_of_range', errors: { min: 1_000_000, max: 2_000_000, given: 3_000_000 } });
    const notOfficial = await command(id, 'decide', { ...DECIDE, position: 'police_officer_on_duty' }, { token: officer }).expect(422);
    expect(notOfficial.body.code).toBe('penalty.not_a_sanctioning_official');

    const manager = await record({ ...RECORD, act: '35.1' });
    const supervisor = await bearer('supervisor-pen', [{ role: 'police_supervisor', scope: '01' }]);
    const beyond = await command(manager, 'decide', { ...DECIDE, position: 'police_station_or_team_head', additionalMeasures: [], sanctions: [{ ...DECIDE.sanctions[0], amount: 21_000_000 }] }, { token: supervisor }).expect(422);
    expect(beyond.body).toMatchObject({ code: 'penalty.beyond_competence', detail: expect.stringContaining('art. 52.2'), errors: { limit: 22_500_000, actMaximum: 30_000_000 } });
    expect(await stream(id)).toHaveLength(2);
    expect(await stream(manager)).toHaveLength(2);
  });

  it('answers a stale If-Match and a second decision with 409, appending nothing', async () => {
    const id = await record();
    const stale = await command(id, 'decide', DECIDE, { ifMatch: '"0"' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    await command(id, 'decide', DECIDE, { ifMatch: '"1"' }).expect(200);
    expect((await command(id, 'decide', DECIDE).expect(409)).body.code).toBe('penalty.already_decided');
    expect((await command(id, 'record-payment', { subjectId: PERSON.subjectId, paidOn: TODAY, amountPaid: 1_500_000 }).expect(409)).body.code).toBe('penalty.not_delivered');
    expect(await stream(id)).toHaveLength(3);
  });

  it('refuses roles and scopes that may not act (403) and unknown cases (404)', async () => {
    const id = await record();
    for (const [user, role, scope] of [['official-79', 'sanctioning_official', '79'], ['inspector-pen', 'inspector', '01'], ['worker-pen', 'social_worker', '01'], ['stat-pen', 'statistician', 'VN'], ['auditor-pen', 'auditor', 'VN']] as const) {
      const token = await bearer(user, [{ role, scope }]);
      await command(id, 'decide', DECIDE, { token }).expect(403);
      await http().post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', key()).send(RECORD).expect(403);
    }
    await http().get(`/penalty-cases/${id}`).set('Authorization', await bearer('inspector-pen', [{ role: 'inspector', scope: '01' }])).expect(403);
    const national = await bearer('official-vn', [{ role: 'sanctioning_official', scope: 'VN' }]);
    await http().get('/penalty-cases/no-such-case').set('Authorization', national).expect(404);
    await command('no-such-case', 'close', { reason: 'no_violation' }, { token: national }).expect(404);
    expect(await stream(id)).toHaveLength(2);
  });

  it('answers an idempotent retry with the same result and appends once', async () => {
    const creationKey = key();
    const first = await http().post('/penalty-cases').set('Authorization', officer).set('Idempotency-Key', creationKey).send(RECORD).expect(201);
    const again = await http().post('/penalty-cases').set('Authorization', officer).set('Idempotency-Key', creationKey).send(RECORD).expect(201);
    expect(again.body).toEqual(first.body);
    const id = first.body.id as string;
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
