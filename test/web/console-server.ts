import type { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Role } from '../../libs/access/src/domain/roles.js';
import { loadConfig } from '../../libs/config/src/config.js';
import { PostgresKeyStore, parseMasterKey } from '../../libs/crypto/src/index.js';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../libs/jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { TEST_MASTER_KEY } from '../support/api.js';
import { testDatabaseUrl } from '../support/database.js';

export interface ConsoleServer {
  url: string;
  app: INestApplication;
  store: PostgresEventStore;
  /** A bearer token of a demo user, from the server's own demo sign-in. */
  token(role: Role, scope: string, userId?: string, position?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The API with the web console as `npm start` runs it by default: the configuration of the
 * all-in-one default (no DATABASE_URL, no token key: the secret generated under a fresh DATA_DIR,
 * demo sign-in on), its storage on the test run's PostgreSQL, listening on a free port of
 * 127.0.0.1 (no metrics listener: suites run side by side). `env` adds to that configuration.
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pcm-console-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', METRICS_PORT: 'off', ...env }, { isRoot: false, cwd: process.cwd() });
  const url = testDatabaseUrl();
  const database = new pg.Pool({ connectionString: url, max: 6 });
  const store = await PostgresEventStore.connect(url, 6);
  const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(TEST_MASTER_KEY) });
  const app = await createApp({
    config,
    eventStore: store,
    database,
    jurisdictions: JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS),
    keyStore,
  });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    app,
    store,
    async token(role, scope, userId, position) {
      const response = await fetch(`${base}/auth/demo-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, scope, ...(userId ? { userId } : {}), ...(position ? { position } : {}) }),
      });
      if (response.status !== 201) throw new Error(`demo sign-in answered ${response.status}`);
      return `Bearer ${((await response.json()) as { token: string }).token}`;
    },
    async close() {
      await app.close();
      await keyStore.close();
      await store.close();
      await database.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A command through the running API, as a client would send it; fails the test on any refusal. */
export async function command<T = { id: string; revision: number }>(
  server: ConsoleServer,
  token: string,
  route: string,
  body: object,
): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: {
      authorization: token,
      'content-type': 'application/json',
      'idempotency-key': `web-test-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T;
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}
