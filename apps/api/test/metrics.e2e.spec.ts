import { randomUUID } from 'node:crypto';
import { prometheusContentType } from 'prom-client';
import request from 'supertest';
import type { RoleGrant } from '../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { eventually } from '../../../libs/database/src/testing/sessions.js';
import { MetricsListener } from '../src/projections/metrics-listener.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase, testDatabaseUrl } from '../../../test/support/database.js';

/** `name{labels}` → value, for every sample line of a Prometheus text exposition. */
function samples(text: string): Map<string, number> {
  const lines = text
    .trimEnd()
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  return new Map(lines.map((l) => [l.slice(0, l.lastIndexOf(' ')), Number(l.slice(l.lastIndexOf(' ') + 1))]));
}

/**
 * A rate over the last 10 s of the wall clock: it moves with every event alike, but its value
 * depends on when the events came, so only its series (not its value) can be compared.
 */
const TIME_BASED = /^projection_events_per_second\{/;
/**
 * prom-client's default metrics of the process (CPU, memory, event loop, GC, handles): they move
 * with everything the process does and with time, and their series come and go (a GC kind, a kind
 * of handle), never with one compartment's events; they are left out of the comparison.
 */
const PROCESS_WIDE = /^(process|nodejs)_/;

describe('API: /metrics on a listener of its own, bound to 127.0.0.1, and silent about the support compartment', () => {
  // A log of its own: other suites' events would move the positions between two scrapes.
  let database: { url: string; drop: () => Promise<void> };
  let api: TestApi;
  let metricsUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startTestApi(database.url, undefined, { METRICS_PORT: String(await freePort()) });
    await api.app.listen(0, '127.0.0.1');
    metricsUrl = (await api.app.get(MetricsListener).url())!;
  });
  afterAll(async () => {
    await api.close();
    await database.drop();
  });
  const http = () => request(api.app.getHttpServer());
  const scrape = async () => samples(await (await fetch(metricsUrl)).text());

  it('answers GET /metrics on the API’s port with 404 problem+json, without a token and with one', async () => {
    const anonymous = await http().get('/metrics').expect(404);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.text).not.toContain('projection_');
    const auditor = await http()
      .get('/metrics')
      .set('Authorization', await bearer('auditor-1', [{ role: 'auditor', scope: 'VN' }]))
      .expect(404);
    expect(auditor.text).not.toContain('projection_');
  });

  it('serves the Prometheus text on 127.0.0.1:METRICS_PORT, and nothing else there', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    // prom-client's content type: the text format 0.0.4.
    expect(response.headers.get('content-type')).toBe(prometheusContentType);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('projection_position_events{projection="indicator_facts"}');
    // prom-client's default metrics of the process, beside ours, and nothing else.
    const series = samples(text);
    expect(series.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(series.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    const families = text
      .split('\n')
      .filter((l) => l.startsWith('# TYPE '))
      .map((l) => l.split(' ')[2]!);
    expect(families.filter((f) => !/^(projection|process|nodejs)_/.test(f))).toEqual([]);
    const other = await fetch(metricsUrl.replace(/\/metrics$/, '/health'));
    expect(other.status).toBe(404);
  });

  it('moves every metric after a social worker opens and screens a support case exactly as after as many enforcement events', async () => {
    const logLength = async () => Number((await api.pool.query<{ n: string }>('select count(*) as n from es_events')).rows[0]!.n);
    /** Once every projection has consumed the whole log: its length and every series. */
    const settled = async () => {
      let total = -1;
      let metrics = new Map<string, number>();
      const caughtUp = async () => {
        total = await logLength();
        metrics = await scrape();
        const positions = [...metrics].filter(([series]) => series.startsWith('projection_position_events{'));
        const lags = [...metrics].filter(([series]) => series.startsWith('projection_lag_events{'));
        return positions.length >= 3 && positions.every(([, v]) => v === total) && lags.every(([, v]) => v === 0);
      };
      expect(await eventually(caughtUp, 30_000)).toBe(true);
      return { total, metrics };
    };
    const change = (before: Map<string, number>, after: Map<string, number>) =>
      Object.fromEntries(
        [...new Set([...before.keys(), ...after.keys()])]
          .filter((series) => !PROCESS_WIDE.test(series))
          .sort()
          .map((series) => [series, TIME_BASED.test(series) ? 'rate' : (after.get(series) ?? NaN) - (before.get(series) ?? NaN)]),
      );
    const as = (user: string, grant: RoleGrant) => bearer(user, [grant]);
    const worker = await as('social-worker-1', { role: 'social_worker', scope: '01' });
    const supervisor = await as('police-supervisor-1', { role: 'police_supervisor', scope: '01' });
    const post = (path: string, body: object, token: string) =>
      http().post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
    const daysAgo = (n: number) => vnDate(new Date(Date.now() - n * 86_400_000));

    const start = await settled();
    // Support: open a case, record consent to case management, screen the needs.
    const opened = await post(
      '/support-cases',
      {
        jurisdiction: '10015',
        channel: 'walk_in',
        contactedOn: daysAgo(5),
        serviceUser: { name: 'Trần Thị Hoa Sen', contact: '0912 345 999', birthYear: 1996, address: 'Tổ 7, thôn Đông, xã Chương Mỹ' },
      },
      worker,
    ).expect(201);
    const id = opened.body.id as string;
    await post(
      `/support-cases/${id}/consents`,
      { purpose: 'case_management', wordingVersion: 'v2026.1', method: 'written', givenOn: daysAgo(5) },
      worker,
    ).expect(200);
    await post(
      `/support-cases/${id}/screen-needs`,
      { needs: ['health_sexual_health_hiv_sti', 'legal_aid'], healthNotes: 'Cần xét nghiệm định kỳ', screenedOn: daysAgo(4) },
      worker,
    ).expect(200);
    const afterSupport = await settled();
    const supportEvents = afterSupport.total - start.total;
    expect(supportEvents).toBeGreaterThanOrEqual(3);

    // Enforcement: anonymous tips until the log has grown by as many events.
    while ((await logLength()) - afterSupport.total < supportEvents) {
      await post(
        '/tips',
        {
          jurisdiction: '10015',
          channel: 'hotline',
          kind: 'denunciation',
          allegation: 'Tố giác môi giới tại quán karaoke',
          anonymous: true,
        },
        supervisor,
      ).expect(201);
    }
    const afterEnforcement = await settled();
    expect(afterEnforcement.total - afterSupport.total).toBe(supportEvents);

    const bySupport = change(start.metrics, afterSupport.metrics);
    const byEnforcement = change(afterSupport.metrics, afterEnforcement.metrics);
    // Not vacuous: the support events did move the figures of the statistics projection…
    expect(bySupport['projection_position_events{projection="indicator_facts"}']).toBe(supportEvents);
    // …but no series moved in any other way than for the same number of enforcement events.
    expect(bySupport).toEqual(byEnforcement);
  });
});

describe('API: the metrics listener’s life', () => {
  it('closes with the API', async () => {
    const api = await startTestApi(testDatabaseUrl(), undefined, { METRICS_PORT: String(await freePort()) });
    let url: string | null | undefined;
    try {
      await api.app.listen(0, '127.0.0.1');
      url = await api.app.get(MetricsListener).url();
      expect((await fetch(url!)).status).toBe(200);
    } finally {
      await api.close();
    }
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('with METRICS_PORT=off: opens none, and /metrics stays 404 on the API’s port', async () => {
    const api = await startTestApi(testDatabaseUrl(), undefined, { METRICS_PORT: 'off' });
    try {
      await api.app.listen(0, '127.0.0.1');
      await expect(api.app.get(MetricsListener).url()).resolves.toBeNull();
      await request(api.app.getHttpServer()).get('/metrics').expect(404);
    } finally {
      await api.close();
    }
  });
});
