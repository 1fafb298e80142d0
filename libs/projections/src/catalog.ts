import type pg from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';
import { inTransaction } from '../../database/src/transaction.js';
import { buildSchema, quoteIdent, readSchema, type Projection, type ProjectionTransaction } from './projection.js';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'projection builds: one row per build, its checkpoint written with its rows',
    sql: `
create table projection_builds (
  build_id integer generated always as identity primary key,
  projection text not null,
  version integer not null,
  schema_name text not null unique,
  state text not null check (state in ('building', 'live', 'retired')),
  checkpoint text,
  position bigint not null default 0,
  applied bigint not null default 0,
  last_event_recorded_at timestamptz,
  created_at timestamptz not null default now(),
  live_at timestamptz,
  retired_at timestamptz,
  dropped_at timestamptz,
  updated_at timestamptz not null default now()
);
create unique index projection_builds_one_live on projection_builds (projection) where state = 'live';
create unique index projection_builds_one_building on projection_builds (projection) where state = 'building';
`,
  },
  {
    version: 2,
    name: 'projection builds: whether the read indexes exist yet',
    sql: `alter table projection_builds add column indexed boolean not null default true;`,
  },
];

/** PostgreSQL's lock_not_available: a lock_timeout ran out. */
export const isLockTimeout = (error: unknown) => (error as { code?: string }).code === '55P03';

export type BuildState = 'building' | 'live' | 'retired';

export interface BuildRow {
  buildId: number;
  projection: string;
  version: number;
  schemaName: string;
  state: BuildState;
  /** The log checkpoint of the last event this build consumed; null before the first. */
  checkpoint: string | null;
  /** Events of the log consumed so far (handled or not). */
  position: number;
  /** Events handed to `apply`. */
  applied: number;
  lastEventRecordedAt: string | null;
  createdAt: string;
  liveAt: string | null;
  /** The projection's `indexes` exist (made when a rebuild has caught up). */
  indexed: boolean;
}

type Queryable = Pick<pg.ClientBase, 'query'> | pg.Pool;

const COLUMNS =
  'build_id, projection, version, schema_name, state, checkpoint, position, applied, last_event_recorded_at, created_at, live_at, indexed';

function toBuild(row: Record<string, unknown>): BuildRow {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  return {
    buildId: row.build_id as number,
    projection: row.projection as string,
    version: row.version as number,
    schemaName: row.schema_name as string,
    state: row.state as BuildState,
    checkpoint: row.checkpoint as string | null,
    position: Number(row.position),
    applied: Number(row.applied),
    lastEventRecordedAt: iso(row.last_event_recorded_at),
    createdAt: iso(row.created_at)!,
    liveAt: iso(row.live_at),
    indexed: row.indexed as boolean,
  };
}

/** Where the runner keeps its builds and their checkpoints, and how it makes and swaps them. */
export class ProjectionCatalog {
  constructor(private readonly pool: pg.Pool) {}

  async migrate(): Promise<void> {
    await runMigrations(this.pool, { table: 'projections_schema_migrations', lockKey: 7_212_006_001, migrations: MIGRATIONS });
  }

  /** The live and building builds of a projection (retired ones left out). */
  async current(name: string, db: Queryable = this.pool): Promise<{ live: BuildRow | null; building: BuildRow | null }> {
    const { rows } = await db.query(`select ${COLUMNS} from projection_builds where projection = $1 and state <> 'retired'`, [name]);
    const builds = rows.map(toBuild);
    return { live: builds.find((b) => b.state === 'live') ?? null, building: builds.find((b) => b.state === 'building') ?? null };
  }

  async build(buildId: number, db: Queryable = this.pool): Promise<BuildRow | null> {
    const { rows } = await db.query(`select ${COLUMNS} from projection_builds where build_id = $1`, [buildId]);
    return rows[0] ? toBuild(rows[0]) : null;
  }

  /** Locks a build's row for the rest of the transaction (the swap and the indexing do this first). */
  async lock(tx: ProjectionTransaction, buildId: number): Promise<BuildRow | null> {
    const { rows } = await tx.query(`select ${COLUMNS} from projection_builds where build_id = $1 for update`, [buildId]);
    return rows[0] ? toBuild(rows[0]) : null;
  }

  /**
   * A new build with its tables. `live`: readers see it at once (the first build of a projection:
   * there is no older model to keep showing). `building`: hidden until it is swapped in.
   * Returns the existing one when another caller made the same kind of build first.
   */
  async create(projection: Projection, state: 'live' | 'building'): Promise<BuildRow> {
    return inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock(7212006, hashtext($1))', [projection.name]);
      const existing = (await this.current(projection.name, client))[state];
      if (existing) return existing;
      const indexedNow = state === 'live' || !projection.indexes;
      const { rows } = await client.query<{ build_id: number }>(
        `insert into projection_builds (projection, version, schema_name, state, live_at, indexed)
         values ($1, $2, '', $3, case when $3 = 'live' then now() end, $4) returning build_id`,
        [projection.name, projection.version, state, indexedNow],
      );
      const buildId = rows[0]!.build_id;
      const schema = buildSchema(projection.name, buildId);
      await client.query('update projection_builds set schema_name = $2 where build_id = $1', [buildId, schema]);
      await client.query(`create schema ${quoteIdent(schema)}`);
      await client.query(`set local search_path to ${quoteIdent(schema)}, public`);
      await client.query(projection.schema);
      if (indexedNow && projection.indexes) await client.query(projection.indexes);
      await client.query('set local search_path to default');
      if (state === 'live') await this.publish(client, projection.name, schema);
      return (await this.build(buildId, client))!;
    });
  }

  /** Creates a build's read indexes (a rebuild, once caught up); its worker is the only writer of its tables. */
  async index(projection: Projection, build: BuildRow): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const row = await this.lock(client, build.buildId);
      if (!row || row.indexed) return;
      await client.query(`set local search_path to ${quoteIdent(build.schemaName)}, public`);
      if (projection.indexes) await client.query(projection.indexes);
      await client.query('set local search_path to default');
      await client.query('update projection_builds set indexed = true, updated_at = now() where build_id = $1', [build.buildId]);
    });
  }

  /**
   * Records a batch in the caller's transaction: the build's new checkpoint and counters, only if
   * its checkpoint is still `from` and it is not retired. False otherwise: another runner (or a
   * swap) moved it, and the caller must roll back. Checked at the end, not locked at the start, so
   * the transaction holds a transaction id only while it writes: the event store's gap-safe reads
   * wait for every writing transaction older than the events they return.
   */
  async advance(
    tx: ProjectionTransaction,
    buildId: number,
    from: string | null,
    batch: { checkpoint: string; consumed: number; applied: number; lastRecordedAt: string },
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `update projection_builds set checkpoint = $2, position = position + $3, applied = applied + $4, last_event_recorded_at = $5, updated_at = now()
       where build_id = $1 and checkpoint is not distinct from $6 and state <> 'retired'`,
      [buildId, batch.checkpoint, batch.consumed, batch.applied, batch.lastRecordedAt, from],
    );
    return rowCount === 1;
  }

  /**
   * Makes `next` the live build in the caller's transaction: the views of `rm_<name>` are
   * replaced to read its tables and the former live build is retired. Readers' statements see
   * the old views or the new ones, never some of each, because DDL is transactional.
   */
  async swap(tx: ProjectionTransaction, name: string, next: BuildRow, previous: BuildRow | null): Promise<void> {
    await this.lockViews(tx, name);
    await this.publish(tx, name, next.schemaName);
    if (previous)
      await tx.query(`update projection_builds set state = 'retired', retired_at = now(), updated_at = now() where build_id = $1`, [
        previous.buildId,
      ]);
    await tx.query(`update projection_builds set state = 'live', live_at = now(), updated_at = now() where build_id = $1`, [next.buildId]);
  }

  /**
   * Every view of the read schema, exclusively. A reader's statement locks the views it reads one
   * after the other, so holding one view while waiting for another could deadlock with a reader
   * doing it the other way round (and PostgreSQL might abort the reader). So the swap waits for
   * one view only while holding none (new readers queue behind it, readers holding it finish), and
   * takes the others without waiting; if one is busy, it gives back what it took and tries again,
   * starting from another view (readers lock in the order their statements name the views).
   * Throws a lock timeout (55P03) when it does not get them all within the attempts.
   */
  private async lockViews(tx: ProjectionTransaction, name: string, attempts = 60): Promise<void> {
    const schema = readSchema(name);
    const views = (await this.views(tx, schema)).map((v) => `${quoteIdent(schema)}.${quoteIdent(v)}`);
    if (views.length === 0) return;
    await tx.query(`set local lock_timeout = 200`);
    for (let attempt = 0; ; attempt++) {
      const start = attempt % views.length;
      const rotated = [...views.slice(start), ...views.slice(0, start)];
      const order = Math.floor(attempt / views.length) % 2 === 0 ? rotated : [rotated[0]!, ...rotated.slice(1).reverse()];
      await tx.query('savepoint projection_swap_views');
      try {
        await tx.query(`lock table ${order[0]} in access exclusive mode`);
        for (const view of order.slice(1)) await tx.query(`lock table ${view} in access exclusive mode nowait`);
        await tx.query('release savepoint projection_swap_views');
        await tx.query('set local lock_timeout = 0');
        return;
      } catch (error) {
        await tx.query('rollback to savepoint projection_swap_views');
        if (!isLockTimeout(error) || attempt + 1 >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.floor(Math.random() * 10)));
      }
    }
  }

  private async views(tx: ProjectionTransaction, schema: string): Promise<string[]> {
    const { rows } = await tx.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'v' order by 1`,
      [schema],
    );
    return rows.map((r) => r.name);
  }

  /** Drops the tables of retired builds. A reader still on them makes this give up until the next call, never fail. */
  async dropRetired(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ build_id: number; schema_name: string }>(
      `select build_id, schema_name from projection_builds where projection = $1 and state = 'retired' and dropped_at is null`,
      [name],
    );
    let dropped = 0;
    for (const row of rows) {
      const done = await inTransaction(this.pool, async (client) => {
        // Shorter than the deadlock check: a reader still on these tables is never the one to fail.
        await client.query(`set local lock_timeout = '100ms'`);
        await client.query(`drop schema if exists ${quoteIdent(row.schema_name)} cascade`);
        await client.query('update projection_builds set dropped_at = now() where build_id = $1', [row.build_id]);
        return true;
      }).catch(() => false);
      if (done) dropped += 1;
    }
    return dropped;
  }

  /** Abandons a build that will not be finished (e.g. of another version than the code's). */
  async abandon(build: BuildRow): Promise<void> {
    await this.pool.query(
      `update projection_builds set state = 'retired', retired_at = now(), updated_at = now() where build_id = $1 and state = 'building'`,
      [build.buildId],
    );
  }

  /** One view per table of the build, in the projection's read schema, replacing the former ones. */
  private async publish(tx: ProjectionTransaction, name: string, schema: string): Promise<void> {
    const read = readSchema(name);
    await tx.query(`create schema if not exists ${quoteIdent(read)}`);
    for (const view of await this.views(tx, read)) await tx.query(`drop view ${quoteIdent(read)}.${quoteIdent(view)}`);
    const tables = await tx.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
      [schema],
    );
    for (const table of tables.rows) {
      await tx.query(
        `create view ${quoteIdent(read)}.${quoteIdent(table.name)} as select * from ${quoteIdent(schema)}.${quoteIdent(table.name)}`,
      );
    }
  }
}
