import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ProjectionStatus } from './projection-runner.js';

/** One gauge per projection and figure: its name, help and value (null: no series for that projection). */
interface ProjectionFamily {
  name: string;
  help: string;
  value: (status: ProjectionStatus) => number | null;
}

/**
 * Every figure moves with every event of the log alike, whatever its compartment (position, lag,
 * events consumed per second), or not with events at all (role, version, failing): no count of
 * the events a projection handled, which would move only when, for example, a social worker
 * records a screening. Names and labels are those dashboards already use.
 */
export const PROJECTION_FAMILIES: readonly ProjectionFamily[] = [
  {
    name: 'projection_position_events',
    help: 'Events of the log the live build has consumed (its position from the start of the log).',
    value: (s) => s.live?.position ?? 0,
  },
  {
    name: 'projection_lag_events',
    help: "Events in the log after the live build's checkpoint (counted up to a cap).",
    value: (s) => s.lag.events,
  },
  {
    name: 'projection_lag_seconds',
    help: 'Seconds since the oldest event the live build has not applied was recorded; 0 when caught up.',
    value: (s) => s.lag.seconds,
  },
  {
    name: 'projection_events_per_second',
    help: 'Events consumed per second by the live build over the last 10 seconds, in the process running it.',
    value: (s) => s.eventsPerSecond,
  },
  {
    name: 'projection_rebuild_position_events',
    help: 'Events consumed by the build being made during a rebuild.',
    value: (s) => s.rebuilding?.position ?? null,
  },
  {
    name: 'projection_active',
    help: "1 when this process applies the projection's events, 0 when it stands by.",
    value: (s) => (s.role === 'active' ? 1 : 0),
  },
  {
    name: 'projection_live_version',
    help: "Version of the projection's live build.",
    value: (s) => s.live?.version ?? null,
  },
  {
    name: 'projection_failing',
    help: '1 when the last attempt to apply a batch failed (the runner retries).',
    value: (s) => (s.lastError ? 1 : 0),
  },
];

export interface ProjectionMetricsOptions {
  /** prom-client's default process and Node.js metrics (CPU, memory, event loop, GC…) in the same registry. Default true. */
  defaultMetrics?: boolean;
}

/**
 * A prom-client registry of this process's own (never prom-client's global one, so two
 * applications or test suites in one process do not clash): the default process metrics, and one
 * gauge per projection figure, set from the runner's status when Prometheus scrapes. One scrape
 * reads the status once, however many gauges it fills; when it cannot be read (the database is
 * down) `metrics()` rejects.
 */
export function projectionMetricsRegistry(
  statuses: () => Promise<readonly ProjectionStatus[]>,
  options: ProjectionMetricsOptions = {},
): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  // The gauges of one scrape are collected together: they share one reading of the status.
  let reading: Promise<readonly ProjectionStatus[]> | null = null;
  const current = () => (reading ??= statuses().finally(() => (reading = null)));
  for (const family of PROJECTION_FAMILIES) {
    new Gauge({
      name: family.name,
      help: family.help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        const list = await current();
        // Only the projections of this reading: a series the status no longer has disappears.
        this.reset();
        for (const status of list) {
          const value = family.value(status);
          if (value !== null) this.set({ projection: status.name }, value);
        }
      },
    });
  }
  return registry;
}

/** The runner's part of a /health answer: each projection's position, lag and throughput. */
export function projectionHealth(statuses: readonly ProjectionStatus[]) {
  return {
    status: statuses.some((s) => s.lastError !== null) ? ('degraded' as const) : ('up' as const),
    projections: statuses.map((s) => ({
      name: s.name,
      version: s.version,
      role: s.role,
      position: s.live?.position ?? 0,
      checkpoint: s.live?.checkpoint ?? null,
      lagEvents: s.lag.events,
      lagSeconds: Math.round(s.lag.seconds * 1000) / 1000,
      eventsPerSecond: s.eventsPerSecond === null ? null : Math.round(s.eventsPerSecond * 10) / 10,
      rebuilding: s.rebuilding,
      lastError: s.lastError,
    })),
  };
}
