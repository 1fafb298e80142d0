import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { ResourceKind } from '../../../libs/access/src/domain/resources.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// Random and malformed bodies on every command endpoint of the establishment, inspection and
// hotspot contexts: never a 5xx, and a rejected command appends nothing.

const USER = 'fuzz-supervisor';
const VALID = {
  establishment: {
    create: { commune: '10015', type: 'bar', businessName: 'Bar X', address: 'Chúc Sơn', ownerName: 'Chủ X', ownerContact: '0900' },
    commands: {
      'classify-risk': { riskClass: 'medium', reason: 'late hours' },
      'sign-commitment': { signedOn: '2026-01-05', commune: '10015' },
      'link-inspection': { inspectionId: 'insp-1' },
      'link-penalty-case': { penaltyCaseId: 'pen-1' },
      close: { closedOn: '2026-02-01', reason: 'ceased' },
    },
  },
  inspection: {
    create: { establishmentId: 'est-1', jurisdiction: '10015', mode: 'unannounced', triggeringTipId: 'tip-1', plannedDate: '2026-01-10' },
    commands: {
      conduct: {
        conductedOn: '2026-01-12',
        members: [
          { agency: 'police', name: 'A' },
          { agency: 'health', name: 'B' },
          { agency: 'culture', name: 'C' },
        ],
        findings: 'violations',
        violationDescription: 'no register',
      },
      'link-penalty-case': { penaltyCaseId: 'pen-1' },
      close: { note: 'done' },
    },
  },
  hotspot: {
    create: { jurisdiction: '27559', kind: 'venue', locationDescription: 'near the market', identifiedOn: '2026-01-05' },
    commands: {
      'start-treatment': { plan: 'patrols', startedOn: '2026-01-06' },
      eradicate: { eradicatedOn: '2026-02-01' },
      reactivate: { reactivatedOn: '2026-03-01', reason: 'tips' },
    },
  },
} as const;
const PLURAL: Record<keyof typeof VALID, string> = { establishment: 'establishments', inspection: 'inspections', hotspot: 'hotspots' };

/** A valid body with maybe one value replaced by random JSON, maybe one field dropped, maybe an unknown one added. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 2 });
  return fc
    .tuple(
      maybe(fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }))),
      maybe(fc.constantFrom(...keys)),
      maybe(fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }))),
    )
    .map(([replaced, dropped, extra]) => {
      const body: Record<string, unknown> = { ...valid };
      if (replaced) body[replaced[0]] = replaced[1];
      if (dropped) delete body[dropped];
      if (extra) body[extra[0]] = extra[1];
      return body;
    });
}

type Payload = { kind: 'json'; body: unknown } | { kind: 'raw'; text: string };
const payload = (valid: Record<string, unknown>): fc.Arbitrary<Payload> =>
  fc.oneof(
    { arbitrary: mutated(valid).map((body): Payload => ({ kind: 'json', body })), weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body): Payload => ({ kind: 'json', body })), weight: 1 },
    {
      arbitrary: fc
        .oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('{"commune":', '[1,2', '{"a":1}}', 'null', '"x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
        )
        .map((text): Payload => ({ kind: 'raw', text })),
      weight: 1,
    },
  );
const ifMatch = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: fc.oneof(fc.constantFrom('"0"', '"999"', 'W/"1"', '*'), fc.string({ maxLength: 6 })), weight: 1 },
);

describe('API fuzz: establishment, inspection and hotspot commands', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer(USER, [{ role: 'police_supervisor', scope: 'VN' }]);
  });
  afterAll(() => api.close());

  const send = (path: string, body: Payload, key: string, match: string | null) => {
    let r = request(api.app.getHttpServer()).post(path).set('Authorization', token).set('Idempotency-Key', key);
    if (match !== null) r = r.set('If-Match', match);
    return body.kind === 'raw'
      ? r.set('Content-Type', 'application/json').send(body.text)
      : r.set('Content-Type', 'application/json').send(JSON.stringify(body.body));
  };
  const length = async (kind: ResourceKind, id: string) => (await api.store.readStream(`${kind}-${id}`)).length;

  for (const kind of Object.keys(VALID) as (keyof typeof VALID)[]) {
    it(`${kind}: creating never answers 5xx, and appends nothing when it refuses`, async () => {
      await fc.assert(
        fc.asyncProperty(payload(VALID[kind].create), async (body) => {
          const key = `fuzz-${randomUUID()}`;
          const response = await send(`/${PLURAL[kind]}`, body, key, null);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(await length(kind, caseIdFor(USER, key, kind))).toBe(0);
          }
        }),
        { numRuns: 60 },
      );
    });

    it(`${kind}: every other command never answers 5xx, and appends nothing when it refuses`, async () => {
      const created = await send(`/${PLURAL[kind]}`, { kind: 'json', body: VALID[kind].create }, `fuzz-${randomUUID()}`, null).expect(201);
      const id = created.body.id as string;
      const statuses = new Set<number>();
      const commands = Object.entries(VALID[kind].commands) as [string, Record<string, unknown>][];
      // Mostly the real case; sometimes a missing one or an id that is not an id at all.
      const target = fc.oneof(
        { arbitrary: fc.constant(id), weight: 6 },
        { arbitrary: fc.constantFrom('no-such-case', '..%2F..', 'x'.repeat(80)), weight: 1 },
      );
      const arbitrary = fc.oneof(...commands.map(([verb, valid]) => fc.tuple(fc.constant(verb), payload(valid), ifMatch, target)));
      await fc.assert(
        fc.asyncProperty(arbitrary, async ([verb, body, match, caseId]) => {
          const before = await length(kind, id);
          const response = await send(`/${PLURAL[kind]}/${caseId}/${verb}`, body, `fuzz-${randomUUID()}`, match);
          expect(response.status).toBeLessThan(500);
          statuses.add(response.status);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(await length(kind, id)).toBe(before);
          }
        }),
        // Always among the runs: a valid body to a missing case (so not every answer can be a 400 by chance).
        { numRuns: 120, examples: [[[commands[0]![0], { kind: 'json', body: commands[0]![1] }, null, 'no-such-case']]] },
      );
      // Not only the validation pipe answered: some bodies reached the domain or the revision check.
      expect(statuses.has(400)).toBe(true);
      expect([...statuses].some((s) => s !== 400)).toBe(true);
    });
  }
});
