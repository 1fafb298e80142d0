import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const TIP = {
  jurisdiction: '10015',
  channel: 'hotline',
  kind: 'denunciation',
  allegation: 'Môi giới mại dâm tại quán karaoke, tổ 3',
  anonymous: false,
  reporter: { name: 'Lê Thị Người Báo', contact: '0912 345 678' },
};
const PLAN = { establishmentId: 'est-proto-1', jurisdiction: '10015', mode: 'unannounced', plannedDate: '2026-01-10' };
const TEAM = [
  { agency: 'police', name: 'Trần Thành Viên Một' },
  { agency: 'health', name: 'Phạm Thành Viên Hai' },
  { agency: 'culture', name: 'Đỗ Thành Viên Ba' },
];
const CONDUCT = { conductedOn: '2026-01-12', members: TEAM, findings: 'violations', violationDescription: 'No guest register kept' };
/** Keys class-transformer skips or cannot set, so the unknown-field check never saw them. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/**
 * An attacker with a valid token sends JSON bodies (the raw text, as a script would, so that
 * `__proto__` is a real key of the object) with keys no body declares: each must be a 400
 * problem+json naming the key, and nothing may be appended.
 */
describe('API: prototype and undeclared keys in bodies and queries', () => {
  let api: TestApi;
  let supervisor: string;
  let inspector: string;
  beforeAll(async () => {
    api = await startTestApi();
    supervisor = await bearer('proto-supervisor', [{ role: 'police_supervisor', scope: '01' }]);
    inspector = await bearer('proto-inspector', [{ role: 'inspector', scope: '10015' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  const postRaw = (path: string, token: string, text: string, key = `key-${randomUUID()}`) =>
    http().post(path).set('Authorization', token).set('Idempotency-Key', key).set('Content-Type', 'application/json').send(text);
  /** The JSON text of `body` with `"<key>": <value>` added as its first member. */
  const withKey = (body: object, key: string, value: unknown = { polluted: true }) =>
    `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(body).slice(1)}`;
  const stream = (kind: string, id: string) => api.store.readStream(`${kind}-${id}`);
  /** 400 problem+json whose errors name the key, after the path of the object holding it (class-validator's wording). */
  const expectRefused = (response: request.Response, key: string, parent = '') => {
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body.errors).toContain(`${parent ? `${parent}.` : ''}property ${key} should not exist`);
  };

  it.each(PROTOTYPE_KEYS)('POST /tips with a top-level "%s" key is 400 naming it, and no tip is created', async (name) => {
    const key = `key-${randomUUID()}`;
    const response = await postRaw('/tips', supervisor, withKey(TIP, name), key);
    expectRefused(response, name);
    expect(await stream('tip', caseIdFor('proto-supervisor', key, 'tip'))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('POST /tips with a prototype key inside the nested reporter is 400 naming the path, and no tip is created', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf']) {
      const key = `key-${randomUUID()}`;
      const text = JSON.stringify({ ...TIP, reporter: '$REPORTER' }).replace('"$REPORTER"', withKey(TIP.reporter, name, 'x'));
      const response = await postRaw('/tips', supervisor, text, key);
      expectRefused(response, name, 'reporter');
      expect(await stream('tip', caseIdFor('proto-supervisor', key, 'tip'))).toEqual([]);
    }
  });

  it('a command on an existing case with a prototype key in an array element is 400 naming it, and nothing is appended', async () => {
    const planned = await postRaw('/inspections', inspector, JSON.stringify(PLAN)).expect(201);
    const id = planned.body.id as string;
    for (const name of ['__proto__', 'constructor', 'valueOf', 'undeclaredMember']) {
      const text = JSON.stringify({ ...CONDUCT, members: [TEAM[0], '$SECOND', TEAM[2]] }).replace(
        '"$SECOND"',
        withKey(TEAM[1]!, name, 'x'),
      );
      const response = await postRaw(`/inspections/${id}/conduct`, inspector, text);
      expectRefused(response, name, 'members.1');
    }
    expect(await stream('inspection', id)).toHaveLength(1);
    // The same body without the extra key is accepted: only the key was refused.
    await postRaw(`/inspections/${id}/conduct`, inspector, JSON.stringify(CONDUCT)).expect(200);
  });

  it('a command with a prototype key on a case it would change leaves the case as it was', async () => {
    const created = await postRaw('/tips', supervisor, JSON.stringify(TIP)).expect(201);
    const id = created.body.id as string;
    const before = await stream('tip', id);
    for (const name of PROTOTYPE_KEYS)
      expectRefused(await postRaw(`/tips/${id}/classify`, supervisor, withKey({ category: 'brokering' }, name, 'x')), name);
    expect(await stream('tip', id)).toEqual(before);
  });

  it('a query string with prototype keys is 400 naming them', async () => {
    for (const query of [
      '__proto__[x]=1',
      '__proto__=1',
      'constructor=1',
      'toString=1',
      'constructor[prototype][x]=1',
      'kind=tip&valueOf=1',
    ]) {
      const response = await http().get(`/deadlines?${query}`).set('Authorization', supervisor);
      expectRefused(response, query.replace(/^kind=tip&/, '').replace(/=.*$/, ''));
    }
    // An ordinary unknown query key is refused as before; a well-formed query is not refused.
    expectRefused(await http().get('/deadlines?undeclared=1').set('Authorization', supervisor), 'undeclared');
    expect((await http().get('/deadlines?kind=tip').set('Authorization', supervisor)).status).not.toBe(400);
  });
});
