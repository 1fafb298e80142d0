import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import {
  administrativeHandoverDue,
  classificationDue,
  firstPeriodDue,
  procuracyNotificationDue,
  reporterNotificationDue,
  TIP_TIME_LIMITS,
  transferDue,
  type TipTimeLimit,
} from './tip-rules.js';
import type { TipState } from './tip-types.js';

export type DeadlineStatus = 'met' | 'overdue' | 'pending' | 'not_applicable';

export interface TipDeadline {
  name: string;
  /** The legal source of the limit. */
  rule: string;
  limit: string;
  dueAt: string;
  /** When the duty was done (or stopped applying); null while it is open. */
  completedAt: string | null;
  /** At the read time: done in time, done late or late now, still open, or not owed. */
  status: DeadlineStatus;
}

/** Every deadline of the tip's legal timeline, as it stands at `now`. Pure: no I/O. */
export function tipDeadlines(state: TipState, calendar: WorkingCalendar, now: Date): TipDeadline[] {
  if (!state.receivedAt) return [];
  const transferredAt = state.transfer?.at ?? null;
  const deadlines: TipDeadline[] = [
    entry('classification', 'classification', classificationDue(state), state.classifiedAt, true, now),
    // Owed only if the agency is not competent; once it takes the tip on (assigns it) it is not owed.
    entry(
      'transfer',
      'transfer',
      transferDue(state),
      transferredAt ?? state.assignedAt,
      transferredAt !== null || state.assignedAt === null,
      now,
    ),
    entry(
      'procuracy_notification',
      'procuracy_notification',
      procuracyNotificationDue(state, calendar),
      state.procuracyNotifiedAt ?? transferredAt,
      !(transferredAt && !state.procuracyNotifiedAt),
      now,
    ),
    entry(
      'reporter_notification',
      'reporter_notification',
      reporterNotificationDue(state, calendar),
      state.reporterNotifiedAt,
      !state.anonymous,
      now,
    ),
    ...verificationDeadlines(state, calendar, now),
  ];
  if (state.penaltyCaseRequest) {
    deadlines.push(
      entry(
        'administrative_handover',
        'administrative_handover',
        administrativeHandoverDue(new Date(state.penaltyCaseRequest.at), calendar),
        state.handedOverAt,
        true,
        now,
      ),
    );
  }
  return deadlines;
}

/** One verification period per limit: the art. 147 period (with its extensions), then one per resumption. */
function verificationDeadlines(state: TipState, calendar: WorkingCalendar, now: Date): TipDeadline[] {
  const transferredAt = state.transfer?.at ?? null;
  const closedAt = state.closure?.at ?? null;
  const periods: Array<{ name: string; limit: TipTimeLimit; due: Date; endedAt: string | null }> = [];
  const first = state.suspensions[0];
  periods.push({
    name: 'verification',
    limit: state.extensions.length > 0 ? 'extension' : 'verification',
    due: firstPeriodDue(state, calendar),
    endedAt: first?.at ?? null,
  });
  state.suspensions.forEach((suspension, i) => {
    if (suspension.resumedDueAt === null) return;
    periods.push({
      name: `verification_after_resumption_${i + 1}`,
      limit: 'resumption',
      due: new Date(suspension.resumedDueAt),
      endedAt: state.suspensions[i + 1]?.at ?? null,
    });
  });
  const last = periods[periods.length - 1]!;
  if (last.endedAt === null) last.endedAt = closedAt;
  return periods.map((p) => {
    const transferredInPeriod = p.endedAt === null && transferredAt !== null;
    return entry(p.name, p.limit, p.due, transferredInPeriod ? transferredAt : p.endedAt, !transferredInPeriod, now);
  });
}

function entry(name: string, limit: TipTimeLimit, due: Date, completedAt: string | null, applicable: boolean, now: Date): TipDeadline {
  const source = TIP_TIME_LIMITS[limit];
  let status: DeadlineStatus;
  if (!applicable) status = 'not_applicable';
  else if (completedAt !== null) status = Date.parse(completedAt) <= due.getTime() ? 'met' : 'overdue';
  else status = now.getTime() > due.getTime() ? 'overdue' : 'pending';
  return { name, rule: source.source, limit: source.limit, dueAt: due.toISOString(), completedAt, status };
}
