import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const DAY = 86_400_000;
const REDACTED = { redacted: 'not authorised' };
const REPORTER = { name: 'Lê Thị Người Báo', contact: '0912 345 678' };
const ALLEGATION = 'Môi giới mại dâm tại quán karaoke Hoa Mai, tổ 3';

describe('API: tips from receipt to closing', () => {
  let api: TestApi;
  let tokens: Record<'supervisor' | 'national' | 'officer' | 'otherOfficer' | 'outsider' | 'inspector' | 'socialWorker', string>;
  beforeAll(async () => {
    api = await startTestApi();
    const as = (user: string, grant: RoleGrant) => bearer(user, [grant]);
    tokens = {
      supervisor: await as('supervisor-1', { role: 'police_supervisor', scope: '01' }),
      national: await as('supervisor-vn', { role: 'police_supervisor', scope: 'VN' }),
      officer: await as('officer-7', { role: 'police_officer', scope: '10015' }),
      otherOfficer: await as('officer-9', { role: 'police_officer', scope: '01' }),
      outsider: await as('officer-79', { role: 'police_officer', scope: '79' }),
      inspector: await as('inspector-1', { role: 'inspector', scope: '01' }),
      socialWorker: await as('social-1', { role: 'social_worker', scope: '01' }),
    };
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer();
  const post = (path: string, body: unknown, token: string, options: { key?: string; ifMatch?: string } = {}) => {
    const call = request(server())
      .post(path)
      .set('Authorization', token)
      .set('Idempotency-Key', options.key ?? randomUUID());
    if (options.ifMatch) call.set('If-Match', options.ifMatch);
    return call.send(body as object);
  };
  const stored = (id: string) => api.store.readStream(`tip-${id}`);
  const receive = async (overrides: Record<string, unknown> = {}) => {
    const body = {
      jurisdiction: '10015',
      channel: 'hotline',
      kind: 'denunciation',
      allegation: ALLEGATION,
      anonymous: false,
      reporter: REPORTER,
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      ...overrides,
    };
    const response = await post('/tips', body, tokens.supervisor).expect(201);
    return response.body.id as string;
  };
  /** Received, classified, assigned to officer-7 and under verification. */
  const underVerification = async (overrides: Record<string, unknown> = {}) => {
    const id = await receive(overrides);
    await post(`/tips/${id}/classify`, { category: 'brokering' }, tokens.supervisor).expect(200);
    await post(`/tips/${id}/assign`, { assigneeId: 'officer-7' }, tokens.supervisor).expect(200);
    await post(`/tips/${id}/start-verification`, {}, tokens.officer).expect(200);
    return id;
  };

  it('runs the happy path: escalation, assignment, notices, extension, administrative handling, handover, with deadlines', async () => {
    const received = await post(
      '/tips',
      { jurisdiction: '10015', channel: 'in_person', kind: 'denunciation', allegation: ALLEGATION, anonymous: false, reporter: REPORTER },
      tokens.supervisor,
    ).expect(201);
    const id = received.body.id as string;
    expect(received.body).toEqual({ id, revision: 1, events: ['tip.received', 'tip.reporter_recorded'] });
    expect(received.headers.etag).toBe('"1"');

    const classified = await post(`/tips/${id}/classify`, { category: 'involving_minor' }, tokens.supervisor, { ifMatch: '"1"' }).expect(
      200,
    );
    expect(classified.body).toEqual({ id, revision: 3, events: ['tip.classified', 'tip.escalated'] });
    await post(`/tips/${id}/assign`, { assigneeId: 'officer-7' }, tokens.supervisor, { ifMatch: '3' }).expect(200);
    await post(`/tips/${id}/notify-procuracy`, { procuracy: 'VKSND khu vực 5', documentRef: '12/TB-CAX' }, tokens.officer).expect(200);
    await post(`/tips/${id}/notify-reporter`, { method: 'phone' }, tokens.officer).expect(200);
    await post(`/tips/${id}/start-verification`, {}, tokens.officer).expect(200);
    const extended = await post(
      `/tips/${id}/extend`,
      { until: vnDate(new Date(Date.now() + 30 * DAY)), reason: 'multiple_locations' },
      tokens.officer,
    ).expect(200);
    expect(extended.body.events).toEqual(['tip.verification_extended']);

    const view = await request(server()).get(`/tips/${id}`).set('Authorization', tokens.officer).expect(200);
    expect(view.headers.etag).toBe(`"${extended.body.revision}"`);
    expect(view.body).toMatchObject({
      id,
      status: 'extended',
      category: 'involving_minor',
      escalated: true,
      assigneeId: 'officer-7',
      allegation: ALLEGATION,
      reporter: REPORTER,
    });
    const deadlines = Object.fromEntries(view.body.deadlines.map((d: { name: string; status: string }) => [d.name, d.status]));
    expect(deadlines).toEqual({
      classification: 'met',
      transfer: 'not_applicable',
      procuracy_notification: 'met',
      reporter_notification: 'met',
      verification: 'pending',
    });
    expect(view.body.deadlines.find((d: { name: string }) => d.name === 'verification')).toMatchObject({
      rule: 'CPC 2015 art. 147(2)',
      dueAt: expect.any(String),
    });

    const closed = await post(
      `/tips/${id}/close`,
      { outcome: 'passed_to_administrative_handling', suggestedAct: '34.4' },
      tokens.officer,
    ).expect(200);
    expect(closed.body.events).toEqual(['tip.closed', 'tip.penalty_case_requested']);
    await post(`/tips/${id}/hand-over`, { sanctioningAuthority: 'Chủ tịch UBND phường Chương Mỹ' }, tokens.officer).expect(200);

    const events = await stored(id);
    const request_ = events.find((e) => e.type === 'tip.penalty_case_requested')!;
    expect(request_.data).toEqual({
      at: expect.any(String),
      tipId: id,
      jurisdiction: '10015',
      suggestedAct: '34.4',
      category: 'involving_minor',
    });
    expect(JSON.stringify(events)).not.toContain(REPORTER.name);
    expect(JSON.stringify(events)).not.toContain('karaoke Hoa Mai');

    const history = await request(server()).get(`/tips/${id}/history`).set('Authorization', tokens.supervisor).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(events.map((e) => e.type));
    expect(history.body.history[0]).toMatchObject({ actorId: 'supervisor-1', role: 'police_supervisor', at: expect.any(String) });
    expect(JSON.stringify(history.body)).not.toContain(REPORTER.name);
  });

  it('shows the reporter only to the assigned officer and to a supervisor stating the follow-up purpose', async () => {
    const id = await underVerification();
    const read = (token: string, purpose?: string) => {
      const call = request(server()).get(`/tips/${id}`).set('Authorization', token);
      if (purpose) call.set('X-Purpose', purpose);
      return call.expect(200);
    };
    expect((await read(tokens.officer)).body.reporter).toEqual(REPORTER);
    const other = (await read(tokens.otherOfficer)).body;
    expect(other).toMatchObject({ reporter: { name: REDACTED, contact: REDACTED }, allegation: REDACTED, status: 'verifying' });
    expect(JSON.stringify(other)).not.toContain(REPORTER.name);
    expect((await read(tokens.supervisor)).body).toMatchObject({ reporter: { name: REDACTED }, allegation: ALLEGATION });
    expect((await read(tokens.supervisor, 'reporter_follow_up')).body.reporter).toEqual(REPORTER);
  });

  it('takes the reporter away from an officer the tip was reassigned from', async () => {
    const id = await underVerification();
    const reporterSeenBy = async (token: string) =>
      (await request(server()).get(`/tips/${id}`).set('Authorization', token).expect(200)).body.reporter;
    expect(await reporterSeenBy(tokens.officer)).toEqual(REPORTER);
    await post(`/tips/${id}/assign`, { assigneeId: 'officer-9' }, tokens.supervisor).expect(200);
    expect(await reporterSeenBy(tokens.otherOfficer)).toEqual(REPORTER);
    expect(await reporterSeenBy(tokens.officer)).toEqual({ name: REDACTED, contact: REDACTED });
  });

  it('refuses actions outside the legal window with 422 naming the rule, appending nothing, and suspends and resumes after the limit', async () => {
    const id = await underVerification({ receivedAt: new Date(Date.now() - 25 * DAY).toISOString() });
    const before = (await stored(id)).length;
    const late = await post(
      `/tips/${id}/extend`,
      { until: vnDate(new Date(Date.now() + 10 * DAY)), reason: 'complex_circumstances' },
      tokens.officer,
    ).expect(422);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.body).toMatchObject({ status: 422, code: 'tip.extension_after_time_limit', errors: { rule: 'CPC 2015 art. 147(2)' } });
    expect(late.body.detail).toContain('CPC 2015 art. 147(2)');
    expect(late.body.detailVi).toContain('gia hạn');
    expect(await stored(id)).toHaveLength(before);

    await post(`/tips/${id}/suspend`, { ground: 'expert_examination_pending' }, tokens.officer).expect(200);
    await post(`/tips/${id}/resume`, { note: 'Đã có kết luận giám định' }, tokens.officer).expect(200);
    const view = await request(server()).get(`/tips/${id}`).set('Authorization', tokens.officer).expect(200);
    const byName = Object.fromEntries(view.body.deadlines.map((d: { name: string }) => [d.name, d]));
    expect(byName.verification).toMatchObject({ status: 'overdue', completedAt: expect.any(String) });
    expect(byName.verification_after_resumption_1).toMatchObject({ status: 'pending', rule: 'CPC 2015 art. 149' });
    expect(byName.classification).toMatchObject({ status: 'overdue' });
  });

  it('refuses an extension beyond the maximum and a suspension before the limit with 422 naming the rule', async () => {
    const id = await underVerification();
    const beyond = await post(
      `/tips/${id}/extend`,
      { until: vnDate(new Date(Date.now() + 100 * DAY)), reason: 'complex_circumstances' },
      tokens.officer,
    ).expect(422);
    expect(beyond.body).toMatchObject({
      code: 'tip.extension_beyond_maximum',
      errors: { rule: 'CPC 2015 art. 147(2)', byProcuracy: false, maximumOn: expect.any(String) },
    });
    const early = await post(`/tips/${id}/suspend`, { ground: 'asset_valuation_pending' }, tokens.officer).expect(422);
    expect(early.body).toMatchObject({ code: 'tip.suspension_before_time_limit', errors: { rule: 'CPC 2015 art. 148(1)' } });
    const anonymous = await receive({ anonymous: true, reporter: undefined });
    const told = await post(`/tips/${anonymous}/notify-reporter`, { method: 'phone' }, tokens.supervisor).expect(422);
    expect(told.body.code).toBe('tip.reporter_anonymous');
  });

  it('answers bad bodies with 400 problem+json naming the fields, and appends nothing', async () => {
    const key = `bad-${randomUUID()}`;
    const unknown = await post(
      '/tips',
      {
        jurisdiction: '10015',
        channel: 'fax',
        kind: 'denunciation',
        allegation: 'x',
        anonymous: 'yes',
        reporter: { name: 'A', age: 40 },
        extra: 1,
      },
      tokens.supervisor,
      { key },
    ).expect(400);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = JSON.stringify(unknown.body.errors);
    for (const field of ['property extra should not exist', 'channel', 'anonymous', 'reporter.property age should not exist'])
      expect(errors).toContain(field);
    const { caseIdFor } = await import('../../../libs/case-kernel/src/application/case-commands.js');
    expect(await stored(caseIdFor('supervisor-1', key, 'tip'))).toEqual([]);

    const bogusUnit = await post(
      '/tips',
      { jurisdiction: '99999', channel: 'hotline', kind: 'report', allegation: 'x', anonymous: true },
      tokens.supervisor,
    ).expect(400);
    expect(JSON.stringify(bogusUnit.body.errors)).toContain('jurisdiction');

    const id = await receive();
    const badCategory = await post(`/tips/${id}/classify`, { category: 'other', colour: 'red' }, tokens.supervisor).expect(400);
    expect(JSON.stringify(badCategory.body.errors)).toMatch(/category.*colour|colour.*category/s);
    const noKey = await request(server())
      .post(`/tips/${id}/classify`)
      .set('Authorization', tokens.supervisor)
      .send({ category: 'brokering' })
      .expect(400);
    expect(JSON.stringify(noKey.body.errors)).toContain('Idempotency-Key');
    expect(await stored(id)).toHaveLength(2);
  });

  it('answers a stale If-Match with 409 and a command the status does not allow with 409', async () => {
    const id = await receive();
    const stale = await post(`/tips/${id}/classify`, { category: 'brokering' }, tokens.supervisor, { ifMatch: '"0"' }).expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    const early = await post(`/tips/${id}/start-verification`, {}, tokens.supervisor).expect(409);
    expect(early.body.code).toBe('tip.start_verification_not_allowed');
    expect(await stored(id)).toHaveLength(2);
  });

  it('answers 403 to roles that may not act and 404 for a missing tip', async () => {
    const id = await receive();
    await post(`/tips/${id}/classify`, { category: 'brokering' }, tokens.supervisor).expect(200);
    await post(`/tips/${id}/assign`, { assigneeId: 'officer-9' }, tokens.officer).expect(403);
    for (const token of [tokens.inspector, tokens.socialWorker, tokens.outsider]) {
      await post(`/tips/${id}/notify-procuracy`, { procuracy: 'VKSND' }, token).expect(403);
      await request(server()).get(`/tips/${id}`).set('Authorization', token).expect(403);
    }
    await post(
      '/tips',
      { jurisdiction: '10015', channel: 'hotline', kind: 'report', allegation: 'x', anonymous: true },
      tokens.outsider,
    ).expect(403);
    expect(await stored(id)).toHaveLength(3);
    // A missing tip is a 404 to whoever could see a tip anywhere; to a local user it is the same 403 as a hidden one.
    await request(server()).get(`/tips/${randomUUID()}`).set('Authorization', tokens.national).expect(404);
    await request(server()).get(`/tips/${randomUUID()}/history`).set('Authorization', tokens.national).expect(404);
    await request(server()).get(`/tips/${randomUUID()}`).set('Authorization', tokens.supervisor).expect(403);
    await request(server()).get('/tips/not%20a%20tip').set('Authorization', tokens.national).expect(404);
    await post(`/tips/${randomUUID()}/classify`, { category: 'brokering' }, tokens.national).expect(404);
  });

  it('returns the first result to a retry with the same Idempotency-Key and appends nothing', async () => {
    const key = `retry-${randomUUID()}`;
    const body = {
      jurisdiction: '27559',
      channel: 'online',
      kind: 'feedback',
      allegation: 'Phản ánh về một cơ sở massage',
      anonymous: true,
    };
    const first = await post('/tips', body, tokens.national, { key }).expect(201);
    const again = await post('/tips', body, tokens.national, { key }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    const classifyKey = `retry-c-${randomUUID()}`;
    const classified = await post(`/tips/${first.body.id}/classify`, { category: 'harbouring' }, tokens.national, {
      key: classifyKey,
    }).expect(200);
    expect(
      (await post(`/tips/${first.body.id}/classify`, { category: 'harbouring' }, tokens.national, { key: classifyKey }).expect(200)).body,
    ).toEqual(classified.body);
    expect((await stored(first.body.id)).map((e) => e.type)).toEqual(['tip.received', 'tip.classified']);
  });
});
