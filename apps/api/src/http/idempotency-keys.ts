import { createHash, createHmac } from 'node:crypto';
import type pg from 'pg';
import { runMigrations, type Migration } from '../../../../libs/database/src/migrations.js';

/**
 * The same Idempotency-Key was sent before by the same user with another route or body (IETF
 * httpapi idempotency-key draft, §2.7: 422). The key's first request stays its only meaning.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency_key.reused';
  readonly messageVi =
    'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác (đường dẫn hoặc nội dung khác); hãy dùng một khóa mới cho mỗi yêu cầu mới.';
  constructor() {
    super('This Idempotency-Key was already used for another request (a different route or body); use a new key for every new request.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** What a key is bound to by its first request. */
export interface IdempotencyBinding {
  /** HTTP method, upper case. */
  method: string;
  /** The route with its parameters filled in, e.g. /tips/3f2c…/assign. */
  path: string;
  /** The parsed JSON body (any JSON value; undefined when there is none). */
  body: unknown;
}

export type BindOutcome = 'first' | 'same' | 'reused';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'idempotency keys bound to their first request',
    // key_hash: SHA-256 of (user, key); the key itself is not kept. fingerprint: HMAC-SHA-256 keyed by
    // the Idempotency-Key over the canonical request, so the table alone cannot confirm a guess at a body.
    sql: `create table idempotency_keys (
            key_hash text primary key,
            user_id text not null,
            method text not null,
            path text not null,
            fingerprint text not null,
            created_at timestamptz not null default now())`,
  },
];

/**
 * Per user, the first request with an Idempotency-Key records its method, its path and a digest
 * of its body; a later request with the key must match all three. Kept in the read-model
 * PostgreSQL and never expired: event and case ids are derived from the key for good.
 */
export class IdempotencyKeys {
  private migrated: Promise<unknown> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async bind(userId: string, key: string, binding: IdempotencyBinding): Promise<BindOutcome> {
    await this.migrate();
    const keyHash = createHash('sha256').update(`idempotency-key\n${userId}\n${key}`).digest('hex');
    const fingerprint = requestFingerprint(key, binding);
    // Two requests racing with one key: one row wins; the other waits for it, then compares.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.pool.query(
        'insert into idempotency_keys (key_hash, user_id, method, path, fingerprint) values ($1, $2, $3, $4, $5) on conflict (key_hash) do nothing',
        [keyHash, userId, binding.method, binding.path, fingerprint],
      );
      if (inserted.rowCount === 1) return 'first';
      const { rows } = await this.pool.query<{ method: string; path: string; fingerprint: string }>(
        'select method, path, fingerprint from idempotency_keys where key_hash = $1',
        [keyHash],
      );
      const first = rows[0];
      if (first)
        return first.method === binding.method && first.path === binding.path && first.fingerprint === fingerprint ? 'same' : 'reused';
    }
    throw new Error('idempotency key: neither inserted nor found');
  }

  private migrate(): Promise<unknown> {
    this.migrated ??= runMigrations(this.pool, {
      table: 'idempotency_schema_migrations',
      lockKey: 7_212_009_001,
      migrations: MIGRATIONS,
    }).catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    return this.migrated;
  }
}

/** HMAC-SHA-256, keyed by the Idempotency-Key, of the method, the path and the SHA-256 of the body's canonical JSON. */
export function requestFingerprint(key: string, binding: IdempotencyBinding): string {
  const bodyDigest = createHash('sha256').update(canonicalJson(binding.body)).digest('hex');
  return createHmac('sha256', key).update(`${binding.method}\n${binding.path}\n${bodyDigest}`).digest('hex');
}

class Literal {
  constructor(readonly text: string) {}
}

/**
 * JSON with every object's keys sorted by UTF-16 code units and no whitespace (RFC 8785's shape for
 * what a JSON parser can produce), so that the same body sent with its keys in another order has
 * the same digest. Written without recursion: a deeply nested body cannot overflow the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item instanceof Literal) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      pending.push(new Literal(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        pending.push(item[i]);
        if (i > 0) pending.push(new Literal(','));
      }
      pending.push(new Literal('['));
    } else if (item !== null && typeof item === 'object') {
      const keys = Object.keys(item).sort();
      pending.push(new Literal('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        pending.push((item as Record<string, unknown>)[keys[i]!]);
        pending.push(new Literal(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`));
      }
      pending.push(new Literal('{'));
    } else {
      out.push(item === undefined ? 'null' : (JSON.stringify(item) ?? 'null'));
    }
  }
  return out.join('');
}
