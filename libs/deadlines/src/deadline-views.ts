import type pg from 'pg';
import { quoteIdent, readSchema } from '../../projections/src/projection.js';
import { DEADLINES_PROJECTION } from './deadlines-projection.js';
import type { DeadlineKind, DeadlineStatus } from './domain/deadline-rows.js';

/** Rows of one kind a caller may list: in these units (null: anywhere), only their own when `assigneeOnly` is set. */
export interface DeadlineScope {
  kind: DeadlineKind;
  jurisdictions: readonly string[] | null;
  assigneeOnly: string | null;
}

export interface DeadlineFilter {
  assignee?: string;
  status?: DeadlineStatus;
  /** Due strictly before this instant. */
  before?: Date;
  /** The reading time the status is decided at. */
  now: Date;
  limit: number;
}

export interface DeadlineEntry {
  kind: DeadlineKind;
  caseId: string;
  deadline: string;
  jurisdiction: string;
  assigneeId: string | null;
  dueAt: string;
  dueOn: string;
  completedAt: string | null;
  status: DeadlineStatus;
}

export interface DeadlineCount {
  /** The unit or the assignee (null: not assigned yet). */
  key: string | null;
  due: number;
  overdue: number;
  met: number;
}

/** The view does not exist yet: no runner has made the projection's first build. */
export class DeadlineViewNotReadyError extends Error {
  constructor() {
    super('The deadline view is not built yet');
    this.name = 'DeadlineViewNotReadyError';
  }
}

const STATUS = `case when completed_at is null then case when due_at < $1 then 'overdue' else 'due' end
                    when completed_at <= due_at then 'met' else 'overdue' end`;

/** Queries of the deadline view, always through the live build's views (never a build being made). */
export class DeadlineViews {
  private readonly table: string;
  private readonly counted: string;

  constructor(private readonly pool: pg.Pool) {
    this.table = `${quoteIdent(readSchema(DEADLINES_PROJECTION))}.deadlines`;
    this.counted = `${quoteIdent(readSchema(DEADLINES_PROJECTION))}.deadline_counts`;
  }

  /**
   * The deadlines the scopes allow, soonest first. Each scope is read the way its indexes serve
   * best (one index range per unit, or by assignee) and at most `limit` rows of each are merged.
   */
  async list(scopes: readonly DeadlineScope[], filter: DeadlineFilter): Promise<DeadlineEntry[]> {
    if (scopes.length === 0) return [];
    const values: unknown[] = [filter.now, filter.limit];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const filters = this.filters(filter, param);
    const parts = scopes.map((scope) => {
      const where = [`kind = ${param(scope.kind)}`, ...filters];
      if (scope.assigneeOnly) where.push(`assignee_id = ${param(scope.assigneeOnly)}`);
      const byAssignee = scope.assigneeOnly !== null || filter.assignee !== undefined;
      if (scope.jurisdictions && !byAssignee) {
        return `select d.* from unnest(${param(scope.jurisdictions)}::text[]) as u(unit)
                  cross join lateral (select * from ${this.table} where jurisdiction = u.unit and ${where.join(' and ')} order by due_at limit $2) d`;
      }
      if (scope.jurisdictions) where.push(`jurisdiction = any(${param(scope.jurisdictions)}::text[])`);
      return `(select * from ${this.table} where ${where.join(' and ')} order by due_at limit $2)`;
    });
    // UNION, not UNION ALL: two scopes of one kind may overlap (e.g. a commune role and a province role).
    const { rows } = await this.query(
      `select kind, case_id, deadline, jurisdiction, assignee_id, due_at, to_char(due_on, 'YYYY-MM-DD') as due_on, completed_at, ${STATUS} as status
         from (${parts.join(' union ')}) d order by due_at, kind, case_id, deadline limit $2`,
      values,
    );
    return rows.map((r) => ({
      kind: r.kind,
      caseId: r.case_id,
      deadline: r.deadline,
      jurisdiction: r.jurisdiction,
      assigneeId: r.assignee_id,
      dueAt: (r.due_at as Date).toISOString(),
      dueOn: r.due_on,
      completedAt: r.completed_at ? (r.completed_at as Date).toISOString() : null,
      status: r.status,
    }));
  }

  /**
   * Counts of due, overdue and met deadlines per unit or per assignee. Deadlines done come from the
   * counts the projection keeps; open ones (due or overdue depending on the reading time) are
   * counted on their own index. With `before`, every row in range is counted instead.
   */
  async counts(
    scopes: readonly DeadlineScope[],
    filter: Omit<DeadlineFilter, 'limit'>,
    by: 'jurisdiction' | 'assignee',
  ): Promise<DeadlineCount[]> {
    if (scopes.length === 0) return [];
    if (filter.before) return this.countRows(scopes, filter, by);
    const values: unknown[] = [filter.now];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const open = [this.scopes(scopes, param, 'assignee_id'), ...(filter.assignee ? [`assignee_id = ${param(filter.assignee)}`] : [])];
    const done = [this.scopes(scopes, param, 'assignee'), ...(filter.assignee ? [`assignee = ${param(filter.assignee)}`] : [])];
    // One statement, so both parts come from the same build even while a rebuild swaps.
    const { rows } = await this.query<{ key: string | null; due: string; overdue: string; met: string }>(
      `select key, sum(due) as due, sum(overdue) + sum(late) as overdue, sum(met) as met from (
         select ${by === 'jurisdiction' ? 'jurisdiction' : "nullif(assignee, '')"} as key, met, late, 0::bigint as due, 0::bigint as overdue
           from ${this.counted} where ${done.join(' and ')}
         union all
         select ${by === 'jurisdiction' ? 'jurisdiction' : 'assignee_id'}, 0, 0, count(*) filter (where due_at >= $1), count(*) filter (where due_at < $1)
           from ${this.table} where completed_at is null and ${open.join(' and ')} group by 1
       ) parts group by key`,
      values,
    );
    const wanted = (c: DeadlineCount): DeadlineCount =>
      filter.status ? { key: c.key, due: 0, overdue: 0, met: 0, [filter.status]: c[filter.status] } : c;
    return rows
      .map((r) => wanted({ key: r.key, due: Number(r.due), overdue: Number(r.overdue), met: Number(r.met) }))
      .filter((c) => c.due + c.overdue + c.met > 0)
      .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
  }

  private async countRows(
    scopes: readonly DeadlineScope[],
    filter: Omit<DeadlineFilter, 'limit'>,
    by: 'jurisdiction' | 'assignee',
  ): Promise<DeadlineCount[]> {
    const { where, values } = this.conditions(scopes, filter);
    const column = by === 'jurisdiction' ? 'jurisdiction' : 'assignee_id';
    const { rows } = await this.query<{ key: string | null; due: string; overdue: string; met: string }>(
      `select ${column} as key, count(*) filter (where status = 'due') as due, count(*) filter (where status = 'overdue') as overdue,
              count(*) filter (where status = 'met') as met
         from (select ${column}, ${STATUS} as status from ${this.table} where ${where}) d
        group by ${column} order by ${column} nulls last`,
      values,
    );
    return rows.map((r) => ({ key: r.key, due: Number(r.due), overdue: Number(r.overdue), met: Number(r.met) }));
  }

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000')
        throw new DeadlineViewNotReadyError();
      throw error;
    }
  }

  private conditions(scopes: readonly DeadlineScope[], filter: Omit<DeadlineFilter, 'limit'>): { where: string; values: unknown[] } {
    const values: unknown[] = [filter.now];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    return { where: [this.scopes(scopes, param, 'assignee_id'), ...this.filters(filter, param)].join(' and '), values };
  }

  /** The rows the scopes allow: their kind, in their units, their assignee's own when so limited. */
  private scopes(scopes: readonly DeadlineScope[], param: (value: unknown) => string, assigneeColumn: 'assignee_id' | 'assignee'): string {
    const allowed = scopes.map((scope) => {
      const parts = [`kind = ${param(scope.kind)}`];
      if (scope.jurisdictions) parts.push(`jurisdiction = any(${param(scope.jurisdictions)}::text[])`);
      if (scope.assigneeOnly) parts.push(`${assigneeColumn} = ${param(scope.assigneeOnly)}`);
      return `(${parts.join(' and ')})`;
    });
    return `(${allowed.join(' or ')})`;
  }

  /** The caller's filters; the reading time is $1. */
  private filters(filter: Omit<DeadlineFilter, 'limit'>, param: (value: unknown) => string): string[] {
    const where: string[] = [];
    if (filter.assignee) where.push(`assignee_id = ${param(filter.assignee)}`);
    // Written out rather than on the computed status, so the index of deadlines not met can serve them.
    if (filter.status === 'due') where.push('completed_at is null and due_at >= $1');
    if (filter.status === 'overdue') where.push('((completed_at is null and due_at < $1) or completed_at > due_at)');
    if (filter.status === 'met') where.push('completed_at <= due_at');
    if (filter.before) where.push(`due_at < ${param(filter.before)}`);
    return where;
  }
}
