import type { Pool } from 'pg';
import { runMigrations, type Migration } from '../../../database/src/migrations.js';

export type { Migration };

/** Versioned schema of the PostgreSQL event store. */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'event log, stream heads, append function',
    sql: `
create table es_streams (
  stream_id text collate "C" primary key,
  revision bigint not null,
  head_hash text not null
);

create table es_events (
  tx_id xid8 not null default pg_current_xact_id(),
  position bigint generated always as identity,
  stream_id text collate "C" not null,
  revision bigint not null,
  event_id uuid not null,
  type text not null,
  schema_version integer not null,
  data jsonb not null,
  metadata jsonb not null,
  hash text not null,
  constraint es_events_pkey primary key (tx_id, position),
  constraint es_events_stream_revision unique (stream_id, revision),
  constraint es_events_event_id unique (event_id)
);

create function es_forbid_change() returns trigger language plpgsql as $fn$
begin
  raise exception 'the event log is append-only: % on % is not allowed', tg_op, tg_table_name
    using errcode = 'ES403';
end
$fn$;

create trigger es_events_append_only before update or delete on es_events
  for each row execute function es_forbid_change();
create trigger es_events_no_truncate before truncate on es_events
  for each statement execute function es_forbid_change();

-- One round trip per append: lock the stream head, check the expectation, chain and insert.
-- p_bodies are canonical JSON texts {id,type,schemaVersion,data,metadata}; the hash covers them exactly.
create function es_append(p_stream text, p_expected_kind text, p_expected_revision bigint, p_bodies text[])
returns table (out_revision bigint, out_tx_id xid8, out_position bigint, out_duplicate boolean)
language plpgsql as $fn$
declare
  v_revision bigint;
  v_hash text;
  v_first_id uuid := ((p_bodies[1])::jsonb ->> 'id')::uuid;
  v_found_stream text;
  v_found_revision bigint;
  v_matching integer;
  v_body jsonb;
  v_tx xid8;
  v_position bigint;
begin
  select s.revision, s.head_hash into v_revision, v_hash from es_streams s where s.stream_id = p_stream for update;
  if not found then
    insert into es_streams (stream_id, revision, head_hash) values (p_stream, -1, repeat('0', 64)) on conflict do nothing;
    select s.revision, s.head_hash into v_revision, v_hash from es_streams s where s.stream_id = p_stream for update;
  end if;

  -- A retry of an append that already landed returns the original result.
  select e.stream_id, e.revision into v_found_stream, v_found_revision from es_events e where e.event_id = v_first_id;
  if found then
    select count(*) into v_matching
      from unnest(p_bodies) with ordinality as b(body, ord)
      join es_events e on e.event_id = ((b.body)::jsonb ->> 'id')::uuid
     where e.stream_id = p_stream and e.revision = v_found_revision + b.ord - 1;
    if v_found_stream = p_stream and v_matching = cardinality(p_bodies) then
      return query select e.revision, e.tx_id, e.position, true from es_events e
        where e.stream_id = p_stream and e.revision = v_found_revision + cardinality(p_bodies) - 1;
      return;
    end if;
    raise exception 'duplicate event id' using errcode = 'ES409', detail = v_first_id::text;
  end if;

  if (p_expected_kind = 'no_stream' and v_revision <> -1)
     or (p_expected_kind = 'stream_exists' and v_revision = -1)
     or (p_expected_kind = 'exact' and v_revision <> p_expected_revision) then
    raise exception 'wrong expected revision' using errcode = 'ES412', detail = v_revision::text;
  end if;

  for i in 1 .. cardinality(p_bodies) loop
    v_body := (p_bodies[i])::jsonb;
    v_revision := v_revision + 1;
    v_hash := encode(sha256(convert_to(v_hash || E'\\n' || p_stream || E'\\n' || v_revision::text || E'\\n' || p_bodies[i], 'UTF8')), 'hex');
    insert into es_events (stream_id, revision, event_id, type, schema_version, data, metadata, hash)
    values (p_stream, v_revision, (v_body ->> 'id')::uuid, v_body ->> 'type', (v_body ->> 'schemaVersion')::integer,
            v_body -> 'data', v_body -> 'metadata', v_hash)
    returning tx_id, position into v_tx, v_position;
  end loop;

  update es_streams set revision = v_revision, head_hash = v_hash where stream_id = p_stream;
  return query select v_revision, v_tx, v_position, false;
end
$fn$;
`,
  },
  {
    version: 2,
    name: 'append: one statement to create a stream head, each body parsed once',
    sql: `
create or replace function es_append(p_stream text, p_expected_kind text, p_expected_revision bigint, p_bodies text[])
returns table (out_revision bigint, out_tx_id xid8, out_position bigint, out_duplicate boolean)
language plpgsql as $fn$
declare
  v_revision bigint;
  v_hash text;
  v_bodies jsonb[] := array_fill(null::jsonb, array[cardinality(p_bodies)]);
  v_first_id uuid;
  v_found_stream text;
  v_found_revision bigint;
  v_matching integer;
  v_body jsonb;
  v_tx xid8;
  v_position bigint;
begin
  select s.revision, s.head_hash into v_revision, v_hash from es_streams s where s.stream_id = p_stream for update;
  if not found then
    -- A new stream: our own insert holds the lock; only a concurrent creator makes us read again.
    insert into es_streams (stream_id, revision, head_hash) values (p_stream, -1, repeat('0', 64))
      on conflict do nothing returning revision, head_hash into v_revision, v_hash;
    if not found then
      select s.revision, s.head_hash into v_revision, v_hash from es_streams s where s.stream_id = p_stream for update;
    end if;
  end if;

  for i in 1 .. cardinality(p_bodies) loop
    v_bodies[i] := (p_bodies[i])::jsonb;
  end loop;
  v_first_id := (v_bodies[1] ->> 'id')::uuid;

  -- A retry of an append that already landed returns the original result.
  select e.stream_id, e.revision into v_found_stream, v_found_revision from es_events e where e.event_id = v_first_id;
  if found then
    select count(*) into v_matching
      from unnest(p_bodies) with ordinality as b(body, ord)
      join es_events e on e.event_id = ((b.body)::jsonb ->> 'id')::uuid
     where e.stream_id = p_stream and e.revision = v_found_revision + b.ord - 1;
    if v_found_stream = p_stream and v_matching = cardinality(p_bodies) then
      return query select e.revision, e.tx_id, e.position, true from es_events e
        where e.stream_id = p_stream and e.revision = v_found_revision + cardinality(p_bodies) - 1;
      return;
    end if;
    raise exception 'duplicate event id' using errcode = 'ES409', detail = v_first_id::text;
  end if;

  if (p_expected_kind = 'no_stream' and v_revision <> -1)
     or (p_expected_kind = 'stream_exists' and v_revision = -1)
     or (p_expected_kind = 'exact' and v_revision <> p_expected_revision) then
    raise exception 'wrong expected revision' using errcode = 'ES412', detail = v_revision::text;
  end if;

  for i in 1 .. cardinality(p_bodies) loop
    v_body := v_bodies[i];
    v_revision := v_revision + 1;
    v_hash := encode(sha256(convert_to(v_hash || E'\\n' || p_stream || E'\\n' || v_revision::text || E'\\n' || p_bodies[i], 'UTF8')), 'hex');
    insert into es_events (stream_id, revision, event_id, type, schema_version, data, metadata, hash)
    values (p_stream, v_revision, (v_body ->> 'id')::uuid, v_body ->> 'type', (v_body ->> 'schemaVersion')::integer,
            v_body -> 'data', v_body -> 'metadata', v_hash)
    returning tx_id, position into v_tx, v_position;
  end loop;

  update es_streams set revision = v_revision, head_hash = v_hash where stream_id = p_stream;
  return query select v_revision, v_tx, v_position, false;
end
$fn$;
`,
  },
  {
    version: 3,
    name: 'group append: several appends in one transaction, each refused on its own',
    sql: `
-- Appends of several callers in one round trip and one commit. Each item runs es_append in its own
-- subtransaction, so a conflict or a duplicate refuses that item only; the others land. Items come
-- sorted by stream, so two groups always lock stream heads in the same order.
create function es_append_group(p_streams text[], p_kinds text[], p_revisions bigint[], p_counts integer[], p_bodies text[])
returns table (out_item integer, out_revision bigint, out_tx_id xid8, out_position bigint, out_duplicate boolean, out_error text, out_detail text)
language plpgsql as $fn$
declare
  v_offset integer := 0;
  v_result record;
begin
  for i in 1 .. cardinality(p_streams) loop
    out_item := i;
    begin
      select * into strict v_result from es_append(p_streams[i], p_kinds[i], p_revisions[i], p_bodies[v_offset + 1 : v_offset + p_counts[i]]);
      out_revision := v_result.out_revision;
      out_tx_id := v_result.out_tx_id;
      out_position := v_result.out_position;
      out_duplicate := v_result.out_duplicate;
      out_error := null;
      out_detail := null;
    exception when sqlstate 'ES409' or sqlstate 'ES412' then
      out_error := sqlstate;
      get stacked diagnostics out_detail = pg_exception_detail;
      out_revision := null;
      out_tx_id := null;
      out_position := null;
      out_duplicate := null;
    end;
    return next;
    v_offset := v_offset + p_counts[i];
  end loop;
end
$fn$;
`,
  },
];

/** Applies pending migrations once, even when several processes start together. */
export async function migrateEventStore(pool: Pool, migrations: Migration[] = EVENT_STORE_MIGRATIONS): Promise<number[]> {
  const encoding = await pool.query<{ server_encoding: string }>('show server_encoding');
  if (encoding.rows[0]?.server_encoding !== 'UTF8') {
    throw new Error(`The event store needs a UTF8 database; this one is ${encoding.rows[0]?.server_encoding}`);
  }
  return runMigrations(pool, { table: 'es_schema_migrations', lockKey: 7_212_000_001, migrations });
}
