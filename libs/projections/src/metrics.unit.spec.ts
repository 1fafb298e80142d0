import { register, Registry } from 'prom-client';
import { projectionHealth, projectionMetricsRegistry } from './metrics.js';
import type { ProjectionStatus } from './projection-runner.js';
import { RateMeter } from './rate-meter.js';

const status = (overrides: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name: 'deadlines',
  version: 2,
  role: 'active',
  live: {
    buildId: 7,
    version: 2,
    position: 1234,
    checkpoint: '99/1234',
    lastEventRecordedAt: '2026-11-30T10:00:00.000Z',
    liveAt: '2026-11-30T09:00:00.000Z',
  },
  rebuilding: null,
  lag: { events: 3, capped: false, seconds: 0.25 },
  eventsPerSecond: 812.5,
  lastError: null,
  ...overrides,
});

/** The text of one scrape of a registry holding only the projections' gauges. */
const scrape = (statuses: readonly ProjectionStatus[]) =>
  projectionMetricsRegistry(async () => statuses, { defaultMetrics: false }).metrics();
const familiesOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('# TYPE '))
    .map((l) => l.split(' ')[2]!);

describe('Prometheus metrics (prom-client, a registry per process)', () => {
  it('gives each projection its position, lag, events/s and role, as gauges with HELP and TYPE lines', async () => {
    const text = await scrape([
      status(),
      status({
        name: 'other',
        role: 'standby',
        eventsPerSecond: null,
        live: null,
        lag: { events: 0, capped: false, seconds: 0 },
        lastError: 'boom',
      }),
    ]);
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# HELP projection_position_events Events of the log the live build has consumed (its position from the start of the log).',
        '# TYPE projection_position_events gauge',
        'projection_position_events{projection="deadlines"} 1234',
        'projection_position_events{projection="other"} 0',
        'projection_lag_events{projection="deadlines"} 3',
        'projection_lag_seconds{projection="deadlines"} 0.25',
        'projection_events_per_second{projection="deadlines"} 812.5',
        'projection_active{projection="deadlines"} 1',
        'projection_active{projection="other"} 0',
        'projection_live_version{projection="deadlines"} 2',
        'projection_failing{projection="deadlines"} 0',
        'projection_failing{projection="other"} 1',
      ]),
    );
    // No series for what a standby does not know.
    expect(text).not.toContain('projection_events_per_second{projection="other"}');
    expect(text).not.toContain('projection_rebuild_position_events{');
    expect(await scrape([status({ rebuilding: { buildId: 8, version: 3, position: 10, eventsPerSecond: 5 } })])).toContain(
      'projection_rebuild_position_events{projection="deadlines"} 10',
    );
  });

  it('sets the gauges from the status read at each scrape, once per scrape, and drops series the status no longer has', async () => {
    let reads = 0;
    let current: ProjectionStatus[] = [
      status({ rebuilding: { buildId: 8, version: 3, position: 10, eventsPerSecond: 5 } }),
      status({ name: 'other' }),
    ];
    const registry = projectionMetricsRegistry(async () => (reads++, current), { defaultMetrics: false });
    expect(await registry.metrics()).toContain('projection_position_events{projection="other"} 1234');
    expect(reads).toBe(1);
    current = [status({ live: { ...status().live!, position: 1300 } })];
    const second = await registry.metrics();
    expect(reads).toBe(2);
    expect(second).toContain('projection_position_events{projection="deadlines"} 1300');
    expect(second).not.toContain('projection="other"');
    expect(second).not.toContain('projection_rebuild_position_events{');
  });

  it('fails the scrape when the status cannot be read (the listener answers 503)', async () => {
    const registry = projectionMetricsRegistry(() => Promise.reject(new Error('connection refused')), { defaultMetrics: false });
    await expect(registry.metrics()).rejects.toThrow('connection refused');
  });

  it('escapes label values as the exposition format requires', async () => {
    expect(await scrape([status({ name: 'a"b\\c\nd' })])).toContain('projection_active{projection="a\\"b\\\\c\\nd"} 1');
  });

  it('has no family that counts the events of a projection’s own types (it would show which compartment is busy)', async () => {
    expect(familiesOf(await scrape([status()])).sort()).toEqual(
      [
        'projection_active',
        'projection_events_per_second',
        'projection_failing',
        'projection_lag_events',
        'projection_lag_seconds',
        'projection_live_version',
        'projection_position_events',
        'projection_rebuild_position_events',
      ].sort(),
    );
  });

  it('adds prom-client’s default process metrics, in a registry of its own (not the global one), so two in one process do not clash', async () => {
    const first = projectionMetricsRegistry(async () => [status()]);
    const second = projectionMetricsRegistry(async () => [status({ name: 'other' })]);
    expect(first).not.toBe(register);
    expect(first.contentType).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    const text = await first.metrics();
    const families = familiesOf(text);
    expect(families).toEqual(
      expect.arrayContaining([
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_eventloop_lag_seconds',
        'projection_position_events',
      ]),
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes [1-9]\d*$/m);
    // Beside ours, only process-wide figures: none counts the events of one compartment.
    expect(families.filter((f) => !f.startsWith('projection_')).every((f) => /^(process|nodejs)_/.test(f))).toBe(true);
    expect(text).not.toContain('projection="other"');
    expect(await second.metrics()).toContain('projection_position_events{projection="other"} 1234');
    expect(await register.metrics()).not.toContain('projection_');
  });

  it('summarises for /health, degraded while a projection fails', () => {
    expect(projectionHealth([status()])).toEqual({
      status: 'up',
      projections: [
        {
          name: 'deadlines',
          version: 2,
          role: 'active',
          position: 1234,
          checkpoint: '99/1234',
          lagEvents: 3,
          lagSeconds: 0.25,
          eventsPerSecond: 812.5,
          rebuilding: null,
          lastError: null,
        },
      ],
    });
    expect(projectionHealth([status({ lastError: 'relation does not exist' })]).status).toBe('degraded');
  });
});

describe('RateMeter', () => {
  it('averages over the window and forgets what is older', () => {
    let now = 0;
    const meter = new RateMeter(() => now, 10_000);
    now = 2_000;
    meter.record(500);
    now = 4_000;
    meter.record(500);
    expect(meter.perSecond()).toBe(250);
    now = 13_000;
    expect(meter.perSecond()).toBe(50);
    now = 20_000;
    expect(meter.perSecond()).toBe(0);
  });
});
