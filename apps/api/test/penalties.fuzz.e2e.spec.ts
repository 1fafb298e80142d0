import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const VERBS = ['request-explanation', 'extend-explanation', 'record-explanation', 'require-verification', 'extend-decision-deadline', 'decide', 'deliver', 'record-payment', 'order-enforcement', 'record-complaint', 'close'] as const;
const TODAY = vnDate(new Date());

/** Bodies that are almost right: real field names with wrong, odd or hostile values. */
const FIELDS = ['jurisdiction', 'violationDate', 'recordedOn', 'act', 'offenderType', 'people', 'subjectId', 'reason', 'receivedOn', 'explanation', 'position', 'sanctions', 'amount', 'deliveredOn', 'paidOn', 'amountPaid', 'measure', '__proto__', 'constructor'];
const odd = fc.constantFrom('10015', TODAY, '2026-02-31', '32', '35.1', 'individual', 'fine', 'commune_police_chief', -1, 1e300, 1.5, 'x'.repeat(6000), '\u0000', '<script>', [{ subjectId: 'p-1', fullName: 'A' }], [{ subjectId: 'p-1', sanction: 'fine', amount: 1_500_000 }]);
const nearlyValid = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue(), odd), { maxKeys: 7 });
const body = fc.oneof(fc.jsonValue(), nearlyValid, fc.object());
const rawText = fc.oneof(fc.string(), fc.constantFrom('{"reason":', '{"a":1}}', 'null', '[]', '"decide"', '{"people":[{"fullName":', '\u00ff\u00fe'));

describe('API fuzz: penalty case commands never answer 5xx and append nothing when they refuse', () => {
  let api: TestApi;
  let token: string;
  const cases: string[] = [];
  beforeAll(async () => {
    api = await startTestApi();
    // A sanctioning official who is also a police supervisor: every command is within their roles.
    token = await bearer('fuzz-official', [{ role: 'sanctioning_official', scope: 'VN' }, { role: 'police_supervisor', scope: 'VN' }]);
    for (const act of ['32', '35.1']) {
      const people = [{ subjectId: 'p-1', fullName: 'Fuzz Target' }];
      const created = await request(api.app.getHttpServer()).post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', randomUUID()).send({ jurisdiction: '10015', violationDate: TODAY, recordedOn: TODAY, act, offenderType: 'individual', people }).expect(201);
      cases.push(created.body.id);
    }
    const decided = { position: 'commune_police_chief', decisionNumber: '1/QĐ', sanctions: [{ subjectId: 'p-1', sanction: 'fine', amount: 1_500_000 }] };
    await request(api.app.getHttpServer()).post(`/penalty-cases/${cases[0]}/decide`).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(decided).expect(200);
  });
  afterAll(() => api.close());

  const count = async (id: string) => (await api.store.readStream(`penalty_case-${id}`)).length;

  it.each(VERBS)('POST /penalty-cases/:id/%s with random JSON', async (verb) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), body, fc.option(fc.constantFrom('"0"', '"1"', 'W/"2"', 'abc', '*'), { nil: undefined }), async (which, payload, ifMatch) => {
        const id = cases[which]!;
        const before = await count(id);
        const call = request(api.app.getHttpServer()).post(`/penalty-cases/${id}/${verb}`).set('Authorization', token).set('Idempotency-Key', randomUUID());
        if (ifMatch) call.set('If-Match', ifMatch);
        const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        const after = await count(id);
        if (response.status >= 400) expect(after).toBe(before);
        else expect(after - before).toBe(response.body.events.length);
      }),
      { numRuns: 25 },
    );
  });

  it('POST /penalty-cases with random JSON never answers 5xx; a refused creation leaves no stream', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const key = randomUUID();
        const response = await request(api.app.getHttpServer()).post('/penalty-cases').set('Authorization', token).set('Idempotency-Key', key).set('Content-Type', 'application/json').send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await count(caseIdFor('fuzz-official', key, 'penalty_case'))).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('malformed JSON text never answers 5xx and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', ...VERBS.map((v) => `/${v}`)), rawText, async (suffix, text) => {
        const id = cases[1]!;
        const before = await count(id);
        const path = suffix === '' ? '/penalty-cases' : `/penalty-cases/${id}${suffix}`;
        const response = await request(api.app.getHttpServer()).post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send(text);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await count(id)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
