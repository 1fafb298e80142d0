import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// An Khê (Gia Lai, plan 004): no other suite records tips there, so the indicator's figures are known.
const COMMUNE = '23617';
const TODAY = vnDate(new Date());
const YEAR = TODAY.slice(0, 4);
const DAY = 86_400_000;
const PROCURACY = 'VKSND thị xã An Khê';

describe('API: prosecution files of tips that led to a criminal case (POST /tips/:id/prosecution-file, /prosecution-outcome)', () => {
  let api: TestApi;
  let t: Record<'supervisor' | 'officer' | 'inspector' | 'outsider' | 'statistician', string>;
  beforeAll(async () => {
    api = await startTestApi();
    t = {
      supervisor: await bearer('pf-supervisor', [{ role: 'police_supervisor', scope: '52' }]),
      officer: await bearer('pf-officer', [{ role: 'police_officer', scope: COMMUNE }]),
      inspector: await bearer('pf-inspector', [{ role: 'inspector', scope: '52' }]),
      outsider: await bearer('pf-officer-79', [{ role: 'police_officer', scope: '79' }]),
      statistician: await bearer('pf-statistician', [{ role: 'statistician', scope: '52' }]),
    };
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer();
  const post = (path: string, body: unknown, token: string, ifMatch?: string) => {
    const call = request(server()).post(path).set('Authorization', token).set('Idempotency-Key', randomUUID());
    if (ifMatch) call.set('If-Match', ifMatch);
    return call.send(body as object);
  };
  const stored = async (id: string) => (await api.store.readStream(`tip-${id}`)).map((e) => e.type);
  /** A tip received, classified, assigned, verified and closed with the given outcome. */
  const closedTip = async (outcome: 'criminal_case_opened' | 'not_substantiated') => {
    const received = await post(
      '/tips',
      { jurisdiction: COMMUNE, channel: 'hotline', kind: 'denunciation', allegation: 'Tố giác chứa mại dâm tại nhà nghỉ', anonymous: true },
      t.supervisor,
    ).expect(201);
    const id = received.body.id as string;
    await post(`/tips/${id}/classify`, { category: 'harbouring' }, t.supervisor).expect(200);
    await post(`/tips/${id}/assign`, { assigneeId: 'pf-officer' }, t.supervisor).expect(200);
    await post(`/tips/${id}/start-verification`, {}, t.officer).expect(200);
    await post(
      `/tips/${id}/close`,
      outcome === 'criminal_case_opened' ? { outcome, criminalCaseRef: '07/QĐ-KTVA' } : { outcome },
      t.officer,
    ).expect(200);
    return id;
  };
  const sendFile = (id: string, token = t.officer) =>
    post(`/tips/${id}/prosecution-file`, { sentOn: TODAY, procuracy: PROCURACY, fileRef: '15/KLĐT' }, token);
  const resolve = (id: string, lawful: boolean, resolution = 'indicted') =>
    post(`/tips/${id}/prosecution-outcome`, { resolvedOn: TODAY, resolution, lawful }, t.officer);
  const indicator = async () => {
    const response = await request(server())
      .get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}`)
      .set('Authorization', t.statistician)
      .expect(200);
    expect(response.body.fresh).toBe(true);
    return (
      response.body.indicators as Array<{ code: string; numerator: number | null; denominator: number | null; value: number | null }>
    ).find((l) => l.code === 'prosecution_files_resolved')!;
  };

  it('runs tip → criminal case → file sent → decision, and the statistician sees the share of files resolved lawfully', async () => {
    expect(await indicator()).toMatchObject({ numerator: 0, denominator: 0 });

    const [a, b, c, withoutFile] = [
      await closedTip('criminal_case_opened'),
      await closedTip('criminal_case_opened'),
      await closedTip('criminal_case_opened'),
      await closedTip('criminal_case_opened'),
    ];
    const sent = await sendFile(a).expect(200);
    expect(sent.body).toEqual({ id: a, revision: expect.any(Number), events: ['tip.prosecution_file_sent'] });
    await sendFile(b, t.supervisor).expect(200);
    await sendFile(c).expect(200);
    expect((await resolve(a, true)).status).toBe(200);
    await resolve(b, true, 'returned_for_further_investigation').expect(200);

    // 3 files sent this year in An Khê; 2 resolved lawfully, 1 pending; the criminal case without a file is not counted.
    const pending = await indicator();
    expect(pending).toMatchObject({ numerator: 2, denominator: 3 });
    expect(pending.value).toBeCloseTo((2 / 3) * 100, 6);

    // A decision that was not lawful resolves the file but does not count as resolved lawfully.
    await resolve(c, false, 'discontinued').expect(200);
    expect(await indicator()).toMatchObject({ numerator: 2, denominator: 3 });

    const view = await request(server()).get(`/tips/${a}`).set('Authorization', t.officer).expect(200);
    expect(view.body).toMatchObject({
      status: 'closed',
      closure: { outcome: 'criminal_case_opened' },
      prosecutionFile: { sentOn: TODAY, procuracy: PROCURACY, resolvedOn: TODAY, resolution: 'indicted', lawful: true },
    });
    expect(await stored(withoutFile)).not.toContain('tip.prosecution_file_sent');
    const events = await api.store.readStream(`tip-${a}`);
    expect(events.slice(-2).map((e) => [e.type, e.data])).toEqual([
      ['tip.prosecution_file_sent', { at: expect.any(String), sentOn: TODAY, procuracy: PROCURACY, fileRef: '15/KLĐT' }],
      ['tip.prosecution_file_resolved', { at: expect.any(String), resolvedOn: TODAY, resolution: 'indicted', lawful: true }],
    ]);
  });

  it('answers 409 on a tip closed without a criminal case, on a second file, on a decision before a file and on a second decision; nothing appended', async () => {
    const notCase = await closedTip('not_substantiated');
    const before = await stored(notCase);
    const refused = await sendFile(notCase).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'tip.no_criminal_case' });
    expect(refused.body.detailVi).toContain('khởi tố');
    expect(await stored(notCase)).toEqual(before);

    const id = await closedTip('criminal_case_opened');
    expect((await resolve(id, true).expect(409)).body.code).toBe('tip.prosecution_file_not_sent');
    await sendFile(id).expect(200);
    expect((await sendFile(id).expect(409)).body.code).toBe('tip.prosecution_file_already_sent');
    await resolve(id, true).expect(200);
    expect((await resolve(id, false).expect(409)).body.code).toBe('tip.prosecution_file_already_resolved');
    expect((await stored(id)).filter((type) => type.startsWith('tip.prosecution_'))).toEqual([
      'tip.prosecution_file_sent',
      'tip.prosecution_file_resolved',
    ]);
  });

  it('answers 422 naming the rule for a day in the future or before the case was opened', async () => {
    const id = await closedTip('criminal_case_opened');
    const future = await post(
      `/tips/${id}/prosecution-file`,
      { sentOn: vnDate(new Date(Date.now() + 2 * DAY)), procuracy: PROCURACY },
      t.officer,
    ).expect(422);
    expect(future.body).toMatchObject({
      code: 'tip.prosecution_date_in_future',
      errors: { field: 'sentOn', rule: 'CPC 2015 art. 232, 240' },
    });
    const early = await post(
      `/tips/${id}/prosecution-file`,
      { sentOn: vnDate(new Date(Date.now() - 2 * DAY)), procuracy: PROCURACY },
      t.officer,
    ).expect(422);
    expect(early.body.code).toBe('tip.prosecution_file_before_case');
    expect(await stored(id)).not.toContain('tip.prosecution_file_sent');
  });

  it('answers bad bodies with 400 problem+json naming the fields, rejects unknown fields, and appends nothing', async () => {
    const id = await closedTip('criminal_case_opened');
    const before = await stored(id);
    const file = await post(
      `/tips/${id}/prosecution-file`,
      { sentOn: '1/4/2026', procuracy: '', fileRef: '<x>', suspectName: 'Nguyễn Văn B' },
      t.officer,
    ).expect(400);
    expect(file.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fileErrors = JSON.stringify(file.body.errors);
    for (const field of ['sentOn', 'procuracy', 'fileRef', 'property suspectName should not exist']) expect(fileErrors).toContain(field);
    await sendFile(id).expect(200);
    const decision = await post(
      `/tips/${id}/prosecution-outcome`,
      { resolvedOn: TODAY, resolution: 'convicted', lawful: 'yes', note: 'x' },
      t.officer,
    ).expect(400);
    const decisionErrors = JSON.stringify(decision.body.errors);
    for (const field of ['resolution', 'lawful', 'property note should not exist']) expect(decisionErrors).toContain(field);
    const noKey = await request(server())
      .post(`/tips/${id}/prosecution-outcome`)
      .set('Authorization', t.officer)
      .send({ resolvedOn: TODAY, resolution: 'indicted', lawful: true })
      .expect(400);
    expect(JSON.stringify(noKey.body.errors)).toContain('Idempotency-Key');
    expect(await stored(id)).toEqual([...before, 'tip.prosecution_file_sent']);
  });

  it('lets only the roles that may close a tip record files, in their jurisdiction; a stale If-Match is 409', async () => {
    const id = await closedTip('criminal_case_opened');
    for (const token of [t.inspector, t.outsider, t.statistician]) await sendFile(id, token).expect(403);
    const stale = await post(`/tips/${id}/prosecution-file`, { sentOn: TODAY, procuracy: PROCURACY }, t.officer, '"1"').expect(409);
    expect(stale.body.code).toBe('event_store.wrong_expected_revision');
    expect(await stored(id)).not.toContain('tip.prosecution_file_sent');
    const revision = (await request(server()).get(`/tips/${id}`).set('Authorization', t.officer).expect(200)).headers.etag as string;
    await post(`/tips/${id}/prosecution-file`, { sentOn: TODAY, procuracy: PROCURACY }, t.officer, revision).expect(200);
  });
});
