import type pg from 'pg';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { buildAuditServices, type AuditServices } from '../../../../libs/audit/src/infrastructure/audit-services.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import type { KeyStore } from '../../../../libs/crypto/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { CASE_MODULES } from '../case-modules.js';

/** Every case kind the API serves, each with the decider that folds its events. */
export const CASE_CONTEXTS = CASE_MODULES.flatMap((m) => m.contexts);
export const AUDITED_CASE_KINDS = [...new Set(CASE_CONTEXTS.map((c) => c.kind))];

/** The audit services over the platform's case contexts; shared by the API and the CLI. */
export function platformAuditServices(deps: {
  config: AppConfig;
  store: EventStore;
  pool: pg.Pool;
  policy: PolicyPoint;
  records: CaseRecords;
  keyStore: KeyStore;
}): Promise<AuditServices> {
  return buildAuditServices({ ...deps, contexts: CASE_CONTEXTS });
}
