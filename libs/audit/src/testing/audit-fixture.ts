import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { PolicyPoint } from '../../../access/src/application/policy-point.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { eventHash } from '../../../event-store/src/hash-chain.js';
import { PostgresEventStore } from '../../../event-store/src/postgres/postgres-event-store.js';
import type { RecordedEvent } from '../../../event-store/src/port.js';
import { LogAudit, type Caller } from '../application/log-audit.js';
import type { CheckpointKeys } from '../application/signing-key.js';
import { PostgresAuditLog } from '../infrastructure/postgres-audit-log.js';
import { PostgresCheckpointArchive } from '../infrastructure/postgres-checkpoint-archive.js';

/** Every code of the test tree is inside VN; a province scope holds the codes that start with it. */
export const testJurisdictions = { contains: (scope: string, code: string) => scope === 'VN' || code.startsWith(scope) };

export const caller = (principal: Principal, purpose = 'audit'): Caller => ({ principal, purpose, correlationId: 'audit-test' });
export const NATIONAL_AUDITOR = caller({ userId: 'auditor-1', grants: [{ role: 'auditor', scope: 'VN' }] });

export function testSigningKeys(): CheckpointKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, origin: 'AUDIT_SIGNING_KEY' };
}

/** An event store, the audit services and a superuser connection (the attacker) on one database. */
export async function openAuditFixture(url: string, keys = testSigningKeys()) {
  const store = await PostgresEventStore.connect(url, 4);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  const archive = new PostgresCheckpointArchive(pool, store);
  await archive.migrate();
  const policy = new PolicyPoint(store, testJurisdictions);
  const audit = new LogAudit(new PostgresAuditLog(pool), archive, async () => keys, policy);
  return {
    store,
    pool,
    audit,
    keys,
    /** Runs SQL as the database owner with triggers off, as an attacker with database rights would. */
    async tamper(sql: string, values: unknown[] = []): Promise<number> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('set session_replication_role = replica');
        return (await client.query(sql, values)).rowCount ?? 0;
      } finally {
        await client.end();
      }
    },
    /** Rewrites a stream from `revision` on with new data and fresh, valid hashes (and its head), hiding the change from a chain check. */
    async rewriteWithFreshHashes(streamId: string, revision: number, data: Record<string, unknown>): Promise<void> {
      const events = await store.readStream(streamId);
      let previous = revision === 0 ? '0'.repeat(64) : events[revision - 1]!.hash;
      for (const event of events.slice(revision)) {
        const changed: RecordedEvent =
          event.revision === revision ? { ...event, data: { ...event.data, ...data } as RecordedEvent['data'] } : event;
        previous = eventHash(previous, changed);
        await this.tamper('update es_events set data = $3, hash = $4 where stream_id = $1 and revision = $2', [
          streamId,
          event.revision,
          JSON.stringify(changed.data),
          previous,
        ]);
      }
      await this.tamper('update es_streams set head_hash = $2 where stream_id = $1', [streamId, previous]);
    },
    async close(): Promise<void> {
      await store.close();
      await pool.end();
    },
  };
}
