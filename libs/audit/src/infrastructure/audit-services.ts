import type pg from 'pg';
import type { CaseRecords } from '../../../access/src/application/case-records.js';
import type { PolicyPoint } from '../../../access/src/application/policy-point.js';
import type { ResourceKind } from '../../../access/src/domain/resources.js';
import type { AppConfig } from '../../../config/src/config.js';
import type { KeyStore } from '../../../crypto/src/index.js';
import type { EventStore } from '../../../event-store/src/port.js';
import type { AuditLog } from '../application/audit-log.js';
import { CaseHistory, type CaseFold } from '../application/case-history.js';
import { LogAudit } from '../application/log-audit.js';
import { checkpointKeys, type CheckpointKeys } from '../application/signing-key.js';
import { EventStoreAuditLog } from './event-store-audit-log.js';
import { PostgresAuditLog } from './postgres-audit-log.js';
import { PostgresCheckpointArchive } from './postgres-checkpoint-archive.js';

export interface AuditServices {
  log: LogAudit;
  history: CaseHistory;
  /** The checkpoint signing keys, loaded (or, locally, generated) on first use. */
  keys(): Promise<CheckpointKeys>;
}

export interface AuditDependencies {
  config: Pick<AppConfig, 'audit' | 'dataDir'>;
  store: EventStore;
  /** The read-model database: the checkpoint table, and the log itself with the PostgreSQL event store. */
  pool: pg.Pool;
  policy: PolicyPoint;
  records: CaseRecords;
  keyStore: KeyStore;
  /** How each case kind folds its events (the contexts' deciders). */
  contexts: ReadonlyArray<{ kind: ResourceKind; decider: CaseFold }>;
}

/** The raw log of the configured adapter: PostgreSQL's tables directly, any other through the port. */
export function auditLogFor(store: EventStore, pool: pg.Pool): AuditLog {
  return store.adapter === 'postgres' ? new PostgresAuditLog(pool) : new EventStoreAuditLog(store);
}

export async function buildAuditServices(deps: AuditDependencies): Promise<AuditServices> {
  const archive = new PostgresCheckpointArchive(deps.pool, deps.store);
  await archive.migrate();
  let keys: Promise<CheckpointKeys> | null = null;
  const loadKeys = () => {
    keys ??= checkpointKeys(deps.config).catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return keys;
  };
  const folds = new Map<ResourceKind, CaseFold>();
  for (const context of deps.contexts) if (!folds.has(context.kind)) folds.set(context.kind, context.decider);
  return {
    log: new LogAudit(auditLogFor(deps.store, deps.pool), archive, loadKeys, deps.policy),
    history: new CaseHistory(deps.store, deps.records, deps.policy, deps.keyStore, folds),
    keys: loadKeys,
  };
}
