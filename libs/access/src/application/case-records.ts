import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, JsonObject, RecordedEvent } from '../../../event-store/src/port.js';
import { decryptFields, encryptFields, type FieldSchema, type KeyStore } from '../../../crypto/src/index.js';
import type { Decision } from '../domain/policy.js';
import type { FieldLabel, ResourceDescriptor, ResourceKind } from '../domain/resources.js';
import { REDACTED } from './policy-point.js';

/** Field labels per event type: every field of every event is labelled before it is stored. */
export class FieldSchemas {
  private readonly schemas = new Map<string, FieldSchema>();

  register(eventType: string, schema: FieldSchema): this {
    this.schemas.set(eventType, schema);
    return this;
  }

  /** Adds every registration of `other` (one registry for all contexts). */
  include(other: FieldSchemas): this {
    for (const [type, schema] of other.schemas) this.register(type, schema);
    return this;
  }

  of(eventType: string): FieldSchema {
    const schema = this.schemas.get(eventType);
    if (!schema) throw new Error(`No field labels for event type ${eventType}`);
    return schema;
  }
}

export interface NewCaseEvent {
  type: string;
  data: JsonObject;
  /** The pseudonymous data subject whose key encrypts the personal and sensitive fields. */
  subjectId: string;
  actorId: string;
  role: string;
  jurisdiction: string;
  purpose: string;
  correlationId: string;
}

export interface CaseView {
  kind: ResourceKind;
  id: string;
  jurisdiction: string;
  revision: number;
  fields: Record<string, unknown>;
  erasedFields: string[];
  redactedFields: string[];
  history: Array<{ type: string; at: string; actorId: string; revision: number }>;
}

export const caseStream = (kind: ResourceKind, id: string) => `${kind}-${id}`;

/**
 * A case as a stream of events whose personal and sensitive fields are encrypted before they are
 * appended, and whose view is redacted by a policy decision before anything is decrypted.
 */
export class CaseRecords {
  constructor(
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly schemas: FieldSchemas,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(kind: ResourceKind, id: string, event: NewCaseEvent, expected: ExpectedRevision) {
    const eventId = randomUUID();
    const data = await encryptFields(
      event.data,
      this.schemas.of(event.type),
      event.subjectId,
      this.keys,
      { eventType: event.type, eventId },
      { kind, recordId: id },
    );
    return this.store.append(
      caseStream(kind, id),
      [
        {
          id: eventId,
          type: event.type,
          schemaVersion: 1,
          data,
          metadata: {
            actorId: event.actorId,
            role: event.role,
            jurisdiction: event.jurisdiction,
            purpose: event.purpose,
            correlationId: event.correlationId,
            causationId: null,
            occurredAt: this.clock().toISOString(),
          },
        },
      ],
      expected,
    );
  }

  /** What the policy needs to decide about a case, or null when there is no such case. */
  async describe(kind: ResourceKind, id: string): Promise<{ resource: ResourceDescriptor; events: RecordedEvent[] } | null> {
    const events = await this.store.readStream(caseStream(kind, id));
    if (events.length === 0) return null;
    const fields: Record<string, FieldLabel> = {};
    // A (re)assignment replaces the assignee: an officer the case was taken from loses access.
    let assignees: string[] = [];
    for (const event of events) {
      Object.assign(fields, this.schemas.of(event.type));
      if (typeof event.data.assigneeId === 'string') assignees = [event.data.assigneeId];
      else if (Array.isArray(event.data.assigneeIds)) assignees = event.data.assigneeIds.filter((a): a is string => typeof a === 'string');
    }
    return { resource: { kind, id, jurisdiction: events[0]!.metadata.jurisdiction, assignees, fields }, events };
  }

  /** Latest value of each field; hidden fields are replaced by the redaction marker and never decrypted. */
  async view(kind: ResourceKind, id: string, events: RecordedEvent[], decision: Decision): Promise<CaseView> {
    const hidden = new Set(decision.redact);
    const fields: Record<string, unknown> = {};
    const erased = new Set<string>();
    for (const event of events) {
      const visible = Object.fromEntries(Object.entries(event.data).filter(([name]) => !hidden.has(name))) as JsonObject;
      const opened = await decryptFields(visible, this.keys, { eventType: event.type, eventId: event.id });
      Object.assign(fields, opened.data);
      for (const name of Object.keys(event.data)) if (hidden.has(name)) fields[name] = REDACTED;
      opened.erasedFields.forEach((f) => erased.add(f));
      for (const name of Object.keys(opened.data)) if (!opened.erasedFields.includes(name)) erased.delete(name);
    }
    const last = events[events.length - 1]!;
    return {
      kind,
      id,
      jurisdiction: events[0]!.metadata.jurisdiction,
      revision: last.revision,
      fields,
      erasedFields: [...erased],
      redactedFields: Object.keys(fields).filter((f) => hidden.has(f)),
      history: events.map((e) => ({ type: e.type, at: e.metadata.recordedAt, actorId: e.metadata.actorId, revision: e.revision })),
    };
  }
}
