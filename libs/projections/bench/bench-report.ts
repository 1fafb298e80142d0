import { count, fixed, table, type Goal, type MachineFacts } from '../../event-store/bench/report.js';

export const PROJECTION_GOALS = {
  rebuildEventsPerSecond: 20_000,
  projectorPeakRssMb: 300,
  lagSeconds: 1,
  /** The goal for the indicator query (a province-year), applied to the deadline queries too. */
  queryP95Ms: 20,
};

export interface QueryTiming {
  name: string;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface ProjectionBenchResult {
  date: string;
  machine: MachineFacts;
  settings: { events: number; rate: number; lagSeconds: number; queries: number; batchSize: number };
  seed: { events: number; handledEvents: number; cases: number; seconds: number };
  firstBuild: { events: number; seconds: number; eventsPerSecond: number };
  rebuild: { events: number; seconds: number; eventsPerSecond: number };
  memory: { peakRssMb: number; peakHeapUsedMb: number };
  lag: {
    appended: number;
    seconds: number;
    appendRate: number;
    samples: number;
    p50Seconds: number;
    p95Seconds: number;
    maxSeconds: number;
  };
  queries: QueryTiming[];
  goals: Goal[];
}

export function projectionGoals(result: Omit<ProjectionBenchResult, 'goals'>): Goal[] {
  const isIndicator = (q: QueryTiming) => q.name.startsWith('indicator');
  const worstQueryP95 = Math.max(...result.queries.filter((q) => !isIndicator(q)).map((q) => q.p95Ms));
  const indicator = result.queries.find(isIndicator);
  return [
    {
      goal: `full rebuild >= ${count(PROJECTION_GOALS.rebuildEventsPerSecond)} events/s`,
      actual: `${count(result.rebuild.eventsPerSecond)} events/s`,
      pass: result.rebuild.eventsPerSecond >= PROJECTION_GOALS.rebuildEventsPerSecond,
    },
    {
      goal: `projector peak RSS < ${PROJECTION_GOALS.projectorPeakRssMb} MB`,
      actual: `${fixed(result.memory.peakRssMb, 0)} MB`,
      pass: result.memory.peakRssMb < PROJECTION_GOALS.projectorPeakRssMb,
    },
    {
      goal: `lag under ${result.settings.rate} events/s < ${PROJECTION_GOALS.lagSeconds} s (p95 of samples)`,
      actual: `${fixed(result.lag.p95Seconds, 3)} s (max ${fixed(result.lag.maxSeconds, 3)} s)`,
      pass: result.lag.p95Seconds < PROJECTION_GOALS.lagSeconds,
    },
    {
      goal: `deadline query p95 < ${PROJECTION_GOALS.queryP95Ms} ms (worst shape)`,
      actual: `${fixed(worstQueryP95, 1)} ms`,
      pass: worstQueryP95 < PROJECTION_GOALS.queryP95Ms,
    },
    ...(indicator
      ? [
          {
            goal: `indicator query p95 < ${PROJECTION_GOALS.queryP95Ms} ms (province-year)`,
            actual: `${fixed(indicator.p95Ms, 1)} ms`,
            pass: indicator.p95Ms < PROJECTION_GOALS.queryP95Ms,
          },
        ]
      : []),
  ];
}

/** Markdown, so that a run can be pasted into docs/benchmarks.md as it is. */
export function formatProjectionReport(r: ProjectionBenchResult): string {
  const m = r.machine;
  const lines = [
    `## Projections benchmark, ${r.date}`,
    '',
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${fixed(m.memoryGb, 1)} GB RAM, ${m.platform}, Node ${m.node}, load average ${fixed(m.loadAverageAtStart, 2)} at start`,
    `- PostgreSQL: ${m.postgres.version}`,
    `- Server: ${m.postgres.source}; fsync=${m.postgres.fsync}, synchronous_commit=${m.postgres.synchronousCommit}, shared_buffers=${m.postgres.sharedBuffers}`,
    `- Log: ${count(r.seed.events)} demo events (${count(r.seed.cases)} cases; ${count(r.seed.handledEvents)} tip and penalty events the deadline view applies), seeded in ${fixed(r.seed.seconds, 1)} s`,
    `- Projector: apps/projector in a child process, batches of ${count(r.settings.batchSize)} events`,
    '',
    table(
      ['measure', 'value'],
      [
        [
          'first build (empty catalog → live at the log head)',
          `${count(r.firstBuild.events)} events in ${fixed(r.firstBuild.seconds, 1)} s (${count(r.firstBuild.eventsPerSecond)} events/s)`,
        ],
        [
          'full rebuild (fresh tables, then swap)',
          `${count(r.rebuild.events)} events in ${fixed(r.rebuild.seconds, 1)} s (${count(r.rebuild.eventsPerSecond)} events/s)`,
        ],
        ['projector peak RSS / heapUsed', `${fixed(r.memory.peakRssMb, 0)} MB / ${fixed(r.memory.peakHeapUsedMb, 0)} MB`],
        [
          `appends during the lag run`,
          `${count(r.lag.appended)} events in ${fixed(r.lag.seconds, 1)} s (${count(r.lag.appendRate)} events/s)`,
        ],
        [
          'lag p50 / p95 / max',
          `${fixed(r.lag.p50Seconds, 3)} / ${fixed(r.lag.p95Seconds, 3)} / ${fixed(r.lag.maxSeconds, 3)} s (${r.lag.samples} samples, every 100 ms)`,
        ],
      ],
    ),
    '',
    table(
      ['query', 'queries', 'p50 ms', 'p95 ms', 'max ms'],
      r.queries.map((q) => [q.name, count(q.queries), fixed(q.p50Ms, 2), fixed(q.p95Ms, 2), fixed(q.maxMs, 2)]),
    ),
    '',
    table(
      ['goal', 'actual', 'result'],
      r.goals.map((g) => [g.goal, g.actual, g.pass ? 'PASS' : 'MISS']),
    ),
    '',
  ];
  return lines.join('\n');
}
