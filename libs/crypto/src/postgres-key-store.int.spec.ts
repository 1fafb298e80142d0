import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { InvalidSubjectIdError, KeyUnwrapError, SubjectErasedError } from './errors.js';
import { masterKeyFromBytes, type MasterKey } from './master-key.js';
import { PostgresKeyStore, type PostgresKeyStoreOptions } from './postgres-key-store.js';
import { KEY_SHREDDED_CHANNEL } from './shred-listener.js';

const request = { actorId: 'dpo-1', reason: 'erasure request ER-1' };
const subject = () => `subj-${randomUUID()}`;

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL key store', () => {
  let url: string;
  let drop: () => Promise<void>;
  let sql: pg.Client;
  let master: MasterKey;
  const stores: PostgresKeyStore[] = [];
  const open = async (options: Partial<PostgresKeyStoreOptions> = {}, poolSize?: number) => {
    const store = await PostgresKeyStore.connect(url, { masterKey: master, ...options }, poolSize);
    stores.push(store);
    return store;
  };
  const keyRows = async (subjectId: string) =>
    (await sql.query('select * from crypto_subject_keys where subject_id = $1', [subjectId])).rowCount;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    master = masterKeyFromBytes(randomBytes(32));
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await sql.end();
    await drop();
  });

  it('keeps keys wrapped: the raw key bytes are nowhere in the table', async () => {
    const store = await open();
    const s = subject();
    const raw = (await store.keyFor(s)).export();
    const rows = await sql.query<{ row: string; master_key_id: string }>(
      'select t::text as row, t.master_key_id from crypto_subject_keys t where subject_id = $1',
      [s],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.master_key_id).toBe(master.id);
    const text = rows.rows[0]!.row;
    expect(text).toContain(s);
    expect(text).not.toContain(raw.toString('hex'));
    expect(text).not.toContain(raw.toString('hex').slice(0, 16));
    expect(text).not.toContain(raw.toString('base64'));

    const elsewhere = await open({ cacheTtlMs: 0 });
    const again = await elsewhere.existingKey(s);
    expect(again !== 'none' && again !== 'erased' && again.export().equals(raw)).toBe(true);
  });

  it('gives 20 concurrent first callers one and the same key', async () => {
    const racers = await Promise.all(Array.from({ length: 4 }, () => open({ cacheTtlMs: 0 }, 5)));
    const s = subject();
    const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => racers[i % racers.length]!.keyFor(s)));
    expect(new Set(keys.map((k) => k.export().toString('hex'))).size).toBe(1);
    expect(await keyRows(s)).toBe(1);
  });

  it('cannot unwrap with another master key, and does not replace the key either', async () => {
    const store = await open();
    const s = subject();
    const raw = (await store.keyFor(s)).export();
    const other = masterKeyFromBytes(randomBytes(32));
    const wrongKey = await open({ masterKey: other });
    await expect(wrongKey.existingKey(s)).rejects.toThrow(KeyUnwrapError);
    await expect(wrongKey.keyFor(s)).rejects.toThrow(KeyUnwrapError);
    const sameIdWrongBytes = await open({ masterKey: { id: master.id, key: other.key } });
    await expect(sameIdWrongBytes.existingKey(s)).rejects.toThrow(/authentication failed/);
    const kept = await (await open({ cacheTtlMs: 0 })).existingKey(s);
    expect(kept !== 'none' && kept !== 'erased' && kept.export().equals(raw)).toBe(true);
  });

  it('does not unwrap a key row copied onto another subject', async () => {
    const store = await open({ cacheTtlMs: 0 });
    const [from, to] = [subject(), subject()];
    await store.keyFor(from);
    await sql.query(
      `insert into crypto_subject_keys (subject_id, master_key_id, wrap_iv, wrapped_key, wrap_tag)
         select $2, master_key_id, wrap_iv, wrapped_key, wrap_tag from crypto_subject_keys where subject_id = $1`,
      [from, to],
    );
    await expect(store.existingKey(to)).rejects.toThrow(KeyUnwrapError);
  });

  it('keeps the record a subject key was made for, from its first use and after the shred; a later owner does not replace it', async () => {
    const store = await open();
    const s = subject();
    expect(await store.ownerOf(s)).toBeNull();
    await store.keyFor(s, { kind: 'support_case', recordId: 'case-1' });
    await (await open({ cacheTtlMs: 0 })).keyFor(s, { kind: 'tip', recordId: 'tip-9' });
    expect(await store.ownerOf(s)).toEqual({ kind: 'support_case', recordId: 'case-1' });
    await store.shred(s, request);
    expect(await store.ownerOf(s)).toEqual({ kind: 'support_case', recordId: 'case-1' });
    // A key made without an owner (e.g. by an older release) has none.
    const t = subject();
    await store.keyFor(t);
    expect(await store.ownerOf(t)).toBeNull();
  });

  it('shreds: the key row is deleted, the erasure recorded once, and no key is ever created again', async () => {
    const store = await open();
    const s = subject();
    await store.keyFor(s);
    const first = await store.shred(s, request);
    expect(first.alreadyErased).toBe(false);
    expect(first.destroyedKeyIds).toEqual([expect.stringMatching(/^key-[0-9a-f]{32}$/)]);
    expect(await keyRows(s)).toBe(0);
    const again = await store.shred(s, { actorId: 'dpo-2', reason: 'repeated' });
    expect(again).toEqual({ subjectId: s, erasedAt: first.erasedAt, alreadyErased: true, destroyedKeyIds: [] });
    const recorded = await sql.query('select actor_id, reason from crypto_erased_subjects where subject_id = $1', [s]);
    expect(recorded.rows).toEqual([{ actor_id: 'dpo-1', reason: 'erasure request ER-1' }]);

    await expect(store.existingKey(s)).resolves.toBe('erased');
    await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    await expect((await open({ cacheTtlMs: 0 })).keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await keyRows(s)).toBe(0);
  });

  it('erases a subject that never had a key, so none is created later', async () => {
    const store = await open();
    const s = subject();
    await expect(store.existingKey(s)).resolves.toBe('none');
    await store.shred(s, request);
    await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await keyRows(s)).toBe(0);
  });

  it('never leaves a key behind when a first use and an erasure race', async () => {
    const racers = await Promise.all([open({ cacheTtlMs: 0 }), open({ cacheTtlMs: 0 })]);
    const subjects = Array.from({ length: 25 }, subject);
    await Promise.all(subjects.map((s) => Promise.allSettled([racers[0]!.keyFor(s), racers[1]!.shred(s, request)])));
    const left = await sql.query('select count(*)::int as n from crypto_subject_keys where subject_id = any($1)', [subjects]);
    expect(left.rows[0].n).toBe(0);
  });

  it('refuses, in the database too, a key for an erased subject and the undoing of an erasure', async () => {
    const store = await open();
    const s = subject();
    await store.shred(s, request);
    await expect(
      sql.query(
        `insert into crypto_subject_keys (subject_id, master_key_id, wrap_iv, wrapped_key, wrap_tag) values ($1, 'x', '\\x00', '\\x00', '\\x00')`,
        [s],
      ),
    ).rejects.toMatchObject({ code: 'CR410' });
    await expect(sql.query('delete from crypto_erased_subjects where subject_id = $1', [s])).rejects.toMatchObject({ code: 'CR403' });
  });

  it('refuses a subject id that is not pseudonymous, without echoing it', async () => {
    const store = await open();
    for (const bad of ['', 'Nguyễn Văn A', 'x'.repeat(101), "a'; drop table crypto_subject_keys; --"]) {
      const error = await store.keyFor(bad).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(InvalidSubjectIdError);
      if (bad) expect((error as Error).message).not.toContain(bad);
    }
    await expect(store.shred('subj-ok', { actorId: '', reason: 'x' })).rejects.toThrow(/actorId is required/);
  });

  describe('cache of another process', () => {
    it('is used until the shred notification evicts it', async () => {
      const second = await open({ cacheTtlMs: 10 * 60_000 });
      const s = subject();
      await (await open()).keyFor(s);
      expect(await second.existingKey(s)).not.toBe('none');
      // Behind the stores' back and without a notification: only the cache still knows the key.
      await sql.query('delete from crypto_subject_keys where subject_id = $1', [s]);
      expect(await second.existingKey(s)).not.toBe('none');
      await sql.query('select pg_notify($1, $2)', [KEY_SHREDDED_CHANNEL, s]);
      await eventually(async () => (await second.existingKey(s)) === 'none', 'the notification evicts the cached key');
    });

    it('expires after the TTL', async () => {
      let now = 1_000_000;
      const second = await open({ cacheTtlMs: 30_000, now: () => now });
      const s = subject();
      await second.keyFor(s);
      await sql.query('delete from crypto_subject_keys where subject_id = $1', [s]);
      expect(await second.existingKey(s)).not.toBe('none');
      now += 30_000;
      expect(await second.existingKey(s)).toBe('none');
    });

    it('is dropped when the listening connection is lost, and trusted again once it is back', async () => {
      const second = await open({ cacheTtlMs: 10 * 60_000 });
      const s = subject();
      await second.keyFor(s);
      await sql.query('delete from crypto_subject_keys where subject_id = $1', [s]);
      const listeners = await sql.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and query = $1 and pid <> pg_backend_pid()`,
        [`listen ${KEY_SHREDDED_CHANNEL}`],
      );
      expect(listeners.rows.length).toBeGreaterThan(0);
      await sql.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [listeners.rows.map((r) => r.pid)]);
      await eventually(async () => !second.listening, 'the lost connection is noticed');
      expect(await second.existingKey(s)).toBe('none');
      await eventually(async () => second.listening, 'the listener reconnects');
      const t = subject();
      await second.keyFor(t);
      await sql.query('delete from crypto_subject_keys where subject_id = $1', [t]);
      expect(await second.existingKey(t)).not.toBe('none');
    });
  });
});
