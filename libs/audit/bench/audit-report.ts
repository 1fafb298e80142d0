import { count, fixed, table, type MachineFacts } from '../../event-store/bench/report.js';
import type { Round } from './verify-worker.js';

export const GOAL_RATIO = 0.5;

export interface AuditBenchSettings {
  events: number;
  perStream: number;
  rounds: number;
  writers: number;
  eventDataBytes: number;
}

export interface AuditBenchResult {
  date: string;
  machine: MachineFacts;
  settings: AuditBenchSettings;
  seedSeconds: number;
  loadAtEnd: number;
  rounds: Round[];
  verifyEventsPerSecond: number;
  plainHashEventsPerSecond: number;
  readOnlyEventsPerSecond: number;
  canonicalEventsPerSecond: number;
  ratio: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  pass: boolean;
}

const rate = (items: Array<{ events: number; seconds: number }>) =>
  items.reduce((s, i) => s + i.events, 0) / items.reduce((s, i) => s + i.seconds, 0);

export function summarise(
  input: Omit<
    AuditBenchResult,
    | 'verifyEventsPerSecond'
    | 'plainHashEventsPerSecond'
    | 'readOnlyEventsPerSecond'
    | 'canonicalEventsPerSecond'
    | 'ratio'
    | 'peakRssMb'
    | 'peakHeapUsedMb'
    | 'pass'
  >,
): AuditBenchResult {
  if (input.rounds.some((r) => !r.verify.ok)) throw new Error('verify found the seeded log broken');
  const verifyEventsPerSecond = rate(input.rounds.map((r) => r.verify));
  const plainHashEventsPerSecond = rate(input.rounds.map((r) => r.plainHash));
  const ratio = verifyEventsPerSecond / plainHashEventsPerSecond;
  return {
    ...input,
    verifyEventsPerSecond,
    plainHashEventsPerSecond,
    readOnlyEventsPerSecond: rate(input.rounds.map((r) => r.readOnly)),
    canonicalEventsPerSecond: rate(input.rounds.map((r) => r.canonical)),
    ratio,
    peakRssMb: Math.max(...input.rounds.map((r) => r.verify.peakRssMb)),
    peakHeapUsedMb: Math.max(...input.rounds.map((r) => r.verify.peakHeapUsedMb)),
    pass: ratio >= GOAL_RATIO,
  };
}

export function formatAuditReport(r: AuditBenchResult): string {
  const m = r.machine;
  const s = r.settings;
  const bytes = r.rounds[0]!.plainHash.bytes / r.rounds[0]!.plainHash.events;
  return [
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${fixed(m.memoryGb, 1)} GB RAM, ${m.platform}, Node ${m.node}, load average ${fixed(m.loadAverageAtStart)} at start, ${fixed(r.loadAtEnd)} at the end`,
    `- PostgreSQL: ${m.postgres.version.split(',')[0]}; ${m.postgres.source}; shared_buffers=${m.postgres.sharedBuffers}`,
    `- Log: ${count(s.events)} events (${s.eventDataBytes} bytes of JSON data each, the event-store benchmark's event), ${s.perStream} per stream (${count(Math.ceil(s.events / s.perStream))} streams), seeded in ${fixed(r.seedSeconds, 1)} s; ${s.rounds} round(s)`,
    `- Hashed per event: ${count(bytes)} bytes on average (previous hash, stream, revision, canonical body)`,
    '',
    table(
      ['round', 'verify events/s', 'plain SHA-256 events/s', 'ratio', 'read only events/s', 'verify peak RSS MB', 'peak heapUsed MB'],
      r.rounds.map((round, i) => [
        String(i + 1),
        count(round.verify.events / round.verify.seconds),
        count(round.plainHash.events / round.plainHash.seconds),
        fixed(round.verify.events / round.verify.seconds / (round.plainHash.events / round.plainHash.seconds)),
        count(round.readOnly.events / round.readOnly.seconds),
        count(round.verify.peakRssMb),
        count(round.verify.peakHeapUsedMb),
      ]),
    ),
    '',
    table(
      ['measure', 'value'],
      [
        [
          'verify: events / s (all rounds)',
          `${count(r.verifyEventsPerSecond)} (${count(r.rounds[0]!.verify.events)} events in ${fixed(r.rounds[0]!.verify.seconds, 1)} s in round 1)`,
        ],
        ['limit: plain SHA-256 of the same bytes (UTF-8 in memory, one hash per event), events / s', count(r.plainHashEventsPerSecond)],
        ['part: read and parse the log only (one snapshot, pages of 5,000), events / s', count(r.readOnlyEventsPerSecond)],
        ['part: build the canonical bodies only (in memory), events / s', count(r.canonicalEventsPerSecond)],
        [
          'time per event: verify / read + canonical body + hash (µs)',
          `${fixed(1e6 / r.verifyEventsPerSecond, 1)} / ${fixed(1e6 / r.readOnlyEventsPerSecond, 1)} + ${fixed(1e6 / r.canonicalEventsPerSecond, 1)} + ${fixed(1e6 / r.plainHashEventsPerSecond, 1)}`,
        ],
        ['verify peak RSS / heapUsed (MB)', `${count(r.peakRssMb)} / ${count(r.peakHeapUsedMb)}`],
      ],
    ),
    '',
    table(
      ['goal', 'actual', 'result'],
      [[`verify >= ${GOAL_RATIO} x plain SHA-256 rate`, `${fixed(r.ratio)} x`, r.pass ? 'PASS' : 'MISS']],
    ),
  ].join('\n');
}
