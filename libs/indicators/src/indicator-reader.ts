import type pg from 'pg';
import { quoteIdent, readSchema } from '../../projections/src/projection.js';
import type { StaffLevel } from '../../statistics/src/domain/facts.js';
import type { IndicatorCode } from '../../statistics/src/domain/indicator-catalogue.js';
import { TABLE_LINES, type IndicatorSource, type IndicatorTableQuery } from './domain/indicator-table.js';
import { INDICATOR_FACTS_PROJECTION } from './indicator-facts-projection.js';
import { IndicatorQueries, type QueryTree } from './indicator-queries.js';
import { IndicatorViewNotReadyError } from './view-not-ready.js';

export { IndicatorViewNotReadyError };

export interface StoredPlan {
  id: string;
  jurisdiction: string;
  plan: Record<string, unknown>;
}

/** Reads the indicator figures (and plans) from the live build's views; never a case id or a person key leaves it but as counts. */
export class IndicatorReader {
  private readonly schema = quoteIdent(readSchema(INDICATOR_FACTS_PROJECTION));

  private readonly queries: IndicatorQueries;

  constructor(
    private readonly pool: pg.Pool,
    tree: QueryTree,
  ) {
    this.queries = new IndicatorQueries(pool, tree);
  }

  /** The figures of `lines` for an area and period, counted by the database. */
  source(query: IndicatorTableQuery, now: Date, lines: ReadonlyArray<{ code: IndicatorCode; subgroup: StaffLevel | null }> = TABLE_LINES): Promise<IndicatorSource> {
    return this.queries.source(query, now, lines);
  }

  async plan(id: string): Promise<StoredPlan | null> {
    const rows = await this.query<{ activity_id: string; jurisdiction: string; plan: Record<string, unknown> }>(`select activity_id, jurisdiction, plan from ${this.schema}.plans where activity_id = $1`, [id]);
    return rows[0] ? { id: rows[0].activity_id, jurisdiction: rows[0].jurisdiction, plan: rows[0].plan } : null;
  }

  private async query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query<T>(text, values)).rows;
    } catch (error) {
      // undefined_table: the view is not there until the first build is live.
      if ((error as { code?: string }).code === '42P01') throw new IndicatorViewNotReadyError();
      throw error;
    }
  }
}
