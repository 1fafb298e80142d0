import type pg from 'pg';
import type { RecordedEvent } from '../../event-store/src/port.js';

/**
 * The connection of the runner's open transaction. A projection writes its rows with `query`
 * and nothing else: it never commits, rolls back or changes the search_path. Unqualified table
 * names resolve to the build being written (see `Projection.schema`).
 */
export type ProjectionTransaction = Pick<pg.ClientBase, 'query'>;

/**
 * A read model built from the ordered event log.
 *
 * How the runner uses it:
 * - `schema` (then `indexes`) is run once per build, with the search_path set to that build's own
 *   PostgreSQL schema (`prj_<name>_<build>`): create tables and indexes with UNQUALIFIED names.
 * - `apply(events, tx)` receives, in log order, the events of a batch whose type is in
 *   `eventTypes`, inside the transaction that also records the build's checkpoint. Either both
 *   commit or neither does, so an event is applied exactly once per build, even when the process
 *   is killed mid-batch. It must be deterministic: no wall clock, no random, no other I/O than
 *   `tx` (a rebuild must give the same rows). An error rolls the batch back; the runner retries
 *   it after a pause and shows the error in its status.
 * - Readers query the stable views of schema `rm_<name>` (one view per table, see `readSchema`):
 *   they always see one whole build, never a build being made.
 * - Changing `apply` or `schema` means bumping `version`: the runner then builds the new version
 *   in fresh tables while the old one keeps serving, and swaps them in one transaction.
 */
export interface Projection {
  /** Lower-case letters, digits and `_`, starting with a letter, at most 40 characters. */
  readonly name: string;
  /** A positive integer; a different version than the live build's starts a rebuild. */
  readonly version: number;
  /** Event types `apply` receives; the others only move the checkpoint. */
  readonly eventTypes: readonly string[];
  /** DDL of the read-model tables (with their primary keys), unqualified names. */
  readonly schema: string;
  /**
   * DDL of the indexes readers need and `apply` does not (CREATE INDEX …, unqualified names).
   * A rebuild creates them once its build has caught up with the log, just before the swap: an
   * index built once over the finished table costs far less than one kept up row by row. A first
   * build, live at once, gets them at once.
   */
  readonly indexes?: string;
  apply(events: readonly RecordedEvent[], tx: ProjectionTransaction): Promise<void>;
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** Rejects a projection the runner could not run safely (bad name, version, duplicate). */
export function assertProjections(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const projection of projections) {
    if (!NAME.test(projection.name))
      throw new Error(
        `Projection name "${projection.name}": lower-case letters, digits and _, starting with a letter, at most 40 characters`,
      );
    if (!Number.isSafeInteger(projection.version) || projection.version < 1)
      throw new Error(`Projection ${projection.name}: version must be a positive integer`);
    if (seen.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
    seen.add(projection.name);
  }
}

/** The schema whose views always show the live build of a projection. */
export const readSchema = (name: string) => `rm_${name}`;

/** The schema holding the tables of one build. */
export const buildSchema = (name: string, buildId: number) => `prj_${name}_${buildId}`;

/** Identifiers the runner makes are plain already; quoting keeps them so even if that changes. */
export const quoteIdent = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
