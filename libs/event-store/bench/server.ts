import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../database/src/embedded-postgres.js';
import { freePort } from '../../database/src/free-port.js';

export interface ServerFacts {
  source: string;
  version: string;
  fsync: string;
  synchronousCommit: string;
  sharedBuffers: string;
}

/** One PostgreSQL server for the whole run, with throwaway databases on it. */
export interface BenchServer {
  /** Creates the database `<run>_<suffix>` once and returns its URL. */
  database(suffix: string): Promise<string>;
  facts(): Promise<ServerFacts>;
  /** Flushes dirty pages so that one scenario's writes are not paid for by the next; skipped without the privilege. */
  checkpoint(): Promise<void>;
  /** Drops the databases and stops the embedded server, if any. */
  close(): Promise<void>;
}

interface Host {
  adminUrl: string;
  source: string;
  stop(): Promise<void>;
}

export async function openBenchServer(databaseUrl: string | undefined): Promise<BenchServer> {
  const host = databaseUrl ? externalHost(databaseUrl) : await embeddedHost();
  const run = `pcm_bench_${process.pid}_${Date.now()}`;
  const created = new Map<string, Promise<string>>();
  const admin = (sql: string) => withClient(host.adminUrl, (client) => client.query(sql));

  return {
    database: (suffix) => {
      const existing = created.get(suffix);
      if (existing) return existing;
      const name = `${run}_${suffix}`;
      const url = admin(`create database "${name}"`).then(() => urlFor(host.adminUrl, name));
      created.set(suffix, url);
      return url;
    },
    facts: () =>
      withClient(host.adminUrl, async (client) => {
        const result = await client.query<{ version: string; fsync: string; synchronous_commit: string; shared_buffers: string }>(
          `select version(), current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit,
                  current_setting('shared_buffers') as shared_buffers`,
        );
        const row = result.rows[0]!;
        return {
          source: host.source,
          version: row.version,
          fsync: row.fsync,
          synchronousCommit: row.synchronous_commit,
          sharedBuffers: row.shared_buffers,
        };
      }),
    checkpoint: async () => {
      await admin('checkpoint').catch(() => undefined);
    },
    close: async () => {
      try {
        for (const suffix of created.keys()) await admin(`drop database if exists "${run}_${suffix}" with (force)`);
      } finally {
        await host.stop();
      }
    },
  };
}

function externalHost(databaseUrl: string): Host {
  return { adminUrl: databaseUrl, source: 'DATABASE_URL', stop: async () => undefined };
}

/** A durable (fsync on) embedded server; as root its data dir's parents must be traversable by `postgres`. */
async function embeddedHost(): Promise<Host> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'pcm-bench-pg-'));
  await chmod(scratch, 0o711);
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'data'), port: await freePort(), durable: true });
    return {
      adminUrl: server.adminUrl,
      source: 'embedded PostgreSQL, durable (fsync on)',
      stop: async () => {
        await server.stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs `use` on a connection of its own, closed afterwards. */
export async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
