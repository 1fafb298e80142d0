import { randomUUID } from 'node:crypto';
import type { EventMetadataInput, JsonObject, NewEvent } from '../src/port.js';

/** The same event for every scenario: this type, ~500 bytes of JSON data, the same metadata. */
export const EVENT_TYPE = 'bench.sample_recorded';
export const DATA_BYTES = 500;

const PROSE =
  'Outreach worker met two people near the night market, shared the support line number and a leaflet on health services; ' +
  'one asked about vocational training and agreed to a follow-up visit at the district centre next week. ';

function dataWith(sequence: number, note: string): JsonObject {
  return {
    caseId: randomUUID(),
    reference: String(sequence).padStart(12, '0'),
    category: 'street_outreach',
    district: 'district-07',
    peopleMet: 2,
    followUpRequired: true,
    note,
  };
}

/** Fields above have a fixed width, so one note length gives exactly DATA_BYTES for every event. */
const NOTE = PROSE.repeat(4).slice(0, DATA_BYTES - JSON.stringify(dataWith(0, '')).length);

export function sampleData(sequence: number): JsonObject {
  return dataWith(sequence, NOTE);
}

export function sampleMetadata(): EventMetadataInput {
  return {
    actorId: 'worker-0042',
    role: 'outreach_worker',
    jurisdiction: 'VN-HN-07',
    purpose: 'case_management',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
}

export function sampleEvent(sequence: number): NewEvent {
  return { id: randomUUID(), type: EVENT_TYPE, schemaVersion: 1, data: sampleData(sequence), metadata: sampleMetadata() };
}

export function sampleBatch(size: number, firstSequence: number): NewEvent[] {
  return Array.from({ length: size }, (_, i) => sampleEvent(firstSequence + i));
}
