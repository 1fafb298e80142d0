import type { Pool } from 'pg';
import { runMigrations, type Migration } from '../../database/src/migrations.js';

/** Versioned schema of the administrative-unit reference data. Append; never edit an applied entry. */
export const JURISDICTION_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'administrative units with validity, pre-reform to current mappings',
    sql: `
create table jurisdiction_units (
  code text collate "C" not null,
  valid_from date not null,
  valid_to date,
  level text not null check (level in ('country', 'province', 'commune')),
  name text not null,
  name_en text not null,
  full_name text not null,
  parent_code text collate "C",
  constraint jurisdiction_units_pkey primary key (code, valid_from),
  constraint jurisdiction_units_validity check (valid_to is null or valid_to > valid_from),
  constraint jurisdiction_units_parent check ((level = 'country') = (parent_code is null))
);
create index jurisdiction_units_parent_idx on jurisdiction_units (parent_code);

-- Old codes are their own namespace: an old commune code may be a different current commune's code.
create table jurisdiction_unit_mappings (
  old_code text collate "C" not null,
  old_level text not null check (old_level in ('province', 'district', 'commune')),
  old_name text not null,
  old_province_code text collate "C",
  new_code text collate "C" not null,
  kind text not null check (kind in ('full', 'partial')),
  effective_from date not null,
  constraint jurisdiction_unit_mappings_pkey primary key (effective_from, old_code, new_code)
);
create index jurisdiction_unit_mappings_old_idx on jurisdiction_unit_mappings (old_code);
create index jurisdiction_unit_mappings_new_idx on jurisdiction_unit_mappings (new_code);
`,
  },
];

export async function migrateJurisdictions(pool: Pool, migrations: Migration[] = JURISDICTION_MIGRATIONS): Promise<number[]> {
  return runMigrations(pool, { table: 'jurisdiction_schema_migrations', lockKey: 7_212_000_020, migrations });
}
