import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { JsonObject } from '../../event-store/src/index.js';
import { FieldDecryptionError, InvalidFieldSchemaError, InvalidSubjectIdError, SubjectErasedError, UnlabelledFieldError } from './errors.js';
import { ERASED_MARKER, decryptFields, encryptFields, isEncryptedField, type EncryptedField } from './field-cipher.js';
import type { FieldSchema } from './field-labels.js';
import type { KeyStore } from './key-store.js';

/** The two key-store calls the cipher makes, over a map; PostgresKeyStore is tested against PostgreSQL. */
function keyRing() {
  const keys = new Map<string, KeyObject>();
  const erased = new Set<string>();
  const ring = {
    keyForCalls: 0,
    async keyFor(subjectId: string) {
      ring.keyForCalls++;
      if (erased.has(subjectId)) throw new SubjectErasedError(subjectId);
      if (!keys.has(subjectId)) keys.set(subjectId, createSecretKey(randomBytes(32)));
      return keys.get(subjectId)!;
    },
    async existingKey(subjectId: string) {
      return erased.has(subjectId) ? ('erased' as const) : (keys.get(subjectId) ?? ('none' as const));
    },
    erase(subjectId: string) {
      keys.delete(subjectId);
      erased.add(subjectId);
    },
  };
  return ring satisfies Pick<KeyStore, 'keyFor' | 'existingKey'>;
}

const schema: FieldSchema = {
  caseId: 'internal',
  district: 'public',
  name: 'personal',
  birthYear: 'sensitive',
  needs: 'sensitive',
  'contact.phone': 'personal',
  'contact.preferredTime': 'internal',
  aliases: 'personal',
  missing: 'personal',
};
const context = { eventType: 'support.contact_recorded', eventId: 'c0a80164-0000-4000-8000-000000000001' };
const otherEvent = { ...context, eventId: 'c0a80164-0000-4000-8000-000000000002' };
const data: JsonObject = {
  caseId: 'case-17',
  district: 'Ba Đình',
  name: 'Nguyễn Thị Lan',
  birthYear: 1994,
  needs: { housing: true, health: ['clinic', 'counselling'], score: 2.5 },
  contact: { phone: '+84 912 345 678', preferredTime: 'morning' },
  aliases: null,
};

describe('field cipher', () => {
  it('round-trips strings, numbers, objects and null, and leaves public and internal fields as they are', async () => {
    const keys = keyRing();
    const sealed = await encryptFields(data, schema, 'subj-1', keys, context);
    for (const field of ['name', 'birthYear', 'needs', 'aliases'] as const) expect(isEncryptedField(sealed[field])).toBe(true);
    expect(isEncryptedField((sealed.contact as JsonObject).phone)).toBe(true);
    expect(sealed.caseId).toBe('case-17');
    expect(sealed.district).toBe('Ba Đình');
    expect((sealed.contact as JsonObject).preferredTime).toBe('morning');
    expect(JSON.stringify(sealed)).not.toMatch(/Nguyễn|1994|912 345|clinic/);

    const opened = await decryptFields(sealed, keys, context);
    expect(opened).toEqual({ data, erasedFields: [] });
    expect(typeof opened.data.birthYear).toBe('number');
  });

  it('stores the documented envelope, with a fresh IV per value', async () => {
    const sealed = await encryptFields({ a: 'same', b: 'same' }, { a: 'personal', b: 'personal' }, 'subj-1', keyRing(), context);
    const a = sealed.a as EncryptedField;
    expect(Object.keys(a).sort()).toEqual(['$enc', 'alg', 'ct', 'iv', 'sub', 'tag']);
    expect(a).toMatchObject({ $enc: 1, sub: 'subj-1', alg: 'A256GCM' });
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.iv).not.toBe((sealed.b as EncryptedField).iv);
    expect(a.ct).not.toBe((sealed.b as EncryptedField).ct);
  });

  it('refuses an unlabelled field, naming the field and not its value', async () => {
    const error = await encryptFields({ ...data, nickname: 'Bông-secret' }, schema, 'subj-1', keyRing(), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnlabelledFieldError);
    expect((error as Error).message).toContain('"nickname"');
    expect((error as Error).message).not.toContain('Bông-secret');
  });

  it('refuses unlabelled nested fields and inherited names', async () => {
    const keys = keyRing();
    await expect(encryptFields({ contact: { phone: '1', email: 'x@y' } }, schema, 'subj-1', keys, context)).rejects.toThrow(/"contact.email"/);
    await expect(encryptFields({ constructor: 'x' }, schema, 'subj-1', keys, context)).rejects.toBeInstanceOf(UnlabelledFieldError);
  });

  it('refuses the reserved "$enc" key in unencrypted fields, so a forged envelope cannot be planted', async () => {
    const forged = { district: { $enc: 1, sub: 'subj-2' } } as JsonObject;
    await expect(encryptFields(forged, schema, 'subj-1', keyRing(), context)).rejects.toBeInstanceOf(InvalidFieldSchemaError);
  });

  it('validates the subject id without echoing it', async () => {
    const error = await encryptFields(data, schema, 'Nguyễn Thị Lan', keyRing(), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSubjectIdError);
    expect((error as Error).message).not.toContain('Nguyễn');
  });

  it('asks for no key when no protected value is present', async () => {
    const keys = keyRing();
    keys.erase('subj-gone');
    const sealed = await encryptFields({ caseId: 'case-18', district: 'Hoàn Kiếm' }, schema, 'subj-gone', keys, context);
    expect(sealed).toEqual({ caseId: 'case-18', district: 'Hoàn Kiếm' });
    expect(keys.keyForCalls).toBe(0);
  });

  it('fails, as an error and not as erased, for a ciphertext moved to another field, event or subject', async () => {
    const keys = keyRing();
    const one = await encryptFields(data, schema, 'subj-1', keys, context);
    const two = await encryptFields(data, schema, 'subj-2', keys, otherEvent);

    const movedField = { ...one, name: one.birthYear! };
    await expect(decryptFields(movedField, keys, context)).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields(one, keys, { ...context, eventType: 'support.case_closed' })).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields(one, keys, otherEvent)).rejects.toThrow(FieldDecryptionError);
    const relabelled = { ...one, name: { ...(one.name as EncryptedField), sub: 'subj-2' } };
    await expect(decryptFields(relabelled, keys, context)).rejects.toThrow(/"name" could not be decrypted \(authentication failed/);
    const fromAnotherSubjectsEvent = { ...one, name: two.name! };
    await expect(decryptFields(fromAnotherSubjectsEvent, keys, context)).rejects.toThrow(FieldDecryptionError);
    // Controls: the untouched events still open, with the event id in any case.
    await expect(decryptFields(one, keys, { ...context, eventId: context.eventId.toUpperCase() })).resolves.toEqual({ data, erasedFields: [] });
    await expect(decryptFields(two, keys, otherEvent)).resolves.toEqual({ data, erasedFields: [] });
  });

  it('fails on a changed ciphertext, tag or envelope', async () => {
    const keys = keyRing();
    const sealed = await encryptFields(data, schema, 'subj-1', keys, context);
    const name = sealed.name as EncryptedField;
    const ct = Buffer.from(name.ct, 'base64');
    ct[0]! ^= 1;
    await expect(decryptFields({ ...sealed, name: { ...name, ct: ct.toString('base64') } }, keys, context)).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields({ ...sealed, name: { ...name, tag: name.tag.slice(0, 8) } }, keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields({ ...sealed, name: { ...name, $enc: 2 } }, keys, context)).rejects.toThrow(/malformed envelope/);
  });

  it('treats a subject that has no key and was never erased as an error', async () => {
    const sealed = await encryptFields(data, schema, 'subj-1', keyRing(), context);
    await expect(decryptFields(sealed, keyRing(), context)).rejects.toThrow(/has no key and was not erased/);
  });

  it('shows the erased marker for exactly the erased subject’s fields', async () => {
    const keys = keyRing();
    const own = await encryptFields(data, schema, 'subj-1', keys, context);
    const other = await encryptFields(data, schema, 'subj-2', keys, otherEvent);
    keys.erase('subj-1');

    const opened = await decryptFields(own, keys, context);
    expect(opened.erasedFields.sort()).toEqual(['aliases', 'birthYear', 'contact.phone', 'name', 'needs']);
    expect(opened.data).toEqual({
      caseId: 'case-17',
      district: 'Ba Đình',
      name: ERASED_MARKER,
      birthYear: ERASED_MARKER,
      needs: ERASED_MARKER,
      contact: { phone: ERASED_MARKER, preferredTime: 'morning' },
      aliases: ERASED_MARKER,
    });
    await expect(decryptFields(other, keys, otherEvent)).resolves.toEqual({ data, erasedFields: [] });
    await expect(encryptFields(data, schema, 'subj-1', keys, context)).rejects.toBeInstanceOf(SubjectErasedError);
  });
});
