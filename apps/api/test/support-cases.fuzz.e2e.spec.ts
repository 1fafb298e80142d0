import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { caseIdFor } from '../../../libs/case-kernel/src/application/case-commands.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

// Random and malformed bodies, headers and ids on every support case command: never a 5xx, a
// refused command appends nothing, an accepted one appends exactly the events it reports.

const USER = 'fuzz-support-supervisor';
const TODAY = vnDate(new Date());
const PROVIDER = 'provider-fuzz-1';
const CREATE = {
  jurisdiction: '10015',
  channel: 'walk_in',
  contactedOn: TODAY,
  serviceUser: { name: 'Người được hỗ trợ', birthYear: 1995 },
  note: 'fuzz',
};
/** Valid bodies of every command on an existing case; `REFERRAL` in a path is a referral of the case. */
const COMMANDS: Record<string, Record<string, unknown>> = {
  assign: { assigneeId: 'social-worker-fuzz' },
  'service-user': { contact: '0900 111 222', address: 'Xóm 3' },
  consents: {
    purpose: 'referral',
    providerId: PROVIDER,
    wordingVersion: 'v1',
    method: 'verbal_witnessed',
    witness: 'Chứng',
    givenOn: TODAY,
  },
  'consents/withdraw': { purpose: 'follow_up_contact', withdrawnOn: TODAY },
  'screen-needs': { needs: ['legal_aid', 'safety_gbv'], healthNotes: 'ghi chú', screenedOn: TODAY },
  referrals: { providerId: PROVIDER, service: 'legal_aid', sharedFields: ['clientCode'], referredOn: TODAY },
  'referrals/REFERRAL/accept': { acceptedOn: TODAY },
  'referrals/REFERRAL/decline': { reason: 'no_capacity', declinedOn: TODAY },
  'referrals/REFERRAL/revoke': { reason: 'safety_concern', revokedOn: TODAY },
  'referrals/REFERRAL/service-delivered': { deliveredOn: TODAY, note: 'ok' },
  'follow-ups': { method: 'phone', followUpOn: TODAY },
  close: { reason: 'moved', closedOn: TODAY },
  reopen: { reopenedOn: TODAY },
};

/** A valid body with maybe one value replaced by random JSON, maybe one field dropped, maybe an unknown one added. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 2 });
  const odd = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('2026-02-30', '9999-12-31', 'x'.repeat(3000), '\u0000', '<script>', 'referral', 'outreach_referral', -1, 1e308),
  );
  return fc
    .tuple(
      maybe(fc.tuple(fc.constantFrom(...keys), odd)),
      maybe(fc.constantFrom(...keys)),
      maybe(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'assigneeId', 'x'), fc.jsonValue({ maxDepth: 1 }))),
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
    { arbitrary: mutated(valid).map((body): Payload => ({ kind: 'json', body })), weight: 5 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body): Payload => ({ kind: 'json', body })), weight: 1 },
    {
      arbitrary: fc
        .oneof(fc.string({ maxLength: 40 }), fc.constantFrom('{"needs":', '[1,2', '{"a":1}}', 'null', '"x"', '{"__proto__":{"x":1}}'))
        .map((text): Payload => ({ kind: 'raw', text })),
      weight: 1,
    },
  );
const ifMatch = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: fc.oneof(fc.constantFrom('"0"', '"999"', 'W/"1"', '*'), fc.string({ maxLength: 6 })), weight: 1 },
);

describe('API fuzz: support case commands', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await bearer(USER, [{ role: 'support_supervisor', scope: 'VN' }]);
  });
  afterAll(() => api.close());

  const send = (path: string, body: Payload, key: string, match: string | null) => {
    let r = request(api.app.getHttpServer())
      .post(path)
      .set('Authorization', token)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json');
    if (match !== null) r = r.set('If-Match', match);
    return r.send(body.kind === 'raw' ? body.text : JSON.stringify(body.body));
  };
  const length = async (id: string) => (await api.store.readStream(`support_case-${id}`)).length;

  it('opening never answers 5xx, and a refused opening leaves no case', async () => {
    await fc.assert(
      fc.asyncProperty(payload(CREATE), ifMatch, async (body, match) => {
        const key = `fuzz-${randomUUID()}`;
        const response = await send('/support-cases', body, key, match);
        expect(response.status).toBeLessThan(500);
        const stored = await length(caseIdFor(USER, key, 'support_case'));
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(stored).toBe(0);
        } else {
          expect(stored).toBe(1);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('every command on a case never answers 5xx, appends nothing when refused and what it reports when accepted', async () => {
    const json = (body: unknown): Payload => ({ kind: 'json', body });
    const id = (await send('/support-cases', json(CREATE), `fuzz-${randomUUID()}`, null).expect(201)).body.id as string;
    // A case where every command has something to act on: consents, needs, and a pending referral.
    for (const purpose of ['case_management', 'follow_up_contact'])
      await send(
        `/support-cases/${id}/consents`,
        json({ purpose, wordingVersion: 'v1', method: 'written', givenOn: TODAY }),
        randomUUID(),
        null,
      ).expect(200);
    for (const [verb, body] of [
      ['consents', COMMANDS.consents],
      ['screen-needs', COMMANDS['screen-needs']],
      ['referrals', COMMANDS.referrals],
    ] as const)
      await send(`/support-cases/${id}/${verb}`, json(body), randomUUID(), null).expect(200);
    const referralOf = async () => {
      const view = await request(api.app.getHttpServer()).get(`/support-cases/${id}`).set('Authorization', token).expect(200);
      return (view.body.referrals as Array<{ referralId: string }>).map((r) => r.referralId);
    };
    const referralIds = await referralOf();
    expect(referralIds).toHaveLength(1);

    const statuses = new Set<number>();
    // Mostly the real case and referral; sometimes missing ones, or ids that are not ids at all.
    const caseId = fc.oneof(
      { arbitrary: fc.constant(id), weight: 8 },
      { arbitrary: fc.constantFrom(randomUUID(), '..%2F..', 'x'.repeat(80), '%00'), weight: 1 },
    );
    const referralId = fc.oneof(
      { arbitrary: fc.constant(referralIds[0]!), weight: 6 },
      { arbitrary: fc.constantFrom(randomUUID(), 'bad%20id', 'y'.repeat(70)), weight: 1 },
    );
    const arbitrary = fc.oneof(
      ...Object.entries(COMMANDS).map(([verb, valid]) => fc.tuple(fc.constant(verb), payload(valid), ifMatch, caseId, referralId)),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([verb, body, match, target, referral]) => {
        const before = await length(id);
        const response = await send(`/support-cases/${target}/${verb.replace('REFERRAL', referral)}`, body, `fuzz-${randomUUID()}`, match);
        expect(response.status).toBeLessThan(500);
        statuses.add(response.status);
        const after = await length(id);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(after).toBe(before);
        } else {
          expect(target).toBe(id);
          expect(after - before).toBe(response.body.events.length);
        }
      }),
      { numRuns: 300 },
    );
    // Not only the validation pipe answered: some bodies reached the domain, the policy or the revision check.
    expect(statuses.has(400)).toBe(true);
    expect(statuses.has(404)).toBe(true);
    expect([...statuses].some((s) => s === 200)).toBe(true);
    expect([...statuses].some((s) => s === 409 || s === 422)).toBe(true);
  });
});
