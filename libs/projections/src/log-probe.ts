import type pg from 'pg';
import type { EventStore } from '../../event-store/src/port.js';

/** How far a checkpoint is behind the head of the log. */
export interface Behind {
  /** Events after the checkpoint (at most `cap`; `capped` when there are more). */
  events: number;
  capped: boolean;
  /** recordedAt of the first event after the checkpoint: the oldest one not yet consumed. */
  oldestRecordedAt: string | null;
}

export interface LogProbe {
  /** Counts at most `cap` events (default: the probe's own cap). */
  behind(checkpoint: string | null, cap?: number): Promise<Behind>;
}

/**
 * Counts on the PostgreSQL event store's table directly (one index range scan): the runner asks
 * on every /health and /metrics request and while waiting for a query's freshness. It reads the
 * adapter's checkpoint text ("<xid8>/<position>", libs/event-store/src/postgres).
 */
export class PostgresLogProbe implements LogProbe {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cap = 1_000_000,
  ) {}

  async behind(checkpoint: string | null, cap = this.cap): Promise<Behind> {
    const [tx, position] = parsePostgresCheckpoint(checkpoint);
    const { rows } = await this.pool.query<{ events: string; oldest: string | null }>({
      name: 'projections_behind',
      text: `select (select count(*) from (select 1 from es_events where (tx_id, position) > ($1::xid8, $2::bigint) limit $3) after) as events,
                    (select metadata ->> 'recordedAt' from es_events where (tx_id, position) > ($1::xid8, $2::bigint) order by tx_id, position limit 1) as oldest`,
      values: [tx, position, cap + 1],
    });
    const events = Number(rows[0]!.events);
    return { events: Math.min(events, cap), capped: events > cap, oldestRecordedAt: rows[0]!.oldest };
  }
}

export function parsePostgresCheckpoint(checkpoint: string | null): [string, string] {
  if (checkpoint === null) return ['0', '0'];
  const match = /^(\d{1,20})\/(\d{1,19})$/.exec(checkpoint);
  if (!match) throw new Error('not a checkpoint of the PostgreSQL event store');
  return [match[1]!, match[2]!];
}

/** Any adapter, through the port: reads pages after the checkpoint to count them (up to `cap`). */
export class PortLogProbe implements LogProbe {
  constructor(
    private readonly store: EventStore,
    private readonly cap = 10_000,
  ) {}

  async behind(checkpoint: string | null, cap = this.cap): Promise<Behind> {
    let events = 0;
    let oldest: string | null = null;
    let from = checkpoint;
    while (events <= cap) {
      const page = await this.store.readAll(from, Math.min(1000, cap + 1 - events));
      if (page.events.length === 0) break;
      oldest ??= page.events[0]!.metadata.recordedAt;
      events += page.events.length;
      from = page.checkpoint;
    }
    return { events: Math.min(events, cap), capped: events > cap, oldestRecordedAt: oldest };
  }
}

/** The probe that fits the store: a direct count on PostgreSQL, pages through the port otherwise. */
export function probeFor(store: EventStore, pool: pg.Pool): LogProbe {
  return store.adapter === 'postgres' ? new PostgresLogProbe(pool) : new PortLogProbe(store);
}
