import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import type { AppConfig } from '../../../libs/config/src/config.js';
import { startEmbeddedPostgres } from '../../../libs/database/src/embedded-postgres.js';
import { createEventStore } from '../../../libs/event-store/src/create-event-store.js';
import type { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { PostgresJurisdictionRepository } from '../../../libs/jurisdictions/src/postgres-jurisdiction-repository.js';
import type { EventStore } from '../../../libs/event-store/src/port.js';
import { CaseRecords, FieldSchemas } from '../../../libs/access/src/application/case-records.js';
import { PostgresKeyStore, loadOrCreateDevMasterKey, parseMasterKey, type KeyStore } from '../../../libs/crypto/src/index.js';
import { CaseCommands } from '../../../libs/case-kernel/src/application/case-commands.js';
import { CaseReader } from '../../../libs/case-kernel/src/application/case-reader.js';
import { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { buildAccessServices } from './access/access-services.js';
import { CASE_MODULES } from './case-modules.js';
import { AppModule } from './app.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';

const NEST_LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export interface Platform {
  config: AppConfig;
  eventStore: EventStore;
  database: pg.Pool;
  jurisdictions: JurisdictionTree;
  keyStore: KeyStore;
  /** Field labels of every event type the cases use. */
  fieldSchemas?: FieldSchemas;
}

export async function createApp(platform: Platform): Promise<INestApplication> {
  const access = await buildAccessServices(platform.config, platform.eventStore, platform.database, platform.jurisdictions);
  const schemas = new FieldSchemas();
  if (platform.fieldSchemas) schemas.include(platform.fieldSchemas);
  for (const module of CASE_MODULES) for (const context of module.contexts) schemas.include(context.schemas);
  const records = new CaseRecords(platform.eventStore, platform.keyStore, schemas);
  const commands = new CaseCommands(platform.eventStore, platform.keyStore, access.policy, access.jurisdictions);
  const deps = { config: platform.config, eventStore: platform.eventStore, database: platform.database, access, keyStore: platform.keyStore, records, commands, reader: new CaseReader(records, access.policy, platform.keyStore), calendar: new WorkingCalendar(VN_PUBLIC_HOLIDAYS), tree: platform.jurisdictions };
  const app = await NestFactory.create(AppModule.register(deps), { logger: NEST_LOG_LEVELS[platform.config.logLevel] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const openApi = new DocumentBuilder()
    .setTitle('Case platform API / API quản lý hồ sơ')
    .setDescription('Commands are POSTs with an Idempotency-Key and, on existing cases, If-Match with the case revision (ETag). Errors are RFC 9457 problem+json.')
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

const EMBEDDED_DATABASE = 'platform';

/** The all-in-one process: database (embedded when DATABASE_URL is absent), event store, API. */
export async function startPlatform(config: AppConfig, log: (line: string) => void): Promise<RunningPlatform> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
      const dataDir = path.join(config.dataDir, 'postgres');
      log(`No DATABASE_URL: starting an embedded PostgreSQL on 127.0.0.1:${config.embeddedPostgresPort}, data kept in ${dataDir}`);
      const embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPostgresPort, durable: true });
      closers.push(() => embedded.stop());
      await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
      databaseUrl = embedded.urlFor(EMBEDDED_DATABASE);
    }
    const database = new pg.Pool({ connectionString: databaseUrl, max: config.databasePoolSize });
    closers.push(() => database.end());
    const eventStore = await createEventStore(config, databaseUrl);
    closers.push(() => eventStore.close());
    const repository = await PostgresJurisdictionRepository.connect(databaseUrl);
    closers.push(() => repository.close());
    const builtIn = await repository.ensureBuiltIn();
    if (builtIn.loaded) log('Jurisdictions: loaded the built-in demo set (with DATABASE_URL set, `npm run cli -- import-units` imports all 3,321 communes)');
    const jurisdictions = await repository.loadTree();
    const masterKey = config.masterKey ? parseMasterKey(config.masterKey) : await loadOrCreateDevMasterKey(config.dataDir);
    const keyStore = await PostgresKeyStore.connect(databaseUrl, { masterKey });
    closers.push(() => keyStore.close());
    const app = await createApp({ config, eventStore, database, jurisdictions, keyStore });
    closers.push(() => app.close());
    await app.listen(config.port, config.host);
    return { url: `http://${config.host}:${config.port}`, embeddedDatabase: config.databaseUrl === null, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}
