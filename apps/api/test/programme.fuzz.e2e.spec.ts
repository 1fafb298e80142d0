import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { SEED_PLANS } from '../../../libs/programme/src/seed/seed-plans.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// Random and malformed bodies, nested ones included, on every command route of the programme
// context: never a 5xx, always problem+json when refused, and a refused command appends nothing.

const USER = 'fuzz-programme-officer';
/** Queries the statistics: may record nothing, whatever the body. */
const STATISTICIAN = 'fuzz-statistician';
const PLAN = SEED_PLANS[4]!.plan as unknown as Record<string, unknown>;
const CREATE: Record<string, Record<string, unknown>> = {
  plans: PLAN,
  communications: {
    jurisdiction: '23575',
    heldOn: '2026-04-10',
    form: 'meeting',
    audience: 'youth',
    reach: 40,
    recurring: true,
    villages: ['Tổ 1'],
  },
  trainings: { jurisdiction: '52', heldOn: '2026-05-20', topic: 'Tập huấn', participants: { province: 5, commune: 9 } },
  integrations: { jurisdiction: '23617', recordedOn: '2026-02-01', programmes: ['socio_economic'], documentRef: 'NQ 1' },
  'pilot-models': { jurisdiction: '21583', startedOn: '2026-03-01', modelKind: 'prevention', name: 'Mô hình' },
  'website-posts': { jurisdiction: '52', publishedOn: '2026-03-05', title: 'Tin', url: 'https://gialai.gov.vn/t' },
  'reference-figures': { jurisdiction: '52', area: ['52'], asOf: '2026-01-01', figures: { staffProvince: 50 } },
};
const FOLLOW_UP: Record<string, { on: keyof typeof CREATE; body: Record<string, unknown> }> = {
  'plans/:id/revise': { on: 'plans', body: { revisedOn: '2026-09-01', reason: 'x', targets: (PLAN.targets as unknown[]).slice(0, 2) } },
  'plans/:id/withdraw': { on: 'plans', body: { withdrawnOn: '2026-10-01', reason: 'x' } },
  'pilot-models/:id/end': { on: 'pilot-models', body: { endedOn: '2026-11-30', reason: 'x' } },
  'activities/:id/retract': { on: 'website-posts', body: { retractedOn: '2026-03-06', reason: 'x' } },
};

/** Every path to a value inside a body (objects and arrays), so nested fields are hit too. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(body: unknown, path: (string | number)[], value: unknown, drop: boolean): unknown {
  if (path.length === 0) return value;
  if (body === null || typeof body !== 'object') return body;
  const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    // An earlier change may have replaced this branch: leave the body as it is.
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string | number, unknown>;
  }
  if (drop) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '2026-02-30', '9'.repeat(30), -1, 1e308, 'x'.repeat(3000), '__proto__', { __proto__: { polluted: 1 } }, [], {}),
);
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const all = paths(valid).filter((p) => p.length > 0);
  return fc
    .array(fc.tuple(fc.constantFrom(...all), hostile, fc.boolean(), fc.option(fc.string({ maxLength: 8 }))), { minLength: 1, maxLength: 3 })
    .map((changes) =>
      changes.reduce<unknown>((body, [path, value, drop, extra]) => {
        const changed = setAt(body, path, value, drop);
        return extra && typeof changed === 'object' && changed !== null ? { ...changed, [extra]: value } : changed;
      }, valid),
    );
}

type Payload = { kind: 'json'; body: unknown } | { kind: 'raw'; text: string };
const payload = (valid: Record<string, unknown>): fc.Arbitrary<Payload> =>
  fc.oneof(
    { arbitrary: fc.constant<Payload>({ kind: 'json', body: valid }), weight: 1 },
    { arbitrary: mutated(valid).map((body): Payload => ({ kind: 'json', body })), weight: 6 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body): Payload => ({ kind: 'json', body })), weight: 1 },
    {
      arbitrary: fc
        .constantFrom('{"targets":', '[1,2', 'null', '"x"', '{"__proto__":{"x":1}}', '{"a":1}}')
        .map((text): Payload => ({ kind: 'raw', text })),
      weight: 1,
    },
  );

describe('API fuzz: programme commands', () => {
  let api: TestApi;
  let token: string;
  let statistician: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer(USER, [{ role: 'programme_officer', scope: 'VN' }]);
    statistician = await bearer(STATISTICIAN, [{ role: 'statistician', scope: 'VN' }]);
  });
  afterAll(() => api.close());

  const send = (path: string, body: Payload, key: string, ifMatch: string | null = null, as = token) => {
    let r = request(api.app.getHttpServer())
      .post(`/programme/${path}`)
      .set('Authorization', as)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json');
    if (ifMatch !== null) r = r.set('If-Match', ifMatch);
    return r.send(body.kind === 'raw' ? body.text : JSON.stringify(body.body));
  };
  const length = async (id: string) => (await api.store.readStream(`programme_activity-${id}`)).length;

  it.each(Object.keys(CREATE))('POST /programme/%s never answers 5xx, and appends nothing when it refuses', async (route) => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(payload(CREATE[route]!), async (body) => {
        const key = `fuzz-${randomUUID()}`;
        const response = await send(route, body, key);
        expect(response.status).toBeLessThan(500);
        statuses.add(response.status);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(await length(caseIdFor(USER, key, 'programme_activity'))).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
    expect(statuses.has(400)).toBe(true);
  });

  it.each(Object.keys(FOLLOW_UP))('POST /programme/%s never answers 5xx, and appends nothing when it refuses', async (route) => {
    const { on, body: valid } = FOLLOW_UP[route]!;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        payload(valid),
        fc.option(fc.constantFrom('"0"', '"7"', 'W/"0"', 'abc', '*')),
        fc.constantFrom('real', 'real', 'real', 'missing', 'odd'),
        async (body, ifMatch, target) => {
          // A fresh activity each time, so that an accepted command does not change what the next one meets.
          const id = (await send(on, { kind: 'json', body: CREATE[on] }, `fuzz-${randomUUID()}`).expect(201)).body.id as string;
          const caseId = target === 'real' ? id : target === 'missing' ? 'no-such-activity' : '..%2F..';
          const response = await send(route.replace(':id', caseId), body, `fuzz-${randomUUID()}`, ifMatch);
          expect(response.status).toBeLessThan(500);
          statuses.add(response.status);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(await length(id)).toBe(1);
          }
        },
      ),
      // Always among the runs: a valid body sent to a missing activity (so not every answer can be a 400 by chance).
      { numRuns: 40, examples: [[{ kind: 'json', body: valid }, null, 'missing']] },
    );
    expect(statuses.has(400)).toBe(true);
    expect([...statuses].some((s) => s !== 400)).toBe(true);
  });

  it.each([...Object.keys(CREATE), ...Object.keys(FOLLOW_UP)])(
    'POST /programme/%s by a statistician is never accepted, whatever the body, and appends nothing',
    async (route) => {
      const follow = FOLLOW_UP[route];
      const id = follow
        ? ((await send(follow.on, { kind: 'json', body: CREATE[follow.on] }, `fuzz-${randomUUID()}`).expect(201)).body.id as string)
        : null;
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(payload(follow?.body ?? CREATE[route]!), fc.option(fc.constantFrom('"0"', '"1"', '*')), async (body, ifMatch) => {
          const key = `fuzz-${randomUUID()}`;
          const response = await send(id ? route.replace(':id', id) : route, body, key, ifMatch, statistician);
          // Refused: a malformed body or header (400), an area outside the body's own jurisdiction (422, checked before the role), otherwise the role (403).
          expect([400, 403, 422]).toContain(response.status);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          statuses.add(response.status);
          expect(await length(caseIdFor(STATISTICIAN, key, 'programme_activity'))).toBe(0);
          if (id) expect(await length(id)).toBe(1);
        }),
        // Always among the runs: the valid body, which only the role refuses.
        { numRuns: 25, examples: [[{ kind: 'json', body: follow?.body ?? CREATE[route]! }, null]] },
      );
      expect(statuses.has(403)).toBe(true);
    },
  );
});
