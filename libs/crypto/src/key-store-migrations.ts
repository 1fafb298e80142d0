import type { Pool } from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';

export type KeyStoreMigration = Migration;

/** Versioned schema of the PostgreSQL key store, in its own migrations table. */
export const KEY_STORE_MIGRATIONS: KeyStoreMigration[] = [
  {
    version: 1,
    name: 'wrapped subject keys, erased subjects',
    sql: `
-- Data keys wrapped (AES-256-GCM) by the master key, which never enters the database.
create table crypto_subject_keys (
  subject_id text collate "C" primary key,
  master_key_id text not null,
  wrap_iv bytea not null,
  wrapped_key bytea not null,
  wrap_tag bytea not null,
  created_at timestamptz not null default now()
);

create table crypto_erased_subjects (
  subject_id text collate "C" primary key,
  erased_at timestamptz not null default now(),
  actor_id text not null,
  reason text not null
);

-- Whatever the code path, an erased subject never gets a key again, and an erasure is never undone.
create function crypto_refuse_key_for_erased() returns trigger language plpgsql as $fn$
begin
  if exists (select 1 from crypto_erased_subjects e where e.subject_id = new.subject_id) then
    raise exception 'subject % was erased: no key is created for it again', new.subject_id using errcode = 'CR410';
  end if;
  return new;
end
$fn$;

create trigger crypto_subject_keys_not_erased before insert or update on crypto_subject_keys
  for each row execute function crypto_refuse_key_for_erased();

create function crypto_forbid_change() returns trigger language plpgsql as $fn$
begin
  raise exception 'erasures are permanent: % on % is not allowed', tg_op, tg_table_name using errcode = 'CR403';
end
$fn$;

create trigger crypto_erased_subjects_permanent before update or delete on crypto_erased_subjects
  for each row execute function crypto_forbid_change();
create trigger crypto_erased_subjects_no_truncate before truncate on crypto_erased_subjects
  for each statement execute function crypto_forbid_change();
`,
  },
  {
    version: 2,
    name: 'create a subject key in one round trip',
    sql: `
-- What PostgresKeyStore.create did in five statements of one transaction, as one call: take the
-- subject's lock (the one shred takes), refuse an erased subject, insert unless a concurrent first
-- use won, and return the stored key. In a volatile function under read committed, each statement
-- sees what was committed before it ran, so the erasure check after the lock sees a finished shred.
create function crypto_create_subject_key(p_subject_id text, p_master_key_id text, p_wrap_iv bytea, p_wrapped_key bytea, p_wrap_tag bytea)
  returns table (erased boolean, master_key_id text, wrap_iv bytea, wrapped_key bytea, wrap_tag bytea)
  language plpgsql volatile as $fn$
begin
  perform pg_advisory_xact_lock(hashtextextended('crypto-subject:' || p_subject_id, 0));
  if exists (select 1 from crypto_erased_subjects e where e.subject_id = p_subject_id) then
    return query select true, null::text, null::bytea, null::bytea, null::bytea;
    return;
  end if;
  insert into crypto_subject_keys (subject_id, master_key_id, wrap_iv, wrapped_key, wrap_tag)
    values (p_subject_id, p_master_key_id, p_wrap_iv, p_wrapped_key, p_wrap_tag)
    on conflict (subject_id) do nothing;
  return query select false, k.master_key_id, k.wrap_iv, k.wrapped_key, k.wrap_tag from crypto_subject_keys k where k.subject_id = p_subject_id;
end
$fn$;
`,
  },
  {
    version: 3,
    name: 'the record each subject key was made for',
    sql: `
-- Which record a subject belongs to, written with the subject's first key and never removed: an
-- erasure or a data-subject request finds the subject's jurisdiction and compartment in that record.
create table crypto_subject_records (
  subject_id text collate "C" primary key,
  record_kind text not null,
  record_id text not null,
  created_at timestamptz not null default now()
);

create function crypto_create_subject_key(p_subject_id text, p_master_key_id text, p_wrap_iv bytea, p_wrapped_key bytea, p_wrap_tag bytea, p_record_kind text, p_record_id text)
  returns table (erased boolean, master_key_id text, wrap_iv bytea, wrapped_key bytea, wrap_tag bytea)
  language plpgsql volatile as $fn$
begin
  perform pg_advisory_xact_lock(hashtextextended('crypto-subject:' || p_subject_id, 0));
  if exists (select 1 from crypto_erased_subjects e where e.subject_id = p_subject_id) then
    return query select true, null::text, null::bytea, null::bytea, null::bytea;
    return;
  end if;
  insert into crypto_subject_keys (subject_id, master_key_id, wrap_iv, wrapped_key, wrap_tag)
    values (p_subject_id, p_master_key_id, p_wrap_iv, p_wrapped_key, p_wrap_tag)
    on conflict (subject_id) do nothing;
  if p_record_kind is not null then
    insert into crypto_subject_records (subject_id, record_kind, record_id) values (p_subject_id, p_record_kind, p_record_id)
      on conflict (subject_id) do nothing;
  end if;
  return query select false, k.master_key_id, k.wrap_iv, k.wrapped_key, k.wrap_tag from crypto_subject_keys k where k.subject_id = p_subject_id;
end
$fn$;
`,
  },
];

/** Applies pending migrations once, even when several processes start together. */
export async function migrateKeyStore(pool: Pool, migrations: KeyStoreMigration[] = KEY_STORE_MIGRATIONS): Promise<number[]> {
  return runMigrations(pool, { table: 'crypto_schema_migrations', lockKey: 7_212_000_002, migrations });
}
