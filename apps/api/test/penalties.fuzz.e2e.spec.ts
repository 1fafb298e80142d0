import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const VERBS = [
  'request-explanation',
  'extend-explanation',
  'record-explanation',
  'require-verification',
  'extend-decision-deadline',
  'decide',
  'deliver',
  'record-payment',
  'order-enforcement',
  'record-complaint',
  'close',
] as const;
const TODAY = vnDate(new Date());

/**
 * Bodies that are almost right: real field names with wrong, odd or hostile values, among them the
 * subject ids of the fuzzed cases' own people (minted by the server, read back once they exist) and
 * fields no body may hold any more (a person's `subjectId` on creation, the decision's `position`).
 */
const FIELDS = [
  'jurisdiction',
  'violationDate',
  'recordedOn',
  'act',
  'offenderType',
  'people',
  'subjectId',
  'reason',
  'receivedOn',
  'explanation',
  'position',
  'sanctions',
  'amount',
  'deliveredOn',
  'paidOn',
  'amountPaid',
  'measure',
  '__proto__',
  'constructor',
];
function bodies(subjectIds: readonly string[]) {
  const subject = fc.constantFrom(...subjectIds, 'p-1');
  const odd = fc.oneof(
    fc.constantFrom(
      '10015',
      TODAY,
      '2026-02-31',
      '32',
      '35.1',
      'individual',
      'fine',
      'commune_police_chief',
      -1,
      1e300,
      1.5,
      'x'.repeat(6000),
      '\u0000',
      '<script>',
      [{ fullName: 'A' }],
      [{ subjectId: 'p-1', fullName: 'A' }],
    ),
    subject,
    subject.map((subjectId) => [{ subjectId, sanction: 'fine', amount: 1_500_000 }]),
  );
  const nearlyValid = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue(), odd), { maxKeys: 7 });
  return fc.oneof(fc.jsonValue(), nearlyValid, fc.object());
}
const rawText = fc.oneof(
  fc.string(),
  fc.constantFrom('{"reason":', '{"a":1}}', 'null', '[]', '"decide"', '{"people":[{"fullName":', '\u00ff\u00fe'),
);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (value: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(value, key);

describe('API fuzz: penalty case commands never answer 5xx and append nothing when they refuse', () => {
  let api: TestApi;
  let token: string;
  const cases: string[] = [];
  const subjectIds: string[] = [];
  beforeAll(async () => {
    api = await startTestApi();
    // A sanctioning official who is also a police supervisor holding a commune police chief's position
    // over the cases' commune: every command is within their roles, and they may decide.
    token = await bearer('fuzz-official', [
      { role: 'sanctioning_official', scope: 'VN' },
      { role: 'police_supervisor', scope: '10015', position: 'commune_police_chief' },
    ]);
    for (const act of ['32', '35.1']) {
      const people = [{ fullName: 'Fuzz Target' }];
      const created = await request(api.app.getHttpServer())
        .post('/penalty-cases')
        .set('Authorization', token)
        .set('Idempotency-Key', randomUUID())
        .send({ jurisdiction: '10015', violationDate: TODAY, recordedOn: TODAY, act, offenderType: 'individual', people })
        .expect(201);
      cases.push(created.body.id);
      const read = await request(api.app.getHttpServer()).get(`/penalty-cases/${created.body.id}`).set('Authorization', token).expect(200);
      subjectIds.push(read.body.people[0].subjectId);
    }
    const decided = { decisionNumber: '1/QĐ', sanctions: [{ subjectId: subjectIds[0], sanction: 'fine', amount: 1_500_000 }] };
    await request(api.app.getHttpServer())
      .post(`/penalty-cases/${cases[0]}/decide`)
      .set('Authorization', token)
      .set('Idempotency-Key', randomUUID())
      .send(decided)
      .expect(200);
    const view = await request(api.app.getHttpServer()).get(`/penalty-cases/${cases[0]}`).set('Authorization', token).expect(200);
    expect(view.body.decision).toMatchObject({ position: 'commune_police_chief', competenceLimit: 37_500_000 });
  });
  afterAll(() => api.close());

  const count = async (id: string) => (await api.store.readStream(`penalty_case-${id}`)).length;

  it.each(VERBS)('POST /penalty-cases/:id/%s with random JSON', async (verb) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }),
        bodies(subjectIds),
        fc.option(fc.constantFrom('"0"', '"1"', 'W/"2"', 'abc', '*'), { nil: undefined }),
        async (which, payload, ifMatch) => {
          const id = cases[which]!;
          const before = await count(id);
          const call = request(api.app.getHttpServer())
            .post(`/penalty-cases/${id}/${verb}`)
            .set('Authorization', token)
            .set('Idempotency-Key', randomUUID());
          if (ifMatch) call.set('If-Match', ifMatch);
          const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          expect(response.status).toBeLessThan(500);
          // No command body has a position any more: the token states it.
          if (isObject(payload) && has(payload, 'position')) expect(response.status).toBe(400);
          const after = await count(id);
          if (response.status >= 400) expect(after).toBe(before);
          else expect(after - before).toBe(response.body.events.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('POST /penalty-cases with random JSON never answers 5xx; a refused creation leaves no stream', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(subjectIds), async (payload) => {
        const key = randomUUID();
        const response = await request(api.app.getHttpServer())
          .post('/penalty-cases')
          .set('Authorization', token)
          .set('Idempotency-Key', key)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        // A request never names a data subject: a person with a subjectId is refused.
        const people = isObject(payload) ? payload.people : undefined;
        if (Array.isArray(people) && people.some((p) => isObject(p) && has(p, 'subjectId'))) expect(response.status).toBe(400);
        if (response.status >= 400) expect(await count(caseIdFor('fuzz-official', key, 'penalty_case'))).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('a record that names a subject id for any of its people is 400 and leaves no stream, whatever the id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...subjectIds), fc.stringMatching(/^[A-Za-z0-9_.:-]{1,100}$/)),
        fc.integer({ min: 0, max: 2 }),
        async (subjectId, at) => {
          const key = randomUUID();
          const people = [{ fullName: 'Một' }, { fullName: 'Hai' }, { fullName: 'Ba' }].map((p, i) => (i === at ? { ...p, subjectId } : p));
          const response = await request(api.app.getHttpServer())
            .post('/penalty-cases')
            .set('Authorization', token)
            .set('Idempotency-Key', key)
            .send({ jurisdiction: '10015', violationDate: TODAY, recordedOn: TODAY, act: '32', offenderType: 'individual', people });
          expect(response.status).toBe(400);
          expect(JSON.stringify(response.body.errors)).toContain('subjectId should not exist');
          expect(await count(caseIdFor('fuzz-official', key, 'penalty_case'))).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('malformed JSON text never answers 5xx and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', ...VERBS.map((v) => `/${v}`)), rawText, async (suffix, text) => {
        const id = cases[1]!;
        const before = await count(id);
        const path = suffix === '' ? '/penalty-cases' : `/penalty-cases/${id}${suffix}`;
        const response = await request(api.app.getHttpServer())
          .post(path)
          .set('Authorization', token)
          .set('Idempotency-Key', randomUUID())
          .set('Content-Type', 'application/json')
          .send(text);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await count(id)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
