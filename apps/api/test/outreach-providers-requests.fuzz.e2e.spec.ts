import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { ResourceKind } from '../../../libs/access/src/domain/resources.js';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

/**
 * Bodies that are almost right: real field names with wrong, odd or hostile values, among them the
 * subject minted for the fuzzed referral (a subject a data-subject request may name) and fields no
 * body may hold any more (a data-subject request's `jurisdiction`).
 */
const FIELDS = [
  'jurisdiction',
  'contactHint',
  'preferredLanguage',
  'preferredTime',
  'needsMentioned',
  'assigneeId',
  'supportCaseId',
  'reason',
  'note',
  'name',
  'providerType',
  'services',
  'contact',
  'subjectId',
  'requestKind',
  'channel',
  'receivedAt',
  'outcome',
  'explanation',
  'tipId',
  'offence',
  '__proto__',
  'constructor',
];
const VALUES = [
  '10015',
  '01',
  'vi',
  'worker-1',
  'case-1',
  'other',
  'ngo',
  'methadone',
  'delete',
  'phone',
  '2026-02-31T00:00:00Z',
  'subj-1',
  'x'.repeat(6000),
  '\u0000',
  '<script>',
  '',
];
function bodies(subjects: readonly string[]) {
  const nearlyValid = fc.dictionary(
    fc.constantFrom(...FIELDS),
    fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(...VALUES, ...subjects),
      fc.array(fc.constantFrom('methadone', 'legal_aid', 'haircut', 'methadone')),
    ),
    { maxKeys: 6 },
  );
  return fc.oneof(fc.jsonValue(), nearlyValid, fc.object());
}
const rawText = fc.oneof(
  fc.string(),
  fc.constantFrom('{"reason":', '{"a":1}}', 'null', '[]', '"other"', '{"services":["methadone"]', '\u00ff\u00fe'),
);
const ifMatch = fc.option(fc.constantFrom('"0"', '"1"', 'W/"2"', 'abc', '*'), { nil: undefined });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Target {
  kind: ResourceKind;
  base: string;
  /** The creation body, given the ids of the targets created before it. */
  create: (ids: Record<string, string>) => object;
  verbs: string[];
}

// Created in this order: the data-subject request names the subject the server minted for the referral.
const TARGETS: Target[] = [
  {
    kind: 'outreach_referral',
    base: '/outreach-referrals',
    create: () => ({ jurisdiction: '10015', contactHint: 'fuzz target' }),
    verbs: ['assign', 'accept', 'decline'],
  },
  {
    kind: 'provider',
    base: '/providers',
    create: () => ({ name: 'Fuzz', providerType: 'ngo', services: ['legal_aid'], jurisdiction: '01', contact: 'fuzz' }),
    verbs: ['services', 'details', 'deactivate', 'reactivate'],
  },
  {
    kind: 'data_subject_request',
    base: '/data-subject-requests',
    create: (ids) => ({ subjectId: `referral-${ids.outreach_referral}`, requestKind: 'view', channel: 'phone' }),
    verbs: ['acknowledge', 'authorise-erasure', 'complete', 'refuse'],
  },
];

describe('API fuzz: referral, provider and data-subject request commands never answer 5xx and append nothing when they refuse', () => {
  let api: TestApi;
  let token: string;
  const ids: Record<string, string> = {};
  const subjects: string[] = [];
  const USER = 'fuzz-support';
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer(USER, [
      { role: 'support_supervisor', scope: 'VN' },
      { role: 'data_protection_officer', scope: 'VN' },
      { role: 'police_officer', scope: 'VN' },
    ]);
    for (const target of TARGETS) {
      const created = await request(api.app.getHttpServer())
        .post(target.base)
        .set('Authorization', token)
        .set('Idempotency-Key', randomUUID())
        .send(target.create(ids))
        .expect(201);
      ids[target.kind] = created.body.id;
    }
    const referral = await request(api.app.getHttpServer())
      .get(`/outreach-referrals/${ids.outreach_referral}`)
      .set('Authorization', token)
      .expect(200);
    subjects.push(referral.body.subjectId);
    // The request's jurisdiction is the referral's own.
    const filed = await request(api.app.getHttpServer())
      .get(`/data-subject-requests/${ids.data_subject_request}`)
      .set('Authorization', token)
      .expect(200);
    expect(filed.body).toMatchObject({ subjectId: referral.body.subjectId, jurisdiction: '10015' });
  });
  afterAll(() => api.close());

  const count = async (kind: ResourceKind, id: string) => (await api.store.readStream(`${kind}-${id}`)).length;
  const routes = TARGETS.flatMap((t) => t.verbs.map((verb) => [t.kind, t.base, verb] as const));

  it.each(routes)('%s: POST %s/:id/%s with random JSON', async (kind, base, verb) => {
    await fc.assert(
      fc.asyncProperty(bodies(subjects), ifMatch, async (payload, revision) => {
        const id = ids[kind]!;
        const before = await count(kind, id);
        const call = request(api.app.getHttpServer())
          .post(`${base}/${id}/${verb}`)
          .set('Authorization', token)
          .set('Idempotency-Key', randomUUID());
        if (revision) call.set('If-Match', revision);
        const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        const after = await count(kind, id);
        if (response.status >= 400) expect(after).toBe(before);
        else expect(after - before).toBe(response.body.events.length);
      }),
      { numRuns: 25 },
    );
  });

  it.each(TARGETS.map((t) => [t.kind, t.base] as const))(
    '%s: POST %s with random JSON never answers 5xx; a refused creation leaves no stream',
    async (kind, base) => {
      await fc.assert(
        fc.asyncProperty(bodies(subjects), async (payload) => {
          const key = randomUUID();
          const response = await request(api.app.getHttpServer())
            .post(base)
            .set('Authorization', token)
            .set('Idempotency-Key', key)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(payload));
          expect(response.status).toBeLessThan(500);
          // A data-subject request never says where its subject belongs.
          if (kind === 'data_subject_request' && isObject(payload) && Object.prototype.hasOwnProperty.call(payload, 'jurisdiction'))
            expect(response.status).toBe(400);
          if (response.status >= 400) expect(await count(kind, caseIdFor(USER, key, kind))).toBe(0);
        }),
        { numRuns: 40 },
      );
    },
  );

  it('data_subject_request: a well-formed filing that names no subject the server minted is 404 and leaves no stream', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9_.:-]{1,100}$/),
          fc.constantFrom('subj-1', 'referral-00000000-0000-0000-0000-000000000000', `referral-${randomUUID()}`, 'su-AAAAAAAA'),
        ),
        fc.constantFrom('view', 'correct', 'restrict', 'object', 'delete'),
        async (subjectId, requestKind) => {
          fc.pre(!subjects.includes(subjectId));
          const key = randomUUID();
          const response = await request(api.app.getHttpServer())
            .post('/data-subject-requests')
            .set('Authorization', token)
            .set('Idempotency-Key', key)
            .send({ subjectId, requestKind, channel: 'phone' });
          expect(response.status).toBe(404);
          expect(await count('data_subject_request', caseIdFor(USER, key, 'data_subject_request'))).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('malformed JSON text and odd ids never answer 5xx and append nothing', async () => {
    const paths = TARGETS.flatMap((t) => [t.base, ...t.verbs.map((v) => `${t.base}/ID/${v}`)]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        rawText,
        fc.constantFrom('real', 'missing', '..', 'a'.repeat(65), '%00'),
        async (template, text, which) => {
          const target = TARGETS.find((t) => template.startsWith(t.base))!;
          const id = ids[target.kind]!;
          const before = await count(target.kind, id);
          const path = template.replace('ID', which === 'real' ? id : which === 'missing' ? randomUUID() : which);
          const response = await request(api.app.getHttpServer())
            .post(path)
            .set('Authorization', token)
            .set('Idempotency-Key', randomUUID())
            .set('Content-Type', 'application/json')
            .send(text);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await count(target.kind, id)).toBe(before);
        },
      ),
      { numRuns: 80 },
    );
  });
});
