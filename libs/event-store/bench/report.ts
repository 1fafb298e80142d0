import { cpus, totalmem } from 'node:os';
import type { CatchUpResult } from './catch-up.js';
import type { LatencyStats } from './load.js';
import type { BenchOptions } from './options.js';
import type { ScenarioId } from './scenarios.js';
import type { ServerFacts } from './server.js';

export const GOALS = {
  singleVsLimit: 0.6,
  singleVsPeer: 1.5,
  catchUpEventsPerSecond: 50_000,
  readerPeakRssMb: 300,
};

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started; other work on the machine skews every number. */
  loadAverageAtStart: number;
  postgres: ServerFacts;
}

export interface ScenarioResult extends LatencyStats {
  id: ScenarioId;
  title: string;
  eventsPerOp: number;
  /** Rate of each round-robin slice: their spread shows how steady the machine was. */
  roundEventsPerSecond: number[];
}

export interface Goal {
  goal: string;
  actual: string;
  pass: boolean;
}

export interface BenchResult {
  date: string;
  machine: MachineFacts;
  settings: Omit<BenchOptions, 'json' | 'databaseUrl'> & { eventDataBytes: number; catchUpBatchSize: number };
  scenarios: ScenarioResult[];
  ratios: { singleVsLimit: number; singleVsPeer: number; batch10VsLimit: number };
  catchUp: CatchUpResult;
  goals: Goal[];
}

export function machineFacts(postgres: ServerFacts, loadAverageAtStart: number): MachineFacts {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart,
    postgres,
  };
}

export function buildResult(input: Omit<BenchResult, 'ratios' | 'goals'>): BenchResult {
  const rate = (id: ScenarioId) => input.scenarios.find((s) => s.id === id)?.eventsPerSecond ?? Number.NaN;
  const ratios = {
    singleVsLimit: rate('oursSingle') / rate('plainInsert'),
    singleVsPeer: rate('oursSingle') / rate('peerSingle'),
    batch10VsLimit: rate('oursBatch10') / rate('plainInsert'),
  };
  const { eventsPerSecond, peakRssMb } = input.catchUp;
  const goals: Goal[] = [
    {
      goal: `single-event appends >= ${GOALS.singleVsLimit} x plain INSERT`,
      actual: `${fixed(ratios.singleVsLimit)} x`,
      pass: ratios.singleVsLimit >= GOALS.singleVsLimit,
    },
    {
      goal: `single-event appends >= ${GOALS.singleVsPeer} x peer (emmett)`,
      actual: `${fixed(ratios.singleVsPeer)} x`,
      pass: ratios.singleVsPeer >= GOALS.singleVsPeer,
    },
    {
      goal: `catch-up >= ${count(GOALS.catchUpEventsPerSecond)} events/s`,
      actual: `${count(eventsPerSecond)} events/s`,
      pass: eventsPerSecond >= GOALS.catchUpEventsPerSecond,
    },
    { goal: `reader peak RSS < ${GOALS.readerPeakRssMb} MB`, actual: `${fixed(peakRssMb, 0)} MB`, pass: peakRssMb < GOALS.readerPeakRssMb },
  ];
  return { ...input, ratios, goals };
}

/** Markdown, so that a run can be pasted into docs/benchmarks.md as it is. */
export function formatReport(result: BenchResult): string {
  const { machine, settings, catchUp } = result;
  const pgFacts = machine.postgres;
  return [
    `Event store benchmark, ${result.date}`,
    '',
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${fixed(machine.memoryGb, 1)} GB RAM, ${machine.platform}, Node ${machine.node}, load average ${fixed(machine.loadAverageAtStart)} at start`,
    `- PostgreSQL: ${pgFacts.version}`,
    `- Server: ${pgFacts.source}; fsync=${pgFacts.fsync}, synchronous_commit=${pgFacts.synchronousCommit}, shared_buffers=${pgFacts.sharedBuffers}`,
    `- Load: ${settings.writers} concurrent writers (pool of ${settings.writers} connections) per scenario, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured in ${settings.rounds} round-robin slices, ` +
      `${settings.eventDataBytes} bytes of JSON data per event`,
    '',
    table(
      ['scenario', 'events/s', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'events/s by round (min-max)'],
      result.scenarios.map((s) => [
        s.title,
        count(s.eventsPerSecond),
        count(s.opsPerSecond),
        fixed(s.p50Ms),
        fixed(s.p95Ms),
        fixed(s.p99Ms),
        `${count(Math.min(...s.roundEventsPerSecond))}-${count(Math.max(...s.roundEventsPerSecond))}`,
      ]),
    ),
    '',
    table(
      ['ratio', 'value'],
      [
        ['ours (1 event) / limit, events/s', fixed(result.ratios.singleVsLimit)],
        ['ours (1 event) / peer, events/s', fixed(result.ratios.singleVsPeer)],
        ['ours (batch of 10) / limit, events/s', fixed(result.ratios.batch10VsLimit)],
      ],
    ),
    '',
    table(
      ['catch-up', 'value'],
      [
        [
          'events seeded (batches of 1000)',
          `${count(catchUp.seed.events)} in ${fixed(catchUp.seed.seconds, 1)} s (${count(catchUp.seed.eventsPerSecond)} events/s)`,
        ],
        [`read through subscribe (batchSize ${settings.catchUpBatchSize})`, `${count(catchUp.events)} in ${fixed(catchUp.seconds, 1)} s`],
        ['catch-up rate', `${count(catchUp.eventsPerSecond)} events/s`],
        ['reader RSS before / peak', `${fixed(catchUp.startRssMb, 0)} MB / ${fixed(catchUp.peakRssMb, 0)} MB`],
        ['reader peak heapUsed', `${fixed(catchUp.peakHeapUsedMb, 0)} MB`],
      ],
    ),
    '',
    table(
      ['goal', 'actual', 'result'],
      result.goals.map((g) => [g.goal, g.actual, g.pass ? 'PASS' : 'MISS']),
    ),
  ].join('\n');
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
