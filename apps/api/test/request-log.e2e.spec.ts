import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createLogger } from '../../../libs/logging/src/logger.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';

const REPORTER = 'Lê Thị Người Báo';
const PHONE = '0912 345 678';
const ALLEGATION = 'Môi giới mại dâm tại quán karaoke, tổ 3';
const TIP = {
  jurisdiction: '10015',
  channel: 'hotline',
  kind: 'denunciation',
  allegation: ALLEGATION,
  anonymous: false,
  reporter: { name: REPORTER, contact: PHONE },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The API's logger on a stream of the test's own, at LOG_LEVEL=info as in production: each request
 * gives one access line with its request id and the route's pattern, and nothing of the request's
 * URL, headers or body.
 */
describe('API logs: one access line per request, with the request id and the route pattern only', () => {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    const logger = createLogger(
      { logLevel: 'info', logFormat: 'json', databaseUrl: 'postgres://test' },
      { app: 'api', destination, isTty: false },
    );
    api = await startTestApi(undefined, undefined, {}, logger);
    token = await bearer('log-supervisor', [{ role: 'police_supervisor', scope: '01' }]);
  });
  afterAll(() => api.close());

  const http = () => request(api.app.getHttpServer());
  /** The access line of a request: written once its response is done, so it may come a moment after the answer. */
  const accessLine = async (requestId: string): Promise<{ raw: string; line: Record<string, unknown> }> => {
    for (let i = 0; i < 100; i++) {
      const raw = lines.find((l) => l.includes(`"requestId":"${requestId}"`));
      if (raw) return { raw, line: JSON.parse(raw) as Record<string, unknown> };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no access line for ${requestId}; lines:\n${lines.slice(-5).join('')}`);
  };

  it('POST /tips: request id, method, route, status and duration; no body, no authorization, no personal field', async () => {
    const response = await http()
      .post('/tips')
      .set('Authorization', token)
      .set('Idempotency-Key', randomUUID())
      .set('X-Request-Id', 'e2e-log-1')
      .send(TIP)
      .expect(201);
    expect(response.headers['x-request-id']).toBe('e2e-log-1');
    const { raw, line } = await accessLine('e2e-log-1');
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      app: 'api',
      pid: process.pid,
      hostname: expect.any(String),
      requestId: 'e2e-log-1',
      method: 'POST',
      route: '/tips',
      status: 201,
      durationMs: expect.any(Number),
      msg: 'POST /tips 201',
    });
    for (const secret of [token.replace('Bearer ', ''), REPORTER, PHONE, ALLEGATION, response.body.id as string])
      expect(raw).not.toContain(secret);
    expect(lines.filter((l) => l.includes('"requestId":"e2e-log-1"'))).toHaveLength(1);
    // The access audit records the same id as the command's correlation id.
    const [received] = await api.store.readStream(`tip-${response.body.id as string}`);
    expect(received!.metadata.correlationId).toBe('e2e-log-1');
  });

  it('GET /tips/:id: the pattern, never the case id; a malformed X-Request-Id is replaced by a new one, answered to the client', async () => {
    const created = await http().post('/tips').set('Authorization', token).set('Idempotency-Key', randomUUID()).send(TIP).expect(201);
    const id = created.body.id as string;
    expect(created.headers['x-request-id']).toMatch(UUID);
    const read = await http().get(`/tips/${id}`).set('Authorization', token).set('X-Request-Id', 'not a valid id; <script>').expect(200);
    const requestId = read.headers['x-request-id'] as string;
    expect(requestId).toMatch(UUID);
    const { raw, line } = await accessLine(requestId);
    expect(line).toMatchObject({ method: 'GET', route: '/tips/:id', status: 200, msg: 'GET /tips/:id 200' });
    expect(raw).not.toContain(id);
    expect(raw).not.toContain('not a valid id');
  });

  it('a refused token and a path no route answers are logged without the header or the path', async () => {
    await http()
      .get('/tips/tip-4141-secret')
      .set('Authorization', 'Bearer forged.token-value.xyz')
      .set('X-Request-Id', 'e2e-log-401')
      .expect(401);
    const refused = await accessLine('e2e-log-401');
    expect(refused.line).toMatchObject({ method: 'GET', route: '/tips/:id', status: 401 });
    expect(refused.raw).not.toContain('forged.token-value');
    expect(refused.raw).not.toContain('tip-4141-secret');
    await http().get('/no-such-route/case-4242-secret').set('X-Request-Id', 'e2e-log-404').expect(404);
    const unmatched = await accessLine('e2e-log-404');
    expect(unmatched.line).toMatchObject({ method: 'GET', route: null, status: 404, msg: 'GET (no route) 404' });
    expect(unmatched.raw).not.toContain('case-4242-secret');
  });
});
