import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { issueLocalToken } from '../../libs/access/src/auth/tokens.js';
import type { RoleGrant } from '../../libs/access/src/domain/roles.js';
import { loadConfig } from '../../libs/config/src/config.js';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../libs/jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { FieldSchemas } from '../../libs/access/src/application/case-records.js';
import { PostgresKeyStore, parseMasterKey } from '../../libs/crypto/src/index.js';
import { testDatabaseUrl } from './database.js';

export const TEST_MASTER_KEY = Buffer.alloc(32, 24).toString('base64');
export const TEST_AUTH_SECRET = Buffer.alloc(32, 42).toString('base64');
const TOKEN_SETTINGS = {
  issuer: 'phong-chong-local',
  audience: 'phong-chong-api',
  keys: { kind: 'secret' as const, secret: Buffer.from(TEST_AUTH_SECRET, 'base64') },
};

export interface TestApi {
  app: INestApplication;
  store: PostgresEventStore;
  pool: pg.Pool;
  keyStore: PostgresKeyStore;
  close(): Promise<void>;
}

/** The real API on the run's PostgreSQL, with the built-in jurisdictions and a known token secret; `logger`: its logs go there (default: stdout at LOG_LEVEL=error). */
export async function startTestApi(
  url = testDatabaseUrl(),
  fieldSchemas = new FieldSchemas(),
  env: Record<string, string> = {},
  logger?: Logger,
): Promise<TestApi> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const store = await PostgresEventStore.connect(url, 4);
  const config = loadConfig({
    DATABASE_URL: url,
    MASTER_KEY: TEST_MASTER_KEY,
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: TEST_AUTH_SECRET,
    METRICS_PORT: 'off',
    ...env,
  });
  const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(TEST_MASTER_KEY) });
  const jurisdictions = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
  const app = await createApp({ config, eventStore: store, database: pool, jurisdictions, keyStore, fieldSchemas, logger });
  await app.init();
  return {
    app,
    store,
    pool,
    keyStore,
    close: async () => {
      await app.close();
      await keyStore.close();
      await store.close();
      await pool.end();
    },
  };
}

export async function bearer(userId: string, grants: RoleGrant[], options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
  return `Bearer ${await issueLocalToken(TOKEN_SETTINGS, { subject: userId, grants, ttlSeconds: options.ttlSeconds }, options.now)}`;
}
