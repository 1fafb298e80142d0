import type { RecordedEvent } from '../../event-store/src/port.js';
import type { Projection, ProjectionTransaction } from '../../projections/src/projection.js';
import { vnDay } from '../../statistics/src/domain/calendar-day.js';
import type { Fact } from '../../statistics/src/domain/facts.js';
import { FACT_SOURCES, planOf, type CaseFactSource, type PersonKey } from './domain/case-facts.js';
import { factRow } from './fact-rows.js';

export const INDICATOR_FACTS_PROJECTION = 'indicator_facts';

const SCHEMA = `
create table case_states (
  stream text primary key,
  revision integer not null,
  state jsonb not null
);
create table facts (
  stream text not null,
  seq integer not null,
  kind text not null,
  key text not null,
  unit_code text not null,
  unit_era text not null,
  day_from date,
  day_to date,
  ref text,
  tag text,
  flag boolean,
  payload jsonb not null,
  primary key (stream, seq)
);
create table plans (
  activity_id text primary key,
  jurisdiction text not null,
  plan jsonb not null
);
`;

/**
 * What the indicator statements (indicator-queries.ts) read: a kind in the area's units over the
 * period; a kind in the whole country over the period; a person's or a record's rows by key; the
 * inspections and reviews of an establishment.
 */
const INDEXES = `
create index facts_by_kind_unit on facts (kind, unit_code, day_from) include (unit_era, key, day_to, ref, tag, flag);
create index facts_by_kind_day on facts (kind, day_from) include (unit_code, unit_era, key, ref, flag);
create index facts_by_kind_key on facts (kind, key, day_from desc, unit_code desc) include (unit_era, day_to, flag);
`;

/**
 * The statistics facts (libs/statistics README) of every case and programme activity, one row per
 * record, replaced whole whenever the case's stream moves on. Beside them, each stream's folded
 * statistics state (days, units, statuses, person keys: nothing personal) and the adopted plans
 * with their targets. Person keys are keyed hashes of subject ids (`personKey`); no subject id, name
 * or free text is ever written. An event at or below its stream's stored revision is skipped, so a
 * replay cannot count twice.
 */
export function indicatorFactsProjection(personKey: PersonKey): Projection {
  const sourceOf = new Map<string, CaseFactSource<unknown>>(
    FACT_SOURCES.flatMap((source) => source.eventTypes.map((type) => [type, source] as const)),
  );
  return {
    name: INDICATOR_FACTS_PROJECTION,
    version: 4,
    eventTypes: [...sourceOf.keys()],
    schema: SCHEMA,
    indexes: INDEXES,
    async apply(events: readonly RecordedEvent[], tx: ProjectionTransaction): Promise<void> {
      const byStream = new Map<string, { source: CaseFactSource<unknown>; events: RecordedEvent[] }>();
      for (const event of events) {
        const entry = byStream.get(event.streamId) ?? { source: sourceOf.get(event.type)!, events: [] };
        entry.events.push(event);
        byStream.set(event.streamId, entry);
      }
      const streams = [...byStream.keys()];
      const stored = await tx.query<{ stream: string; revision: number; state: unknown }>(
        'select stream, revision, state from case_states where stream = any($1::text[])',
        [streams],
      );
      const known = new Map(stored.rows.map((r) => [r.stream, r]));
      const states: Array<{ stream: string; revision: number; state: unknown }> = [];
      const rows: ReturnType<typeof factRow>[] = [];
      const plans: Array<{ activity_id: string; jurisdiction: string; plan: unknown }> = [];
      const changed: string[] = [];
      const withdrawn: string[] = [];
      for (const [stream, { source, events: streamEvents }] of byStream) {
        const before = known.get(stream);
        let revision = before?.revision ?? -1;
        let state = before?.state ?? source.initial;
        for (const event of streamEvents) {
          if (event.revision <= revision) continue;
          revision = event.revision;
          state = source.evolve(
            state,
            { type: event.type, data: event.data as Record<string, unknown>, recordedOn: vnDay(new Date(event.metadata.recordedAt)) },
            personKey,
          );
        }
        if (before && revision === before.revision) continue;
        const caseId = stream.slice(source.kind.length + 1);
        changed.push(stream);
        states.push({ stream, revision, state });
        factsOf(source, caseId, state).forEach((fact, seq) => rows.push(factRow(stream, seq, fact)));
        if (source.kind === 'programme_activity') {
          const plan = planOf(state);
          if (plan) plans.push({ activity_id: caseId, jurisdiction: String(plan.jurisdiction ?? ''), plan });
          else withdrawn.push(caseId);
        }
      }
      if (changed.length === 0) return;
      await tx.query('delete from facts where stream = any($1::text[])', [changed]);
      if (withdrawn.length > 0) await tx.query('delete from plans where activity_id = any($1::text[])', [withdrawn]);
      await tx.query(
        `with saved as (
           insert into case_states (stream, revision, state)
           select stream, revision, state from json_to_recordset($1::json) as s(stream text, revision integer, state jsonb)
           on conflict (stream) do update set revision = excluded.revision, state = excluded.state
           returning 1),
         planned as (
           insert into plans (activity_id, jurisdiction, plan)
           select activity_id, jurisdiction, plan from json_to_recordset($3::json) as p(activity_id text, jurisdiction text, plan jsonb)
           on conflict (activity_id) do update set jurisdiction = excluded.jurisdiction, plan = excluded.plan
           returning 1)
         insert into facts (stream, seq, kind, key, unit_code, unit_era, day_from, day_to, ref, tag, flag, payload)
         select stream, seq, kind, key, unit_code, unit_era, day_from, day_to, ref, tag, flag, payload
           from json_to_recordset($2::json) as f(stream text, seq integer, kind text, key text, unit_code text, unit_era text, day_from date, day_to date, ref text, tag text, flag boolean, payload jsonb)`,
        [JSON.stringify(states), JSON.stringify(rows), JSON.stringify(plans)],
      );
    },
  };
}

function factsOf(source: CaseFactSource<unknown>, caseId: string, state: unknown): Fact[] {
  try {
    return source.facts(caseId, state);
  } catch {
    // A history that does not give what a fact needs stands for no fact rather than stopping the projection.
    return [];
  }
}
