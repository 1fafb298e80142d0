import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type pg from 'pg';
import type { Logger as PinoLogger } from 'pino';
import { createLogger } from '../../../libs/logging/src/logger.js';
import { PinoLoggerService } from '../../../libs/logging/src/nest-logger.js';
import type { AppConfig } from '../../../libs/config/src/config.js';
import { openPool } from '../../../libs/database/src/pool.js';
import type { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { EventStore } from '../../../libs/event-store/src/port.js';
import { CaseRecords, FieldSchemas } from '../../../libs/access/src/application/case-records.js';
import type { KeyStore } from '../../../libs/crypto/src/index.js';
import { CaseCommands } from '../../../libs/case-kernel/src/application/case-commands.js';
import { CaseReader } from '../../../libs/case-kernel/src/application/case-reader.js';
import { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { buildAccessServices } from './access/access-services.js';
import { CASE_MODULES } from './case-modules.js';
import { AppModule } from './app.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { IdempotencyKeys } from './http/idempotency-keys.js';
import { IdempotencyKeyInterceptor } from './http/idempotency.interceptor.js';
import { QueryKeysInterceptor } from './http/query-keys.interceptor.js';
import { requestLog } from './http/request-log.js';
import { StrictValidationPipe } from './http/strict-validation.pipe.js';
import { openPlatformStorage } from './platform-storage.js';
import { ProjectionRunner } from '../../../libs/projections/src/projection-runner.js';
import { platformProjections } from '../../projector/src/platform-projections.js';

export interface Platform {
  config: AppConfig;
  eventStore: EventStore;
  database: pg.Pool;
  jurisdictions: JurisdictionTree;
  keyStore: KeyStore;
  /** Field labels of every event type the cases use. */
  fieldSchemas?: FieldSchemas;
  /** Default: pino on stdout as LOG_LEVEL and LOG_FORMAT say (libs/logging). Tests pass one on a stream of their own. */
  logger?: PinoLogger;
}

export async function createApp(platform: Platform): Promise<INestApplication> {
  const access = await buildAccessServices(platform.config, platform.eventStore, platform.database, platform.jurisdictions);
  const schemas = new FieldSchemas();
  if (platform.fieldSchemas) schemas.include(platform.fieldSchemas);
  for (const module of CASE_MODULES) for (const context of module.contexts) schemas.include(context.schemas);
  const records = new CaseRecords(platform.eventStore, platform.keyStore, schemas);
  const commands = new CaseCommands(platform.eventStore, platform.keyStore, access.policy, access.jurisdictions);
  const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
  const projectionLog = new Logger('Projections');
  const runner = new ProjectionRunner(platform.eventStore, platform.database, platformProjections(calendar, platform.config), {
    log: (line) => projectionLog.log(line),
  });
  // PROJECTIONS=inline (default): this process runs them (standing by while another process holds them); off: it only reads them.
  const projections = { runner, inline: platform.config.projections !== 'off' };
  const deps = {
    config: platform.config,
    eventStore: platform.eventStore,
    database: platform.database,
    access,
    keyStore: platform.keyStore,
    records,
    commands,
    reader: new CaseReader(records, access.policy, platform.keyStore),
    calendar,
    tree: platform.jurisdictions,
    projections,
  };
  const logger = platform.logger ?? createLogger(platform.config, { app: 'api' });
  const app = await NestFactory.create(AppModule.register(deps), { logger: new PinoLoggerService(logger) });
  app.use(requestLog(logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  // After authentication, in this order: prototype keys in the query are refused; an
  // Idempotency-Key is bound to the route and body of its first request. Then every body and query
  // is validated, with prototype keys and keys class-transformer would drop refused by name.
  app.useGlobalInterceptors(new QueryKeysInterceptor(), new IdempotencyKeyInterceptor(new IdempotencyKeys(platform.database)));
  app.useGlobalPipes(new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const openApi = new DocumentBuilder()
    .setTitle('Case platform API / API quản lý hồ sơ')
    .setDescription(
      'Commands are POSTs with an Idempotency-Key and, on existing cases, If-Match with the case revision (ETag). Errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

export interface RunningPlatform {
  url: string;
  embeddedDatabase: boolean;
  close(): Promise<void>;
}

/** The all-in-one process: database (embedded when DATABASE_URL is absent), event store, API. */
export async function startPlatform(config: AppConfig, log: (line: string) => void): Promise<RunningPlatform> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const storage = await openPlatformStorage(config, log);
    closers.push(() => storage.close());
    const databaseLog = new Logger('Database');
    const database = openPool({
      connectionString: storage.databaseUrl,
      max: config.databasePoolSize,
      applicationName: 'pcm-api',
      log: (line) => databaseLog.warn(line),
    });
    closers.push(() => database.end());
    const app = await createApp({
      config,
      eventStore: storage.eventStore,
      database,
      jurisdictions: storage.jurisdictions,
      keyStore: storage.keyStore,
    });
    closers.push(() => app.close());
    await app.listen(config.port, config.host);
    return { url: `http://${config.host}:${config.port}`, embeddedDatabase: storage.embeddedDatabase, close };
  } catch (error) {
    await close();
    throw error;
  }
}
