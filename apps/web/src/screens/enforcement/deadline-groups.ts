import type { Api } from '../../api.js';

/** A row of GET /deadlines: ids, kinds, units, assignee ids and dates only. */
export interface DeadlineEntry {
  kind: string;
  caseId: string;
  deadline: string;
  jurisdiction: string;
  assigneeId: string | null;
  dueAt: string;
  dueOn: string;
  completedAt: string | null;
  status: 'due' | 'overdue' | 'met';
}

export interface DeadlineBoard {
  overdue: DeadlineEntry[];
  dueSoon: DeadlineEntry[];
  later: DeadlineEntry[];
}

const WEEK_MS = 7 * 24 * 3600_000;

/** Open duties only: past their time (overdue), due within seven days, or later; soonest first. */
export function deadlineBoard(entries: readonly DeadlineEntry[], now: Date): DeadlineBoard {
  const open = entries.filter((e) => e.completedAt === null).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const t = now.getTime();
  return {
    overdue: open.filter((e) => Date.parse(e.dueAt) < t),
    dueSoon: open.filter((e) => Date.parse(e.dueAt) >= t && Date.parse(e.dueAt) < t + WEEK_MS),
    later: open.filter((e) => Date.parse(e.dueAt) >= t + WEEK_MS),
  };
}

export interface CaseLine {
  caseId: string;
  jurisdiction: string;
  assigneeId: string | null;
  /** The soonest duty still open, if any. */
  next: DeadlineEntry | null;
  overdue: number;
}

/** One line per case from its deadline rows: the cases of a kind the caller may list, most urgent first. */
export function casesFromDeadlines(entries: readonly DeadlineEntry[], now: Date): CaseLine[] {
  const byCase = new Map<string, CaseLine>();
  for (const e of entries) {
    const line = byCase.get(e.caseId) ?? {
      caseId: e.caseId,
      jurisdiction: e.jurisdiction,
      assigneeId: e.assigneeId,
      next: null,
      overdue: 0,
    };
    if (e.completedAt === null) {
      if (Date.parse(e.dueAt) < now.getTime()) line.overdue += 1;
      if (!line.next || e.dueAt < line.next.dueAt) line.next = e;
    }
    byCase.set(e.caseId, line);
  }
  const due = (line: CaseLine) => (line.next ? Date.parse(line.next.dueAt) : Number.POSITIVE_INFINITY);
  return [...byCase.values()].sort(
    (a, b) => b.overdue - a.overdue || due(a) - due(b) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
}

/** `verification_after_resumption_2` is the same duty as `verification_after_resumption`. */
export function deadlineNameKey(name: string): string {
  return name.replace(/_\d+$/, '');
}

export interface DeadlineRows {
  asOf: string;
  fresh: boolean;
  deadlines: DeadlineEntry[];
}

/**
 * The rows that still matter, in two small queries instead of the whole history: those due later
 * (`status=due`) and those past their time (`status=overdue`, which also holds duties done late).
 */
export async function loadCurrentDeadlines(api: Pick<Api, 'get'>, kind?: string): Promise<DeadlineRows> {
  const query = (status: string) => `/deadlines?status=${status}&limit=5000${kind ? `&kind=${kind}` : ''}`;
  const [overdue, due] = await Promise.all([api.get<DeadlineRows>(query('overdue')), api.get<DeadlineRows>(query('due'))]);
  return {
    asOf: due.data.asOf,
    fresh: overdue.data.fresh && due.data.fresh,
    deadlines: [...overdue.data.deadlines, ...due.data.deadlines],
  };
}
