import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { bodySchemaOf, exampleOf, operationsOf, schemaByRef, type OpenApiDocument } from '../../../test/support/openapi.js';

/**
 * What a client generated from /docs/openapi.json needs: every route, every body field, the
 * headers, the answers — and the documented examples must be accepted by the validation.
 */
describe('API: the OpenAPI document is complete enough to generate a client', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  beforeAll(async () => {
    api = await startTestApi();
    document = (await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => api.close());

  const operations = () => operationsOf(document);
  const schemaOf = (ref: string) => schemaByRef(document, ref);

  it('lists every route the server answers, each with a unique operation id and documented answers', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    const paths = Object.keys(document.paths);
    for (const expected of [
      '/tips',
      '/tips/{id}',
      '/establishments',
      '/inspections',
      '/hotspots',
      '/penalty-cases',
      '/cases/{kind}/{id}',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('documents every path parameter and the command headers of every command', () => {
    for (const { path, method, operation } of operations()) {
      const documented = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect({ path, method, parameters: documented.sort() }).toEqual({ path, method, parameters: inPath.sort() });
      if (method === 'post' && operation.requestBody && !path.startsWith('/data-subjects') && !path.includes('break-glass')) {
        const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
        expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(['Idempotency-Key']) });
      }
    }
  });

  it('names every body class once: two classes of one name would share (and overwrite) one schema', () => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, unknown> };
    const names = [...storage.validationMetadatas.keys()].map((target) => target.name).filter((name) => name.endsWith('Body'));
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('has a schema for every request body, with every field the validation knows', () => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, Array<{ propertyName: string }>> };
    const bodies = operations()
      .map(({ operation }) => operation.requestBody?.content['application/json']?.schema.$ref)
      .filter((ref): ref is string => ref !== undefined);
    expect(bodies.length).toBeGreaterThan(20);
    const targets = new Map([...storage.validationMetadatas.keys()].map((target) => [target.name, target]));
    for (const ref of bodies) {
      const name = ref.replace('#/components/schemas/', '');
      const schema = schemaOf(ref);
      expect({ name, documented: schema !== undefined }).toEqual({ name, documented: true });
      const target = targets.get(name);
      if (!target) continue; // a body with no validated field (nothing to compare)
      const validated = new Set(storage.validationMetadatas.get(target)!.map((m) => m.propertyName));
      expect({ name, fields: Object.keys(schema!.properties ?? {}).sort() }).toEqual({
        name,
        fields: expect.arrayContaining([...validated].sort()),
      });
    }
  });

  it('gives an example (or an enum) for every required field of every request body', () => {
    const missing = operations().flatMap(({ method, path, operation }) => {
      const schema = bodySchemaOf(document, operation);
      const gaps: string[] = [];
      if (schema) exampleOf(document, schema, gaps);
      return gaps.map((field) => `${method.toUpperCase()} ${path}: ${field}`);
    });
    expect(missing).toEqual([]);
  });

  it('gives examples a generated client can send: a create built only from them is accepted (201)', async () => {
    const token = await bearer('openapi-client', [
      { role: 'police_supervisor', scope: 'VN' },
      { role: 'inspector', scope: 'VN' },
      { role: 'sanctioning_official', scope: 'VN' },
    ]);
    const creates = operations().filter(
      ({ path, method, operation }) =>
        method === 'post' &&
        !path.includes('{') &&
        operation.requestBody &&
        ['/tips', '/establishments', '/inspections', '/hotspots', '/penalty-cases'].includes(path),
    );
    expect(creates.length).toBe(5);
    for (const { path, operation } of creates) {
      const missing: string[] = [];
      const body = exampleOf(document, bodySchemaOf(document, operation)!, missing);
      expect({ path, missing }).toEqual({ path, missing: [] });
      const response = await request(api.app.getHttpServer())
        .post(path)
        .set('Authorization', token)
        .set('Idempotency-Key', randomUUID())
        .send(body as object);
      expect({ path, status: response.status, problem: response.status >= 400 ? response.body : null }).toEqual({
        path,
        status: 201,
        problem: null,
      });
    }
  });
});
