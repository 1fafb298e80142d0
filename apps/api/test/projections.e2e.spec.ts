import request from 'supertest';
import { freePort } from '../../../libs/database/src/free-port.js';
import { MetricsListener } from '../src/projections/metrics-listener.js';
import { startTestApi, type TestApi } from '../../../test/support/api.js';

/** One line of the Prometheus text format: a comment, or `name{labels} value`. */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;
const COMMENT = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$/;

describe('API: projections at /health and /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(undefined, undefined, { METRICS_PORT: String(await freePort()) });
    // The metrics listener opens when the API listens.
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());
  const deadlinesOf = (health: { checks: { projections: { projections: Array<{ name: string }> } } }) =>
    health.checks.projections.projections.find((p) => p.name === 'deadlines') as unknown as {
      position: number;
      lagEvents: number;
      [field: string]: unknown;
    };

  it('reports each projection’s position, lag and events/s at /health, without a token', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body.checks.projections.status).toBe('up');
    const deadlines = deadlinesOf(response.body);
    expect(deadlines).toEqual({
      name: 'deadlines',
      version: 1,
      role: 'active',
      position: expect.any(Number),
      checkpoint: deadlines.position > 0 ? expect.any(String) : null,
      lagEvents: expect.any(Number),
      lagSeconds: expect.any(Number),
      eventsPerSecond: expect.any(Number),
      rebuilding: null,
      lastError: null,
    });
  });

  it('serves Prometheus text at /metrics of the metrics listener: HELP and TYPE before each family, one series per projection', async () => {
    // Something to count: an event appended, then the view caught up with it.
    await api.store.append(
      'metrics-test-1',
      [
        {
          id: crypto.randomUUID(),
          type: 'test.happened',
          schemaVersion: 1,
          data: {},
          metadata: {
            actorId: 'm',
            role: 'auditor',
            jurisdiction: 'VN',
            purpose: 'test',
            correlationId: 'c',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      'no_stream',
    );
    let health = deadlinesOf((await http().get('/health').expect(200)).body);
    for (let i = 0; i < 100 && (health.position === 0 || health.lagEvents > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      health = deadlinesOf((await http().get('/health').expect(200)).body);
    }
    const response = await fetch((await api.app.get(MetricsListener).url())!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    // prom-client separates families with an empty line, which the format allows.
    const lines = text
      .trimEnd()
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) expect(line.startsWith('#') ? COMMENT.test(line) : SAMPLE.test(line)).toBe(true);
    const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(families).toEqual(
      expect.arrayContaining([
        'projection_position_events',
        'projection_lag_events',
        'projection_lag_seconds',
        'projection_events_per_second',
        'process_cpu_user_seconds_total',
        'nodejs_heap_size_used_bytes',
      ]),
    );
    // Every sample follows its own family's HELP and TYPE lines (a histogram's: its _bucket, _sum and _count).
    let family = '';
    let type = '';
    for (const line of lines) {
      if (line.startsWith('# TYPE ')) [, , family = '', type = ''] = line.split(' ');
      else if (!line.startsWith('#')) {
        const name = line.slice(0, line.search(/[{ ]/));
        expect(type === 'histogram' ? [family, `${family}_bucket`, `${family}_sum`, `${family}_count`] : [family]).toContain(name);
      }
    }
    const value = (name: string) => Number(lines.find((l) => l.startsWith(`${name}{projection="deadlines"} `))!.split(' ')[1]);
    expect(value('projection_position_events')).toBeGreaterThan(0);
    expect(value('projection_position_events')).toBe(health.position);
    expect(value('projection_lag_events')).toBe(0);
    expect(value('projection_lag_seconds')).toBe(0);
    expect(value('projection_active')).toBe(1);
    expect(value('projection_live_version')).toBe(1);
    expect(text).not.toMatch(/tip-|penalty_case-|officer/);
  });
});
