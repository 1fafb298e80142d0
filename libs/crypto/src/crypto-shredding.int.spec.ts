import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { PostgresEventStore, type JsonObject, type NewEvent, type RecordedEvent } from '../../event-store/src/index.js';
import { SubjectErasedError } from './errors.js';
import { ERASED_MARKER, decryptFields, encryptFields } from './field-cipher.js';
import type { FieldSchema } from './field-labels.js';
import { masterKeyFromBytes } from './master-key.js';
import { PostgresKeyStore } from './postgres-key-store.js';

const TYPE = 'support.contact_recorded';
const schema: FieldSchema = {
  caseId: 'internal',
  district: 'public',
  name: 'personal',
  phone: 'personal',
  birthYear: 'sensitive',
  needs: 'sensitive',
};
const PROTECTED = ['birthYear', 'name', 'needs', 'phone'];

function person(tag: string) {
  const unique = randomBytes(4).toString('hex');
  return {
    caseId: `case-${tag}`,
    district: `district-public-${unique}`,
    name: `Nguyễn Thị ${tag}-${unique}`,
    phone: `+84 9${unique}`,
    birthYear: 100_000_000 + randomBytes(3).readUIntBE(0, 3),
    needs: { housing: true, detail: `needs-${tag}-${unique}` },
  };
}

/** Every text the plaintext of a person could show up as in a row: as text, and as bytea hex. */
function plaintextNeedles(p: ReturnType<typeof person>): string[] {
  const texts = [p.name, p.phone, String(p.birthYear), p.needs.detail];
  return [...texts, ...texts.map((t) => Buffer.from(t, 'utf8').toString('hex'))];
}

/** Each needle mapped to the public tables whose rows, as text, contain it. */
async function scanEveryTable(sql: pg.Client, needles: string[]): Promise<Map<string, string[]>> {
  const tables = await sql.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const found = new Map<string, string[]>(needles.map((n) => [n, []]));
  for (const { table_name } of tables.rows) {
    const rows = await sql.query<{ row: string }>(`select t::text as row from "${table_name.replace(/"/g, '""')}" t`);
    for (const needle of needles) if (rows.rows.some((r) => r.row.includes(needle))) found.get(needle)!.push(table_name);
  }
  return found;
}

const hitsOf = (found: Map<string, string[]>) => [...found].filter(([, tables]) => tables.length > 0);

describe('crypto-shredding over the PostgreSQL event store', () => {
  let drop: () => Promise<void>;
  let sql: pg.Client;
  let events: PostgresEventStore;
  let keys: PostgresKeyStore;
  let secondProcess: PostgresKeyStore;
  const erased = person('erased');
  const kept = person('kept');
  const erasedSubject = `subj-${randomUUID()}`;
  const keptSubject = `subj-${randomUUID()}`;
  const erasedStream = `support-${randomUUID()}`;
  const keptStream = `support-${randomUUID()}`;

  const newEvent = async (data: JsonObject, subjectId: string): Promise<NewEvent> => {
    const id = randomUUID();
    return {
      id,
      type: TYPE,
      schemaVersion: 1,
      data: await encryptFields(data, schema, subjectId, keys, { eventType: TYPE, eventId: id }),
      metadata: {
        actorId: 'social-worker-1',
        role: 'social_worker',
        jurisdiction: 'VN-HN',
        purpose: 'service_referral',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-11-01T08:00:00.000Z',
      },
    };
  };
  const read = async (stream: string, store = keys) => {
    const [event] = (await events.readStream(stream)) as [RecordedEvent];
    return decryptFields(event.data, store, { eventType: event.type, eventId: event.id });
  };
  const wrappedKeyHex = async (subjectId: string) =>
    (
      await sql.query<{ hex: string }>(`select encode(wrapped_key, 'hex') as hex from crypto_subject_keys where subject_id = $1`, [
        subjectId,
      ])
    ).rows[0]?.hex;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const masterKey = masterKeyFromBytes(randomBytes(32));
    events = await PostgresEventStore.connect(database.url);
    keys = await PostgresKeyStore.connect(database.url, { masterKey });
    secondProcess = await PostgresKeyStore.connect(database.url, { masterKey, cacheTtlMs: 10 * 60_000 });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await events.append(erasedStream, [await newEvent(erased, erasedSubject)], 'no_stream');
    await events.append(keptStream, [await newEvent(kept, keptSubject)], 'no_stream');
  });
  afterAll(async () => {
    await sql.end();
    await Promise.all([events.close(), keys.close(), secondProcess.close()]);
    await drop();
  });

  it('stores no plaintext anywhere before the erasure, while both subjects read back in full', async () => {
    const found = await scanEveryTable(sql, [...plaintextNeedles(erased), ...plaintextNeedles(kept), erased.district, kept.caseId]);
    // Controls: the scan does find what is stored in clear.
    expect(found.get(erased.district)).toEqual(['es_events']);
    expect(found.get(kept.caseId)).toEqual(['es_events']);
    expect(
      hitsOf(found)
        .map(([needle]) => needle)
        .sort(),
    ).toEqual([erased.district, kept.caseId].sort());

    await expect(read(erasedStream)).resolves.toEqual({ data: erased, erasedFields: [] });
    await expect(read(keptStream)).resolves.toEqual({ data: kept, erasedFields: [] });
    // The second process reads too, which leaves the key in its cache.
    await expect(read(erasedStream, secondProcess)).resolves.toEqual({ data: erased, erasedFields: [] });
  });

  describe('after the subject is shredded', () => {
    let erasedWrappedKey: string;
    beforeAll(async () => {
      erasedWrappedKey = (await wrappedKeyHex(erasedSubject))!;
      expect(erasedWrappedKey).toMatch(/^[0-9a-f]{64}$/);
      expect(hitsOf(await scanEveryTable(sql, [erasedWrappedKey]))).toEqual([[erasedWrappedKey, ['crypto_subject_keys']]]);
      await keys.shred(erasedSubject, { actorId: 'dpo-1', reason: 'erasure request ER-7' });
    });

    it('(a) reads the erased marker for exactly that subject’s protected fields; the other subject still decrypts', async () => {
      const opened = await read(erasedStream);
      expect(opened.erasedFields.sort()).toEqual(PROTECTED);
      expect(opened.data).toEqual({
        caseId: erased.caseId,
        district: erased.district,
        name: ERASED_MARKER,
        phone: ERASED_MARKER,
        birthYear: ERASED_MARKER,
        needs: ERASED_MARKER,
      });
      await expect(read(keptStream)).resolves.toEqual({ data: kept, erasedFields: [] });
    });

    it('(b) never creates a key for the erased subject again', async () => {
      await expect(keys.keyFor(erasedSubject)).rejects.toBeInstanceOf(SubjectErasedError);
      await expect(newEvent(erased, erasedSubject)).rejects.toBeInstanceOf(SubjectErasedError);
      const rows = await sql.query('select 1 from crypto_subject_keys where subject_id = $1', [erasedSubject]);
      expect(rows.rowCount).toBe(0);
    });

    it('(c) leaves the events and their hash chains intact', async () => {
      const report = await events.verify();
      expect(report).toMatchObject({ ok: true, events: 2, streams: 2, firstBreak: null });
    });

    it('(d) leaves neither plaintext nor the wrapped key in any table', async () => {
      const found = await scanEveryTable(sql, [...plaintextNeedles(erased), ...plaintextNeedles(kept), erasedWrappedKey, erased.district]);
      expect(found.get(erased.district)).toEqual(['es_events']);
      expect(hitsOf(found).map(([needle]) => needle)).toEqual([erased.district]);
      // Control: the other subject's wrapped key is still there to be found.
      const keptWrappedKey = (await wrappedKeyHex(keptSubject))!;
      expect((await scanEveryTable(sql, [keptWrappedKey])).get(keptWrappedKey)).toEqual(['crypto_subject_keys']);
    });

    it('(e) makes another process stop decrypting once the notification arrives', async () => {
      const deadline = Date.now() + 5000;
      let opened = await read(erasedStream, secondProcess);
      while (opened.erasedFields.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        opened = await read(erasedStream, secondProcess);
      }
      expect(opened.erasedFields.sort()).toEqual(PROTECTED);
      expect(opened.data.name).toEqual(ERASED_MARKER);
      await expect(read(keptStream, secondProcess)).resolves.toEqual({ data: kept, erasedFields: [] });
    });
  });
});
