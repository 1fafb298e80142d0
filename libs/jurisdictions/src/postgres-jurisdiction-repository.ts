import type pg from 'pg';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from './built-in-units.js';
import { JurisdictionTree } from './domain/jurisdiction-tree.js';
import type { JurisdictionUnit, OldUnitLevel, OldUnitMapping, UnitLevel } from './domain/jurisdiction-unit.js';
import { migrateJurisdictions } from './jurisdiction-migrations.js';
import { openPool, type LogLine } from '../../database/src/pool.js';
import { inTransaction } from '../../database/src/transaction.js';

/** Serialises imports (and the empty-check of ensureBuiltIn) across processes. */
const IMPORT_LOCK = 7_212_000_021;

export interface RowCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows of the same version (validFrom / effectiveFrom) that the import no longer lists. */
  removed: number;
}

export interface ImportReport {
  provinces: number;
  communes: number;
  mappings: number;
  unitRows: RowCounts;
  mappingRows: RowCounts;
}

export interface StoredCounts {
  provinces: number;
  communes: number;
  mappings: number;
}

interface UnitRow {
  code: string;
  level: UnitLevel;
  name: string;
  name_en: string;
  full_name: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
}

interface MappingRow {
  old_code: string;
  old_level: OldUnitLevel;
  old_name: string;
  old_province_code: string | null;
  new_code: string;
  kind: 'full' | 'partial';
  effective_from: string;
}

const UNIT_COLUMNS = `code, level, name, name_en, full_name, parent_code,
  to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to`;
const MAPPING_COLUMNS = `old_code, old_level, old_name, old_province_code, new_code, kind,
  to_char(effective_from, 'YYYY-MM-DD') as effective_from`;

/**
 * Administrative units and pre-reform mappings in PostgreSQL. An import is the complete list for
 * the versions it carries: it upserts every row and removes rows of those versions it no longer lists.
 */
export class PostgresJurisdictionRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { ownsPool?: boolean } = {},
  ) {}

  static async connect(
    connectionString: string,
    poolSize = 4,
    options: { applicationName?: string; log?: LogLine } = {},
  ): Promise<PostgresJurisdictionRepository> {
    const pool = openPool({
      connectionString,
      max: poolSize,
      applicationName: options.applicationName ?? 'pcm-jurisdictions',
      log: options.log,
    });
    try {
      await migrateJurisdictions(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresJurisdictionRepository(pool, { ownsPool: true });
  }

  /** Validates units and mappings as one tree, then stores them in one transaction. Safe to repeat. */
  async importUnits(units: readonly JurisdictionUnit[], mappings: readonly OldUnitMapping[]): Promise<ImportReport> {
    JurisdictionTree.build(units, mappings);
    return inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      return importInto(client, units, mappings);
    });
  }

  /** Loads the built-in handful when no unit is stored yet; leaves any stored data alone. */
  async ensureBuiltIn(): Promise<{ loaded: boolean; report: ImportReport | null }> {
    return inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const stored = await client.query<{ any: boolean }>('select exists (select 1 from jurisdiction_units) as any');
      if (stored.rows[0]!.any) return { loaded: false, report: null };
      return { loaded: true, report: await importInto(client, BUILT_IN_UNITS, BUILT_IN_MAPPINGS) };
    });
  }

  /** The tree in force on `asOf` (YYYY-MM-DD), or, without it, the open-ended (current) units. */
  async loadTree(asOf?: string): Promise<JurisdictionTree> {
    const day = asOf ?? null;
    const units = await this.pool.query<UnitRow>(
      `select ${UNIT_COLUMNS} from jurisdiction_units
        where case when $1::date is null then valid_to is null
                   else valid_from <= $1::date and (valid_to is null or valid_to > $1::date) end
        order by code`,
      [day],
    );
    if (units.rows.length === 0) {
      throw new Error(
        `No administrative units are stored${asOf ? ` for ${asOf}` : ''}: run the import-units command or call ensureBuiltIn()`,
      );
    }
    const mappings = await this.pool.query<MappingRow>(
      `select ${MAPPING_COLUMNS} from jurisdiction_unit_mappings
        where $1::date is null or effective_from <= $1::date order by old_code, new_code`,
      [day],
    );
    return JurisdictionTree.build(units.rows.map(toUnit), mappings.rows.map(toMapping));
  }

  async counts(): Promise<StoredCounts> {
    const result = await this.pool.query<{ provinces: number; communes: number; mappings: number }>(
      `select (select count(*)::int from jurisdiction_units where level = 'province' and valid_to is null) as provinces,
              (select count(*)::int from jurisdiction_units where level = 'commune' and valid_to is null) as communes,
              (select count(*)::int from jurisdiction_unit_mappings) as mappings`,
    );
    return result.rows[0]!;
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end();
  }
}

async function importInto(
  client: pg.PoolClient,
  units: readonly JurisdictionUnit[],
  mappings: readonly OldUnitMapping[],
): Promise<ImportReport> {
  await client.query('create temp table import_units (like jurisdiction_units) on commit drop');
  await client.query(
    `insert into import_units (code, valid_from, valid_to, level, name, name_en, full_name, parent_code)
     select * from unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      units.map((u) => u.code),
      units.map((u) => u.validFrom),
      units.map((u) => u.validTo),
      units.map((u) => u.level),
      units.map((u) => u.name),
      units.map((u) => u.nameEn),
      units.map((u) => u.fullName),
      units.map((u) => u.parentCode),
    ],
  );
  const unitRows = await merge(client, {
    target: 'jurisdiction_units',
    staging: 'import_units',
    key: ['code', 'valid_from'],
    version: 'valid_from',
    values: ['valid_to', 'level', 'name', 'name_en', 'full_name', 'parent_code'],
  });

  await client.query('create temp table import_mappings (like jurisdiction_unit_mappings) on commit drop');
  await client.query(
    `insert into import_mappings (old_code, old_level, old_name, old_province_code, new_code, kind, effective_from)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[])`,
    [
      mappings.map((m) => m.oldCode),
      mappings.map((m) => m.oldLevel),
      mappings.map((m) => m.oldName),
      mappings.map((m) => m.oldProvinceCode),
      mappings.map((m) => m.newCode),
      mappings.map((m) => m.kind),
      mappings.map((m) => m.effectiveFrom),
    ],
  );
  const mappingRows = await merge(client, {
    target: 'jurisdiction_unit_mappings',
    staging: 'import_mappings',
    key: ['effective_from', 'old_code', 'new_code'],
    version: 'effective_from',
    values: ['old_level', 'old_name', 'old_province_code', 'kind'],
  });

  return {
    provinces: units.filter((u) => u.level === 'province').length,
    communes: units.filter((u) => u.level === 'commune').length,
    mappings: mappings.length,
    unitRows,
    mappingRows,
  };
}

/** Upserts the staged rows (counting real changes only) and removes rows of the staged versions that are not staged. */
async function merge(
  client: pg.PoolClient,
  spec: { target: string; staging: string; key: string[]; version: string; values: string[] },
): Promise<RowCounts> {
  const { target, staging, key, version, values } = spec;
  const columns = [...key, ...values].join(', ');
  const upsert = await client.query<{ inserted: number; updated: number; staged: number }>(
    `with changed as (
       insert into ${target} as t (${columns}) select ${columns} from ${staging}
       on conflict (${key.join(', ')}) do update set ${values.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${values.map((c) => `t.${c}`).join(', ')}) is distinct from (${values.map((c) => `excluded.${c}`).join(', ')})
       returning (xmax = 0) as inserted
     )
     select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated,
            (select count(*)::int from ${staging}) as staged
       from changed`,
  );
  const removed = await client.query(
    `delete from ${target} t
      where t.${version} in (select distinct ${version} from ${staging})
        and not exists (select 1 from ${staging} s where ${key.map((c) => `s.${c} = t.${c}`).join(' and ')})`,
  );
  const { inserted, updated, staged } = upsert.rows[0]!;
  return { inserted, updated, unchanged: staged - inserted - updated, removed: removed.rowCount ?? 0 };
}

function toUnit(row: UnitRow): JurisdictionUnit {
  return {
    code: row.code,
    level: row.level,
    name: row.name,
    nameEn: row.name_en,
    fullName: row.full_name,
    parentCode: row.parent_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

function toMapping(row: MappingRow): OldUnitMapping {
  return {
    oldCode: row.old_code,
    oldLevel: row.old_level,
    oldName: row.old_name,
    oldProvinceCode: row.old_province_code,
    newCode: row.new_code,
    kind: row.kind,
    effectiveFrom: row.effective_from,
  };
}
