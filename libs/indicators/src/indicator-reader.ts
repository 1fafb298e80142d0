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

/** What a list of plans shows of each: no target's wording, no reporting calendar, only how many targets it sets. */
export interface PlanSummary {
  id: string;
  jurisdiction: string;
  title: string | null;
  documentRef: string | null;
  period: { from: string | null; to: string | null };
  targets: number;
  status: 'in_force' | 'withdrawn';
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
  source(
    query: IndicatorTableQuery,
    now: Date,
    lines: ReadonlyArray<{ code: IndicatorCode; subgroup: StaffLevel | null }> = TABLE_LINES,
  ): Promise<IndicatorSource> {
    return this.queries.source(query, now, lines);
  }

  /** The log checkpoint the live facts view has consumed up to (null before its first event, or without a live build). */
  async position(): Promise<string | null> {
    const result = await this.pool
      .query<{ checkpoint: string | null }>(`select checkpoint from projection_builds where projection = $1 and state = 'live'`, [
        INDICATOR_FACTS_PROJECTION,
      ])
      .catch((error: { code?: string }) =>
        error.code === '42P01' ? { rows: [] as Array<{ checkpoint: string | null }> } : Promise.reject(error),
      );
    return result.rows[0]?.checkpoint ?? null;
  }

  /** Is the facts view there, i.e. has a first build gone live? One cheap statement, nothing read. */
  async built(): Promise<boolean> {
    const result = await this.pool.query<{ found: string | null }>('select to_regclass($1) as found', [`${this.schema}.facts`]);
    return Boolean(result.rows[0]?.found);
  }

  async plan(id: string): Promise<StoredPlan | null> {
    const rows = await this.query<{ activity_id: string; jurisdiction: string; plan: Record<string, unknown> }>(
      `select activity_id, jurisdiction, plan from ${this.schema}.plans where activity_id = $1`,
      [id],
    );
    return rows[0] ? { id: rows[0].activity_id, jurisdiction: rows[0].jurisdiction, plan: rows[0].plan } : null;
  }

  /** The plans made by any of these units, the latest period first. */
  async plans(codes: readonly string[]): Promise<PlanSummary[]> {
    const rows = await this.query<{
      activity_id: string;
      jurisdiction: string;
      title: string | null;
      document_ref: string | null;
      period_from: string | null;
      period_to: string | null;
      targets: number;
      status: string | null;
    }>(
      `select activity_id, jurisdiction, plan->>'title' as title, plan->>'documentRef' as document_ref,
              plan->'period'->>'from' as period_from, plan->'period'->>'to' as period_to,
              case when jsonb_typeof(plan->'targets') = 'array' then jsonb_array_length(plan->'targets') else 0 end as targets,
              plan->>'status' as status
         from ${this.schema}.plans
        where jurisdiction = any($1::text[])
        order by plan->'period'->>'from' desc nulls last, plan->>'title', activity_id`,
      [codes],
    );
    return rows.map((r) => ({
      id: r.activity_id,
      jurisdiction: r.jurisdiction,
      title: r.title,
      documentRef: r.document_ref,
      period: { from: r.period_from, to: r.period_to },
      targets: r.targets,
      status: r.status === 'withdrawn' ? 'withdrawn' : 'in_force',
    }));
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
