import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../../../libs/config/src/config.js';
import { PostgresKeyStore, loadOrCreateDevMasterKey, parseMasterKey } from '../../../libs/crypto/src/index.js';
import { startEmbeddedPostgres } from '../../../libs/database/src/embedded-postgres.js';
import { createEventStore } from '../../../libs/event-store/src/create-event-store.js';
import type { EventStore } from '../../../libs/event-store/src/port.js';
import type { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { PostgresJurisdictionRepository } from '../../../libs/jurisdictions/src/postgres-jurisdiction-repository.js';

/** Where the platform keeps its data, opened the same way by the API and by the CLI's writers. */
export interface PlatformStorage {
  databaseUrl: string;
  embeddedDatabase: boolean;
  eventStore: EventStore;
  keyStore: PostgresKeyStore;
  jurisdictions: JurisdictionTree;
  close(): Promise<void>;
}

export interface PlatformStorageOptions {
  /**
   * Leave an embedded server that was already running on the data directory (another process's,
   * e.g. a running API) running at close. The API, which adopts only servers left by a killed
   * process of its own, stops them.
   */
  leaveAdoptedServerRunning?: boolean;
  keyStorePoolSize?: number;
}

const EMBEDDED_DATABASE = 'platform';

/**
 * DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR (started here); the event store;
 * the jurisdictions (the built-in set on an empty database); the key store with MASTER_KEY, or
 * else the generated key kept beside the embedded data.
 */
export async function openPlatformStorage(
  config: AppConfig,
  log: (line: string) => void,
  options: PlatformStorageOptions = {},
): Promise<PlatformStorage> {
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
      if (!(embedded.adopted && options.leaveAdoptedServerRunning)) {
        closers.push(async () => {
          await sessionsEnded(embedded.adminUrl, EMBEDDED_DATABASE);
          await embedded.stop();
        });
      }
      await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
      databaseUrl = embedded.urlFor(EMBEDDED_DATABASE);
    }
    const eventStore = await createEventStore(config, databaseUrl);
    closers.push(() => eventStore.close());
    const repository = await PostgresJurisdictionRepository.connect(databaseUrl, undefined, { log });
    closers.push(() => repository.close());
    const builtIn = await repository.ensureBuiltIn();
    if (builtIn.loaded)
      log('Jurisdictions: loaded the built-in demo set (with DATABASE_URL set, `npm run cli -- import-units` imports all 3,321 communes)');
    const jurisdictions = await repository.loadTree();
    const masterKey = config.masterKey ? parseMasterKey(config.masterKey) : await loadOrCreateDevMasterKey(config.dataDir);
    const keyStore = await PostgresKeyStore.connect(databaseUrl, { masterKey }, options.keyStorePoolSize);
    closers.push(() => keyStore.close());
    return { databaseUrl, embeddedDatabase: config.databaseUrl === null, eventStore, keyStore, jurisdictions, close };
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

/**
 * A closed pool has sent its goodbyes but its sockets may still be open; stopping the server then
 * would answer them with "terminating connection", an error event nobody listens to any more.
 * Wait (at most 5 s) until no client session is left on the database.
 */
async function sessionsEnded(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let waited = 0; waited < 5000; waited += 20) {
      const left = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()",
        [database],
      );
      if (left.rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}
