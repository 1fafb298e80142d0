import './support/resolve-js-to-ts.cjs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../libs/database/src/embedded-postgres.js';
import { freePort } from '../libs/database/src/free-port.js';

/**
 * One database per test run. With DATABASE_URL set, a fresh database is created on that
 * server; otherwise a throwaway embedded PostgreSQL is started. Workers read TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.KURRENTDB_URL) {
    process.stderr.write(
      '\nNOT RUN: the KurrentDB adapter contract suite (set KURRENTDB_URL to a KurrentDB server to run it; none can run on this machine).\n',
    );
  }
  if (!process.env.KAFKA_BROKERS) {
    process.stderr.write(
      'NOT RUN: the relay contract suite on a real Kafka broker (set KAFKA_BROKERS to run it; none can run on this machine).\n',
    );
  }
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const scratch = await mkdtemp(path.join(tmpdir(), 'pcm-test-pg-'));
    await chmod(scratch, 0o711);
    const dataDir = path.join(scratch, 'data');
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), durable: false });
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { server, dataDir };
    adminUrl = server.adminUrl;
  }
  const database = `pcm_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  (globalThis as Record<string, unknown>).__TEST_DATABASE__ = database;
}
