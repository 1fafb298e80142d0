import { SERVICE_CODES } from '../../../providers/src/domain/provider.js';
/**
 * Confidential support cases: a service user ("người được hỗ trợ") known by a pseudonymous client
 * code, the consents they gave per purpose, their needs, referrals to providers, services, follow-up,
 * closure and reopening. Neutral words only: no field, value or message labels the person.
 */

/** How the first contact came about; an outreach referral comes from enforcement and carries only its id. */
export const FIRST_CONTACT_CHANNELS = ['outreach', 'walk_in', 'hotline', 'online_counselling', 'outreach_referral'] as const;
export type FirstContactChannel = (typeof FIRST_CONTACT_CHANNELS)[number];

/** Needs the plans list (002, 004): health, harm reduction, counselling, legal, livelihood, safety — the providers' service codes. */
export const NEEDS = SERVICE_CODES;
export type Need = (typeof NEEDS)[number];

/** Support runs on consent, given per purpose (Law 91/2025 on personal data protection). */
export const CONSENT_PURPOSES = ['case_management', 'referral', 'follow_up_contact', 'deidentified_statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['written', 'verbal_witnessed'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What a referral may let the receiving provider see: a subset, named on each referral. */
export const SHAREABLE_FIELDS = ['clientCode', 'name', 'contact', 'birthYear', 'address', 'needs', 'healthNotes'] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

export const DECLINE_REASONS = ['no_capacity', 'not_eligible', 'outside_service_area', 'service_user_unreachable', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const REVOCATION_REASONS = ['safety_concern', 'consent_concern', 'provider_unsuitable', 'recorded_in_error'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const FOLLOW_UP_METHODS = ['in_person', 'phone', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const CLOSURE_REASONS = ['goals_met', 'moved', 'declined_further_support', 'lost_to_follow_up'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const SUPPORT_CASE_STATUSES = [
  'first_contact',
  'needs_screened',
  'referred',
  'in_service',
  'follow_up',
  'closed',
  'reopened',
] as const;
export type SupportCaseStatus = (typeof SUPPORT_CASE_STATUSES)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'cancelled', 'delivered'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

// ---- commands (orders); dates are Vietnam calendar days (YYYY-MM-DD) ----

/** What the service user chooses to tell; every item is optional and sensitive. */
export interface ServiceUserDetails {
  name?: string;
  contact?: string;
  birthYear?: number;
  address?: string;
}

export type SupportCaseCommand =
  | {
      type: 'OpenSupportCase';
      caseId: string;
      jurisdiction: string;
      channel: FirstContactChannel;
      /** Only with channel outreach_referral: the id of the referral, nothing else about it. */
      outreachReferralId?: string;
      contactedOn: string;
      /** The responsible social worker (the one who opens it, unless a supervisor names someone). */
      assigneeId: string;
      serviceUser: ServiceUserDetails;
      note?: string;
    }
  | { type: 'AssignSupportCase'; assigneeId: string }
  | { type: 'UpdateServiceUser'; serviceUser: ServiceUserDetails }
  | {
      type: 'GiveConsent';
      purpose: ConsentPurpose;
      providerId?: string;
      wordingVersion: string;
      method: ConsentMethod;
      witness?: string;
      givenOn: string;
    }
  | { type: 'WithdrawConsent'; purpose: ConsentPurpose; providerId?: string; withdrawnOn: string }
  | { type: 'ScreenNeeds'; needs: Need[]; healthNotes?: string; note?: string; screenedOn: string }
  | { type: 'ReferToProvider'; providerId: string; service: Need; sharedFields: ShareableField[]; referredOn: string }
  | { type: 'AcceptReferral'; referralId: string; acceptedOn: string }
  | { type: 'DeclineReferral'; referralId: string; reason: DeclineReason; declinedOn: string }
  | { type: 'RevokeReferral'; referralId: string; reason: RevocationReason; revokedOn: string }
  | { type: 'RecordServiceDelivered'; referralId: string; deliveredOn: string; note?: string }
  | { type: 'RecordFollowUp'; method: FollowUpMethod; followUpOn: string; note?: string }
  | { type: 'CloseSupportCase'; reason: ClosureReason; closedOn: string; note?: string }
  | { type: 'ReopenSupportCase'; reopenedOn: string; note?: string };

export type SupportCaseCommandType = SupportCaseCommand['type'];

// ---- events (past tense, fixed type strings) ----
// Sensitive values are typed `unknown`: in a read they may hold the redaction or erasure marker,
// and in the command pipeline they are still sealed. Decisions never depend on them.

export type SupportCaseEvent =
  | {
      type: 'support_case.opened';
      data: {
        caseId: string;
        clientCode: string;
        jurisdiction: string;
        channel: FirstContactChannel;
        outreachReferralId: string | null;
        contactedOn: string;
        assigneeId: string;
        name: unknown;
        contact: unknown;
        birthYear: unknown;
        address: unknown;
        contactNote: unknown;
      };
    }
  | { type: 'support_case.assigned'; data: { assigneeId: string; assignedAt: string } }
  | { type: 'support_case.service_user_updated'; data: { name?: unknown; contact?: unknown; birthYear?: unknown; address?: unknown } }
  | {
      type: 'support_case.consent_given';
      data: {
        consentId: string;
        purpose: ConsentPurpose;
        providerId: string | null;
        wordingVersion: string;
        consentMethod: ConsentMethod;
        witness: unknown;
        takenBy: string;
        givenOn: string;
      };
    }
  | {
      type: 'support_case.consent_withdrawn';
      data: { consentId: string; purpose: ConsentPurpose; providerId: string | null; withdrawnOn: string; withdrawalRecordedBy: string };
    }
  | { type: 'support_case.needs_screened'; data: { needs: unknown; healthNotes: unknown; screeningNote: unknown; screenedOn: string } }
  | {
      type: 'support_case.referral_made';
      data: {
        referralId: string;
        providerId: string;
        service: unknown;
        sharedFields: ShareableField[];
        referredOn: string;
        consentId: string;
      };
    }
  | { type: 'support_case.referral_accepted'; data: { referralId: string; acceptedOn: string } }
  | { type: 'support_case.referral_declined'; data: { referralId: string; declineReason: DeclineReason; declinedOn: string } }
  | { type: 'support_case.referral_revoked'; data: { referralId: string; revocationReason: RevocationReason; revokedOn: string } }
  | { type: 'support_case.referral_cancelled'; data: { referralId: string; cancellationReason: 'consent_withdrawn'; cancelledOn: string } }
  | { type: 'support_case.service_delivered'; data: { referralId: string; deliveredOn: string; serviceNote: unknown } }
  | { type: 'support_case.follow_up_recorded'; data: { followUpMethod: FollowUpMethod; followUpOn: string; followUpNote: unknown } }
  | { type: 'support_case.closed'; data: { closureReason: ClosureReason; closedOn: string; closureNote: unknown } }
  | { type: 'support_case.reopened'; data: { reopenedOn: string; reopeningNote: unknown } };

export type SupportCaseEventType = SupportCaseEvent['type'];

// ---- state ----

export interface ConsentRecord {
  consentId: string;
  purpose: ConsentPurpose;
  providerId: string | null;
  wordingVersion: string;
  method: ConsentMethod;
  witness: unknown;
  takenBy: string;
  givenOn: string;
  withdrawnOn: string | null;
  withdrawalRecordedBy: string | null;
}

export interface Referral {
  referralId: string;
  providerId: string;
  service: unknown;
  sharedFields: ShareableField[];
  referredOn: string;
  consentId: string;
  status: ReferralStatus;
  /** When the status last changed (accepted, declined, revoked, cancelled, delivered). */
  statusOn: string | null;
  declineReason: DeclineReason | null;
  revocationReason: RevocationReason | null;
  serviceNote: unknown;
}

export interface SupportCaseState {
  /** null until the case is opened. */
  status: SupportCaseStatus | null;
  caseId: string | null;
  clientCode: string | null;
  jurisdiction: string;
  assigneeId: string | null;
  firstContact: { channel: FirstContactChannel; contactedOn: string; outreachReferralId: string | null; note: unknown } | null;
  serviceUser: { name: unknown; contact: unknown; birthYear: unknown; address: unknown };
  consents: ConsentRecord[];
  screenings: Array<{ screenedOn: string; needs: unknown; healthNotes: unknown; note: unknown }>;
  referrals: Referral[];
  followUps: Array<{ followUpOn: string; method: FollowUpMethod; note: unknown }>;
  closures: Array<{ closedOn: string; reason: ClosureReason; note: unknown }>;
  reopenings: Array<{ reopenedOn: string; note: unknown }>;
}

export const INITIAL_SUPPORT_CASE: SupportCaseState = {
  status: null,
  caseId: null,
  clientCode: null,
  jurisdiction: '',
  assigneeId: null,
  firstContact: null,
  serviceUser: { name: null, contact: null, birthYear: null, address: null },
  consents: [],
  screenings: [],
  referrals: [],
  followUps: [],
  closures: [],
  reopenings: [],
};
