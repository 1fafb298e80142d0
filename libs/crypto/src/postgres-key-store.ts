import type { KeyObject } from 'node:crypto';
import pg from 'pg';
import { InvalidShredRequestError, SubjectErasedError } from './errors.js';
import { KeyCache } from './key-cache.js';
import { assertSubjectId, type KeyStore, type ShredRequest, type ShredResult, type SubjectOwner } from './key-store.js';
import { createHash } from 'node:crypto';
import { migrateKeyStore } from './key-store-migrations.js';
import { newDataKey, unwrapDataKey, wrapDataKey, type WrappedKey } from './key-wrapping.js';
import type { MasterKey } from './master-key.js';
import { KEY_SHREDDED_CHANNEL, ShredListener } from './shred-listener.js';

export interface PostgresKeyStoreOptions {
  masterKey: MasterKey;
  /**
   * How long an unwrapped key is reused without asking the database (default 30 s; 0: no cache).
   * A shred reaches every process at once through NOTIFY; the TTL bounds how long a process whose
   * listening connection silently stalled could still use a shredded key.
   */
  cacheTtlMs?: number;
  maxCachedKeys?: number;
  /** End the pool on close (true when the store created it). */
  ownsPool?: boolean;
  now?: () => number;
}

interface KeyRow {
  master_key_id: string | null;
  wrap_iv: Buffer | null;
  wrapped_key: Buffer | null;
  wrap_tag: Buffer | null;
}

const KEY_COLUMNS = 'master_key_id, wrap_iv, wrapped_key, wrap_tag';
const SUBJECT_LOCK = `select pg_advisory_xact_lock(hashtextextended('crypto-subject:' || $1, 0))`;

const wrappedOf = (row: KeyRow): WrappedKey => ({
  masterKeyId: row.master_key_id!,
  iv: row.wrap_iv!,
  ciphertext: row.wrapped_key!,
  tag: row.wrap_tag!,
});

/**
 * Subject keys in PostgreSQL, wrapped by the master key. Creating a key and shredding one take
 * the same per-subject lock, so an erasure and a first use racing each other can never leave a
 * key behind for an erased subject (a trigger refuses it as well).
 */
export class PostgresKeyStore implements KeyStore {
  private readonly cache: KeyCache;
  private readonly listener: ShredListener;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresKeyStoreOptions,
  ) {
    this.cache = new KeyCache(options.cacheTtlMs ?? 30_000, options.maxCachedKeys ?? 10_000, options.now ?? Date.now);
    this.listener = new ShredListener(
      pool,
      (subjectId) => this.cache.evict(subjectId),
      (listening) => this.cache.setEnabled(listening),
    );
  }

  static async connect(connectionString: string, options: PostgresKeyStoreOptions, poolSize = 5): Promise<PostgresKeyStore> {
    const pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle connection dropped by the server is discarded by the pool; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      return await PostgresKeyStore.open(pool, { ...options, ownsPool: true });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Migrates the schema and starts listening for shreds before the first key is cached. */
  static async open(pool: pg.Pool, options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
    await migrateKeyStore(pool);
    const store = new PostgresKeyStore(pool, options);
    await store.listener.start();
    return store;
  }

  /** False while the shred notifications cannot arrive; keys are then not cached. */
  get listening(): boolean {
    return this.listener.listening;
  }

  async keyFor(subjectId: string, owner?: SubjectOwner): Promise<KeyObject> {
    const existing = await this.existingKey(subjectId);
    if (existing === 'erased') throw new SubjectErasedError(subjectId);
    if (existing !== 'none') return existing;
    return this.create(subjectId, owner);
  }

  async ownerOf(subjectId: string): Promise<SubjectOwner | null> {
    assertSubjectId(subjectId);
    const result = await this.pool.query<{ record_kind: string; record_id: string }>(
      'select record_kind, record_id from crypto_subject_records where subject_id = $1',
      [subjectId],
    );
    const row = result.rows[0];
    return row ? { kind: row.record_kind, recordId: row.record_id } : null;
  }

  async existingKey(subjectId: string): Promise<KeyObject | 'erased' | 'none'> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const result = await this.pool.query<KeyRow & { erased: boolean }>(
      `select ${KEY_COLUMNS}, exists (select 1 from crypto_erased_subjects e where e.subject_id = $1) as erased
         from (values (1)) as one left join crypto_subject_keys k on k.subject_id = $1`,
      [subjectId],
    );
    const row = result.rows[0]!;
    if (row.erased) {
      this.cache.set(subjectId, 'erased', generation);
      return 'erased';
    }
    if (row.wrapped_key === null) return 'none';
    const key = unwrapDataKey(wrappedOf(row), this.options.masterKey, subjectId);
    this.cache.set(subjectId, key, generation);
    return key;
  }

  async shred(subjectId: string, request: ShredRequest): Promise<ShredResult> {
    assertSubjectId(subjectId);
    assertShredRequest(request);
    this.cache.evict(subjectId);
    const result = await this.transaction(async (client) => {
      await client.query(SUBJECT_LOCK, [subjectId]);
      const deleted = await client.query<{ wrapped_key: Buffer }>(
        'delete from crypto_subject_keys where subject_id = $1 returning wrapped_key',
        [subjectId],
      );
      const destroyedKeyIds = deleted.rows.map((row) => keyIdOf(row.wrapped_key));
      const inserted = await client.query<{ erased_at: Date }>(
        `insert into crypto_erased_subjects (subject_id, actor_id, reason) values ($1, $2, $3)
           on conflict (subject_id) do nothing returning erased_at`,
        [subjectId, request.actorId, request.reason],
      );
      // Delivered to every listening process when this transaction commits, not before.
      await client.query('select pg_notify($1, $2)', [KEY_SHREDDED_CHANNEL, subjectId]);
      if (inserted.rows[0]) return { subjectId, erasedAt: inserted.rows[0].erased_at, alreadyErased: false, destroyedKeyIds };
      const first = await client.query<{ erased_at: Date }>('select erased_at from crypto_erased_subjects where subject_id = $1', [
        subjectId,
      ]);
      return { subjectId, erasedAt: first.rows[0]!.erased_at, alreadyErased: true, destroyedKeyIds };
    });
    // A lookup in this process may have read the key while the shred was still uncommitted.
    this.cache.evict(subjectId);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener.close();
    this.cache.clear();
    if (this.options.ownsPool) await this.pool.end();
  }

  private async create(subjectId: string, owner?: SubjectOwner): Promise<KeyObject> {
    const generation = this.cache.generation;
    const candidate = wrapDataKey(newDataKey(), this.options.masterKey, subjectId);
    // One call, committed before the key is used: under the subject's lock (the one shred takes),
    // refuses an erased subject, and on concurrent first uses one insert wins and every caller
    // gets the winner's key (migration 2, crypto_create_subject_key).
    const row = await this.pool
      .query<KeyRow & { erased: boolean }>({
        name: 'crypto_create_subject_key',
        text: `select erased, ${KEY_COLUMNS} from crypto_create_subject_key($1, $2, $3, $4, $5, $6, $7)`,
        values: [
          subjectId,
          candidate.masterKeyId,
          candidate.iv,
          candidate.ciphertext,
          candidate.tag,
          owner?.kind ?? null,
          owner?.recordId ?? null,
        ],
      })
      .then(
        (result) => result.rows[0]!,
        (error: unknown) => {
          if ((error as { code?: string }).code === 'CR410') return { erased: true } as KeyRow & { erased: boolean };
          throw error;
        },
      );
    if (row.erased) throw new SubjectErasedError(subjectId);
    const key = unwrapDataKey(wrappedOf(row), this.options.masterKey, subjectId);
    this.cache.set(subjectId, key, generation);
    return key;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      const usable = await client.query('rollback').then(
        () => true,
        () => false,
      );
      client.release(!usable);
      throw error;
    }
  }
}

/** A key's public id: the first 16 bytes of SHA-256 over its wrapped form (the key itself is never shown). */
function keyIdOf(wrapped: Buffer): string {
  return `key-${createHash('sha256').update(wrapped).digest('hex').slice(0, 32)}`;
}

function assertShredRequest(request: ShredRequest): void {
  const text = (value: unknown, max: number) => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
  if (!text(request?.actorId, 200)) throw new InvalidShredRequestError('shred: actorId is required (at most 200 characters)');
  if (!text(request?.reason, 500))
    throw new InvalidShredRequestError('shred: reason is required (at most 500 characters, no personal data)');
}
