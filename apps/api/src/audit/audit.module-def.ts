import type { Provider, Type } from '@nestjs/common';
import type pg from 'pg';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import type { KeyStore } from '../../../../libs/crypto/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { APP_CONFIG, CASE_RECORDS, DATABASE_POOL, EVENT_STORE, KEY_STORE, POLICY_POINT } from '../tokens.js';
import { AuditController } from './audit.controller.js';
import { AUDIT_SERVICES } from './audit-tokens.js';
import { CheckpointTimer } from './checkpoint-timer.js';
import { platformAuditServices } from './platform-audit.js';

/** The auditors' part of the API: its routes, the audit services built from the app's own, and the checkpoint timer. */
export function auditPart(): { controllers: Type<unknown>[]; providers: Provider[] } {
  return {
    controllers: [AuditController],
    providers: [
      {
        provide: AUDIT_SERVICES,
        inject: [APP_CONFIG, EVENT_STORE, DATABASE_POOL, POLICY_POINT, CASE_RECORDS, KEY_STORE],
        useFactory: (config: AppConfig, store: EventStore, pool: pg.Pool, policy: PolicyPoint, records: CaseRecords, keyStore: KeyStore) =>
          platformAuditServices({ config, store, pool, policy, records, keyStore }),
      },
      CheckpointTimer,
    ],
  };
}
