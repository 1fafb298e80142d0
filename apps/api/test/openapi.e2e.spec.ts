import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

/**
 * What a client generated from /docs/openapi.json needs: every route, every body field, the
 * headers, the answers — and the documented examples must be accepted by the validation.
 */
interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema & { example?: unknown; $ref?: string; items?: Schema & { $ref?: string } }>;
  required?: string[];
  example?: unknown;
  $ref?: string;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

describe('API: the OpenAPI document is complete enough to generate a client', () => {
  let api: TestApi;
  let document: Document;
  beforeAll(async () => {
    api = await startTestApi();
    document = (await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as Document;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const schemaOf = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')];

  it('lists every route the server answers, each with a unique operation id and documented answers', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    const paths = Object.keys(document.paths);
    for (const expected of ['/tips', '/tips/{id}', '/establishments', '/inspections', '/hotspots', '/penalty-cases', '/cases/{kind}/{id}']) {
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
      expect({ name, fields: Object.keys(schema!.properties ?? {}).sort() }).toEqual({ name, fields: expect.arrayContaining([...validated].sort()) });
    }
  });

  it('gives examples a generated client can send: a create built only from them is accepted (201)', async () => {
    const token = await bearer('openapi-client', [
      { role: 'police_supervisor', scope: 'VN' },
      { role: 'inspector', scope: 'VN' },
      { role: 'sanctioning_official', scope: 'VN' },
    ]);
    const creates = operations().filter(({ path, method, operation }) => method === 'post' && !path.includes('{') && operation.requestBody && ['/tips', '/establishments', '/inspections', '/hotspots', '/penalty-cases'].includes(path));
    expect(creates.length).toBe(5);
    for (const { path, operation } of creates) {
      const missing: string[] = [];
      const body = exampleOf(schemaOf(operation.requestBody!.content['application/json']!.schema.$ref!)!, missing);
      expect({ path, missing }).toEqual({ path, missing: [] });
      const response = await request(api.app.getHttpServer()).post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body as object);
      expect({ path, status: response.status, problem: response.status >= 400 ? response.body : null }).toEqual({ path, status: 201, problem: null });
    }
  });

  /** A body as a generated client would fill it from the documented examples (required fields only). */
  function exampleOf(schema: Schema, missing: string[], at = ''): unknown {
    if (schema.$ref) return exampleOf(schemaOf(schema.$ref)!, missing, at);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'boolean') return false;
    if (schema.properties) {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = exampleOf(schema.properties[name]!, missing, `${at}${name}.`);
      return out;
    }
    if (schema.type === 'array' && (schema as { items?: Schema }).items) return [exampleOf((schema as { items: Schema }).items, missing, at)];
    missing.push(at.slice(0, -1));
    return undefined;
  }
});
