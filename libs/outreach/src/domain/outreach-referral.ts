/**
 * An outreach referral: the one way a person met by enforcement (police, Đội 178) is handed to the
 * support side, with their agreement, so that a social worker can reach them. It carries NO offence
 * details — no tip, inspection, penalty or establishment, no offence — only where and how to reach
 * the person and what they said they need. Enforcement can create it and never read it back.
 */
export const DECLINE_REASONS = [
  'outside_service_area',
  'could_not_reach',
  'person_declined_support',
  'duplicate_referral',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const LIMITS = { contactHint: 300, preferredTime: 100, needsMentioned: 500, declineNote: 500 } as const;

export type OutreachReferralCommand =
  | {
      kind: 'refer';
      /** The commune the person can be reached in: the case jurisdiction. */
      jurisdiction: string;
      contactHint: string;
      preferredLanguage: string | null;
      preferredTime: string | null;
      needsMentioned: string | null;
    }
  | { kind: 'assign'; assigneeId: string }
  | { kind: 'accept'; supportCaseId: string }
  | { kind: 'decline'; reason: DeclineReason; note: string | null };

export type OutreachReferralCreated = {
  type: 'outreach_referral.created';
  data: {
    jurisdiction: string;
    contactHint: string;
    preferredLanguage: string | null;
    preferredTime: string | null;
    needsMentioned: string | null;
    referredAt: string;
  };
};
export type OutreachReferralAssigned = { type: 'outreach_referral.assigned'; data: { assigneeId: string; assignedAt: string } };
export type OutreachReferralAccepted = { type: 'outreach_referral.accepted'; data: { supportCaseId: string; acceptedAt: string } };
export type OutreachReferralDeclined = {
  type: 'outreach_referral.declined';
  data: { declineReason: DeclineReason; declineNote: string | null; declinedAt: string };
};

export type OutreachReferralEvent =
  OutreachReferralCreated | OutreachReferralAssigned | OutreachReferralAccepted | OutreachReferralDeclined;
export type OutreachReferralEventType = OutreachReferralEvent['type'];

export type OutreachReferralStatus = 'received' | 'assigned' | 'accepted' | 'declined';

export interface OutreachReferralState {
  /** null until the referral is created. */
  status: OutreachReferralStatus | null;
  jurisdiction: string;
  /** Sensitive (encrypted); in a read, the redaction or erasure marker where the caller may not see it. */
  contactHint: unknown;
  preferredLanguage: string | null;
  preferredTime: string | null;
  needsMentioned: unknown;
  referredAt: string | null;
  assigneeId: string | null;
  assignedAt: string | null;
  supportCaseId: string | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  /** When it was accepted or declined. */
  decidedAt: string | null;
}

export const INITIAL_OUTREACH_REFERRAL: OutreachReferralState = {
  status: null,
  jurisdiction: '',
  contactHint: null,
  preferredLanguage: null,
  preferredTime: null,
  needsMentioned: null,
  referredAt: null,
  assigneeId: null,
  assignedAt: null,
  supportCaseId: null,
  declineReason: null,
  declineNote: null,
  decidedAt: null,
};
