import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { createTipDecider } from './domain/tip-decider.js';
import type { TipCommand, TipEvent, TipEventType, TipState } from './domain/tip-types.js';

/**
 * Labels of every field of every tip event. The reporter's identity is `sensitive` (encrypted with
 * the reporter's own pseudonymous subject key, shown by the policy only to the assigned officer and
 * to supervisors who state the reporter_follow_up purpose); the allegation and free-text notes may
 * name people, so they are `personal`, encrypted with the tip's content key.
 *
 * Prosecution files (plan 004's "100% of files sent for prosecution resolved lawfully"): after a
 * tip is closed with a criminal case opened, the investigating unit records the file it sent to
 * the procuracy (day, procuracy, file number: internal) and then the procuracy's decision (day,
 * one of PROSECUTION_RESOLUTIONS, and `lawful`). `lawful` is stated by the unit, not derived from
 * the decision: every decision in the list can be lawful or not (a return for further
 * investigation is a lawful decision when made in time and on a legal ground), and what makes it
 * lawful depends on facts the tip does not hold — the time limit of CPC 2015 art. 240 runs 20 or
 * 30 days by the seriousness of the crime, with an extension, and the decision must not later be
 * annulled or overturned. No personal data: days, a public decision code, a boolean and the
 * names/numbers of official documents only. Any role that may close a tip may record them
 * (the policy's 'write' action).
 */
const LABELS: Record<TipEventType, Record<string, 'public' | 'internal' | 'personal' | 'sensitive'>> = {
  'tip.received': {
    at: 'public',
    tipId: 'public',
    jurisdiction: 'public',
    channel: 'public',
    kind: 'public',
    receivedAt: 'public',
    anonymous: 'public',
    allegation: 'personal',
    sourceAgency: 'internal',
  },
  'tip.reporter_recorded': { at: 'public', reporterSubjectId: 'internal', reporterName: 'sensitive', reporterContact: 'sensitive' },
  'tip.classified': { at: 'public', category: 'public', note: 'personal' },
  'tip.escalated': { at: 'public', escalationReason: 'public', escalatedTo: 'public' },
  'tip.transferred': { at: 'public', receivingAgency: 'internal', transferReason: 'public', note: 'personal' },
  'tip.assigned': { at: 'public', assigneeId: 'internal' },
  'tip.procuracy_notified': { at: 'public', procuracy: 'internal', documentRef: 'internal' },
  'tip.reporter_notified': { at: 'public', notificationMethod: 'internal' },
  'tip.verification_started': { at: 'public', note: 'personal' },
  'tip.verification_extended': {
    at: 'public',
    extendedUntil: 'public',
    dueAt: 'public',
    extensionReason: 'public',
    byProcuracy: 'public',
    procuracyDecisionRef: 'internal',
    note: 'personal',
  },
  'tip.suspended': { at: 'public', suspensionGround: 'public', note: 'personal' },
  'tip.resumed': { at: 'public', dueAt: 'public', note: 'personal' },
  'tip.closed': { at: 'public', outcome: 'public', criminalCaseRef: 'internal', note: 'personal' },
  'tip.penalty_case_requested': { at: 'public', tipId: 'public', jurisdiction: 'public', suggestedAct: 'public', category: 'public' },
  'tip.file_handed_over': { at: 'public', sanctioningAuthority: 'internal', documentRef: 'internal' },
  'tip.prosecution_file_sent': { at: 'public', sentOn: 'public', procuracy: 'internal', fileRef: 'internal' },
  'tip.prosecution_file_resolved': { at: 'public', resolvedOn: 'public', resolution: 'public', lawful: 'public' },
};

export const TIP_FIELD_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

/** The pseudonymous key of a tip's content (allegation, notes); the reporter has a key of their own. */
export const tipContentSubject = (tipId: string) => `tip-content-${tipId}`;

export type TipsContext = CaseContext<TipCommand, TipEvent, TipState>;

export function tipsContext(calendar: WorkingCalendar): TipsContext {
  return {
    kind: 'tip',
    decider: createTipDecider(calendar),
    schemas: TIP_FIELD_SCHEMAS,
    creates: (command) => command.type === 'ReceiveTip',
    // Only supervisors assign (the policy's 'assign' action).
    action: (command) => (command.type === 'AssignTip' ? 'assign' : 'write'),
    scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: state.assigneeId ? [state.assigneeId] : [] }),
    newCaseScope: (command) => ({ jurisdiction: command.type === 'ReceiveTip' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
    subjectOf: (_state, event, caseId) =>
      event.type === 'tip.reporter_recorded' ? event.data.reporterSubjectId : tipContentSubject(caseId),
  };
}
