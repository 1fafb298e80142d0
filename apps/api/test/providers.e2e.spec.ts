import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ENFORCEMENT_ROLES, type Role } from '../../../libs/access/src/domain/roles.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const HEALTH_STATION = {
  name: 'Trạm Y tế xã Chúc Sơn',
  providerType: 'health_station',
  services: ['psychological_counselling', 'health_sexual_health_hiv_sti'],
  jurisdiction: '10015',
  contact: 'Trạm trưởng, 0243 000 111',
};
const NGO = {
  name: 'Tổ chức Ánh Dương',
  providerType: 'ngo',
  services: ['legal_aid', 'safety_gbv'],
  jurisdiction: '01',
  contact: 'anhduong@example.org',
};

describe('API: the provider directory', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi();
    const grants: Record<string, [Role, string]> = {
      supervisor: ['support_supervisor', '01'],
      southSupervisor: ['support_supervisor', '79'],
      worker: ['social_worker', '01'],
      auditor: ['auditor', 'VN'],
    };
    for (const [name, [role, scope]] of Object.entries(grants)) tokens[name] = await bearer(`${name}-p`, [{ role, scope }]);
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
  const get = (path: string, token: string) => request(server()).get(path).set('Authorization', token);
  const stored = (id: string) => api.store.readStream(`provider-${id}`);
  const register = async (body: object = HEALTH_STATION, token = tokens.supervisor!) =>
    (await post('/providers', { ...body, name: `${(body as { name: string }).name} ${randomUUID().slice(0, 6)}` }, token).expect(201)).body
      .id as string;
  const listed = async (query: string, token = tokens.worker!) =>
    ((await get(`/providers${query}`, token).expect(200)).body.entries as Array<{ id: string }>).map((e) => e.id);

  it('registers a provider, stores nothing encrypted (no personal data), and shows it to social workers', async () => {
    const created = await post('/providers', HEALTH_STATION, tokens.supervisor!).expect(201);
    const id = created.body.id as string;
    expect(created.body).toEqual({ id, revision: 0, events: ['provider.registered'] });
    const [event] = await stored(id);
    expect(event!.data).toEqual({
      ...HEALTH_STATION,
      services: ['health_sexual_health_hiv_sti', 'psychological_counselling'],
      registeredAt: expect.any(String),
    });
    const view = await get(`/providers/${id}`, tokens.worker!).expect(200);
    expect(view.headers.etag).toBe('"0"');
    expect(view.body).toMatchObject({
      id,
      active: true,
      name: HEALTH_STATION.name,
      providerType: 'health_station',
      jurisdiction: '10015',
      contact: HEALTH_STATION.contact,
      redactedFields: [],
    });
    expect(view.body.services).toEqual(['health_sexual_health_hiv_sti', 'psychological_counselling']);
  });

  it('changes services and details, deactivates and reactivates, refusing what the state does not allow (nothing appended)', async () => {
    const id = await register();
    await post(`/providers/${id}/services`, { services: ['methadone'] }, tokens.supervisor!, { ifMatch: '"0"' }).expect(200);
    await post(`/providers/${id}/details`, { name: 'Trạm Y tế phường Chúc Sơn', contact: '0243 000 222' }, tokens.supervisor!).expect(200);
    const unchanged = await post(`/providers/${id}/services`, { services: ['methadone'] }, tokens.supervisor!).expect(409);
    expect(unchanged.body).toMatchObject({ code: 'provider.services_unchanged', detailVi: expect.any(String) });
    await post(`/providers/${id}/deactivate`, { reason: 'Tạm ngừng do sửa chữa' }, tokens.supervisor!).expect(200);
    const inactive = await post(`/providers/${id}/services`, { services: ['legal_aid'] }, tokens.supervisor!).expect(409);
    expect(inactive.body.code).toBe('provider.inactive');
    await post(`/providers/${id}/deactivate`, { reason: 'again' }, tokens.supervisor!).expect(409);
    await post(`/providers/${id}/reactivate`, {}, tokens.supervisor!).expect(200);
    expect((await stored(id)).map((e) => e.type)).toEqual([
      'provider.registered',
      'provider.services_changed',
      'provider.details_changed',
      'provider.deactivated',
      'provider.reactivated',
    ]);
    expect((await get(`/providers/${id}`, tokens.worker!).expect(200)).body).toMatchObject({
      active: true,
      services: ['methadone'],
      name: 'Trạm Y tế phường Chúc Sơn',
      contact: '0243 000 222',
      deactivationReason: null,
    });
  });

  it('validates input: unknown services, duplicates, unknown fields, a unit not in force (400, nothing recorded)', async () => {
    for (const body of [
      { ...HEALTH_STATION, services: ['haircut'] },
      { ...HEALTH_STATION, services: ['methadone', 'methadone'] },
      { ...HEALTH_STATION, services: [] },
      { ...HEALTH_STATION, directorName: 'Nguyễn Văn A' },
      { ...HEALTH_STATION, jurisdiction: '99999' },
    ]) {
      const key = randomUUID();
      const response = await post('/providers', body, tokens.supervisor!, { key }).expect(400);
      expect(response.body.errors).toEqual(expect.any(Array));
      expect(await stored(caseIdFor('supervisor-p', key, 'provider'))).toEqual([]);
    }
  });

  it('lists active providers by service and by the area they serve (covering or inside), in the caller’s scope', async () => {
    const station = await register();
    const ngo = await register(NGO);
    const south = await register({ ...HEALTH_STATION, jurisdiction: '27559' }, tokens.southSupervisor!);
    const closed = await register({ ...HEALTH_STATION, services: ['job_placement'] });
    await post(`/providers/${closed}/deactivate`, { reason: 'Giải thể' }, tokens.supervisor!).expect(200);

    const all = await listed('');
    expect(all).toEqual(expect.arrayContaining([station, ngo]));
    expect(all).not.toContain(south);
    expect(all).not.toContain(closed);
    expect(await listed('?active=false')).toContain(closed);
    expect(await listed('?active=false')).not.toContain(station);

    const counselling = await listed('?service=psychological_counselling');
    expect(counselling).toContain(station);
    expect(counselling).not.toContain(ngo);
    // Commune 10015: its own station and the province-wide NGO; commune 10030: only the NGO.
    expect(await listed('?jurisdiction=10015')).toEqual(expect.arrayContaining([station, ngo]));
    const elsewhere = await listed('?jurisdiction=10030');
    expect(elsewhere).toContain(ngo);
    expect(elsewhere).not.toContain(station);
    // The province: everything inside it.
    expect(await listed('?jurisdiction=01&service=legal_aid')).toContain(ngo);
    expect(await listed('?jurisdiction=01&service=legal_aid')).not.toContain(station);
    expect(await listed('', tokens.auditor!)).toEqual(expect.arrayContaining([station, ngo, south]));

    const entry = (await get('/providers?service=safety_gbv', tokens.worker!).expect(200)).body.entries.find(
      (e: { id: string }) => e.id === ngo,
    );
    expect(entry).toMatchObject({
      id: ngo,
      jurisdiction: '01',
      providerType: 'ngo',
      services: ['legal_aid', 'safety_gbv'],
      active: true,
      contact: NGO.contact,
    });
    await get('/providers?service=haircut', tokens.worker!).expect(400);
  });

  it('keeps the directory to support supervisors: a social worker cannot change it, and gets the same 404 as for a missing provider', async () => {
    const id = await register();
    const missing = caseIdFor('supervisor-p', randomUUID(), 'provider');
    for (const target of [id, missing]) {
      const denied = await post(`/providers/${target}/deactivate`, { reason: 'x' }, tokens.worker!).expect(404);
      expect(denied.body).toEqual({
        type: 'about:blank',
        title: 'Not found',
        status: 404,
        detail: 'Nothing here. / Không tìm thấy.',
        instance: `/providers/${target}/deactivate`,
      });
    }
    await post('/providers', HEALTH_STATION, tokens.worker!).expect(404);
    expect(await stored(id)).toHaveLength(1);
  });

  it.each(ENFORCEMENT_ROLES)('%s: every provider route answers 404, the same for an existing as for a missing provider', async (role) => {
    const token = await bearer(`${role}-p`, [{ role, scope: 'VN' }]);
    const key = randomUUID();
    const id = caseIdFor('supervisor-p', key, 'provider');
    const probes: Array<[string, string, object?]> = [
      ['GET', `/providers/${id}`],
      ['GET', '/providers'],
      ['GET', '/providers?service=methadone&jurisdiction=10015'],
      ['POST', `/providers/${id}/services`, { services: ['methadone'] }],
      ['POST', `/providers/${id}/details`, { name: 'x', contact: 'y' }],
      ['POST', `/providers/${id}/deactivate`, { reason: 'x' }],
      ['POST', `/providers/${id}/reactivate`, {}],
      ['POST', '/providers', HEALTH_STATION],
    ];
    const answers = async () => {
      const out = [];
      // A key of its own per probe (the same one both times): a key is bound to its first route and body.
      for (const [index, [method, path, body]] of probes.entries()) {
        const response = await (method === 'GET'
          ? get(path, token)
          : post(path, body, token, { ifMatch: '"0"', key: `fixed-key-for-probe-${index}` }));
        // The date and the request id differ from one answer to the next, whatever the record.
        const { date: _date, 'x-request-id': _requestId, ...headers } = response.headers;
        out.push({ status: response.status, headers, body: response.body });
      }
      return out;
    };
    const before = await answers();
    await post('/providers', HEALTH_STATION, tokens.supervisor!, { key }).expect(201);
    const after = await answers();
    expect(after).toEqual(before);
    for (const answer of after) expect(answer.status).toBe(404);
    expect(await stored(id)).toHaveLength(1);
    expect(await stored(caseIdFor(`${role}-p`, `fixed-key-for-probe-${probes.length - 1}`, 'provider'))).toEqual([]);
  });
});
