import type pg from 'pg';
import type { JurisdictionScope, PolicyPoint, RequestContext } from '../../../access/src/application/policy-point.js';
import { decide } from '../../../access/src/domain/policy.js';
import type { ResourceKind } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { caseStream } from '../../../access/src/application/case-records.js';
import { runMigrations } from '../../../database/src/migrations.js';
import { inTransaction } from '../../../database/src/transaction.js';
import type { EventStore, JsonObject, RecordedEvent } from '../../../event-store/src/port.js';

const MIGRATIONS = [
  {
    version: 1,
    name: 'case summaries read model',
    sql: `
create table case_summaries (
  kind text not null,
  id text not null,
  jurisdiction text not null,
  assignees text[] not null default '{}',
  revision integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  summary jsonb not null,
  primary key (kind, id)
);
create index case_summaries_by_jurisdiction on case_summaries (kind, jurisdiction, created_at);
create table case_summary_checkpoints (kind text primary key, checkpoint text);
`,
  },
];

/** How one kind of case is summarised for its list. */
export interface CaseSummaryProjection {
  kind: ResourceKind;
  /**
   * The list entry of a case from its whole stream AS STORED: personal and sensitive fields are
   * ciphertext there, so a summary can only ever hold public and internal values. Never throws.
   */
  summarize(events: readonly RecordedEvent[]): JsonObject;
}

/** What a list needs of the administrative tree. */
export interface ListScope extends JurisdictionScope {
  /** Every unit code inside `scope`, or null for the whole country. */
  within(scope: string): string[] | null;
}

export interface CaseSummary {
  id: string;
  jurisdiction: string;
  /** From the latest event carrying assigneeId/assigneeIds, as the policy point reads them. */
  assignees: string[];
  revision: number;
  createdAt: string;
  updatedAt: string;
  summary: JsonObject;
}

/**
 * A read model listing one kind of case (one row per case, safe to replay): it catches up from
 * the event log before each query, rows and checkpoint in one transaction. It decides nothing
 * about who may see a row; the caller filters through the policy point.
 */
export class CaseSummaries {
  private migrated: Promise<unknown> | null = null;
  private catchingUp: Promise<void> | null = null;
  private readonly prefix: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly projection: CaseSummaryProjection,
  ) {
    this.prefix = caseStream(projection.kind, '');
  }

  /**
   * The list a caller may see: the policy point decides (and records) the 'list' on `jurisdiction`
   * (default: the caller's widest scope; a denial is its usual 403/404), then each row is kept only
   * if the caller could read that case on its own.
   */
  async readable(
    policy: PolicyPoint,
    jurisdictions: ListScope,
    caller: RequestContext & { principal: Principal },
    jurisdiction?: string,
  ): Promise<CaseSummary[]> {
    const scope = jurisdiction ?? widestScope(caller.principal);
    const kind = this.projection.kind;
    await policy.authorize(caller.principal, 'list', { kind, id: null, jurisdiction: scope, assignees: [], fields: {} }, caller);
    return readableBy(await this.list(jurisdictions.within(scope)), kind, caller, jurisdictions);
  }

  /** Cases of the kind whose jurisdiction is one of `jurisdictions` (null: anywhere), newest first. */
  async list(jurisdictions: readonly string[] | null): Promise<CaseSummary[]> {
    await this.catchUp();
    const values: unknown[] = [this.projection.kind];
    let where = 'kind = $1';
    if (jurisdictions) {
      values.push(jurisdictions);
      where += ' and jurisdiction = any($2)';
    }
    const { rows } = await this.pool.query(`select * from case_summaries where ${where} order by created_at desc, id`, values);
    return rows.map((row) => ({
      id: row.id as string,
      jurisdiction: row.jurisdiction as string,
      assignees: row.assignees as string[],
      revision: row.revision as number,
      createdAt: (row.created_at as Date).toISOString(),
      updatedAt: (row.updated_at as Date).toISOString(),
      summary: row.summary as JsonObject,
    }));
  }

  /** Applies every event up to the log's head. Concurrent callers share one run. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.applyPending().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async applyPending(): Promise<void> {
    this.migrated ??= runMigrations(this.pool, {
      table: 'case_summaries_schema_migrations',
      lockKey: 7_212_005_101,
      migrations: MIGRATIONS,
    }).catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    await this.migrated;
    const kind = this.projection.kind;
    await this.pool.query('insert into case_summary_checkpoints (kind, checkpoint) values ($1, null) on conflict (kind) do nothing', [
      kind,
    ]);
    for (;;) {
      const applied = await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ checkpoint: string | null }>(
          'select checkpoint from case_summary_checkpoints where kind = $1 for update',
          [kind],
        );
        const page = await this.store.readAll(rows[0]!.checkpoint, 1000);
        const touched = new Set(
          page.events.filter((e) => e.streamId.startsWith(this.prefix)).map((e) => e.streamId.slice(this.prefix.length)),
        );
        for (const id of touched) await this.refresh(client, id);
        await client.query('update case_summary_checkpoints set checkpoint = $2 where kind = $1', [kind, page.checkpoint]);
        return page.events.length;
      });
      if (applied < 1000) return;
    }
  }

  private async refresh(client: pg.PoolClient, id: string): Promise<void> {
    const events = await this.store.readStream(caseStream(this.projection.kind, id));
    if (events.length === 0) return;
    let assignees: string[] = [];
    for (const event of events) {
      if (typeof event.data.assigneeId === 'string') assignees = [event.data.assigneeId];
      else if (Array.isArray(event.data.assigneeIds)) assignees = event.data.assigneeIds.filter((a): a is string => typeof a === 'string');
    }
    const first = events[0]!;
    const last = events[events.length - 1]!;
    await client.query(
      `insert into case_summaries (kind, id, jurisdiction, assignees, revision, created_at, updated_at, summary)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (kind, id) do update set assignees = excluded.assignees, revision = excluded.revision, updated_at = excluded.updated_at, summary = excluded.summary`,
      [
        this.projection.kind,
        id,
        first.metadata.jurisdiction,
        assignees,
        last.revision,
        first.metadata.recordedAt,
        last.metadata.recordedAt,
        JSON.stringify(this.projection.summarize(events)),
      ],
    );
  }
}

/**
 * The rows the caller could open one by one: the policy point's own read rule (scope, assigned-only
 * kinds) applied to each row, so a list never shows a case its single read would answer with 404.
 */
export function readableBy(
  rows: readonly CaseSummary[],
  kind: ResourceKind,
  caller: { principal: Principal; purpose: string },
  jurisdictions: JurisdictionScope,
  now = new Date(),
): CaseSummary[] {
  const context = {
    contains: (scope: string, code: string) => jurisdictions.contains(scope, code),
    now,
    purpose: caller.purpose,
    breakGlass: [],
  };
  return rows.filter(
    (row) =>
      decide(caller.principal, 'read', { kind, id: row.id, jurisdiction: row.jurisdiction, assignees: row.assignees, fields: {} }, context)
        .effect === 'allow',
  );
}

/** The broadest jurisdiction among the caller's grants: the default place a list looks into. */
export function widestScope(principal: Principal): string {
  const scopes = principal.grants.map((g) => g.scope);
  return scopes.find((s) => s === 'VN') ?? [...scopes].sort((a, b) => a.length - b.length)[0] ?? 'VN';
}
