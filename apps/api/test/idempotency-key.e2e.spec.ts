import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { operationsOf, type OpenApiDocument } from '../../../test/support/openapi.js';

const TIP = {
  jurisdiction: '10015',
  channel: 'hotline',
  kind: 'denunciation',
  allegation: 'Môi giới mại dâm tại quán karaoke, tổ 3',
  anonymous: false,
  reporter: { name: 'Lê Thị Người Báo', contact: '0912 345 678' },
};

/**
 * An officer with a valid token reuses an Idempotency-Key for another command, hoping for the
 * first command's answer (today: `assign` answered 200 `{"events":["tip.classified"]}` and nobody
 * was assigned). The key is bound to the route and body of its first request: anything else with
 * it is 422 problem+json `idempotency_key.reused` and appends nothing; the same request again is
 * answered as the first time and appends nothing.
 */
describe('API: an Idempotency-Key is bound to the route and body of its first request', () => {
  let api: TestApi;
  let supervisor: string;
  let otherSupervisor: string;
  beforeAll(async () => {
    api = await startTestApi();
    supervisor = await bearer('idem-supervisor', [{ role: 'police_supervisor', scope: '01' }]);
    otherSupervisor = await bearer('idem-supervisor-2', [{ role: 'police_supervisor', scope: '01' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const post = (path: string, body: object | string, key: string, token = supervisor) => {
    const call = http().post(path).set('Authorization', token).set('Idempotency-Key', key).set('Content-Type', 'application/json');
    return call.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const stream = (id: string) => api.store.readStream(`tip-${id}`);
  const receive = async (token = supervisor) => (await post('/tips', TIP, `key-${randomUUID()}`, token).expect(201)).body.id as string;
  const expectReused = (response: request.Response) => {
    expect({ status: response.status, type: response.headers['content-type'], code: response.body.code }).toEqual({
      status: 422,
      type: expect.stringMatching(/^application\/problem\+json/),
      code: 'idempotency_key.reused',
    });
    // Nothing of the first request is given back.
    expect(response.body.events).toBeUndefined();
  };

  it('the same key on another route (classify, then assign) is 422: nothing is appended and nobody is assigned', async () => {
    const id = await receive();
    const key = `key-${randomUUID()}`;
    const classified = await post(`/tips/${id}/classify`, { category: 'brokering' }, key).expect(200);
    expect(classified.body.events).toEqual(['tip.classified']);
    const before = await stream(id);

    expectReused(await post(`/tips/${id}/assign`, { assigneeId: 'idem-officer' }, key));
    expect(await stream(id)).toEqual(before);
    const view = await http().get(`/tips/${id}`).set('Authorization', supervisor).expect(200);
    expect(view.body.assigneeId ?? null).toBeNull();

    // The same command on another case is another route too.
    const other = await receive();
    const otherBefore = await stream(other);
    expectReused(await post(`/tips/${other}/classify`, { category: 'brokering' }, key));
    expect(await stream(other)).toEqual(otherBefore);

    // A fresh key does what the reused one could not.
    await post(`/tips/${id}/assign`, { assigneeId: 'idem-officer' }, `key-${randomUUID()}`).expect(200);
    expect((await http().get(`/tips/${id}`).set('Authorization', supervisor).expect(200)).body.assigneeId).toBe('idem-officer');
  });

  it('the same key with another body on the same route is 422, and the stream is unchanged', async () => {
    const id = await receive();
    const key = `key-${randomUUID()}`;
    await post(`/tips/${id}/classify`, { category: 'brokering' }, key).expect(200);
    const before = await stream(id);
    for (const body of [{ category: 'involving_minor' }, { category: 'brokering', note: 'one more field' }, {}])
      expectReused(await post(`/tips/${id}/classify`, body, key));
    expect(await stream(id)).toEqual(before);
    expect((await http().get(`/tips/${id}`).set('Authorization', supervisor).expect(200)).body.category).toBe('brokering');
  });

  it('the same key with another body on a creating route is 422: no second case, no answer about the first', async () => {
    const key = `key-${randomUUID()}`;
    const first = await post('/tips', TIP, key).expect(201);
    const before = await stream(first.body.id);
    expectReused(await post('/tips', { ...TIP, allegation: 'Một tố giác khác hẳn' }, key));
    expectReused(await post('/tips', { ...TIP, jurisdiction: '01' }, key));
    expect(await stream(first.body.id)).toEqual(before);
    expect(await stream(caseIdFor('idem-supervisor', key, 'tip'))).toEqual(before);
  });

  it('the same key, route and body again is answered as the first time and appends nothing, whatever the order of the keys', async () => {
    const id = await receive();
    const key = `key-${randomUUID()}`;
    const first = await post(`/tips/${id}/classify`, { category: 'brokering', note: 'Có dấu hiệu môi giới' }, key).expect(200);
    const after = await stream(id);
    const again = await post(`/tips/${id}/classify`, '{"note":"Có dấu hiệu môi giới","category":"brokering"}', key).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await stream(id)).toEqual(after);

    const created = await post('/tips', TIP, key.replace('key-', 'create-')).expect(201);
    const recreated = await post('/tips', TIP, key.replace('key-', 'create-')).expect(201);
    expect(recreated.body).toEqual(created.body);
  });

  it('keys are per user: another user may use the same key for their own request', async () => {
    const key = `key-${randomUUID()}`;
    const mine = await receive();
    await post(`/tips/${mine}/classify`, { category: 'brokering' }, key).expect(200);
    const theirs = await receive(otherSupervisor);
    const answer = await post(`/tips/${theirs}/classify`, { category: 'involving_minor' }, key, otherSupervisor).expect(200);
    expect(answer.body.events).toEqual(['tip.classified', 'tip.escalated']);
  });

  it('binds the key on every route the API document gives an Idempotency-Key, before anything else is checked', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const commands = operationsOf(document).filter(({ operation }) =>
      (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
    );
    expect(commands.length).toBeGreaterThan(40);
    // A statistician may run none of them: the first request of each key is refused, and still binds it.
    const token = await bearer('idem-sweeper', [{ role: 'statistician', scope: 'VN' }]);
    for (const { method, path } of commands) {
      const url = path.replace(/\{\w+\}/g, 'idem-no-such-record');
      const key = `sweep-${randomUUID()}`;
      const send = (body: object) =>
        (method === 'post' ? http().post(url) : method === 'put' ? http().put(url) : http().patch(url))
          .set('Authorization', token)
          .set('Idempotency-Key', key)
          .send(body);
      const first = await send({ first: true });
      expect({ method, path, refused: first.status >= 400, reused: first.body.code === 'idempotency_key.reused' }).toEqual({
        method,
        path,
        refused: true,
        reused: false,
      });
      const second = await send({ second: true });
      expect({ method, path, status: second.status, code: second.body.code }).toEqual({
        method,
        path,
        status: 422,
        code: 'idempotency_key.reused',
      });
    }
  });

  it('two different requests racing with one key: exactly one runs, the other is 422', async () => {
    const id = await receive();
    const key = `key-${randomUUID()}`;
    const before = (await stream(id)).length;
    // Two commands either of which the tip accepts first (an assignment before the classification would be refused by the tip itself).
    const answers = await Promise.all([
      post(`/tips/${id}/classify`, { category: 'brokering' }, key),
      post(`/tips/${id}/classify`, { category: 'buying_selling_sex' }, key),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    const winner = answers.find((a) => a.status === 200)!;
    expect((await stream(id)).slice(before).map((e) => e.type)).toEqual(winner.body.events);
  });

  it('two identical requests racing with one key both get the one answer, appended once', async () => {
    const id = await receive();
    const key = `key-${randomUUID()}`;
    const before = (await stream(id)).length;
    const answers = await Promise.all([1, 2, 3].map(() => post(`/tips/${id}/classify`, { category: 'brokering' }, key)));
    // A loser of the append race may see the stream moved (409) — never a second classification.
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    for (const answer of ok) expect(answer.body).toEqual(ok[0]!.body);
    expect((await stream(id)).slice(before).map((e) => e.type)).toEqual(['tip.classified']);
  });
});
