import type pg from 'pg';
import type { EventStore, RecordedEvent } from '../../../event-store/src/port.js';
import { runMigrations } from '../../../database/src/migrations.js';
import { inTransaction } from '../../../database/src/transaction.js';
import {
  ACCESS_DENIED,
  ACCESS_GRANTED,
  BREAK_GLASS_OPENED,
  BREAK_GLASS_REVIEWED,
  SIGN_IN_FAILED,
  type AccessDecisionRecorded,
  type BreakGlassOpened,
  type BreakGlassReviewed,
  type SignInFailed,
} from './access-events.js';

const MIGRATIONS = [
  {
    version: 1,
    name: 'access log read model',
    sql: `
create table access_log (
  event_id uuid primary key,
  checkpoint text not null,
  recorded_at timestamptz not null,
  type text not null,
  actor_id text,
  role text,
  action text,
  purpose text,
  resource_kind text,
  resource_id text,
  jurisdiction text,
  decision text,
  status integer,
  reason text,
  fields_revealed text[] not null default '{}',
  break_glass boolean not null default false,
  policy_version text,
  grant_id uuid,
  expires_at timestamptz,
  owner_ids text[] not null default '{}',
  review_outcome text,
  reviewer_id text
);
create index access_log_actor on access_log (actor_id, recorded_at);
create index access_log_resource on access_log (resource_kind, resource_id, recorded_at);
create index access_log_pending_reviews on access_log (recorded_at) where type = '${BREAK_GLASS_OPENED}' and review_outcome is null;
create table access_log_checkpoint (id boolean primary key default true check (id), checkpoint text);
insert into access_log_checkpoint (checkpoint) values (null);
`,
  },
];

export interface AccessLogFilter {
  actorId?: string;
  resourceKind?: string;
  resourceId?: string;
  decision?: 'allow' | 'deny';
  type?: string;
  /** Break-glass openings on records this user owns (their notifications). */
  ownerId?: string;
  pendingReviewOnly?: boolean;
  grantId?: string;
  from?: string;
  to?: string;
  /** Jurisdiction codes the reader may see; null for the whole country. */
  jurisdictions: string[] | null;
  limit: number;
}

export interface AccessLogEntry {
  eventId: string;
  recordedAt: string;
  type: string;
  actorId: string | null;
  role: string | null;
  action: string | null;
  purpose: string | null;
  resource: { kind: string | null; id: string | null; jurisdiction: string | null };
  decision: string | null;
  status: number | null;
  reason: string | null;
  fieldsRevealed: string[];
  breakGlass: boolean;
  policyVersion: string | null;
  grantId: string | null;
  ownerIds: string[];
  reviewOutcome: string | null;
  reviewerId: string | null;
}

/**
 * The auditors' read model of the access audit: catches up from the event log (rows and
 * checkpoint in one transaction, idempotent on replay) before each query.
 */
export class AccessLogReadModel {
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  async migrate(): Promise<void> {
    await runMigrations(this.pool, { table: 'access_schema_migrations', lockKey: 7_212_000_004, migrations: MIGRATIONS });
  }

  /** Applies every access event up to the log's current head. Concurrent callers share one run. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.applyPending().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  async query(filter: AccessLogFilter): Promise<AccessLogEntry[]> {
    await this.catchUp();
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.resourceKind) add('resource_kind = ?', filter.resourceKind);
    if (filter.resourceId) add('resource_id = ?', filter.resourceId);
    if (filter.decision) add('decision = ?', filter.decision);
    if (filter.type) add('type = ?', filter.type);
    if (filter.ownerId) add('? = any(owner_ids)', filter.ownerId);
    if (filter.pendingReviewOnly) where.push('review_outcome is null');
    if (filter.grantId) add('grant_id = ?', filter.grantId);
    if (filter.from) add('recorded_at >= ?', filter.from);
    if (filter.to) add('recorded_at < ?', filter.to);
    if (filter.jurisdictions) add('(jurisdiction = any(?) or jurisdiction is null)', filter.jurisdictions);
    values.push(filter.limit);
    const result = await this.pool.query(
      `select * from access_log ${where.length ? `where ${where.join(' and ')}` : ''} order by recorded_at desc, event_id limit $${values.length}`,
      values,
    );
    return result.rows.map(toEntry);
  }

  private async applyPending(): Promise<void> {
    for (;;) {
      const applied = await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ checkpoint: string | null }>('select checkpoint from access_log_checkpoint for update');
        const page = await this.store.readAll(rows[0]!.checkpoint, 1000);
        for (const event of page.events) await this.apply(client, event);
        await client.query('update access_log_checkpoint set checkpoint = $1', [page.checkpoint]);
        return page.events.length;
      });
      if (applied < 1000) return;
    }
  }

  private async apply(client: pg.PoolClient, event: RecordedEvent): Promise<void> {
    const base = [event.id, event.checkpoint, event.metadata.recordedAt, event.type];
    switch (event.type) {
      case ACCESS_GRANTED:
      case ACCESS_DENIED: {
        const d = event.data as unknown as AccessDecisionRecorded;
        await client.query(
          `insert into access_log (event_id, checkpoint, recorded_at, type, actor_id, role, action, purpose, resource_kind, resource_id,
             jurisdiction, decision, status, reason, fields_revealed, break_glass, policy_version)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) on conflict (event_id) do nothing`,
          [
            ...base,
            d.actorId,
            d.decidedRole,
            d.action,
            d.purpose,
            d.resource.kind,
            d.resource.id,
            d.resource.jurisdiction,
            d.decision,
            d.status,
            d.reason,
            d.fieldsRevealed,
            d.breakGlass,
            d.policyVersion,
          ],
        );
        return;
      }
      case SIGN_IN_FAILED: {
        const d = event.data as unknown as SignInFailed;
        await client.query(
          `insert into access_log (event_id, checkpoint, recorded_at, type, decision, status, reason, purpose)
           values ($1,$2,$3,$4,'deny',401,$5,$6) on conflict (event_id) do nothing`,
          [...base, d.failure, d.route],
        );
        return;
      }
      case BREAK_GLASS_OPENED: {
        const d = event.data as unknown as BreakGlassOpened;
        await client.query(
          `insert into access_log (event_id, checkpoint, recorded_at, type, actor_id, role, purpose, resource_kind, resource_id, jurisdiction,
             decision, reason, break_glass, grant_id, expires_at, owner_ids)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'allow',$11,true,$12,$13,$14) on conflict (event_id) do nothing`,
          [
            ...base,
            d.actorId,
            d.role,
            d.purposeCode,
            d.resource.kind,
            d.resource.id,
            d.resource.jurisdiction,
            d.legalBasis,
            d.grantId,
            d.expiresAt,
            d.ownerIds,
          ],
        );
        return;
      }
      case BREAK_GLASS_REVIEWED: {
        const d = event.data as unknown as BreakGlassReviewed;
        await client.query(`update access_log set review_outcome = $2, reviewer_id = $3 where grant_id = $1 and type = $4`, [
          d.grantId,
          d.outcome,
          d.reviewerId,
          BREAK_GLASS_OPENED,
        ]);
        return;
      }
      default:
        return;
    }
  }
}

function toEntry(row: Record<string, unknown>): AccessLogEntry {
  return {
    eventId: row.event_id as string,
    recordedAt: (row.recorded_at as Date).toISOString(),
    type: row.type as string,
    actorId: row.actor_id as string | null,
    role: row.role as string | null,
    action: row.action as string | null,
    purpose: row.purpose as string | null,
    resource: {
      kind: row.resource_kind as string | null,
      id: row.resource_id as string | null,
      jurisdiction: row.jurisdiction as string | null,
    },
    decision: row.decision as string | null,
    status: row.status as number | null,
    reason: row.reason as string | null,
    fieldsRevealed: row.fields_revealed as string[],
    breakGlass: row.break_glass as boolean,
    policyVersion: row.policy_version as string | null,
    grantId: row.grant_id as string | null,
    ownerIds: row.owner_ids as string[],
    reviewOutcome: row.review_outcome as string | null,
    reviewerId: row.reviewer_id as string | null,
  };
}
