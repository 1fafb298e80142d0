import { REDACTED } from '../../../access/src/application/policy-point.js';
import { decryptFields, type KeyStore } from '../../../crypto/src/index.js';
import type { JsonObject, RecordedEvent } from '../../../event-store/src/port.js';

export interface OpenedEvent {
  /** Every field of the event: the value, the redaction marker, or the erased marker. */
  data: Record<string, unknown>;
  erasedFields: string[];
}

/**
 * One event's data for a reader, as CaseReader opens it: the fields the decision hides become
 * the redaction marker and are never decrypted; the others are decrypted (erased subjects read
 * as erased).
 */
export async function openEvent(
  event: RecordedEvent,
  hidden: ReadonlySet<string>,
  keys: Pick<KeyStore, 'existingKey'>,
): Promise<OpenedEvent> {
  const visible = Object.fromEntries(Object.entries(event.data).filter(([name]) => !hidden.has(name))) as JsonObject;
  const opened = await decryptFields(visible, keys, { eventType: event.type, eventId: event.id });
  const data: Record<string, unknown> = { ...opened.data };
  for (const name of Object.keys(event.data)) if (hidden.has(name)) data[name] = REDACTED;
  return { data, erasedFields: opened.erasedFields };
}
