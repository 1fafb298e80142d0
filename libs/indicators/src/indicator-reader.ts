import type pg from 'pg';
import { DEADLINES_PROJECTION } from '../../deadlines/src/deadlines-projection.js';
import { quoteIdent, readSchema } from '../../projections/src/projection.js';
import type { Fact } from '../../statistics/src/domain/facts.js';
import type { UnitTree } from '../../statistics/src/domain/roll-up.js';
import { rowFact, type FactRow } from './fact-rows.js';
import { INDICATOR_FACTS_PROJECTION } from './indicator-facts-projection.js';

/** The facts view does not exist yet: no runner has made the projection's first build. */
export class IndicatorViewNotReadyError extends Error {
  constructor() {
    super('The indicator facts are not built yet');
    this.name = 'IndicatorViewNotReadyError';
  }
}

/** Kinds read whatever their unit: they are matched to establishments, or name their own area. */
const ANYWHERE = ['establishment_inspected', 'establishment_reviewed', 'reference_figures'];

export interface StoredPlan {
  id: string;
  jurisdiction: string;
  plan: Record<string, unknown>;
}

/** Reads the indicator facts (and plans) from the live build's views; never a case id or a person key leaves `IndicatorReader` users but as counts. */
export class IndicatorReader {
  private readonly schema = quoteIdent(readSchema(INDICATOR_FACTS_PROJECTION));

  constructor(
    private readonly pool: pg.Pool,
    private readonly tree: Pick<UnitTree, 'codesWithin'>,
  ) {}

  /** Every fact that may count in `area`: its units' own, every pre-reform unit's (the roll-up decides), and the kinds read anywhere. */
  async facts(area: string, now: Date): Promise<Fact[]> {
    const rows = await this.query<FactRow>(
      `select kind, key, unit_code, unit_era, payload from ${this.schema}.facts where unit_era = 'pre_2025' or unit_code = any($1::text[]) or kind = any($2::text[])`,
      [this.tree.codesWithin(area), ANYWHERE],
    );
    const late = await this.lateTips(now);
    return rows.map((row) => {
      const fact = rowFact(row);
      return fact.fact === 'tip' ? { ...fact, missedDeadline: late.has(fact.key) } : fact;
    });
  }

  async plan(id: string): Promise<StoredPlan | null> {
    const rows = await this.query<{ activity_id: string; jurisdiction: string; plan: Record<string, unknown> }>(`select activity_id, jurisdiction, plan from ${this.schema}.plans where activity_id = $1`, [id]);
    return rows[0] ? { id: rows[0].activity_id, jurisdiction: rows[0].jurisdiction, plan: rows[0].plan } : null;
  }

  /** Tips with a legal time limit run out before its step, as of `now` (from the deadline view; none while it is not built). */
  private async lateTips(now: Date): Promise<Set<string>> {
    try {
      const result = await this.pool.query<{ case_id: string }>(
        `select distinct case_id from ${quoteIdent(readSchema(DEADLINES_PROJECTION))}.deadlines where kind = 'tip' and (completed_at > due_at or (completed_at is null and due_at < $1))`,
        [now],
      );
      return new Set(result.rows.map((r) => r.case_id));
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return new Set();
      throw error;
    }
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
