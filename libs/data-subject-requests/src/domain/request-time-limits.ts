import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import type { DataSubjectRequestState, RequestKind } from './data-subject-request.js';

export interface TimeLimit {
  days: number;
  /** Working days (Vietnam calendar, holidays excluded) or calendar days, counted from the day after receipt. */
  unit: 'working_days' | 'calendar_days';
  rule: string;
}

export interface TimeLimitTable {
  /** First day of receipt the table applies to (Vietnam calendar date). */
  effectiveFrom: string;
  legalBasis: string;
  acknowledge: TimeLimit;
  act: Record<RequestKind, TimeLimit>;
}

/**
 * Reference data, not logic: the time limits for answering data-subject requests. Chosen from
 * Decree 356/2025/ND-CP guiding Law 91/2025/QH15 (both in force 1/1/2026; the decree replaced
 * Decree 13/2023/ND-CP and its flat 72 hours) as summarised in the project's domain brief: answer within
 * 2 working days; access and correction within 10 days; restriction and objection (like withdrawal
 * of consent) within 15 days; deletion within 20 days. "Days" for acting are read as calendar days,
 * since the text says "working days" only for the answer. Verify against the official text before
 * go-live; a new table with a later effectiveFrom replaces this one for requests received from then.
 */
export const REQUEST_TIME_LIMIT_TABLES: readonly TimeLimitTable[] = [
  {
    effectiveFrom: '2026-01-01',
    legalBasis: 'Law 91/2025/QH15 on Personal Data Protection; Decree 356/2025/ND-CP',
    acknowledge: { days: 2, unit: 'working_days', rule: 'Decree 356/2025/ND-CP: answer the request within 2 working days of receipt' },
    act: {
      view: { days: 10, unit: 'calendar_days', rule: 'Decree 356/2025/ND-CP: give access to the personal data within 10 days of receipt' },
      correct: { days: 10, unit: 'calendar_days', rule: 'Decree 356/2025/ND-CP: correct the personal data within 10 days of receipt' },
      restrict: { days: 15, unit: 'calendar_days', rule: 'Decree 356/2025/ND-CP: restrict the processing within 15 days of receipt' },
      object: { days: 15, unit: 'calendar_days', rule: 'Decree 356/2025/ND-CP: stop the processing objected to within 15 days of receipt' },
      delete: { days: 20, unit: 'calendar_days', rule: 'Decree 356/2025/ND-CP: delete the personal data within 20 days of receipt' },
    },
  },
];

/** The table in force for a request received on `date` (YYYY-MM-DD); the earliest one for a date before every table. */
export function timeLimitsFor(date: string, tables: readonly TimeLimitTable[] = REQUEST_TIME_LIMIT_TABLES): TimeLimitTable {
  const inForce = tables.filter((t) => t.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return inForce[0] ?? [...tables].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0]!;
}

export function dueAt(receivedAt: Date, limit: TimeLimit, calendar: WorkingCalendar): Date {
  return limit.unit === 'working_days' ? calendar.addWorkingDays(receivedAt, limit.days) : calendar.addDays(receivedAt, limit.days);
}

export function describeLimit(limit: TimeLimit): string {
  return `${limit.days} ${limit.unit === 'working_days' ? 'working days' : 'days'} from receipt`;
}

/** met: done in time; met_late: done after the limit; overdue: still open past the limit; pending: open, in time. */
export type DeadlineStatus = 'met' | 'met_late' | 'overdue' | 'pending';

export interface RequestDeadline {
  name: 'acknowledgement' | 'action';
  dueAt: string;
  completedAt: string | null;
  status: DeadlineStatus;
}

type DeadlineFacts = Pick<DataSubjectRequestState, 'acknowledgeBy' | 'actBy' | 'acknowledgedAt' | 'completedAt' | 'refusedAt'>;

/** Where the request stands against its limits at `now`. A refusal answers the request and ends it. Pure. */
export function requestDeadlines(facts: DeadlineFacts, now: Date): { deadlines: RequestDeadline[]; overdue: boolean } {
  if (!facts.acknowledgeBy || !facts.actBy) return { deadlines: [], overdue: false };
  const deadlines = [
    deadline('acknowledgement', facts.acknowledgeBy, facts.acknowledgedAt ?? facts.refusedAt, now),
    deadline('action', facts.actBy, facts.completedAt ?? facts.refusedAt, now),
  ];
  return { deadlines, overdue: deadlines.some((d) => d.status === 'overdue') };
}

function deadline(name: RequestDeadline['name'], due: string, completedAt: string | null, now: Date): RequestDeadline {
  const limit = Date.parse(due);
  let status: DeadlineStatus;
  if (completedAt !== null) status = Date.parse(completedAt) <= limit ? 'met' : 'met_late';
  else status = now.getTime() > limit ? 'overdue' : 'pending';
  return { name, dueAt: due, completedAt, status };
}
