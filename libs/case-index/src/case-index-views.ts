import type pg from 'pg';
import { REDACTED } from '../../access/src/application/policy-point.js';
import { quoteIdent, readSchema } from '../../projections/src/projection.js';
import { CASE_INDEX_PROJECTION } from './case-index-projection.js';
import { foldText, type CaseIndexKind } from './domain/case-entry.js';

/**
 * Cases of one kind a caller may list: in these units (null: anywhere), only their own when
 * `assigneeOnly` is set; `assigneesVisible` is false when the role listing them may not see the
 * (internal) assignee ids, which are then answered with the redaction marker.
 */
export interface CaseIndexScope {
  kind: CaseIndexKind;
  jurisdictions: readonly string[] | null;
  assigneeOnly: string | null;
  assigneesVisible: boolean;
}

/** Where the previous page ended: its last row's activity time, case id and kind. */
export interface CaseIndexCursor {
  lastEventAt: string;
  caseId: string;
  kind: string;
}

export interface CaseIndexFilter {
  status?: string;
  assignee?: string;
  /** Searched in the label and the Vietnamese words of its codes, case and diacritics ignored. */
  q?: string;
  after?: CaseIndexCursor;
  limit: number;
}

export interface CaseIndexEntry {
  kind: CaseIndexKind;
  caseId: string;
  jurisdiction: string;
  assigneeIds: string[] | typeof REDACTED;
  status: string;
  openedOn: string;
  lastEventAt: string;
  label: string;
}

export interface CaseIndexPage {
  cases: CaseIndexEntry[];
  /** Where the next page starts; null on the last page. */
  next: CaseIndexCursor | null;
}

/** The view does not exist yet: no runner has made the projection's first build. */
export class CaseIndexNotReadyError extends Error {
  constructor() {
    super('The case index is not built yet');
    this.name = 'CaseIndexNotReadyError';
  }
}

/** `like` pattern of a text searched anywhere, its wildcards taken literally. */
const containing = (q: string) => `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Queries of the case index, always through the live build's view (never a build being made). */
export class CaseIndexViews {
  private readonly table: string;

  constructor(private readonly pool: pg.Pool) {
    this.table = `${quoteIdent(readSchema(CASE_INDEX_PROJECTION))}.case_index`;
  }

  /** The cases the scopes allow, latest activity first (then by case id), one page at a time (keyset). */
  async list(scopes: readonly CaseIndexScope[], filter: CaseIndexFilter): Promise<CaseIndexPage> {
    if (scopes.length === 0) return { cases: [], next: null };
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const allowed = (scope: CaseIndexScope) => {
      const parts = [`kind = ${param(scope.kind)}`];
      if (scope.jurisdictions) parts.push(`jurisdiction = any(${param(scope.jurisdictions)}::text[])`);
      if (scope.assigneeOnly) parts.push(`${param(scope.assigneeOnly)} = any(assignee_ids)`);
      return `(${parts.join(' and ')})`;
    };
    const where = [`(${scopes.map(allowed).join(' or ')})`];
    const revealing = scopes.filter((s) => s.assigneesVisible);
    const assigneesVisible =
      revealing.length === scopes.length ? 'true' : revealing.length === 0 ? 'false' : `(${revealing.map(allowed).join(' or ')})`;
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.assignee) where.push(`${param(filter.assignee)} = any(assignee_ids)`);
    if (filter.q) where.push(`search_text like ${param(containing(filter.q))}`);
    if (filter.after) {
      const at = param(filter.after.lastEventAt);
      const id = param(filter.after.caseId);
      where.push(
        `(last_event_at < ${at}::timestamptz or (last_event_at = ${at}::timestamptz and (case_id > ${id} or (case_id = ${id} and kind > ${param(filter.after.kind)}))))`,
      );
    }
    const { rows } = await this.query(
      `select kind, case_id, jurisdiction, case when ${assigneesVisible} then assignee_ids end as assignee_ids, status, to_char(opened_on, 'YYYY-MM-DD') as opened_on,
              last_event_at, label
         from ${this.table} where ${where.join(' and ')}
        order by last_event_at desc, case_id, kind limit ${param(filter.limit + 1)}`,
      values,
    );
    const cases: CaseIndexEntry[] = rows.slice(0, filter.limit).map((r) => ({
      kind: r.kind,
      caseId: r.case_id,
      jurisdiction: r.jurisdiction,
      assigneeIds: r.assignee_ids ?? REDACTED,
      status: r.status,
      openedOn: r.opened_on,
      lastEventAt: (r.last_event_at as Date).toISOString(),
      label: r.label,
    }));
    const last = cases[cases.length - 1];
    return {
      cases,
      next: rows.length > filter.limit && last ? { lastEventAt: last.lastEventAt, caseId: last.caseId, kind: last.kind } : null,
    };
  }

  private async query(text: string, values: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.pool.query(text, values);
    } catch (error) {
      if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000')
        throw new CaseIndexNotReadyError();
      throw error;
    }
  }
}
