import pg from 'pg';
import { prometheusContentType } from 'prom-client';
import { loadConfig } from '../../../libs/config/src/config.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { eventually, terminateIdleSessions } from '../../../libs/database/src/testing/sessions.js';
import { CaseEventStream } from '../../../libs/deadlines/src/testing/case-event-stream.js';
import { openTestLog, type TestLog } from '../../../libs/projections/src/testing/test-log.js';
import { startProjector } from '../src/projector.js';
import { runProjector } from '../src/run-projector.js';

const MASTER_KEY = Buffer.alloc(32, 24).toString('base64');

function capture() {
  const io = { out: [] as string[], err: [] as string[], code: null as number | null };
  return { io, sink: { out: (l: string) => io.out.push(l), err: (l: string) => io.err.push(l), exit: (c: number) => void (io.code = c) } };
}

describe('the projector alone (apps/projector)', () => {
  let log: TestLog;
  beforeAll(async () => {
    log = await openTestLog(2);
    await new CaseEventStream().appendNext(log.store, 60);
  });
  afterAll(() => log.close());
  const env = async () => ({
    DATABASE_URL: log.url,
    MASTER_KEY,
    PORT: String(await freePort()),
    METRICS_PORT: String(await freePort()),
    LOG_LEVEL: 'error',
  });

  it('exits 2 naming each bad variable, with the API’s configuration rules', async () => {
    const { io, sink } = capture();
    await runProjector([], { PORT: 'eighty', DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/x' }, sink);
    expect(io.code).toBe(2);
    expect(io.err.join('\n')).toMatch(/PORT: an integer/);
    expect(io.err.join('\n')).toMatch(/MASTER_KEY: required with DATABASE_URL/);
    expect(io.err.join('\n')).not.toContain('hunter2');
  });

  it('exits 2 on unknown arguments or an unknown projection to rebuild', async () => {
    const usage = capture();
    await runProjector(['--everything'], await env(), usage.sink);
    expect(usage.io).toMatchObject({ code: 2, err: ['Usage: projector [--rebuild <projection>]'] });
    const unknown = capture();
    await runProjector(['--rebuild', 'no_such_view'], await env(), unknown.sink);
    expect(unknown.io.code).toBe(2);
    expect(unknown.io.err.join('\n')).toMatch(/^No projection named no_such_view \(known: deadlines[,)]/);
  });

  it('runs the projections and serves /health on HOST:PORT, /metrics only on 127.0.0.1:METRICS_PORT', async () => {
    const config = loadConfig(await env());
    const projector = await startProjector(config, () => undefined, { runner: { superviseMs: 100 } });
    try {
      const client = new pg.Client({ connectionString: log.url });
      await client.connect();
      const total = Number((await client.query('select count(*) from es_events')).rows[0].count);
      await client.end();
      type Health = { status: string; checks: { projections: { status: string; projections: Array<{ name: string; position: number }> } } };
      const deadlines = (h: Health) => h.checks.projections.projections.find((p) => p.name === 'deadlines')!;
      let health = (await (await fetch(`${projector.url}/health`)).json()) as Health;
      for (let i = 0; i < 100 && deadlines(health).position < total; i++) {
        await new Promise((r) => setTimeout(r, 50));
        health = (await (await fetch(`${projector.url}/health`)).json()) as Health;
      }
      expect(health).toMatchObject({ status: 'up', checks: { projections: { status: 'up' } } });
      expect(deadlines(health)).toMatchObject({ name: 'deadlines', role: 'active', position: total, lagEvents: 0 });
      expect(projector.metricsUrl).toBe(`http://127.0.0.1:${config.metricsPort}/metrics`);
      const metrics = await fetch(projector.metricsUrl!);
      expect(metrics.headers.get('content-type')).toBe(prometheusContentType);
      expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await metrics.text();
      expect(text).toContain(`projection_position_events{projection="deadlines"} ${total}`);
      // prom-client's default metrics of the projector's process.
      expect(text).toMatch(/^process_cpu_user_seconds_total [0-9.e+-]+$/m);
      expect(text).toMatch(/^nodejs_heap_size_used_bytes [1-9]\d*$/m);
      expect((await fetch(`${projector.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${projector.url}/tips`)).status).toBe(404);
    } finally {
      await projector.close();
    }
  });

  it('keeps projecting after the database ended its idle sessions (restart, failover, network cut)', async () => {
    const config = loadConfig(await env());
    const lines: string[] = [];
    const projector = await startProjector(config, (line) => lines.push(line), { runner: { superviseMs: 100 } });
    try {
      type Health = { checks: { projections: { projections: Array<{ name: string; position: number }> } } };
      const position = async () =>
        ((await (await fetch(`${projector.url}/health`)).json()) as Health).checks.projections.projections.find(
          (p) => p.name === 'deadlines',
        )!.position;
      const total = async () => Number((await log.pool.query('select count(*) from es_events')).rows[0].count);
      const before = await total();
      expect(await eventually(async () => (await position()) === before, 20_000)).toBe(true);

      expect(await terminateIdleSessions(log.url, ['pcm-projector', 'pcm-event-store', 'projection-runner-lock'])).toBeGreaterThanOrEqual(
        2,
      );
      await new CaseEventStream().appendNext(log.store, 20);
      const after = await total();
      expect(after).toBeGreaterThan(before);
      expect(await eventually(async () => (await position()) === after, 20_000)).toBe(true);
      const lost = lines.filter((l) => l.includes('lost'));
      expect(lost.length).toBeGreaterThan(0);
      for (const line of lost)
        expect(line).toMatch(/^pcm-projector: idle client lost \(57P01\); the pool opens a new connection when needed$/);
    } finally {
      await projector.close();
    }
  });

  it('rebuilds one projection on request and exits once it is swapped in', async () => {
    const { io, sink } = capture();
    await runProjector(['--rebuild', 'deadlines'], await env(), sink);
    expect(io.code).toBe(0);
    expect(io.out.join('\n')).toMatch(/deadlines: build \d+ is live at position \d+/);
  });
});
