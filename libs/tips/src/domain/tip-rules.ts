import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import type { TipState } from './tip-types.js';

/**
 * The legal time limits of a tip, each with its source (domain.md "Legal time limits";
 * verify against current law before go-live). Counted from receipt unless said otherwise.
 */
export const TIP_TIME_LIMITS = {
  classification: { source: 'Joint Circular 01/2017/TTLT (classification of crime reports)', limit: '24 hours after receipt' },
  transfer: { source: 'CPC 2015 art. 145; Joint Circular 01/2017/TTLT', limit: '24 hours after receipt, when not competent' },
  procuracy_notification: { source: 'CPC 2015 art. 146', limit: '3 days after receipt' },
  reporter_notification: { source: 'Joint Circular 01/2017/TTLT', limit: '3 working days after receipt' },
  verification: { source: 'CPC 2015 art. 147(1)', limit: '20 days after receipt' },
  extension: { source: 'CPC 2015 art. 147(2)', limit: 'up to 2 months after receipt; then once, by the procuracy, up to 2 months more' },
  suspension: { source: 'CPC 2015 art. 148(1)', limit: 'only once the time limit has run, on the listed grounds' },
  resumption: { source: 'CPC 2015 art. 149', limit: '1 month after resumption' },
  administrative_handover: {
    source: 'Law on Handling Administrative Violations 2012 art. 63',
    limit: '3 days after deciding not to open a criminal case',
  },
  prosecution_file: {
    source: 'CPC 2015 art. 232, 240',
    limit:
      'the file is sent once the criminal case is opened; the procuracy decides within 20 or 30 days of receiving it, by the seriousness of the crime, extendable once',
  },
} as const;
export type TipTimeLimit = keyof typeof TIP_TIME_LIMITS;

const HOUR_MS = 3600_000;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A refusal by a rule of law: 422 naming the rule. */
export function ruleViolated(
  code: string,
  rule: TipTimeLimit | 'intake',
  message: string,
  messageVi: string,
  details: Record<string, string | number | boolean | null> = {},
): DomainError {
  const source = rule === 'intake' ? 'CPC 2015 art. 144-146' : TIP_TIME_LIMITS[rule].source;
  return new DomainError('rule_violated', code, `${message} (${source})`, `${messageVi} (${source})`, { rule: source, ...details });
}

/** A command the tip's current status does not allow: 409. */
export function invalidState(code: string, message: string, messageVi: string, status: string): DomainError {
  return new DomainError('invalid_state', code, message, messageVi, { status });
}

export function receivedAt(state: TipState): Date {
  if (!state.receivedAt) throw new Error('tip not received');
  return new Date(state.receivedAt);
}

export function classificationDue(state: TipState): Date {
  return new Date(receivedAt(state).getTime() + 24 * HOUR_MS);
}

export function transferDue(state: TipState): Date {
  return new Date(receivedAt(state).getTime() + 24 * HOUR_MS);
}

export function procuracyNotificationDue(state: TipState, calendar: WorkingCalendar): Date {
  return calendar.addDays(receivedAt(state), 3);
}

export function reporterNotificationDue(state: TipState, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(receivedAt(state), 3);
}

/** The limit of the art. 147 period: 20 days, or the last extension. */
export function firstPeriodDue(state: TipState, calendar: WorkingCalendar): Date {
  const last = state.extensions[state.extensions.length - 1];
  return last ? new Date(last.dueAt) : calendar.addDays(receivedAt(state), 20);
}

/** The limit now running: after a resumption, one month from it; otherwise the art. 147 period. */
export function currentVerificationDue(state: TipState, calendar: WorkingCalendar): Date {
  const resumed = [...state.suspensions].reverse().find((s) => s.resumedDueAt !== null);
  return resumed ? new Date(resumed.resumedDueAt!) : firstPeriodDue(state, calendar);
}

/** Art. 147(2), first sentence: the agency may extend the limit to at most 2 months after receipt. */
export function agencyExtensionMaximum(state: TipState, calendar: WorkingCalendar): Date {
  return calendar.addMonths(receivedAt(state), 2);
}

/** Art. 147(2), second sentence: the procuracy may extend once more, by at most 2 months. */
export function procuracyExtensionMaximum(state: TipState, calendar: WorkingCalendar): Date {
  return calendar.addMonths(agencyExtensionMaximum(state, calendar), 2);
}

export function resumptionDue(resumedAt: Date, calendar: WorkingCalendar): Date {
  return calendar.addMonths(resumedAt, 1);
}

export function administrativeHandoverDue(closedAt: Date, calendar: WorkingCalendar): Date {
  return calendar.addDays(closedAt, 3);
}
