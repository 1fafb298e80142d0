import { createHash } from 'node:crypto';
import type { EventMetadata, JsonValue, RecordedEvent } from './port.js';

/** Hash that precedes revision 0 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, JSON.stringify escaping.
 * A value that went through JSON (e.g. PostgreSQL jsonb and back) encodes to the same text.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

export interface HashedContent {
  id: string;
  type: string;
  schemaVersion: number;
  data: JsonValue;
  metadata: EventMetadata;
}

/** The event's content that the chain covers, besides its stream and revision. */
export function canonicalBody(event: HashedContent): string {
  return canonicalJson({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata as unknown as JsonValue,
  });
}

/**
 * hash(n) = SHA-256(hash(n-1) "\n" stream "\n" revision "\n" canonicalBody), hex.
 * The PostgreSQL adapter computes the same formula inside its append function.
 */
export function linkHash(previousHash: string, streamId: string, revision: number, body: string): string {
  return createHash('sha256').update(`${previousHash}\n${streamId}\n${revision}\n${body}`, 'utf8').digest('hex');
}

export function eventHash(previousHash: string, event: RecordedEvent): string {
  return linkHash(previousHash, event.streamId, event.revision, canonicalBody(event));
}
