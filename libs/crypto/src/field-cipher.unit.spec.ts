import { createCipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../event-store/src/index.js';
import {
  FieldDecryptionError,
  InvalidFieldSchemaError,
  InvalidSubjectIdError,
  SubjectErasedError,
  UnlabelledFieldError,
} from './errors.js';
import { ERASED_MARKER, decryptFields, encryptFields, isEncryptedField, type EncryptedField, type SealedFields } from './field-cipher.js';
import type { FieldSchema } from './field-labels.js';
import type { KeyStore } from './key-store.js';

/** The two key-store calls the cipher makes, over a map; PostgresKeyStore is tested against PostgreSQL. */
function keyRing() {
  const keys = new Map<string, KeyObject>();
  const erased = new Set<string>();
  const ring = {
    keyForCalls: 0,
    existingKeyCalls: 0,
    async keyFor(subjectId: string) {
      ring.keyForCalls++;
      if (erased.has(subjectId)) throw new SubjectErasedError(subjectId);
      if (!keys.has(subjectId)) keys.set(subjectId, createSecretKey(randomBytes(32)));
      return keys.get(subjectId)!;
    },
    async existingKey(subjectId: string) {
      ring.existingKeyCalls++;
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
const PERSONAL = ['aliases', 'contact.phone', 'name'];
const SENSITIVE = ['birthYear', 'needs'];
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

const groupsOf = (sealed: JsonObject) => sealed.$enc as SealedFields[];
const without = (object: JsonObject, ...names: string[]) =>
  Object.fromEntries(Object.entries(object).filter(([name]) => !names.includes(name))) as JsonObject;

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
    expect(Object.keys(opened.data)).toEqual(Object.keys(data));
    expect(typeof opened.data.birthYear).toBe('number');
    // What the event store hands back is JSON that went through the database.
    await expect(decryptFields(JSON.parse(JSON.stringify(sealed)) as JsonObject, keys, context)).resolves.toEqual({
      data,
      erasedFields: [],
    });
  });

  it('refuses an unlabelled field, naming the field and not its value', async () => {
    const error = await encryptFields({ ...data, nickname: 'Bông-secret' }, schema, 'subj-1', keyRing(), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnlabelledFieldError);
    expect((error as Error).message).toContain('"nickname"');
    expect((error as Error).message).not.toContain('Bông-secret');
  });

  it('refuses unlabelled nested fields and inherited names', async () => {
    const keys = keyRing();
    await expect(encryptFields({ contact: { phone: '1', email: 'x@y' } }, schema, 'subj-1', keys, context)).rejects.toThrow(
      /"contact.email"/,
    );
    await expect(encryptFields({ constructor: 'x' }, schema, 'subj-1', keys, context)).rejects.toBeInstanceOf(UnlabelledFieldError);
    expect(keys.keyForCalls).toBe(0);
  });

  it('refuses the reserved "$enc" key in unencrypted fields and as a field name, so a forged envelope cannot be planted', async () => {
    const forged = { district: { $enc: 1, sub: 'subj-2' } } as JsonObject;
    await expect(encryptFields(forged, schema, 'subj-1', keyRing(), context)).rejects.toBeInstanceOf(InvalidFieldSchemaError);
    await expect(encryptFields({ caseId: 'x', $enc: [] }, schema, 'subj-1', keyRing(), context)).rejects.toThrow(
      /reserved field name "\$enc"/,
    );
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

  it('keeps a field named "__proto__" as a field, never as the prototype', async () => {
    const keys = keyRing();
    const own = JSON.parse('{"__proto__": "Nguyễn Thị Lan", "caseId": "case-19"}') as JsonObject;
    const labels = JSON.parse('{"__proto__": "personal", "caseId": "internal"}') as FieldSchema;
    const sealed = await encryptFields(own, labels, 'subj-1', keys, context);
    expect(Object.getPrototypeOf(sealed)).toBe(Object.prototype);
    expect(Object.keys(sealed)).toEqual(['__proto__', 'caseId', '$enc']);
    const opened = await decryptFields(JSON.parse(JSON.stringify(sealed)) as JsonObject, keys, context);
    expect(Object.getPrototypeOf(opened.data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(opened.data, '__proto__')?.value).toBe('Nguyễn Thị Lan');
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
    // Only the fields still present are reported.
    await expect(decryptFields(without(own, 'needs', 'name'), keys, context)).resolves.toMatchObject({
      erasedFields: ['birthYear', 'contact.phone', 'aliases'],
    });
    await expect(decryptFields(other, keys, otherEvent)).resolves.toEqual({ data, erasedFields: [] });
    await expect(encryptFields(data, schema, 'subj-1', keys, context)).rejects.toBeInstanceOf(SubjectErasedError);
  });
});

describe('field cipher, format 2 (written): the fields of one label sealed together', () => {
  it('stores a reference in each protected field and one sealed group per label under "$enc"', async () => {
    const sealed = await encryptFields(data, schema, 'subj-1', keyRing(), context);
    for (const field of ['name', 'birthYear', 'needs', 'aliases'] as const) expect(sealed[field]).toEqual({ $enc: 2 });
    expect((sealed.contact as JsonObject).phone).toEqual({ $enc: 2 });
    const groups = groupsOf(sealed);
    expect(groups.map((g) => g.fields)).toEqual([PERSONAL, SENSITIVE]);
    for (const group of groups) {
      expect(Object.keys(group).sort()).toEqual(['$enc', 'alg', 'ct', 'fields', 'iv', 'sub', 'tag']);
      expect(group).toMatchObject({ $enc: 2, sub: 'subj-1', alg: 'A256GCM' });
      expect(Buffer.from(group.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(group.tag, 'base64')).toHaveLength(16);
    }
    expect(groups[0]!.iv).not.toBe(groups[1]!.iv);
  });

  it('uses a fresh IV for every seal, also for the same values in the same event', async () => {
    const keys = keyRing();
    const ivs = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const sealed = await encryptFields({ a: 'same', b: 'same' }, { a: 'personal', b: 'sensitive' }, 'subj-1', keys, context);
      for (const group of groupsOf(sealed)) ivs.add(group.iv);
    }
    expect(ivs.size).toBe(1200);
  });

  it('returns only the fields still in the data, and opens no group none of whose fields was asked for', async () => {
    const keys = keyRing();
    const sealed = await encryptFields(data, schema, 'subj-1', keys, context);
    const [personal, sensitive] = groupsOf(sealed) as [SealedFields, SealedFields];

    // A reader who may not see the sensitive fields: they are removed before decryption.
    const visible = without(sealed, 'birthYear', 'needs');
    await expect(decryptFields(visible, keys, context)).resolves.toEqual({ data: without(data, 'birthYear', 'needs'), erasedFields: [] });
    // The sensitive group was not opened: a broken one does not even make the read fail.
    const ct = Buffer.from(sensitive.ct, 'base64');
    ct[0]! ^= 1;
    const brokenSensitive = { ...visible, $enc: [personal, { ...sensitive, ct: ct.toString('base64') }] };
    await expect(decryptFields(brokenSensitive, keys, context)).resolves.toEqual({
      data: without(data, 'birthYear', 'needs'),
      erasedFields: [],
    });

    // Part of a group: only those fields come back.
    const onlyName = await decryptFields(without(sealed, 'aliases', 'contact', 'birthYear'), keys, context);
    expect(onlyName.data).toEqual({ caseId: 'case-17', district: 'Ba Đình', name: 'Nguyễn Thị Lan', needs: data.needs });

    // No protected field left: no key is asked for.
    const calls = keys.existingKeyCalls;
    await expect(decryptFields(without(sealed, 'name', 'birthYear', 'needs', 'aliases', 'contact'), keys, context)).resolves.toEqual({
      data: { caseId: 'case-17', district: 'Ba Đình' },
      erasedFields: [],
    });
    expect(keys.existingKeyCalls).toBe(calls);
  });

  it('fails, as an error and not as erased, for sealed fields moved to another event, subject or field', async () => {
    const keys = keyRing();
    const one = await encryptFields(data, schema, 'subj-1', keys, context);
    const two = await encryptFields(data, schema, 'subj-2', keys, otherEvent);
    const [personal] = groupsOf(one) as [SealedFields];

    await expect(decryptFields(one, keys, { ...context, eventType: 'support.case_closed' })).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields(one, keys, otherEvent)).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields({ ...one, $enc: groupsOf(two) }, keys, context)).rejects.toThrow(FieldDecryptionError);
    const relabelled = { ...one, $enc: [{ ...personal, sub: 'subj-2' }, groupsOf(one)[1]!] };
    await expect(decryptFields(relabelled, keys, context)).rejects.toThrow(
      /"name, contact.phone, aliases" could not be decrypted \(authentication failed/,
    );
    // A field list naming other fields (to show a value under another field's name) fails.
    const renamed = { ...one, $enc: [{ ...personal, fields: ['aliases', 'contact.phone', 'district'] }, groupsOf(one)[1]!] };
    await expect(decryptFields({ ...without(renamed, 'name'), district: { $enc: 2 } }, keys, context)).rejects.toThrow(
      /authentication failed/,
    );
    // A reference where the event holds no sealed value for that field.
    await expect(decryptFields({ ...one, caseId: { $enc: 2 } }, keys, context)).rejects.toThrow(
      /"caseId" could not be decrypted \(no sealed value for this field\)/,
    );
    await expect(decryptFields(without(one, '$enc'), keys, context)).rejects.toThrow(/no sealed value for this field/);
    // Controls: the untouched events still open, with the event id in any case.
    await expect(decryptFields(one, keys, { ...context, eventId: context.eventId.toUpperCase() })).resolves.toEqual({
      data,
      erasedFields: [],
    });
    await expect(decryptFields(two, keys, otherEvent)).resolves.toEqual({ data, erasedFields: [] });
  });

  it('fails on a changed ciphertext, tag or envelope', async () => {
    const keys = keyRing();
    const sealed = await encryptFields(data, schema, 'subj-1', keys, context);
    const [personal, sensitive] = groupsOf(sealed) as [SealedFields, SealedFields];
    const withPersonal = (group: unknown) => ({ ...sealed, $enc: [group, sensitive] }) as JsonObject;
    const ct = Buffer.from(personal.ct, 'base64');
    ct[0]! ^= 1;
    await expect(decryptFields(withPersonal({ ...personal, ct: ct.toString('base64') }), keys, context)).rejects.toThrow(
      FieldDecryptionError,
    );
    await expect(decryptFields(withPersonal({ ...personal, tag: personal.tag.slice(0, 8) }), keys, context)).rejects.toThrow(
      /malformed envelope/,
    );
    await expect(decryptFields(withPersonal({ ...personal, iv: 'not base64!!' }), keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields(withPersonal({ ...personal, $enc: 3 }), keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields(withPersonal({ ...personal, fields: [...personal.fields].reverse() }), keys, context)).rejects.toThrow(
      /malformed envelope/,
    );
    await expect(decryptFields(withPersonal({ ...personal, fields: [] }), keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields({ ...sealed, $enc: [personal, personal] }, keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields({ ...sealed, $enc: personal }, keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields({ ...sealed, name: { $enc: 2, sub: 'subj-2' } }, keys, context)).rejects.toThrow(
      /"name" could not be decrypted \(malformed envelope\)/,
    );
  });
});

/** Format 1 as documented, written here independently of the cipher: one envelope per field. */
function sealV1(
  input: JsonObject,
  paths: string[],
  subjectId: string,
  key: KeyObject,
  at: { eventType: string; eventId: string },
): JsonObject {
  const out = structuredClone(input);
  for (const path of paths) {
    const names = path.split('.');
    const parent = names.slice(0, -1).reduce((object, name) => object[name] as JsonObject, out);
    const last = names[names.length - 1]!;
    if (!Object.hasOwn(parent, last)) continue;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(
      Buffer.from(JSON.stringify(['field:v1', at.eventType, at.eventId.toLowerCase(), path, subjectId]), 'utf8'),
    );
    const ct = Buffer.concat([cipher.update(JSON.stringify(parent[last]), 'utf8'), cipher.final()]);
    const envelope: EncryptedField = {
      $enc: 1,
      sub: subjectId,
      alg: 'A256GCM',
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    parent[last] = envelope;
  }
  return out;
}

describe('field cipher, format 1 (still read): one envelope per field', () => {
  const PROTECTED = [...PERSONAL, ...SENSITIVE];
  const v1 = async (keys: ReturnType<typeof keyRing>, subjectId: string, at = context, input = data) =>
    sealV1(input, PROTECTED, subjectId, await keys.keyFor(subjectId), at);

  it('opens stored format 1 envelopes, also next to format 2 fields', async () => {
    const keys = keyRing();
    const stored = await v1(keys, 'subj-1');
    expect(stored.name).toMatchObject({ $enc: 1, sub: 'subj-1', alg: 'A256GCM' });
    expect(JSON.stringify(stored)).not.toMatch(/Nguyễn|1994|912 345|clinic/);
    await expect(decryptFields(stored, keys, context)).resolves.toEqual({ data, erasedFields: [] });
    await expect(decryptFields(JSON.parse(JSON.stringify(stored)) as JsonObject, keys, context)).resolves.toEqual({
      data,
      erasedFields: [],
    });
    await expect(decryptFields(without(stored, 'needs', 'birthYear'), keys, context)).resolves.toEqual({
      data: without(data, 'needs', 'birthYear'),
      erasedFields: [],
    });

    const v2 = await encryptFields({ caseId: 'case-17', district: 'Ba Đình', name: 'Nguyễn Thị Lan' }, schema, 'subj-1', keys, context);
    const mixed = { ...v2, needs: stored.needs! };
    await expect(decryptFields(mixed, keys, context)).resolves.toEqual({
      data: { caseId: 'case-17', district: 'Ba Đình', name: 'Nguyễn Thị Lan', needs: data.needs },
      erasedFields: [],
    });
  });

  it('fails, as an error and not as erased, for a ciphertext moved to another field, event or subject', async () => {
    const keys = keyRing();
    const one = await v1(keys, 'subj-1');
    const two = await v1(keys, 'subj-2', otherEvent);

    const movedField = { ...one, name: one.birthYear! };
    await expect(decryptFields(movedField, keys, context)).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields(one, keys, { ...context, eventType: 'support.case_closed' })).rejects.toThrow(FieldDecryptionError);
    await expect(decryptFields(one, keys, otherEvent)).rejects.toThrow(FieldDecryptionError);
    const relabelled = { ...one, name: { ...(one.name as EncryptedField), sub: 'subj-2' } };
    await expect(decryptFields(relabelled, keys, context)).rejects.toThrow(/"name" could not be decrypted \(authentication failed/);
    const fromAnotherSubjectsEvent = { ...one, name: two.name! };
    await expect(decryptFields(fromAnotherSubjectsEvent, keys, context)).rejects.toThrow(FieldDecryptionError);
    // Controls: the untouched events still open, with the event id in any case.
    await expect(decryptFields(one, keys, { ...context, eventId: context.eventId.toUpperCase() })).resolves.toEqual({
      data,
      erasedFields: [],
    });
    await expect(decryptFields(two, keys, otherEvent)).resolves.toEqual({ data, erasedFields: [] });
  });

  it('fails on a changed ciphertext, tag or envelope', async () => {
    const keys = keyRing();
    const sealed = await v1(keys, 'subj-1');
    const name = sealed.name as EncryptedField;
    const ct = Buffer.from(name.ct, 'base64');
    ct[0]! ^= 1;
    await expect(decryptFields({ ...sealed, name: { ...name, ct: ct.toString('base64') } }, keys, context)).rejects.toThrow(
      FieldDecryptionError,
    );
    await expect(decryptFields({ ...sealed, name: { ...name, tag: name.tag.slice(0, 8) } }, keys, context)).rejects.toThrow(
      /malformed envelope/,
    );
    await expect(decryptFields({ ...sealed, name: { ...name, $enc: 3 } }, keys, context)).rejects.toThrow(/malformed envelope/);
    await expect(decryptFields({ ...sealed, name: { ...name, alg: 'A128GCM' } as JsonValue }, keys, context)).rejects.toThrow(
      /malformed envelope/,
    );
  });

  it('treats a subject with no key as an error, and shows the erased marker once it was erased', async () => {
    const keys = keyRing();
    const stored = await v1(keys, 'subj-1');
    await expect(decryptFields(stored, keyRing(), context)).rejects.toThrow(
      /"name" could not be decrypted \(subject subj-1 has no key and was not erased\)/,
    );
    keys.erase('subj-1');
    const opened = await decryptFields(stored, keys, context);
    expect(opened.erasedFields.sort()).toEqual(['aliases', 'birthYear', 'contact.phone', 'name', 'needs']);
    expect(opened.data).toMatchObject({
      name: ERASED_MARKER,
      contact: { phone: ERASED_MARKER, preferredTime: 'morning' },
      caseId: 'case-17',
    });
  });
});
