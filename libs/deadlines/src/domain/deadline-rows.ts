import { endOfVnDay, vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { deadlinesView } from '../../../penalties/src/domain/penalty-deadlines.js';
import type { ProcedureRules } from '../../../penalties/src/domain/penalty-reference.js';
import type { PenaltyEventType, PenaltyState } from '../../../penalties/src/domain/penalty-types.js';
import { tipDeadlines } from '../../../tips/src/domain/tip-deadlines.js';
import { TIP_EVENT_TYPES, type TipState } from '../../../tips/src/domain/tip-types.js';
import type {
  DataSubjectRequestEventType,
  DataSubjectRequestState,
} from '../../../data-subject-requests/src/domain/data-subject-request.js';
import { requestDeadlines } from '../../../data-subject-requests/src/domain/request-time-limits.js';

/** The case kinds with legal time limits in the deadline view. */
export const DEADLINE_KINDS = ['tip', 'penalty_case', 'data_subject_request'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Kinds listed to the data-protection officer only (not to other roles the policy lets list
 * them): requests of service users about their data belong to the support compartment.
 */
export const DPO_ONLY_KINDS: readonly DeadlineKind[] = ['data_subject_request'];

/**
 * One legal time limit of one case, as the view stores it: ids, unit, assignee and dates only,
 * no personal field. Whether it is due, overdue or met depends on the reading time, so the row
 * keeps the dates and the query decides (a projection never reads the clock).
 */
export interface DeadlineRow {
  kind: DeadlineKind;
  caseId: string;
  /** The limit's name in its context (e.g. `verification`, `decision`, `limitation`). */
  deadline: string;
  jurisdiction: string;
  assigneeId: string | null;
  /** The last instant the duty may be done in time. */
  dueAt: string;
  /** The Vietnamese calendar day of dueAt. */
  dueOn: string;
  /** When the duty was done; null while it is open. */
  completedAt: string | null;
}

/** Every tip deadline that is owed, as tip-deadlines.ts computes it (the reading time does not matter here). */
export function tipDeadlineRows(caseId: string, state: TipState, calendar: WorkingCalendar): DeadlineRow[] {
  return tipDeadlines(state, calendar, new Date(0))
    .filter((d) => d.status !== 'not_applicable')
    .map((d) => ({
      kind: 'tip',
      caseId,
      deadline: d.name,
      jurisdiction: state.jurisdiction,
      assigneeId: state.assigneeId,
      dueAt: d.dueAt,
      dueOn: vnDate(new Date(d.dueAt)),
      completedAt: d.completedAt,
    }));
}

/** Penalty deadlines the view tracks: the time to decide, the limitation period and the delivery of the decision. */
const PENALTY_LIMITS = ['decision', 'limitation', 'delivery'] as const;

/** A day's noon in Vietnam: an instant inside that calendar day (penalty dates are whole days). */
const noonOn = (date: string) => new Date(`${date}T12:00:00+07:00`).toISOString();

export function penaltyDeadlineRows(caseId: string, state: PenaltyState, calendar: WorkingCalendar, rules: ProcedureRules): DeadlineRow[] {
  const view = deadlinesView(state, calendar, rules, '0000-01-01');
  const doneOn: Record<(typeof PENALTY_LIMITS)[number], string | null> = {
    decision: state.decision?.decidedOn ?? null,
    limitation: state.decision?.decidedOn ?? null,
    delivery: state.deliveredOn,
  };
  return PENALTY_LIMITS.flatMap((name): DeadlineRow[] => {
    const limit = view[name];
    if (limit.status === 'not_applicable' || limit.dueOn === null) return [];
    const done = doneOn[name];
    return [
      {
        kind: 'penalty_case',
        caseId,
        deadline: name,
        jurisdiction: state.jurisdiction,
        assigneeId: state.assigneeId,
        dueAt: endOfVnDay(limit.dueOn).toISOString(),
        dueOn: limit.dueOn,
        completedAt: done === null ? null : noonOn(done),
      },
    ];
  });
}

/** The tip state the view keeps: what the deadlines need, without the allegation or the reporter. */
export function minimalTipState(state: TipState): TipState {
  return { ...state, allegation: null, reporter: null };
}

/** The penalty state the view keeps: without the people's identities, the summary or explanations. */
export function minimalPenaltyState(state: PenaltyState): PenaltyState {
  return {
    ...state,
    summary: null,
    people: [],
    explanation: { ...state.explanation, received: state.explanation.received.map((r) => ({ ...r, explanation: null })) },
  };
}

/** A data-subject request's two limits (acknowledge, act), as request-time-limits.ts computes them. */
export function requestDeadlineRows(caseId: string, state: DataSubjectRequestState): DeadlineRow[] {
  return requestDeadlines(state, new Date(0)).deadlines.map((d) => ({
    kind: 'data_subject_request',
    caseId,
    deadline: d.name,
    jurisdiction: state.jurisdiction,
    assigneeId: null,
    dueAt: d.dueAt,
    dueOn: vnDate(new Date(d.dueAt)),
    completedAt: d.completedAt,
  }));
}

/** The request state the view keeps: its dates, without the subject's id or the answers' texts. */
export function minimalRequestState(state: DataSubjectRequestState): DataSubjectRequestState {
  return { ...state, subjectId: null, outcome: null, explanation: null, erasure: null };
}

/** Listed as a record so a new penalty event type fails to compile until it is placed here. */
const PENALTY_TYPES: Record<PenaltyEventType, true> = {
  'penalty.violation_recorded': true,
  'penalty.person_recorded': true,
  'penalty.explanation_requested': true,
  'penalty.explanation_extended': true,
  'penalty.explanation_received': true,
  'penalty.verification_required': true,
  'penalty.decision_deadline_extended': true,
  'penalty.decided': true,
  'penalty.decision_delivered': true,
  'penalty.fine_paid': true,
  'penalty.enforcement_ordered': true,
  'penalty.complaint_lodged': true,
  'penalty.closed_without_decision': true,
};
export const PENALTY_EVENT_TYPES = Object.keys(PENALTY_TYPES) as PenaltyEventType[];

const REQUEST_TYPES: Record<DataSubjectRequestEventType, true> = {
  'data_subject_request.filed': true,
  'data_subject_request.acknowledged': true,
  'data_subject_request.erasure_authorised': true,
  'data_subject_request.erasure_executed': true,
  'data_subject_request.completed': true,
  'data_subject_request.refused': true,
};
export const REQUEST_EVENT_TYPES = Object.keys(REQUEST_TYPES) as DataSubjectRequestEventType[];
export { TIP_EVENT_TYPES };

/** The deadline status at a reading time: open and not yet past (due), done late or open past it (overdue), done in time (met). */
export type DeadlineStatus = 'due' | 'overdue' | 'met';

export function deadlineStatus(row: Pick<DeadlineRow, 'dueAt' | 'completedAt'>, now: Date): DeadlineStatus {
  const due = Date.parse(row.dueAt);
  if (row.completedAt === null) return now.getTime() > due ? 'overdue' : 'due';
  return Date.parse(row.completedAt) <= due ? 'met' : 'overdue';
}
