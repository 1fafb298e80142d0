import { InvalidRequestError } from './errors.js';
import { canonicalBody } from './hash-chain.js';
import type { EventMetadata, ExpectedRevision, JsonObject, NewEvent } from './port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const METADATA_STRINGS = ['actorId', 'role', 'jurisdiction', 'purpose', 'correlationId', 'occurredAt'] as const;

export function assertStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId) || streamId.startsWith('$')) {
    throw new InvalidRequestError('streamId: 1-200 characters of letters, digits, "_", ".", ":" or "-", starting with a letter or digit');
  }
}

export function assertExpected(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidRequestError('expected: any, no_stream, stream_exists or a revision >= 0');
}

/**
 * Validates a batch and returns it as stored: data and metadata passed through JSON (so what is
 * hashed is what is read back), recordedAt stamped, and each event's canonical body.
 */
export function prepareBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision, recordedAt: Date) {
  assertStreamId(streamId);
  assertExpected(expected);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidRequestError('events: at least one event is required');
  if (events.length > 1000) throw new InvalidRequestError('events: at most 1000 events per append');
  const ids = new Set<string>();
  return events.map((event, index) => {
    const at = `events[${index}]`;
    if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidRequestError(`${at}.id: a UUID`);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new InvalidRequestError(`${at}.id: repeated within the batch`);
    ids.add(id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type) || event.type.length > 100) {
      throw new InvalidRequestError(`${at}.type: a fixed dotted name such as "tip.received"`);
    }
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new InvalidRequestError(`${at}.schemaVersion: an integer >= 1`);
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data))
      throw new InvalidRequestError(`${at}.data: a JSON object`);
    const metadata = prepareMetadata(event.metadata, at, recordedAt);
    const data = JSON.parse(JSON.stringify(event.data)) as JsonObject;
    const stored = { id, type: event.type, schemaVersion: event.schemaVersion, data, metadata };
    return { ...stored, body: canonicalBody(stored) };
  });
}

function prepareMetadata(input: NewEvent['metadata'], at: string, recordedAt: Date): EventMetadata {
  if (input === null || typeof input !== 'object') throw new InvalidRequestError(`${at}.metadata: an object`);
  for (const key of METADATA_STRINGS) {
    if (typeof input[key] !== 'string' || input[key].length === 0)
      throw new InvalidRequestError(`${at}.metadata.${key}: a non-empty string`);
  }
  if (input.causationId !== null && typeof input.causationId !== 'string')
    throw new InvalidRequestError(`${at}.metadata.causationId: a string or null`);
  if (Number.isNaN(Date.parse(input.occurredAt))) throw new InvalidRequestError(`${at}.metadata.occurredAt: an ISO-8601 date-time`);
  return {
    actorId: input.actorId,
    role: input.role,
    jurisdiction: input.jurisdiction,
    purpose: input.purpose,
    correlationId: input.correlationId,
    causationId: input.causationId ?? null,
    occurredAt: input.occurredAt,
    recordedAt: recordedAt.toISOString(),
  };
}

export type PreparedEvent = ReturnType<typeof prepareBatch>[number];
