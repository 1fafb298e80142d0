import { createCipheriv, createDecipheriv, randomFillSync, type KeyObject } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../event-store/src/index.js';
import { FieldDecryptionError, InvalidFieldSchemaError, UnlabelledFieldError } from './errors.js';
import { hasNestedLabels, isProtected, labelsOf, type FieldLabel, type FieldSchema } from './field-labels.js';
import { assertSubjectId, isSubjectId, type KeyStore, type SubjectOwner } from './key-store.js';

/**
 * Format 1 (read, no longer written): one envelope per protected field, in the field's place.
 * A type alias, so it is a JsonValue.
 */
export type EncryptedField = {
  $enc: 1;
  /** The data subject whose key encrypted it (pseudonymous id). */
  sub: string;
  alg: 'A256GCM';
  iv: string;
  ct: string;
  tag: string;
};

/** Format 2: what a protected field holds in the stored data; its value is in one of the event's SealedFields. */
export type SealedFieldRef = { $enc: 2 };

/**
 * Format 2: the protected fields of one label (`personal` or `sensitive`) of an event, sealed
 * together in one AES-256-GCM operation. The event's data keeps them as a list under the reserved
 * top-level key "$enc" (at most one per label), and `{ "$enc": 2 }` in each protected field's place.
 */
export type SealedFields = {
  $enc: 2;
  /** The data subject whose key encrypted it (pseudonymous id). */
  sub: string;
  alg: 'A256GCM';
  /** Dotted paths of the sealed fields, sorted; the plaintext is the JSON array of their values in this order. */
  fields: string[];
  iv: string;
  ct: string;
  tag: string;
};

/** What a field reads as once its subject was erased. */
export const ERASED_MARKER: Readonly<{ erased: true }> = Object.freeze({ erased: true });

/** Bound into every ciphertext of the event, so it is only readable in the event it was written for. */
export interface FieldCipherContext {
  /** The event's fixed type string. */
  eventType: string;
  /** The event's id (compared in lower case, as the event store keeps it). */
  eventId: string;
}

export interface DecryptedData {
  data: JsonObject;
  /** Dotted paths of the fields whose subject was erased; they hold ERASED_MARKER. */
  erasedFields: string[];
}

const ENVELOPE_KEY = '$enc';
const ALG = 'A256GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Format 1: event, field path and subject are authenticated with the value, so a ciphertext copied
// to another field, event or subject fails to decrypt instead of showing the wrong person's data there.
const fieldAad = (context: FieldCipherContext, path: string, subjectId: string) =>
  Buffer.from(JSON.stringify(['field:v1', context.eventType, context.eventId.toLowerCase(), path, subjectId]), 'utf8');

// Format 2: event, subject and the sorted list of field paths are authenticated with the values,
// and each value is tied to its path by its position in the sealed array.
const groupAad = (context: FieldCipherContext, subjectId: string, fields: readonly string[]) =>
  Buffer.from(JSON.stringify(['fields:v2', context.eventType, context.eventId.toLowerCase(), subjectId, fields]), 'utf8');

/**
 * Encrypts the `personal` and `sensitive` fields of an event's data with the subject's key, before
 * the event is appended: the fields of each label are sealed together (format 2). Every field must
 * be labelled; the subject's key is only fetched (and created) when a protected value is present.
 */
export async function encryptFields(
  data: JsonObject,
  schema: FieldSchema,
  subjectId: string,
  keys: Pick<KeyStore, 'keyFor'>,
  context: FieldCipherContext,
  owner?: SubjectOwner,
): Promise<JsonObject> {
  assertSubjectId(subjectId);
  assertContext(context);
  if (!isPlainObject(data)) throw new InvalidFieldSchemaError(`Event ${context.eventType}: data must be a JSON object`);
  const labels = labelsOf(schema);
  const groups = new Map<FieldLabel, Array<[path: string, value: JsonValue]>>();
  const stored = relabel(data, '', labels, context.eventType, (value, path, label) => {
    let group = groups.get(label);
    if (!group) groups.set(label, (group = []));
    group.push([path, value]);
    return { $enc: 2 } satisfies SealedFieldRef;
  });
  if (groups.size === 0) return stored;
  const key = await keys.keyFor(subjectId, owner);
  const sealed: SealedFields[] = [];
  for (const label of ['personal', 'sensitive'] as const) {
    const group = groups.get(label);
    if (group) sealed.push(sealGroup(group, key, context, subjectId));
  }
  stored[ENVELOPE_KEY] = sealed;
  return stored;
}

/**
 * Opens the encrypted fields present in an event's data (format 1 envelopes and format 2
 * references). A format 2 group is only decrypted when at least one of its fields is still in
 * `data`, and only the fields still in `data` are returned: remove the fields a reader may not see
 * before calling this. A field whose subject was erased becomes ERASED_MARKER; any other failure
 * throws FieldDecryptionError.
 */
export async function decryptFields(
  data: JsonObject,
  keys: Pick<KeyStore, 'existingKey'>,
  context: FieldCipherContext,
): Promise<DecryptedData> {
  assertContext(context);
  const sealedByPath = indexSealedGroups(data, context.eventType);
  const slots: Slot[] = [];
  const opened = copyFindingEnvelopes(data, '', true, (envelope, path, target, name) => {
    if (envelope.$enc === 2) {
      const at = sealedByPath?.get(path);
      if (!at || Object.keys(envelope).length !== 1)
        throw new FieldDecryptionError(context.eventType, path, at ? 'malformed envelope' : 'no sealed value for this field');
      at.group.requested.push(path);
      slots.push({ target, name, path, group: at.group, index: at.index });
    } else {
      slots.push({ target, name, path, envelope: parseEnvelope(envelope, context.eventType, path) });
    }
  });
  if (slots.length === 0) return { data: opened, erasedFields: [] };

  const subjects = new Set<string>();
  for (const slot of slots) subjects.add(subjectOf(slot));
  const found = new Map<string, KeyObject | 'erased' | 'none'>();
  if (subjects.size === 1) {
    const subject = subjects.values().next().value!;
    found.set(subject, await keys.existingKey(subject));
  } else {
    for (const [subject, key] of await Promise.all([...subjects].map(async (s) => [s, await keys.existingKey(s)] as const)))
      found.set(subject, key);
  }

  const erasedFields: string[] = [];
  for (const slot of slots) {
    const sub = subjectOf(slot);
    const key = found.get(sub)!;
    if (key === 'erased') {
      erasedFields.push(slot.path);
      put(slot.target, slot.name, { ...ERASED_MARKER });
      continue;
    }
    if (key === 'none') {
      const field = slot.group ? slot.group.requested.join(', ') : slot.path;
      throw new FieldDecryptionError(context.eventType, field, `subject ${sub} has no key and was not erased`);
    }
    if (slot.group) {
      slot.group.values ??= openGroup(slot.group, key, context);
      put(slot.target, slot.name, slot.group.values[slot.index]!);
    } else {
      put(slot.target, slot.name, openField(slot.envelope, key, fieldAad(context, slot.path, sub), context.eventType, slot.path));
    }
  }
  return { data: opened, erasedFields };
}

/** True for a stored encrypted field: a format 1 envelope or a format 2 reference. */
export function isEncryptedField(value: unknown): boolean {
  return isPlainObject(value) && Object.hasOwn(value, ENVELOPE_KEY);
}

type Protect = (value: JsonValue, path: string, label: FieldLabel) => JsonValue;

function relabel(
  object: JsonObject,
  prefix: string,
  labels: ReadonlyMap<string, FieldLabel>,
  eventType: string,
  protect: Protect,
): JsonObject {
  const out: JsonObject = {};
  for (const name of Object.keys(object)) {
    const value = object[name]!;
    const path = prefix + name;
    if (name === ENVELOPE_KEY)
      throw new InvalidFieldSchemaError(`Event ${eventType}: "${path}" uses the reserved field name "${ENVELOPE_KEY}"`);
    if (name.includes('.'))
      throw new InvalidFieldSchemaError(`Event ${eventType}: field name "${path}" contains ".", which separates nested paths`);
    const label = labels.get(path);
    if (label === undefined) {
      if (isPlainObject(value) && hasNestedLabels(labels, path)) put(out, name, relabel(value, `${path}.`, labels, eventType, protect));
      else throw new UnlabelledFieldError(eventType, path);
    } else if (value === undefined) {
      put(out, name, value);
    } else if (isProtected(label)) {
      put(out, name, protect(value, path, label));
    } else {
      if (containsEnvelopeKey(value))
        throw new InvalidFieldSchemaError(`Event ${eventType}: ${label} field "${path}" contains the reserved key "${ENVELOPE_KEY}"`);
      put(out, name, value);
    }
  }
  return out;
}

type Visit = (envelope: JsonObject, path: string, target: JsonObject, name: string) => void;

/** A copy of `object` without the top-level "$enc"; every envelope found is handed to `visit`, which fills its place later. */
function copyFindingEnvelopes(object: JsonObject, prefix: string, top: boolean, visit: Visit): JsonObject {
  const out: JsonObject = {};
  for (const name of Object.keys(object)) {
    if (top && name === ENVELOPE_KEY) continue;
    const value = object[name]!;
    if (!isPlainObject(value)) {
      put(out, name, value);
      continue;
    }
    const path = prefix + name;
    if (Object.hasOwn(value, ENVELOPE_KEY)) {
      put(out, name, null);
      visit(value, path, out, name);
    } else {
      put(out, name, copyFindingEnvelopes(value, `${path}.`, false, visit));
    }
  }
  return out;
}

interface Group {
  sealed: SealedFields;
  /** Paths of this group present in the data being decrypted. */
  requested: string[];
  values?: JsonValue[];
}

/** A place in the copied data that an encrypted value is opened into. */
type Slot = { target: JsonObject; name: string; path: string } & (
  { group: Group; index: number; envelope?: never } | { group?: never; envelope: EncryptedField }
);

const subjectOf = (slot: Slot) => (slot.group ? slot.group.sealed.sub : slot.envelope.sub);

// One buffer of random bytes is cut into IVs: a fresh random 96-bit IV per seal, without a call
// into the random generator for each.
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafeSlow(IV_BYTES * 512));
    ivOffset = 0;
  }
  return ivPool.subarray(ivOffset, (ivOffset += IV_BYTES));
}

function sealGroup(entries: Array<[string, JsonValue]>, key: KeyObject, context: FieldCipherContext, subjectId: string): SealedFields {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const fields = entries.map(([path]) => path);
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(groupAad(context, subjectId, fields));
  const ct = cipher.update(JSON.stringify(entries.map(([, value]) => value)), 'utf8', 'base64') + cipher.final('base64');
  return { $enc: 2, sub: subjectId, alg: ALG, fields, iv: iv.toString('base64'), ct, tag: cipher.getAuthTag().toString('base64') };
}

function openGroup(group: Group, key: KeyObject, context: FieldCipherContext): JsonValue[] {
  const { sealed } = group;
  if (!wellFormedCipherText(sealed)) throw new FieldDecryptionError(context.eventType, group.requested.join(', '), 'malformed envelope');
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: TAG_BYTES })
      .setAAD(groupAad(context, sealed.sub, sealed.fields))
      .setAuthTag(Buffer.from(sealed.tag, 'base64'));
    // GCM releases nothing unauthenticated here: the plaintext is only used once final() checked the tag.
    plaintext = decipher.update(sealed.ct, 'base64', 'utf8') + decipher.final('utf8');
  } catch {
    throw new FieldDecryptionError(
      context.eventType,
      group.requested.join(', '),
      'authentication failed: tampered, or moved from another event or subject',
    );
  }
  const values = JSON.parse(plaintext) as unknown;
  if (!Array.isArray(values) || values.length !== sealed.fields.length)
    throw new FieldDecryptionError(context.eventType, group.requested.join(', '), 'malformed plaintext');
  return values as JsonValue[];
}

function openField(envelope: EncryptedField, key: KeyObject, additionalData: Buffer, eventType: string, path: string): JsonValue {
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: TAG_BYTES })
      .setAAD(additionalData)
      .setAuthTag(Buffer.from(envelope.tag, 'base64'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldDecryptionError(eventType, path, 'authentication failed: tampered, or moved from another field, event or subject');
  }
  return JSON.parse(plaintext) as JsonValue;
}

// Padded base64 of exactly 12 bytes, of exactly 16 bytes, and of any length.
const IV_BASE64 = /^[A-Za-z0-9+/]{16}$/;
const TAG_BASE64 = /^[A-Za-z0-9+/]{22}==$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const wellFormedCipherText = (v: { iv?: unknown; ct?: unknown; tag?: unknown }) =>
  typeof v.iv === 'string' &&
  IV_BASE64.test(v.iv) &&
  typeof v.tag === 'string' &&
  TAG_BASE64.test(v.tag) &&
  typeof v.ct === 'string' &&
  v.ct.length % 4 === 0 &&
  BASE64.test(v.ct);

function parseEnvelope(value: JsonObject, eventType: string, path: string): EncryptedField {
  const v = value as Partial<Record<keyof EncryptedField, unknown>>;
  if (v.$enc !== 1 || v.alg !== ALG || !isSubjectId(v.sub) || !wellFormedCipherText(v))
    throw new FieldDecryptionError(eventType, path, 'malformed envelope');
  return v as EncryptedField;
}

/** The format 2 groups of the data by field path, or null when there are none. */
function indexSealedGroups(data: JsonObject, eventType: string): Map<string, { group: Group; index: number }> | null {
  if (!Object.hasOwn(data, ENVELOPE_KEY)) return null;
  const list = data[ENVELOPE_KEY];
  const malformed = () => new FieldDecryptionError(eventType, ENVELOPE_KEY, 'malformed envelope');
  if (!Array.isArray(list)) throw malformed();
  const byPath = new Map<string, { group: Group; index: number }>();
  for (const item of list) {
    const v = item as Partial<Record<keyof SealedFields, unknown>> | null;
    // iv, ct and tag are checked when the group is opened: a group none of whose fields is read is left alone.
    if (!isPlainObject(v) || v.$enc !== 2 || v.alg !== ALG || !isSubjectId(v.sub) || !Array.isArray(v.fields) || v.fields.length === 0)
      throw malformed();
    const group: Group = { sealed: v as SealedFields, requested: [] };
    v.fields.forEach((path: unknown, index: number) => {
      // Sorted and unique, as written; a path in two groups is refused.
      if (typeof path !== 'string' || path.length === 0 || (index > 0 && !((v.fields as string[])[index - 1]! < path)) || byPath.has(path))
        throw malformed();
      byPath.set(path, { group, index });
    });
  }
  return byPath;
}

function assertContext(context: FieldCipherContext): void {
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  if (!text(context?.eventType) || !text(context?.eventId))
    throw new InvalidFieldSchemaError('FieldCipherContext: eventType and eventId are required');
}

function containsEnvelopeKey(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(containsEnvelopeKey);
  if (!isPlainObject(value)) return false;
  for (const name of Object.keys(value)) if (name === ENVELOPE_KEY || containsEnvelopeKey(value[name]!)) return true;
  return false;
}

/** Sets an own property, also for the name "__proto__" (which plain assignment would treat as the prototype). */
function put(target: JsonObject, name: string, value: JsonValue): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
