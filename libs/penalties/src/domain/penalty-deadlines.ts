import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { addDaysToWorkingDay, addMonthsToWorkingDay, addWorkingDays, daysBetween } from './penalty-dates.js';
import type { ProcedureRules } from './penalty-reference.js';
import type { PenaltyState } from './penalty-types.js';

/** Last days (inclusive, Vietnamese calendar) of the time limits of a case; null where none runs yet. */
export interface PenaltyDeadlineDates {
  /** Art. 6: no penalty may be decided after this day (1 year from the violation). */
  limitation: string;
  /** Art. 61: the last day to ask for and to give an explanation; null without the right to explain. */
  explanation: string | null;
  /** Art. 66: the last day to decide (7 working days; 1 month with explanation or verification; +1 month). */
  decision: string;
  /** Art. 70: the decision is delivered within 2 working days. */
  delivery: string | null;
  /** Art. 73: fines are paid within 10 days of receiving the decision. */
  payment: string | null;
  /** Law on Complaints art. 9: 90 days from receiving the decision. */
  complaint: string | null;
}

export function deadlineDates(state: PenaltyState, calendar: WorkingCalendar, rules: ProcedureRules): PenaltyDeadlineDates {
  const recordedOn = state.recordedOn!;
  const explanationDays = rules.explanationWorkingDays + (state.explanation.extended ? rules.explanationExtensionWorkingDays : 0);
  const longer = state.explanation.requestedBy.length > 0 || state.verificationRequired;
  const decisionMonths =
    rules.decisionMonthsWithExplanationOrVerification + (state.decisionDeadlineExtended ? rules.decisionExtensionMonths : 0);
  return {
    limitation: addMonthsToWorkingDay(calendar, state.violationDate!, rules.limitationMonths),
    explanation: state.explanationRight ? addWorkingDays(calendar, recordedOn, explanationDays) : null,
    decision: longer
      ? addMonthsToWorkingDay(calendar, recordedOn, decisionMonths)
      : addWorkingDays(calendar, recordedOn, rules.decisionWorkingDays),
    delivery: state.decision ? addWorkingDays(calendar, state.decision.decidedOn, rules.deliveryWorkingDays) : null,
    payment: state.deliveredOn ? addDaysToWorkingDay(calendar, state.deliveredOn, rules.paymentDays) : null,
    complaint: state.deliveredOn ? addDaysToWorkingDay(calendar, state.deliveredOn, rules.complaintDays) : null,
  };
}

/** Art. 78: 0.05 % of the unpaid fine for each day after the payment deadline, in whole VND. */
export function lateFee(fine: number, paymentDue: string, paidOn: string, rules: ProcedureRules): { lateDays: number; lateFee: number } {
  const lateDays = Math.max(0, daysBetween(paymentDue, paidOn));
  return { lateDays, lateFee: Math.round(fine * rules.lateFeeRatePerDay * lateDays) };
}

export type DeadlineStatus = 'open' | 'met' | 'missed' | 'closed' | 'not_applicable';

export interface DeadlineView {
  dueOn: string | null;
  status: DeadlineStatus;
}

export interface PaymentDeadlineView extends DeadlineView {
  subjectId: string;
  fine: number;
  /** Late fee owed if paid today (or paid, when paid). */
  lateFee: number;
}

export interface PenaltyDeadlinesView {
  limitation: DeadlineView;
  explanation: DeadlineView;
  decision: DeadlineView;
  delivery: DeadlineView;
  payments: PaymentDeadlineView[];
  complaint: DeadlineView;
}

const NONE: DeadlineView = { dueOn: null, status: 'not_applicable' };

/** Something to be done by `dueOn`: met or missed once done, open or missed until then. */
function task(dueOn: string, doneOn: string | null, today: string): DeadlineView {
  if (doneOn !== null) return { dueOn, status: doneOn <= dueOn ? 'met' : 'missed' };
  return { dueOn, status: today <= dueOn ? 'open' : 'missed' };
}

/** A window the person may use: open until `dueOn`, closed after. */
const window = (dueOn: string | null, today: string): DeadlineView =>
  dueOn === null ? NONE : { dueOn, status: today <= dueOn ? 'open' : 'closed' };

/** The deadlines of a case and where each stands on `today`, for the case view. */
export function deadlinesView(state: PenaltyState, calendar: WorkingCalendar, rules: ProcedureRules, today: string): PenaltyDeadlinesView {
  if (state.status === 'none')
    return { limitation: NONE, explanation: NONE, decision: NONE, delivery: NONE, payments: [], complaint: NONE };
  const dates = deadlineDates(state, calendar, rules);
  const decidedOn = state.decision?.decidedOn ?? null;
  const closed = state.status === 'closed';
  const payments = (state.decision?.sanctions ?? [])
    .filter((s) => s.sanction === 'fine')
    .map((s): PaymentDeadlineView => {
      const fine = s.amount ?? 0;
      if (dates.payment === null) return { subjectId: s.subjectId, fine, lateFee: 0, ...NONE };
      const paid = state.payments.find((p) => p.subjectId === s.subjectId);
      const fee = paid ? paid.lateFee : lateFee(fine, dates.payment, today, rules).lateFee;
      return { subjectId: s.subjectId, fine, lateFee: fee, ...task(dates.payment, paid?.paidOn ?? null, today) };
    });
  return {
    limitation: closed ? { dueOn: dates.limitation, status: 'not_applicable' } : task(dates.limitation, decidedOn, today),
    explanation:
      state.status === 'recorded'
        ? window(dates.explanation, today)
        : { dueOn: dates.explanation, status: dates.explanation === null ? 'not_applicable' : 'closed' },
    decision: closed ? { dueOn: dates.decision, status: 'not_applicable' } : task(dates.decision, decidedOn, today),
    delivery: dates.delivery === null ? NONE : task(dates.delivery, state.deliveredOn, today),
    payments,
    complaint: window(dates.complaint, today),
  };
}
