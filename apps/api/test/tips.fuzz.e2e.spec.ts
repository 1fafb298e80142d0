import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const VERBS = [
  'classify',
  'transfer',
  'assign',
  'notify-procuracy',
  'notify-reporter',
  'start-verification',
  'extend',
  'suspend',
  'resume',
  'close',
  'hand-over',
  'prosecution-file',
  'prosecution-outcome',
] as const;

/** Bodies that are almost right: real field names with wrong, odd or hostile values. */
const FIELDS = [
  'jurisdiction',
  'channel',
  'kind',
  'allegation',
  'anonymous',
  'reporter',
  'receivedAt',
  'category',
  'assigneeId',
  'until',
  'reason',
  'ground',
  'outcome',
  'suggestedAct',
  'procuracy',
  'method',
  'sentOn',
  'fileRef',
  'resolvedOn',
  'resolution',
  'lawful',
  '__proto__',
  'constructor',
];
const nearlyValid = fc.dictionary(
  fc.constantFrom(...FIELDS),
  fc.oneof(
    fc.jsonValue(),
    fc.constantFrom('10015', 'hotline', 'brokering', '2026-02-31', '34.4', 'indicted', 'x'.repeat(6000), '\u0000', '<script>'),
  ),
  { maxKeys: 6 },
);
const body = fc.oneof(fc.jsonValue(), nearlyValid, fc.object());
const rawText = fc.oneof(
  fc.string(),
  fc.constantFrom('{"category":', '{"a":1}}', 'null', '[]', '"brokering"', '{"category":"brokering"', '\u00ff\u00fe'),
);

describe('API fuzz: tip commands never answer 5xx and append nothing when they refuse', () => {
  let api: TestApi;
  let token: string;
  let tipId: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer('fuzz-supervisor', [{ role: 'police_supervisor', scope: 'VN' }]);
    const created = await request(api.app.getHttpServer())
      .post('/tips')
      .set('Authorization', token)
      .set('Idempotency-Key', randomUUID())
      .send({ jurisdiction: '10015', channel: 'hotline', kind: 'report', allegation: 'fuzz target', anonymous: true })
      .expect(201);
    tipId = created.body.id;
  });
  afterAll(() => api.close());

  const count = async (id: string) => (await api.store.readStream(`tip-${id}`)).length;

  it.each(VERBS)('POST /tips/:id/%s with random JSON', async (verb) => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.option(fc.constantFrom('"0"', '"1"', 'W/"2"', 'abc', '*'), { nil: undefined }),
        async (payload, ifMatch) => {
          const before = await count(tipId);
          const call = request(api.app.getHttpServer())
            .post(`/tips/${tipId}/${verb}`)
            .set('Authorization', token)
            .set('Idempotency-Key', randomUUID());
          if (ifMatch) call.set('If-Match', ifMatch);
          const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          expect(response.status).toBeLessThan(500);
          const after = await count(tipId);
          if (response.status >= 400) expect(after).toBe(before);
          else expect(after - before).toBe(response.body.events.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('POST /tips with random JSON never answers 5xx; a refused creation leaves no stream', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const key = randomUUID();
        const response = await request(api.app.getHttpServer())
          .post('/tips')
          .set('Authorization', token)
          .set('Idempotency-Key', key)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await count(caseIdFor('fuzz-supervisor', key, 'tip'))).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('malformed JSON text never answers 5xx and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', ...VERBS.map((v) => `/${v}`)), rawText, async (suffix, text) => {
        const before = await count(tipId);
        const path = suffix === '' ? '/tips' : `/tips/${tipId}${suffix}`;
        const response = await request(api.app.getHttpServer())
          .post(path)
          .set('Authorization', token)
          .set('Idempotency-Key', randomUUID())
          .set('Content-Type', 'application/json')
          .send(text);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await count(tipId)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
