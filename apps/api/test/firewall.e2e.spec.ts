import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../../libs/access/src/domain/roles.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { bodySchemaOf, exampleOf, operationsOf, type OpenApiDocument } from '../../../test/support/openapi.js';

/**
 * The firewall between enforcement and support, tried on every support route the API documents,
 * from every enforcement role at national scope: the answer is 404 or 403, and nothing in its
 * status, body or headers differs between a record that exists and one that does not.
 */
const SUPPORT_ROOTS = ['/support-cases', '/outreach-referrals', '/providers', '/data-subject-requests'];
const ENFORCEMENT_ROLES: Role[] = ['police_officer', 'police_supervisor', 'inspector', 'sanctioning_official'];
/** Enforcement may hand a person over (the one crossing) and nothing else. */
const THE_CROSSING = { method: 'post', path: '/outreach-referrals' };
/** Answer headers that differ per request whatever the record. */
const PER_REQUEST_HEADERS = new Set(['date', 'x-correlation-id', 'x-request-id', 'etag']);

describe('API: no enforcement role can learn that a support record exists', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  const existing: Record<string, string> = {};
  /** The subject minted for the support case: what a data-subject request about it names. */
  let supportSubject = '';
  let supportJurisdiction = '';
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startTestApi();
    document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    // One record of each support kind, created from the documented examples by the roles that may.
    const creators: Record<string, { role: Role; user: string }> = {
      '/support-cases': { role: 'social_worker', user: 'firewall-worker' },
      '/outreach-referrals': { role: 'police_officer', user: 'firewall-police' },
      '/providers': { role: 'support_supervisor', user: 'firewall-supervisor' },
      '/data-subject-requests': { role: 'data_protection_officer', user: 'firewall-dpo' },
    };
    for (const root of SUPPORT_ROOTS) {
      const create = operationsOf(document).find((o) => o.method === 'post' && o.path === root)!;
      const example = exampleOf(document, bodySchemaOf(document, create.operation)!) as Record<string, unknown>;
      // A data-subject request names a subject the server minted: the support case's service user.
      const body = root === '/data-subject-requests' ? { ...example, subjectId: supportSubject } : example;
      const { role, user } = creators[root]!;
      const token = await bearer(user, [{ role, scope: 'VN' }]);
      const response = await http().post(root).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
      expect({ root, status: response.status, problem: response.status === 201 ? null : response.body }).toEqual({
        root,
        status: 201,
        problem: null,
      });
      existing[root] = response.body.id as string;
      if (root === '/support-cases') {
        const opened = await http().get(`${root}/${existing[root]}`).set('Authorization', token).expect(200);
        supportSubject = `su-${opened.body.clientCode as string}`;
        supportJurisdiction = opened.body.jurisdiction as string;
      }
    }
  });
  afterAll(() => api.close());

  const supportOperations = () =>
    operationsOf(document).filter(
      ({ path, method }) =>
        SUPPORT_ROOTS.some((root) => path === root || path.startsWith(`${root}/`)) &&
        !(method === THE_CROSSING.method && path === THE_CROSSING.path),
    );

  it('covers every support route of the API document', () => {
    const paths = new Set(supportOperations().map((o) => o.path));
    for (const root of SUPPORT_ROOTS) expect(paths).toContain(`${root}/{id}`);
    expect(supportOperations().length).toBeGreaterThan(25);
  });

  /** A random id of the same length as the real one, so that even the length of the answer matches. */
  const missingLike = (id: string) => (randomUUID() + randomUUID()).replace(/-/g, '').slice(0, id.length);

  const call = async (role: Role, method: string, path: string, id: string, body: unknown) => {
    const url = path.replace('{id}', id).replace(/\{\w+\}/g, '0123456789abcdef');
    const token = await bearer(`firewall-${role}`, [{ role, scope: 'VN' }]);
    const started = http()[method as 'get' | 'post'](url).set('Authorization', token).set('Idempotency-Key', `firewall-${randomUUID()}`);
    return method === 'post' ? started.send((body ?? {}) as object) : started;
  };
  const comparable = (response: request.Response, id: string) => ({
    status: response.status,
    body: JSON.parse(JSON.stringify(response.body).split(id).join('ID')),
    headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !PER_REQUEST_HEADERS.has(name))),
  });

  it.each(ENFORCEMENT_ROLES)('%s: 404 or 403 on every support route, the same for an existing and a missing record', async (role) => {
    const KIND: Record<string, string> = {
      '/support-cases': 'support_case',
      '/outreach-referrals': 'outreach_referral',
      '/providers': 'provider',
      '/data-subject-requests': 'data_subject_request',
    };
    const streams = () =>
      Promise.all(SUPPORT_ROOTS.map(async (root) => (await api.store.readStream(`${KIND[root]}-${existing[root]}`)).length));
    const before = await streams();
    for (const { path, method, operation } of supportOperations()) {
      const root = SUPPORT_ROOTS.find((r) => path === r || path.startsWith(`${r}/`))!;
      const id = existing[root]!;
      const schema = bodySchemaOf(document, operation);
      const body = schema ? exampleOf(document, schema) : undefined;
      // Filing a request about a subject: the real support subject against one that does not exist.
      const names = method === 'post' && path === '/data-subject-requests';
      const real = await call(role, method, path, id, names ? { ...(body as object), subjectId: supportSubject } : body);
      const absent = missingLike(id);
      const missing = await call(
        role,
        method,
        path,
        absent,
        names ? { ...(body as object), subjectId: `su-${missingLike(supportSubject.slice(3)).toUpperCase()}` } : body,
      );
      expect({ method, path, hidden: [403, 404].includes(real.status) ? true : real.body }).toEqual({ method, path, hidden: true });
      expect({ method, path, ...comparable(real, id) }).toEqual({ method, path, ...comparable(missing, absent) });
      // The id appears only where the caller's own URL is echoed (instance).
      expect(JSON.stringify({ ...real.body, instance: undefined })).not.toContain(id);
    }
    // Nothing was recorded in the support records by those attempts (denials go to the access log only).
    // (Per stream, not through readAll: a gap-safe read may deliver the set-up's own events late.)
    expect(await streams()).toEqual(before);
    expect(before.every((length) => length > 0)).toBe(true);
    // The set-up's request is about the support case's own subject, and belongs where that case does.
    const filed = await http()
      .get(`/data-subject-requests/${existing['/data-subject-requests']}`)
      .set('Authorization', await bearer('firewall-dpo', [{ role: 'data_protection_officer', scope: 'VN' }]))
      .expect(200);
    expect(filed.body).toMatchObject({ subjectId: supportSubject, jurisdiction: supportJurisdiction });
    expect(supportJurisdiction).toMatch(/^\d{2}(\d{3})?$/);
  });
});
