/**
 * Child process of `npm run bench:audit`: on a seeded database, alternates rounds of
 * (1) `verify` as the CLI and API run it (LogAudit over the PostgreSQL log), sampling memory,
 * (2) a plain SHA-256 of exactly the bytes verify hashes (UTF-8, one hash per event), timed
 *     alone, and the canonical bodies built alone,
 * (3) the same scan with nothing done per event (reading and parsing only, for reference).
 */
import { hash } from 'node:crypto';
import pg from 'pg';
import { PolicyPoint } from '../../access/src/application/policy-point.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import type { CheckpointArchive } from '../src/application/checkpoint-archive.js';
import { LogAudit } from '../src/application/log-audit.js';
import { chainBody, type ChainedEvent } from '../src/domain/chain-link.js';
import { GENESIS_HASH } from '../../event-store/src/hash-chain.js';
import { PostgresAuditLog } from '../src/infrastructure/postgres-audit-log.js';

export interface WorkerRequest {
  url: string;
  rounds: number;
}

export interface Round {
  verify: { events: number; seconds: number; ok: boolean; peakRssMb: number; peakHeapUsedMb: number; startRssMb: number };
  plainHash: { events: number; bytes: number; seconds: number };
  /** Building the canonical bodies from the parsed events, alone. */
  canonical: { events: number; seconds: number };
  readOnly: { events: number; seconds: number };
}

export type WorkerReply = { ok: true; rounds: Round[] } | { ok: false; error: string };

const MB = 1024 * 1024;
const NO_ARCHIVE: CheckpointArchive = {
  save: () => Promise.reject(new Error('not used')),
  get: () => Promise.resolve(null),
  list: () => Promise.resolve([]),
};

class PeakMemory {
  rss = 0;
  heapUsed = 0;
  private readonly timer = setInterval(() => this.sample(), 100);

  constructor() {
    this.sample();
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.rss = Math.max(this.rss, usage.rss);
    this.heapUsed = Math.max(this.heapUsed, usage.heapUsed);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function measure({ url, rounds }: WorkerRequest): Promise<Round[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const store = await PostgresEventStore.connect(url, 1);
  const log = new PostgresAuditLog(pool);
  const audit = new LogAudit(
    log,
    NO_ARCHIVE,
    () => Promise.reject(new Error('not used')),
    new PolicyPoint(store, { contains: () => true }),
  );
  const auditor = {
    principal: { userId: 'bench-auditor', grants: [{ role: 'auditor' as const, scope: 'VN' }] },
    purpose: 'audit',
    correlationId: 'bench',
  };
  const results: Round[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const startRss = process.memoryUsage().rss;
      const memory = new PeakMemory();
      const report = await audit.verify(auditor, () => memory.sample());
      memory.stop();

      // The same bytes, built page by page: the canonical bodies timed on their own, then the
      // preimages encoded to UTF-8 outside the clock, then only the hashing of those bytes timed.
      let hashNs = 0n;
      let canonicalNs = 0n;
      let hashed = 0;
      let bytes = 0;
      let previous = { streamId: '', hash: GENESIS_HASH };
      await log.scan({
        events(batch: readonly ChainedEvent[]) {
          const canonicalStarted = process.hrtime.bigint();
          const bodies = batch.map((event) => chainBody(event));
          canonicalNs += process.hrtime.bigint() - canonicalStarted;
          const preimages = batch.map((event, i) => {
            const link = event.streamId === previous.streamId ? previous.hash : GENESIS_HASH;
            previous = event;
            return Buffer.from(`${link}\n${event.streamId}\n${event.revision}\n${bodies[i]}`, 'utf8');
          });
          const started = process.hrtime.bigint();
          for (const bytesOfEvent of preimages) hash('sha256', bytesOfEvent, 'hex');
          hashNs += process.hrtime.bigint() - started;
          hashed += preimages.length;
          for (const bytesOfEvent of preimages) bytes += bytesOfEvent.length;
        },
        recordedHead: () => undefined,
      });

      let read = 0;
      const readStarted = process.hrtime.bigint();
      await log.scan({ events: (batch) => void (read += batch.length), recordedHead: () => undefined });
      results.push({
        verify: {
          events: report.events,
          seconds: report.seconds,
          ok: report.ok,
          peakRssMb: memory.rss / MB,
          peakHeapUsedMb: memory.heapUsed / MB,
          startRssMb: startRss / MB,
        },
        plainHash: { events: hashed, bytes, seconds: Number(hashNs) / 1e9 },
        canonical: { events: hashed, seconds: Number(canonicalNs) / 1e9 },
        readOnly: { events: read, seconds: seconds(readStarted) },
      });
    }
    return results;
  } finally {
    await store.close();
    await pool.end();
  }
}

process.once('message', (request: WorkerRequest) => {
  void measure(request)
    .then((rounds): WorkerReply => ({ ok: true, rounds }))
    .catch((error: unknown): WorkerReply => ({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((reply) => process.send!(reply, () => process.disconnect()));
});
