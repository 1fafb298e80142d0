import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { EmbeddedPostgres } from '../libs/database/src/embedded-postgres.js';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as Record<string, unknown>;
  const embedded = state.__EMBEDDED_PG__ as { server: EmbeddedPostgres; dataDir: string } | undefined;
  if (embedded) {
    await embedded.server.stop();
    await rm(path.dirname(embedded.dataDir), { recursive: true, force: true });
    return;
  }
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const database = state.__TEST_DATABASE__ as string | undefined;
  if (!adminUrl || !database) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}
