import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { CaseSummaryProjection } from '../../case-kernel/src/application/case-summaries.js';
import { fold } from '../../case-kernel/src/domain/decider.js';
import { outreachReferralDecider } from './domain/outreach-referral-decider.js';
import type {
  OutreachReferralCommand,
  OutreachReferralEvent,
  OutreachReferralEventType,
  OutreachReferralState,
} from './domain/outreach-referral.js';
import type { FieldLabel } from '../../access/src/domain/resources.js';

/**
 * Labels of every field of every referral event. How to reach the person and what they said they
 * need are `sensitive` (encrypted with the referral's own subject key; shown only to the assigned
 * social worker, or through break-the-glass); preferences, the assignee and the support case chosen are `internal`.
 */
const LABELS: Record<OutreachReferralEventType, Record<string, FieldLabel>> = {
  'outreach_referral.created': {
    jurisdiction: 'public',
    contactHint: 'sensitive',
    preferredLanguage: 'internal',
    preferredTime: 'internal',
    needsMentioned: 'sensitive',
    referredAt: 'public',
  },
  'outreach_referral.assigned': { assigneeId: 'internal', assignedAt: 'public' },
  'outreach_referral.accepted': { supportCaseId: 'internal', acceptedAt: 'public' },
  'outreach_referral.declined': { declineReason: 'public', declineNote: 'internal', declinedAt: 'public' },
};

export const OUTREACH_REFERRAL_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

/** The pseudonymous data subject of a referral: the key of the person's contact details; named in a deletion request. */
export const referralSubject = (referralId: string) => `referral-${referralId}`;

export const outreachContext: CaseContext<OutreachReferralCommand, OutreachReferralEvent, OutreachReferralState> = {
  kind: 'outreach_referral',
  decider: outreachReferralDecider,
  schemas: OUTREACH_REFERRAL_SCHEMAS,
  creates: (command) => command.kind === 'refer',
  // Enforcement may only write the referral; everything after is a support supervisor's decision.
  action: (command) => (command.kind === 'refer' ? 'write' : 'assign'),
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: state.assigneeId ? [state.assigneeId] : [] }),
  newCaseScope: (command) => ({ jurisdiction: command.kind === 'refer' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
  subjectOf: (_state, _event, caseId) => referralSubject(caseId),
};

/** The list entry: status and dates, preferences and who has it; never the contact or the needs. */
export const outreachSummaries: CaseSummaryProjection = {
  kind: 'outreach_referral',
  summarize(events) {
    const state = fold(
      outreachReferralDecider,
      events.map((e) => ({ type: e.type, data: e.data }) as OutreachReferralEvent),
    );
    return {
      status: state.status,
      referredAt: state.referredAt,
      preferredLanguage: state.preferredLanguage,
      assigneeId: state.assigneeId,
      assignedAt: state.assignedAt,
      supportCaseId: state.supportCaseId,
      declineReason: state.declineReason,
      decidedAt: state.decidedAt,
    };
  },
};
