import type { DeadlineKind, DeadlineRow } from './deadline-rows.js';

/** Deadlines done, kept as counts per kind, unit and assignee ('' for none): met in time, or late. */
export interface CountDelta {
  kind: DeadlineKind;
  jurisdiction: string;
  assignee: string;
  met: number;
  late: number;
}

type Counted = Pick<DeadlineRow, 'kind' | 'jurisdiction' | 'assigneeId' | 'dueAt' | 'completedAt'>;

/**
 * What replacing `removed` rows by `added` ones changes in the counts of deadlines done. Open
 * deadlines are not counted here: whether one is due or overdue depends on the reading time.
 */
export function countDeltas(removed: readonly Counted[], added: readonly Counted[]): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const count = (row: Counted, sign: 1 | -1) => {
    if (row.completedAt === null) return;
    const assignee = row.assigneeId ?? '';
    const key = `${row.kind}\n${row.jurisdiction}\n${assignee}`;
    const delta = deltas.get(key) ?? { kind: row.kind, jurisdiction: row.jurisdiction, assignee, met: 0, late: 0 };
    if (Date.parse(row.completedAt) <= Date.parse(row.dueAt)) delta.met += sign;
    else delta.late += sign;
    deltas.set(key, delta);
  };
  removed.forEach((row) => count(row, -1));
  added.forEach((row) => count(row, 1));
  return [...deltas.values()].filter((d) => d.met !== 0 || d.late !== 0);
}
