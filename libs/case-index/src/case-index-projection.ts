import type { RecordedEvent } from '../../event-store/src/port.js';
import type { Projection, ProjectionTransaction } from '../../projections/src/projection.js';
import { toCurrentDomainEvent } from '../../upcasting/src/platform-upcasters.js';
import { CASE_INDEX_KINDS, type CaseIndexKind, type CaseIndexRow } from './domain/case-entry.js';
import { advanceRow, type CaseIndexEvent } from './domain/case-index-rows.js';
import { CASE_INDEX_SOURCES, type CaseIndexSource } from './domain/case-index-sources.js';

export const CASE_INDEX_PROJECTION = 'case_index';

const SCHEMA = `
create table case_index (
  kind text not null,
  case_id text not null,
  jurisdiction text not null,
  assignee_ids text[] not null,
  status text not null,
  opened_on date not null,
  last_event_at timestamptz not null,
  revision integer not null,
  label text not null,
  search_text text not null,
  details jsonb not null,
  primary key (kind, case_id)
);
`;

/** The list's order (newest activity first) within a kind and unit, within a kind, overall; and by assignee. */
const INDEXES = `
create index case_index_by_unit on case_index (kind, jurisdiction, last_event_at desc, case_id);
create index case_index_by_kind on case_index (kind, last_event_at desc, case_id);
create index case_index_by_activity on case_index (last_event_at desc, case_id, kind);
create index case_index_by_assignee on case_index using gin (assignee_ids);
`;

/** Case ids of each kind, one array parameter per kind, so lookups use the primary key. */
const BY_CASE = CASE_INDEX_KINDS.map((kind, i) => `(kind = '${kind}' and case_id = any($${i + 1}::text[]))`).join(' or ');
const idsByKind = (keys: ReadonlyArray<{ kind: CaseIndexKind; caseId: string }>) =>
  CASE_INDEX_KINDS.map((kind) => keys.filter((k) => k.kind === kind).map((k) => k.caseId));

/**
 * One row per case of the enforcement compartment (tips, establishments, inspections, hotspots,
 * penalty cases): unit, assignees, status, dates and a short label of public codes. Nothing of
 * the support compartment is read. A row's revision is its case's last event applied: an event at
 * or below it is skipped, so a replayed batch changes nothing.
 */
export function caseIndexProjection(): Projection {
  const sourceOf = new Map<string, CaseIndexSource>(
    CASE_INDEX_SOURCES.flatMap((source) => source.eventTypes.map((type) => [type, source] as const)),
  );
  return {
    name: CASE_INDEX_PROJECTION,
    version: 1,
    eventTypes: [...sourceOf.keys()],
    schema: SCHEMA,
    indexes: INDEXES,
    async apply(events: readonly RecordedEvent[], tx: ProjectionTransaction): Promise<void> {
      // A case's stream is `<kind>-<id>` (libs/access caseStream); its kind comes from the event type.
      const byCase = new Map<string, { kind: CaseIndexKind; caseId: string; source: CaseIndexSource; events: CaseIndexEvent[] }>();
      for (const event of events) {
        const source = sourceOf.get(event.type);
        if (!source || !event.streamId.startsWith(`${source.kind}-`)) continue;
        const caseId = event.streamId.slice(source.kind.length + 1);
        const key = `${source.kind}\n${caseId}`;
        const entry = byCase.get(key) ?? { kind: source.kind, caseId, source, events: [] };
        const current = toCurrentDomainEvent({ type: event.type, schemaVersion: event.schemaVersion, data: event.data });
        entry.events.push({
          type: current.type,
          data: current.data as Record<string, unknown>,
          revision: event.revision,
          recordedAt: event.metadata.recordedAt,
        });
        byCase.set(key, entry);
      }
      if (byCase.size === 0) return;
      const cases = [...byCase.values()];
      const stored = await tx.query<StoredRow>({
        name: 'case_index_read',
        text: `select kind, case_id, jurisdiction, assignee_ids, status, to_char(opened_on, 'YYYY-MM-DD') as opened_on, last_event_at, revision, label, search_text, details
                 from case_index where ${BY_CASE}`,
        values: idsByKind(cases),
      });
      const known = new Map(stored.rows.map((r) => [`${r.kind}\n${r.case_id}`, fromStored(r)]));
      const rows = cases
        .map((c) => advanceRow(c.source, c.caseId, known.get(`${c.kind}\n${c.caseId}`) ?? null, c.events))
        .filter((row): row is CaseIndexRow => row !== null);
      if (rows.length === 0) return;
      await tx.query({
        name: 'case_index_write',
        text: `insert into case_index (kind, case_id, jurisdiction, assignee_ids, status, opened_on, last_event_at, revision, label, search_text, details)
               select kind, "caseId", jurisdiction, array(select json_array_elements_text("assigneeIds")), status, "openedOn", "lastEventAt", revision, label, "searchText", details
                 from json_to_recordset($1::json) as r(kind text, "caseId" text, jurisdiction text, "assigneeIds" json, status text, "openedOn" date, "lastEventAt" timestamptz,
                                                     revision integer, label text, "searchText" text, details jsonb)
               on conflict (kind, case_id) do update set jurisdiction = excluded.jurisdiction, assignee_ids = excluded.assignee_ids, status = excluded.status,
                 opened_on = excluded.opened_on, last_event_at = excluded.last_event_at, revision = excluded.revision, label = excluded.label,
                 search_text = excluded.search_text, details = excluded.details`,
        values: [JSON.stringify(rows)],
      });
    },
  };
}

interface StoredRow {
  kind: CaseIndexKind;
  case_id: string;
  jurisdiction: string;
  assignee_ids: string[];
  status: string;
  opened_on: string;
  last_event_at: Date;
  revision: number;
  label: string;
  search_text: string;
  details: Record<string, unknown>;
}

const fromStored = (r: StoredRow): CaseIndexRow => ({
  kind: r.kind,
  caseId: r.case_id,
  jurisdiction: r.jurisdiction,
  assigneeIds: r.assignee_ids,
  status: r.status,
  openedOn: r.opened_on,
  lastEventAt: r.last_event_at.toISOString(),
  revision: r.revision,
  label: r.label,
  searchText: r.search_text,
  details: r.details,
});
