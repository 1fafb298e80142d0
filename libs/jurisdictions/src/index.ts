export * from './domain/jurisdiction-unit.js';
export { JurisdictionTree } from './domain/jurisdiction-tree.js';
export { BUILT_IN_UNITS, BUILT_IN_MAPPINGS } from './built-in-units.js';
export {
  PostgresJurisdictionRepository,
  type ImportReport,
  type RowCounts,
  type StoredCounts,
} from './postgres-jurisdiction-repository.js';
export { JURISDICTION_MIGRATIONS, migrateJurisdictions } from './jurisdiction-migrations.js';
export {
  AdminUnitsFileError,
  defaultAdminUnitsDir,
  mapAdminUnits,
  readAdminUnits,
  NEW_TO_OLD_FILE,
  OLD_TO_NEW_FILE,
  type AdminUnitsData,
  type JsonSource,
} from './import-admin-units.js';
