import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { CaseSummaryProjection } from '../../case-kernel/src/application/case-summaries.js';
import { fold } from '../../case-kernel/src/domain/decider.js';
import type { FieldLabel } from '../../crypto/src/index.js';
import { supportCaseDecider } from './domain/support-case-decider.js';
import { serviceUserSubject } from './domain/support-case-rules.js';
import { consentSummary } from './domain/support-consent.js';
import type { SupportCaseCommand, SupportCaseEvent, SupportCaseEventType, SupportCaseState } from './domain/support-case-types.js';

/**
 * Labels of every field of every support case event. Who the service user is (name, contact, birth
 * year, address), their needs, health notes and every free-text note are `sensitive`, sealed with
 * the service user's own key (`su-<client code>`); a verbal consent's witness is `personal`. Ids,
 * the providers referred to and what they may see are `internal`; statuses, reasons and dates are
 * `public`. A field name keeps one label in every event, because redaction goes by field name.
 */
const LABELS: Record<SupportCaseEventType, Record<string, FieldLabel>> = {
  'support_case.opened': {
    caseId: 'public',
    clientCode: 'internal',
    jurisdiction: 'public',
    channel: 'public',
    outreachReferralId: 'internal',
    contactedOn: 'public',
    assigneeId: 'internal',
    name: 'sensitive',
    contact: 'sensitive',
    birthYear: 'sensitive',
    address: 'sensitive',
    contactNote: 'sensitive',
  },
  'support_case.assigned': { assigneeId: 'internal', assignedAt: 'public' },
  'support_case.service_user_updated': { name: 'sensitive', contact: 'sensitive', birthYear: 'sensitive', address: 'sensitive' },
  'support_case.consent_given': {
    consentId: 'public',
    purpose: 'public',
    providerId: 'internal',
    wordingVersion: 'public',
    consentMethod: 'public',
    witness: 'personal',
    takenBy: 'internal',
    givenOn: 'public',
  },
  'support_case.consent_withdrawn': {
    consentId: 'public',
    purpose: 'public',
    providerId: 'internal',
    withdrawnOn: 'public',
    withdrawalRecordedBy: 'internal',
  },
  'support_case.needs_screened': { needs: 'sensitive', healthNotes: 'sensitive', screeningNote: 'sensitive', screenedOn: 'public' },
  'support_case.referral_made': {
    referralId: 'public',
    providerId: 'internal',
    service: 'sensitive',
    sharedFields: 'internal',
    referredOn: 'public',
    consentId: 'public',
  },
  'support_case.referral_accepted': { referralId: 'public', acceptedOn: 'public' },
  'support_case.referral_declined': { referralId: 'public', declineReason: 'public', declinedOn: 'public' },
  'support_case.referral_revoked': { referralId: 'public', revocationReason: 'internal', revokedOn: 'public' },
  'support_case.referral_cancelled': { referralId: 'public', cancellationReason: 'public', cancelledOn: 'public' },
  'support_case.service_delivered': { referralId: 'public', deliveredOn: 'public', serviceNote: 'sensitive' },
  'support_case.follow_up_recorded': { followUpMethod: 'public', followUpOn: 'public', followUpNote: 'sensitive' },
  'support_case.closed': { closureReason: 'public', closedOn: 'public', closureNote: 'sensitive' },
  'support_case.reopened': { reopenedOn: 'public', reopeningNote: 'sensitive' },
};

export const SUPPORT_CASE_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

/** Commands only a support supervisor gives (the policy's 'assign' action). */
const SUPERVISOR_COMMANDS: ReadonlySet<SupportCaseCommand['type']> = new Set(['AssignSupportCase', 'RevokeReferral']);

export type SupportCasesContext = CaseContext<SupportCaseCommand, SupportCaseEvent, SupportCaseState>;

export const supportCasesContext: SupportCasesContext = {
  kind: 'support_case',
  decider: supportCaseDecider,
  schemas: SUPPORT_CASE_SCHEMAS,
  creates: (command) => command.type === 'OpenSupportCase',
  action: (command) => (SUPERVISOR_COMMANDS.has(command.type) ? 'assign' : 'write'),
  // The responsible social worker is the one assignee: a social worker sees only the cases assigned to them.
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: state.assigneeId ? [state.assigneeId] : [] }),
  newCaseScope: (command) =>
    command.type === 'OpenSupportCase'
      ? { jurisdiction: command.jurisdiction, assignees: [command.assigneeId] }
      : { jurisdiction: NO_SCOPE, assignees: [] },
  subjectOf: (state, event) => {
    const clientCode = event.type === 'support_case.opened' ? event.data.clientCode : state.clientCode;
    if (!clientCode) throw new Error('A support case event without a case: no data subject to seal it for');
    return serviceUserSubject(clientCode);
  },
};

/**
 * The list entry of a support case: the pseudonymous client code, status, dates, consent status per
 * purpose and the referrals' statuses. Never who the service user is, their needs or any note (those
 * are sealed in the stored events this is folded from).
 */
export const supportCaseSummaries: CaseSummaryProjection = {
  kind: 'support_case',
  summarize(events) {
    const state = fold(
      supportCaseDecider,
      events.map((e) => ({ type: e.type, data: e.data }) as SupportCaseEvent),
    );
    return {
      clientCode: state.clientCode,
      status: state.status,
      channel: state.firstContact?.channel ?? null,
      contactedOn: state.firstContact?.contactedOn ?? null,
      assigneeId: state.assigneeId,
      consents: consentSummary(state),
      referrals: state.referrals.map((r) => ({
        referralId: r.referralId,
        providerId: r.providerId,
        status: r.status,
        referredOn: r.referredOn,
        statusOn: r.statusOn,
      })),
    };
  },
};
