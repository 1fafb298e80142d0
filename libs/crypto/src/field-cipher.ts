import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import type { JsonObject, JsonValue } from '../../event-store/src/index.js';
import { FieldDecryptionError, InvalidFieldSchemaError, UnlabelledFieldError } from './errors.js';
import { hasNestedLabels, isProtected, labelsOf, type FieldLabel, type FieldSchema } from './field-labels.js';
import { assertSubjectId, isSubjectId, type KeyStore } from './key-store.js';

/** How an encrypted value is stored in an event's data (a type alias, so it is a JsonValue). */
export type EncryptedField = {
  $enc: 1;
  /** The data subject whose key encrypted it (pseudonymous id). */
  sub: string;
  alg: 'A256GCM';
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
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Event, field path and subject are authenticated with the value, so a ciphertext copied to another
// field, event or subject fails to decrypt instead of showing the wrong person's data there.
const aad = (context: FieldCipherContext, path: string, subjectId: string) =>
  Buffer.from(JSON.stringify(['field:v1', context.eventType, context.eventId.toLowerCase(), path, subjectId]), 'utf8');

/**
 * Encrypts the `personal` and `sensitive` fields of an event's data with the subject's key, before
 * the event is appended. Every field must be labelled; the subject's key is only fetched (and
 * created) when a protected value is present.
 */
export async function encryptFields(
  data: JsonObject,
  schema: FieldSchema,
  subjectId: string,
  keys: Pick<KeyStore, 'keyFor'>,
  context: FieldCipherContext,
): Promise<JsonObject> {
  assertSubjectId(subjectId);
  assertContext(context);
  if (!isPlainObject(data)) throw new InvalidFieldSchemaError(`Event ${context.eventType}: data must be a JSON object`);
  const labels = labelsOf(schema);
  let protectedValues = 0;
  const checked = relabel(data, '', labels, context.eventType, (value) => {
    protectedValues++;
    return value;
  });
  if (protectedValues === 0) return checked;
  const key = await keys.keyFor(subjectId);
  return relabel(data, '', labels, context.eventType, (value, path) => seal(value, key, aad(context, path, subjectId), subjectId));
}

/**
 * Opens every encrypted field of an event's data. A field whose subject was erased becomes
 * ERASED_MARKER; any other failure throws FieldDecryptionError.
 */
export async function decryptFields(data: JsonObject, keys: Pick<KeyStore, 'existingKey'>, context: FieldCipherContext): Promise<DecryptedData> {
  assertContext(context);
  const subjects = new Set<string>();
  mapEnvelopes(data, '', (value, path) => {
    subjects.add(parseEnvelope(value, context.eventType, path).sub);
    return value;
  });
  const found = new Map(await Promise.all([...subjects].map(async (s) => [s, await keys.existingKey(s)] as const)));
  const erasedFields: string[] = [];
  const opened = mapEnvelopes(data, '', (value, path) => {
    const envelope = parseEnvelope(value, context.eventType, path);
    const key = found.get(envelope.sub)!;
    if (key === 'erased') {
      erasedFields.push(path);
      return { ...ERASED_MARKER };
    }
    if (key === 'none') throw new FieldDecryptionError(context.eventType, path, `subject ${envelope.sub} has no key and was not erased`);
    return open(envelope, key, aad(context, path, envelope.sub), context.eventType, path);
  });
  return { data: opened, erasedFields };
}

export function isEncryptedField(value: unknown): boolean {
  return isPlainObject(value) && Object.hasOwn(value, ENVELOPE_KEY);
}

type Seal = (value: JsonValue, path: string) => JsonValue;

function relabel(object: JsonObject, prefix: string, labels: ReadonlyMap<string, FieldLabel>, eventType: string, protect: Seal): JsonObject {
  return Object.fromEntries(
    Object.entries(object).map(([name, value]) => {
      const path = prefix + name;
      if (name === ENVELOPE_KEY) throw new InvalidFieldSchemaError(`Event ${eventType}: "${path}" uses the reserved field name "${ENVELOPE_KEY}"`);
      if (name.includes('.')) throw new InvalidFieldSchemaError(`Event ${eventType}: field name "${path}" contains ".", which separates nested paths`);
      const label = labels.get(path);
      if (label === undefined) {
        if (isPlainObject(value) && hasNestedLabels(labels, path)) return [name, relabel(value, `${path}.`, labels, eventType, protect)];
        throw new UnlabelledFieldError(eventType, path);
      }
      if (value === undefined) return [name, value];
      if (isProtected(label)) return [name, protect(value, path)];
      if (containsEnvelopeKey(value)) throw new InvalidFieldSchemaError(`Event ${eventType}: ${label} field "${path}" contains the reserved key "${ENVELOPE_KEY}"`);
      return [name, value];
    }),
  );
}

function mapEnvelopes(object: JsonObject, prefix: string, visit: Seal): JsonObject {
  return Object.fromEntries(
    Object.entries(object).map(([name, value]) => {
      const path = prefix + name;
      if (!isPlainObject(value)) return [name, value];
      if (Object.hasOwn(value, ENVELOPE_KEY)) return [name, visit(value, path)];
      return [name, mapEnvelopes(value, `${path}.`, visit)];
    }),
  );
}

function seal(value: JsonValue, key: KeyObject, additionalData: Buffer, subjectId: string): EncryptedField {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(additionalData);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $enc: 1, sub: subjectId, alg: 'A256GCM', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function open(envelope: EncryptedField, key: KeyObject, additionalData: Buffer, eventType: string, path: string): JsonValue {
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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseEnvelope(value: JsonValue, eventType: string, path: string): EncryptedField {
  const v = value as Partial<Record<keyof EncryptedField, unknown>>;
  const bytes = (text: unknown) => (typeof text === 'string' && BASE64.test(text) ? Buffer.from(text, 'base64').length : -1);
  const wellFormed =
    v.$enc === 1 &&
    v.alg === 'A256GCM' &&
    isSubjectId(v.sub) &&
    bytes(v.iv) === IV_BYTES &&
    bytes(v.tag) === TAG_BYTES &&
    bytes(v.ct) >= 0;
  if (!wellFormed) throw new FieldDecryptionError(eventType, path, 'malformed envelope');
  return v as EncryptedField;
}

function assertContext(context: FieldCipherContext): void {
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  if (!text(context?.eventType) || !text(context?.eventId)) throw new InvalidFieldSchemaError('FieldCipherContext: eventType and eventId are required');
}

function containsEnvelopeKey(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(containsEnvelopeKey);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([name, inner]) => name === ENVELOPE_KEY || containsEnvelopeKey(inner));
}

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
