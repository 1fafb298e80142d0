import type pg from 'pg';
import type { AuditLog, LogVisitor, ScanProgress } from '../application/audit-log.js';
import type { ChainedEvent } from '../domain/chain-link.js';

const PAGE = 5000;
const EVENTS = `select stream_id, revision, event_id, type, schema_version, data, metadata, hash from es_events
                 where (stream_id, revision) > ($1, $2::bigint) order by stream_id, revision limit ${PAGE}`;
const HEADS = `select stream_id, revision, head_hash from es_streams where stream_id > $1 order by stream_id limit ${PAGE}`;

type EventRow = [string, string, string, string, number, ChainedEvent['data'], ChainedEvent['metadata'], string];
type HeadRow = [string, string, string];

/**
 * The PostgreSQL event store's tables read for auditing: every event in (stream, revision) order
 * by keyset pages, then the recorded stream heads, all in one repeatable-read snapshot so that
 * appends during the scan cannot look like breaks. The next page is requested before the current
 * one is hashed, so the server reads while this process hashes.
 */
export class PostgresAuditLog implements AuditLog {
  readonly source = 'postgres';
  readonly recordsHeads = true;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async scan(visitor: LogVisitor, onProgress?: (progress: ScanProgress) => void): Promise<void> {
    const client = await this.pool.connect();
    const started = this.clock();
    try {
      await client.query('begin isolation level repeatable read read only');
      const total = onProgress ? Number((await client.query<{ n: string }>('select count(*) as n from es_events')).rows[0]!.n) : null;
      let seen = 0;
      let page = this.page<EventRow>(client, EVENTS, ['', '-1']);
      for (;;) {
        const rows = await page;
        const last = rows[rows.length - 1];
        if (rows.length === PAGE) page = this.page<EventRow>(client, EVENTS, [last![0], last![1]]);
        visitor.events(rows.map(toEvent));
        seen += rows.length;
        onProgress?.({ events: seen, total, elapsedMs: this.clock() - started });
        if (rows.length < PAGE) break;
      }
      let after = '';
      for (;;) {
        const heads = await this.page<HeadRow>(client, HEADS, [after]);
        for (const [streamId, revision, hash] of heads) visitor.recordedHead({ streamId, revision: Number(revision), hash });
        if (heads.length < PAGE) break;
        after = heads[heads.length - 1]![0];
      }
    } finally {
      await client.query('rollback').catch(() => undefined);
      client.release();
    }
  }

  private page<R>(client: pg.PoolClient, text: string, values: string[]): Promise<R[]> {
    const rows = client.query({ text, values, rowMode: 'array' }).then((result) => result.rows as R[]);
    // A page requested ahead may fail after the scan stopped early; its error then has no reader.
    rows.catch(() => undefined);
    return rows;
  }
}

function toEvent(row: EventRow): ChainedEvent {
  return {
    streamId: row[0],
    revision: Number(row[1]),
    id: row[2],
    type: row[3],
    schemaVersion: row[4],
    data: row[5],
    metadata: row[6],
    hash: row[7],
  };
}
