import { exposition, projectionHealth, projectionMetrics } from './metrics.js';
import type { ProjectionStatus } from './projection-runner.js';
import { RateMeter } from './rate-meter.js';

const status = (overrides: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name: 'deadlines',
  version: 2,
  role: 'active',
  live: { buildId: 7, version: 2, position: 1234, checkpoint: '99/1234', lastEventRecordedAt: '2026-11-30T10:00:00.000Z', liveAt: '2026-11-30T09:00:00.000Z' },
  rebuilding: null,
  lag: { events: 3, capped: false, seconds: 0.25 },
  eventsPerSecond: 812.5,
  lastError: null,
  ...overrides,
});

describe('Prometheus text exposition', () => {
  it('writes HELP and TYPE lines, then one sample per series, with escaped label values', () => {
    const text = exposition([
      { name: 'x_total', help: 'Things.\nMore', type: 'counter', samples: [{ labels: { name: 'a"b\\c\nd' }, value: 3 }, { labels: {}, value: Number.NaN }] },
    ]);
    expect(text).toBe(['# HELP x_total Things.\\nMore', '# TYPE x_total counter', 'x_total{name="a\\"b\\\\c\\nd"} 3', 'x_total NaN', ''].join('\n'));
  });

  it('gives each projection its position, lag, events/s and role', () => {
    const text = projectionMetrics([status(), status({ name: 'other', role: 'standby', eventsPerSecond: null, live: null, lag: { events: 0, capped: false, seconds: 0 }, lastError: 'boom' })]);
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE projection_position_events gauge',
        'projection_position_events{projection="deadlines"} 1234',
        'projection_position_events{projection="other"} 0',
        'projection_lag_events{projection="deadlines"} 3',
        'projection_lag_seconds{projection="deadlines"} 0.25',
        'projection_events_per_second{projection="deadlines"} 812.5',
        'projection_active{projection="deadlines"} 1',
        'projection_active{projection="other"} 0',
        'projection_live_version{projection="deadlines"} 2',
        'projection_failing{projection="other"} 1',
      ]),
    );
    // No series for what a standby does not know.
    expect(text).not.toContain('projection_events_per_second{projection="other"}');
    expect(text).not.toContain('projection_rebuild_position_events{');
    expect(projectionMetrics([status({ rebuilding: { buildId: 8, version: 3, position: 10, eventsPerSecond: 5 } })])).toContain('projection_rebuild_position_events{projection="deadlines"} 10');
  });

  it('has no family that counts the events of a projection’s own types (it would show which compartment is busy)', () => {
    const families = projectionMetrics([status()])
      .split('\n')
      .filter((l) => l.startsWith('# TYPE '))
      .map((l) => l.split(' ')[2]);
    expect(families.sort()).toEqual(
      ['projection_active', 'projection_events_per_second', 'projection_failing', 'projection_lag_events', 'projection_lag_seconds', 'projection_live_version', 'projection_position_events', 'projection_rebuild_position_events'].sort(),
    );
  });

  it('summarises for /health, degraded while a projection fails', () => {
    expect(projectionHealth([status()])).toEqual({
      status: 'up',
      projections: [{ name: 'deadlines', version: 2, role: 'active', position: 1234, checkpoint: '99/1234', lagEvents: 3, lagSeconds: 0.25, eventsPerSecond: 812.5, rebuilding: null, lastError: null }],
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
