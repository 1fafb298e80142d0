import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type pg from 'pg';
import type { AccessLogReadModel } from '../../../libs/access/src/application/access-log.js';
import type { BreakGlassReviews } from '../../../libs/access/src/application/break-glass-reviews.js';
import type { PolicyPoint } from '../../../libs/access/src/application/policy-point.js';
import type { TokenVerifier } from '../../../libs/access/src/auth/tokens.js';
import type { CaseRecords } from '../../../libs/access/src/application/case-records.js';
import type { AppConfig } from '../../../libs/config/src/config.js';
import type { KeyStore } from '../../../libs/crypto/src/index.js';
import type { CaseCommands } from '../../../libs/case-kernel/src/application/case-commands.js';
import type { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import type { CaseReader } from '../../../libs/case-kernel/src/application/case-reader.js';
import { CASE_MODULES } from './case-modules.js';
import { CasesController } from './cases/cases.controller.js';
import { DataSubjectsController } from './cases/data-subjects.controller.js';
import type { EventStore } from '../../../libs/event-store/src/port.js';
import { AccessLogController } from './access/access-log.controller.js';
import { AuthGuard } from './access/auth.guard.js';
import type { JurisdictionDirectory } from './access/jurisdiction-directory.js';
import { healthPart } from './health/health.module-def.js';
import { projectionsPart, type ProjectionServices } from './projections/projections.module-def.js';
import { auditPart } from './audit/audit.module-def.js';
import { webPart } from './web/web.module-def.js';
import { JurisdictionsController } from './jurisdictions/jurisdictions.controller.js';
import type { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import {
  ACCESS_LOG,
  APP_CONFIG,
  BREAK_GLASS_REVIEWS,
  CALENDAR,
  CASE_COMMANDS,
  CASE_READER,
  CASE_RECORDS,
  JURISDICTION_TREE,
  KEY_STORE,
  DATABASE_POOL,
  EVENT_STORE,
  JURISDICTIONS,
  POLICY_POINT,
  TOKEN_VERIFIER,
} from './tokens.js';

export interface AccessServices {
  tokenVerifier: TokenVerifier;
  policy: PolicyPoint;
  accessLog: AccessLogReadModel;
  reviews: BreakGlassReviews;
  jurisdictions: JurisdictionDirectory;
}

export interface AppDependencies {
  config: AppConfig;
  eventStore: EventStore;
  database: pg.Pool;
  access: AccessServices;
  keyStore: KeyStore;
  records: CaseRecords;
  tree: JurisdictionTree;
  commands: CaseCommands;
  reader: CaseReader;
  calendar: WorkingCalendar;
  projections: ProjectionServices;
}

@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    const projections = projectionsPart(deps.projections, deps.database);
    const audit = auditPart();
    const web = webPart();
    const health = healthPart();
    return {
      module: AppModule,
      imports: [...health.imports],
      controllers: [
        ...health.controllers,
        AccessLogController,
        CasesController,
        DataSubjectsController,
        JurisdictionsController,
        ...CASE_MODULES.flatMap((m) => m.controllers),
        ...projections.controllers,
        ...audit.controllers,
        ...web.controllers,
      ],
      providers: [
        ...health.providers,
        ...projections.providers,
        ...audit.providers,
        ...web.providers,
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: DATABASE_POOL, useValue: deps.database },
        { provide: TOKEN_VERIFIER, useValue: deps.access.tokenVerifier },
        { provide: POLICY_POINT, useValue: deps.access.policy },
        { provide: ACCESS_LOG, useValue: deps.access.accessLog },
        { provide: BREAK_GLASS_REVIEWS, useValue: deps.access.reviews },
        { provide: JURISDICTIONS, useValue: deps.access.jurisdictions },
        { provide: KEY_STORE, useValue: deps.keyStore },
        { provide: CASE_RECORDS, useValue: deps.records },
        { provide: JURISDICTION_TREE, useValue: deps.tree },
        { provide: CASE_COMMANDS, useValue: deps.commands },
        { provide: CASE_READER, useValue: deps.reader },
        { provide: CALENDAR, useValue: deps.calendar },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
