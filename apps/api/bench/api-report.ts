import { summarise, type LatencyStats } from '../../../libs/event-store/bench/load.js';
import { count, fixed, table, type MachineFacts } from '../../../libs/event-store/bench/report.js';
import type { Category, RouteSamples } from './workload.js';

export const GOALS = { commandP95Ms: 25, readP95Ms: 15 };
const ORDER: Record<Category, number> = { command: 0, read: 1, health: 2 };

export interface GroupResult extends LatencyStats {
  name: string;
  /** Non-2xx answers. */
  errors: number;
}

export interface ApiBenchResult {
  date: string;
  machine: MachineFacts;
  settings: { connections: number; seconds: number; rounds: number; warmupSeconds: number; databasePoolSize: number };
  data: { seed: string; events: number; cases: number; loadSeconds: number };
  groups: Record<Category, GroupResult>;
  routes: GroupResult[];
  /** Connection errors and timeouts reported by autocannon (not tied to a route), by workload. */
  transportErrors: { mix: number; health: number };
  /** Answers with a status other than 2xx, by status. */
  failures: Record<string, number>;
  goals: Array<{ goal: string; actual: string; pass: boolean }>;
}

function group(name: string, samples: RouteSamples[], seconds: number): GroupResult {
  const latencies = samples.flatMap((s) => s.latenciesMs);
  const errors = samples.reduce((n, s) => n + [...s.failures.values()].reduce((a, b) => a + b, 0), 0);
  return { name, errors, ...summarise(latencies, seconds, 1) };
}

export function buildApiResult(
  input: Omit<ApiBenchResult, 'groups' | 'routes' | 'goals' | 'failures'>,
  routes: RouteSamples[],
  seconds: { mix: number; health: number },
): ApiBenchResult {
  const of = (category: Category) => routes.filter((r) => r.category === category);
  const groups = {
    command: group('command', of('command'), seconds.mix),
    read: group('read', of('read'), seconds.mix),
    health: group('health', of('health'), seconds.health),
  };
  const failures: Record<string, number> = {};
  for (const route of routes) for (const [status, n] of route.failures) failures[`${route.name} → ${status}`] = n;
  const errors =
    groups.command.errors + groups.read.errors + groups.health.errors + input.transportErrors.mix + input.transportErrors.health;
  const goals = [
    {
      goal: `command p95 < ${GOALS.commandP95Ms} ms`,
      actual: `${fixed(groups.command.p95Ms)} ms`,
      pass: groups.command.p95Ms < GOALS.commandP95Ms,
    },
    { goal: `case read p95 < ${GOALS.readP95Ms} ms`, actual: `${fixed(groups.read.p95Ms)} ms`, pass: groups.read.p95Ms < GOALS.readP95Ms },
    { goal: 'zero errors (non-2xx, connection errors, timeouts)', actual: count(errors), pass: errors === 0 },
  ];
  return {
    ...input,
    groups,
    routes: [...routes]
      .sort((a, b) => ORDER[a.category] - ORDER[b.category])
      .map((r) => group(r.name, [r], r.category === 'health' ? seconds.health : seconds.mix)),
    failures,
    goals,
  };
}

/** Markdown, to paste into docs/benchmarks.md as it is. */
export function formatApiReport(result: ApiBenchResult): string {
  const { machine, settings, data, groups } = result;
  const row = (g: GroupResult) => [
    g.name,
    count(g.ops),
    count(g.opsPerSecond),
    fixed(g.p50Ms),
    fixed(g.p95Ms),
    fixed(g.p99Ms),
    count(g.errors),
  ];
  const header = ['requests', 'answered', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx'];
  const health = groups.health;
  return [
    `API benchmark, ${result.date}`,
    '',
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${fixed(machine.memoryGb, 1)} GB RAM, ${machine.platform}, Node ${machine.node}, load average ${fixed(machine.loadAverageAtStart)} at start`,
    `- PostgreSQL: ${machine.postgres.version}; ${machine.postgres.source}; fsync=${machine.postgres.fsync}, synchronous_commit=${machine.postgres.synchronousCommit}, shared_buffers=${machine.postgres.sharedBuffers}`,
    `- API: \`node dist/apps/api/src/main.js\` (what \`npm start\` runs) in a process of its own, DATABASE_POOL_SIZE=${settings.databasePoolSize}; autocannon in the benchmark process`,
    `- Data: demo data (seed "${data.seed}"), ${count(data.events)} events in ${count(data.cases)} cases, written in ${fixed(data.loadSeconds, 1)} s (${count(data.events / data.loadSeconds)} events/s)`,
    `- Load: ${settings.connections} connections, closed loop; ${settings.rounds} rounds of (mix ${fixed(settings.seconds / settings.rounds, 1)} s, health ${fixed(settings.seconds / settings.rounds, 1)} s) = ${settings.seconds} s of each, after ${settings.warmupSeconds} s of warm-up`,
    '',
    table(header, [row(groups.command), row(groups.read), row(health)]),
    '',
    table(
      ['relative to GET /health', 'value'],
      [
        ['command p95 / health p95', `${fixed(groups.command.p95Ms / health.p95Ms)} x`],
        ['read p95 / health p95', `${fixed(groups.read.p95Ms / health.p95Ms)} x`],
        [
          'mix (command + read) req/s / health req/s',
          `${fixed((groups.command.opsPerSecond + groups.read.opsPerSecond) / health.opsPerSecond)} x`,
        ],
      ],
    ),
    '',
    table(['route', 'answered', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx'], result.routes.map(row)),
    '',
    `Connection errors and timeouts: mix ${count(result.transportErrors.mix)}, health ${count(result.transportErrors.health)}.` +
      (Object.keys(result.failures).length > 0
        ? ` Non-2xx: ${Object.entries(result.failures)
            .map(([k, n]) => `${k} ×${n}`)
            .join(', ')}.`
        : ''),
    '',
    table(
      ['goal', 'actual', 'result'],
      result.goals.map((g) => [g.goal, g.actual, g.pass ? 'PASS' : 'MISS']),
    ),
  ].join('\n');
}
