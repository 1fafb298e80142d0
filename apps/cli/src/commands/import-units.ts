import path from 'node:path';
import {
  defaultAdminUnitsDir,
  PostgresJurisdictionRepository,
  readAdminUnits,
  type RowCounts,
} from '../../../../libs/jurisdictions/src/index.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';

export const importUnitsCommand = defineCommand<{ dir?: string }>({
  name: 'import-units',
  summary: 'Import the provinces, communes and 2025 old→new mapping into DATABASE_URL [--dir PATH]',
  declare: (command) =>
    command
      .usage('[--dir PATH]')
      .description(
        `Imports the administrative units in force since 1 July 2025 (provinces, communes) and the
mapping of pre-reform units to them into the database at DATABASE_URL. Repeating it is safe:
rows that did not change are left alone.`,
      )
      .option(
        '--dir <PATH>',
        'directory with vn_units_*.json, mapping_2025_old_to_new.json and mapping_2025_new_to_old.json (default: <repo>/../shared/data/admin-units)',
      )
      .addHelpText(
        'after',
        `
Environment:
  DATABASE_URL  postgres://… of the database to import into (required)`,
      ),
  async action(options, _operands, context: CliContext): Promise<number> {
    if (options.dir !== undefined && options.dir.trim() === '') throw new UsageError('--dir needs a path');
    const databaseUrl = requireDatabaseUrl(context.env);
    const dir = options.dir ? path.resolve(options.dir) : defaultAdminUnitsDir(context.repoRoot);
    const data = await readAdminUnits(dir);
    for (const warning of data.warnings) context.err(`warning: ${warning}`);

    const repository = await PostgresJurisdictionRepository.connect(databaseUrl, 2);
    try {
      const report = await repository.importUnits(data.units, data.mappings);
      context.out(`${report.provinces} provinces, ${report.communes} communes, ${report.mappings} old→new mappings (from ${dir})`);
      context.out(`units: ${describe(report.unitRows)}; mappings: ${describe(report.mappingRows)}`);
    } finally {
      await repository.close();
    }
    return 0;
  },
});

/** The CLI has no embedded database: it writes where DATABASE_URL points. The value is never echoed (it may hold a password). */
function requireDatabaseUrl(env: Record<string, string | undefined>): string {
  const value = env.DATABASE_URL?.trim();
  if (!value) throw new UsageError('DATABASE_URL is not set; set it to the postgres://user:password@host:port/database to import into');
  let scheme: string;
  try {
    scheme = new URL(value).protocol;
  } catch {
    throw new UsageError('DATABASE_URL is not a valid URL; expected postgres://user:password@host:port/database');
  }
  if (scheme !== 'postgres:' && scheme !== 'postgresql:')
    throw new UsageError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${scheme}//)`);
  return value;
}

function describe(counts: RowCounts): string {
  return `${counts.inserted} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.removed} removed`;
}
