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
];

/** Applies pending migrations once, even when several processes start together. */
export async function migrateKeyStore(pool: Pool, migrations: KeyStoreMigration[] = KEY_STORE_MIGRATIONS): Promise<number[]> {
  return runMigrations(pool, { table: 'crypto_schema_migrations', lockKey: 7_212_000_002, migrations });
}
