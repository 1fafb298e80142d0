import type { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import type { RecordedEvent } from '../../event-store/src/port.js';
import type { ProcedureRules } from '../../penalties/src/domain/penalty-reference.js';
import { PENALTY_REFERENCE } from '../../penalties/src/domain/reference/procedure-rules.js';
import type { Projection, ProjectionTransaction } from '../../projections/src/projection.js';
import { cachedCalendar } from './domain/cached-calendar.js';
import { countDeltas } from './domain/deadline-counts.js';
import { DEADLINE_KINDS, type DeadlineKind, type DeadlineRow } from './domain/deadline-rows.js';
import { deadlineSources, type DeadlineSource } from './domain/deadline-sources.js';

export const DEADLINES_PROJECTION = 'deadlines';

const SCHEMA = `
create table case_states (
  kind text not null,
  case_id text not null,
  revision integer not null,
  state jsonb not null,
  primary key (kind, case_id)
);
create table deadlines (
  kind text not null,
  case_id text not null,
  deadline text not null,
  jurisdiction text not null,
  assignee_id text,
  due_at timestamptz not null,
  due_on date not null,
  completed_at timestamptz,
  primary key (kind, case_id, deadline)
);
create table deadline_counts (
  kind text not null,
  jurisdiction text not null,
  assignee text not null,
  met bigint not null,
  late bigint not null,
  primary key (kind, jurisdiction, assignee)
);
`;

/** What the queries use: by unit and by assignee, soonest first; the ones not met (due or overdue) apart, as most are met. */
const INDEXES = `
create index deadlines_by_unit on deadlines (jurisdiction, due_at);
create index deadlines_by_assignee on deadlines (assignee_id, due_at);
create index deadlines_by_due on deadlines (due_at);
create index deadlines_not_met_by_unit on deadlines (jurisdiction, due_at) where completed_at is null or completed_at > due_at;
create index deadlines_open on deadlines (jurisdiction, assignee_id, due_at) where completed_at is null;
`;

interface CaseKey {
  kind: DeadlineKind;
  caseId: string;
}

/** Case ids of each kind, one array parameter per kind, for lookups by (kind, case_id) that use the primary key. */
function idsByKind(keys: readonly CaseKey[]): string[][] {
  return DEADLINE_KINDS.map((kind) => keys.filter((k) => k.kind === kind).map((k) => k.caseId));
}
const BY_CASE = DEADLINE_KINDS.map((kind, i) => `(kind = '${kind}' and case_id = any($${i + 1}::text[]))`).join(' or ');

/**
 * Every legal time limit of tips, penalty cases and data-subject requests, per case, with unit and
 * assignee. Each case's state (without personal fields) is kept beside its rows; an event at or
 * below the stored revision of its case is skipped, so even a replayed event cannot count twice.
 */
export function deadlinesProjection(workingCalendar: WorkingCalendar, rules: ProcedureRules = PENALTY_REFERENCE.procedure): Projection {
  const sources = deadlineSources(cachedCalendar(workingCalendar), rules);
  const sourceOf = new Map<string, DeadlineSource>(sources.flatMap((source) => source.eventTypes.map((type) => [type, source] as const)));
  const rowsOf = (source: DeadlineSource, caseId: string, state: unknown): DeadlineRow[] => {
    try {
      return source.rows(caseId, state);
    } catch {
      // A case whose events do not give its dates (malformed history) has no rows rather than stopping the view.
      return [];
    }
  };
  return {
    name: DEADLINES_PROJECTION,
    version: 1,
    eventTypes: [...sourceOf.keys()],
    schema: SCHEMA,
    indexes: INDEXES,
    async apply(events: readonly RecordedEvent[], tx: ProjectionTransaction): Promise<void> {
      // The stream of a case is `<kind>-<id>` (libs/access caseStream); its kind comes from the event type.
      const byCase = new Map<string, { key: CaseKey; source: DeadlineSource; events: RecordedEvent[] }>();
      for (const event of events) {
        const source = sourceOf.get(event.type)!;
        const caseId = event.streamId.slice(source.kind.length + 1);
        const id = `${source.kind}\n${caseId}`;
        const entry = byCase.get(id) ?? { key: { kind: source.kind, caseId }, source, events: [] };
        entry.events.push(event);
        byCase.set(id, entry);
      }
      const cases = [...byCase.values()];
      const stored = await tx.query<{ kind: DeadlineKind; case_id: string; revision: number; state: unknown }>({
        name: 'deadlines_read_states',
        text: `select kind, case_id, revision, state from case_states where ${BY_CASE}`,
        values: idsByKind(cases.map((c) => c.key)),
      });
      const known = new Map(stored.rows.map((r) => [`${r.kind}\n${r.case_id}`, r]));
      const states: Array<{ kind: DeadlineKind; case_id: string; revision: number; state: unknown }> = [];
      const replaced: CaseKey[] = [];
      const rows: DeadlineRow[] = [];
      for (const { key, source, events: caseEvents } of cases) {
        const before = known.get(`${key.kind}\n${key.caseId}`);
        let revision = before?.revision ?? -1;
        let state = before?.state ?? source.initial;
        for (const event of caseEvents) {
          if (event.revision <= revision) continue;
          revision = event.revision;
          state = source.evolve(state, { type: event.type, data: event.data });
        }
        if (before && revision === before.revision) continue;
        if (before) replaced.push(key);
        states.push({ kind: key.kind, case_id: key.caseId, revision, state });
        rows.push(...rowsOf(source, key.caseId, state));
      }
      if (states.length === 0) return;
      const removed =
        replaced.length === 0
          ? []
          : (
              await tx.query<{
                kind: DeadlineKind;
                jurisdiction: string;
                assignee_id: string | null;
                due_at: Date;
                completed_at: Date | null;
              }>({
                name: 'deadlines_clear',
                text: `delete from deadlines where ${BY_CASE} returning kind, jurisdiction, assignee_id, due_at, completed_at`,
                values: idsByKind(replaced),
              })
            ).rows.map((r) => ({
              kind: r.kind,
              jurisdiction: r.jurisdiction,
              assigneeId: r.assignee_id,
              dueAt: r.due_at.toISOString(),
              completedAt: r.completed_at?.toISOString() ?? null,
            }));
      // The cases' states, their deadline rows and the counts of deadlines done, in one statement (one round trip).
      await tx.query({
        name: 'deadlines_write',
        text: `with saved as (
                 insert into case_states (kind, case_id, revision, state)
                 select kind, case_id, revision, state from json_to_recordset($1::json) as s(kind text, case_id text, revision integer, state jsonb)
                 on conflict (kind, case_id) do update set revision = excluded.revision, state = excluded.state
                 returning 1),
               counted as (
                 insert into deadline_counts (kind, jurisdiction, assignee, met, late)
                 select kind, jurisdiction, assignee, met, late from json_to_recordset($3::json) as c(kind text, jurisdiction text, assignee text, met bigint, late bigint)
                 on conflict (kind, jurisdiction, assignee) do update set met = deadline_counts.met + excluded.met, late = deadline_counts.late + excluded.late
                 returning 1)
               insert into deadlines (kind, case_id, deadline, jurisdiction, assignee_id, due_at, due_on, completed_at)
               select kind, "caseId", deadline, jurisdiction, "assigneeId", "dueAt", "dueOn", "completedAt"
                 from json_to_recordset($2::json) as r(kind text, "caseId" text, deadline text, jurisdiction text, "assigneeId" text, "dueAt" timestamptz, "dueOn" date, "completedAt" timestamptz)`,
        values: [JSON.stringify(states), JSON.stringify(rows), JSON.stringify(countDeltas(removed, rows))],
      });
    },
  };
}
