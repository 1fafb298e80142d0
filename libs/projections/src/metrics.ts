import type { ProjectionStatus } from './projection-runner.js';

/** The Prometheus text format's content type (exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Families in the text exposition format: HELP and TYPE lines, then one line per sample. */
export function exposition(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      lines.push(`${family.name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatValue(sample.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * The runner's status as Prometheus metrics, one series per projection. Every figure moves with
 * every event of the log alike, whatever its compartment (position, lag, events consumed per
 * second), or not with events at all (role, version, failing): no count of the events a projection
 * handled, which would move only when, for example, a social worker records a screening.
 */
export function projectionMetrics(statuses: readonly ProjectionStatus[]): string {
  const each = (value: (s: ProjectionStatus) => number | null) =>
    statuses.flatMap((s) => {
      const v = value(s);
      return v === null ? [] : [{ labels: { projection: s.name }, value: v }];
    });
  return exposition([
    {
      name: 'projection_position_events',
      help: 'Events of the log the live build has consumed (its position from the start of the log).',
      type: 'gauge',
      samples: each((s) => s.live?.position ?? 0),
    },
    {
      name: 'projection_lag_events',
      help: 'Events in the log after the live build\'s checkpoint (counted up to a cap).',
      type: 'gauge',
      samples: each((s) => s.lag.events),
    },
    {
      name: 'projection_lag_seconds',
      help: 'Seconds since the oldest event the live build has not applied was recorded; 0 when caught up.',
      type: 'gauge',
      samples: each((s) => s.lag.seconds),
    },
    {
      name: 'projection_events_per_second',
      help: 'Events consumed per second by the live build over the last 10 seconds, in the process running it.',
      type: 'gauge',
      samples: each((s) => s.eventsPerSecond),
    },
    {
      name: 'projection_rebuild_position_events',
      help: 'Events consumed by the build being made during a rebuild.',
      type: 'gauge',
      samples: each((s) => s.rebuilding?.position ?? null),
    },
    {
      name: 'projection_active',
      help: '1 when this process applies the projection\'s events, 0 when it stands by.',
      type: 'gauge',
      samples: each((s) => (s.role === 'active' ? 1 : 0)),
    },
    {
      name: 'projection_live_version',
      help: 'Version of the projection\'s live build.',
      type: 'gauge',
      samples: each((s) => s.live?.version ?? null),
    },
    {
      name: 'projection_failing',
      help: '1 when the last attempt to apply a batch failed (the runner retries).',
      type: 'gauge',
      samples: each((s) => (s.lastError ? 1 : 0)),
    },
  ]);
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
