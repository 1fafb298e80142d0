import type { Decider } from '../../../case-kernel/src/domain/decider.js';
import { decideSupportCase } from './support-case-decide.js';
import {
  INITIAL_SUPPORT_CASE,
  type Referral,
  type ReferralStatus,
  type SupportCaseCommand,
  type SupportCaseEvent,
  type SupportCaseState,
  type SupportCaseStatus,
} from './support-case-types.js';

/** Folds one event; never throws, whatever a field holds (redaction and erasure markers included). */
export function evolveSupportCase(state: SupportCaseState, event: SupportCaseEvent): SupportCaseState {
  switch (event.type) {
    case 'support_case.opened': {
      const d = event.data;
      return {
        ...state,
        status: 'first_contact',
        caseId: d.caseId,
        clientCode: d.clientCode,
        jurisdiction: d.jurisdiction,
        assigneeId: d.assigneeId,
        firstContact: { channel: d.channel, contactedOn: d.contactedOn, outreachReferralId: d.outreachReferralId, note: d.contactNote },
        serviceUser: { name: d.name, contact: d.contact, birthYear: d.birthYear, address: d.address },
      };
    }
    case 'support_case.assigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'support_case.service_user_updated':
      return { ...state, serviceUser: { ...state.serviceUser, ...event.data } };
    case 'support_case.consent_given': {
      const d = event.data;
      const consent = {
        consentId: d.consentId,
        purpose: d.purpose,
        providerId: d.providerId,
        wordingVersion: d.wordingVersion,
        method: d.consentMethod,
        witness: d.witness,
        takenBy: d.takenBy,
        givenOn: d.givenOn,
        withdrawnOn: null,
        withdrawalRecordedBy: null,
      };
      return { ...state, consents: [...state.consents, consent] };
    }
    case 'support_case.consent_withdrawn': {
      const d = event.data;
      return {
        ...state,
        consents: state.consents.map((c) =>
          c.consentId === d.consentId ? { ...c, withdrawnOn: d.withdrawnOn, withdrawalRecordedBy: d.withdrawalRecordedBy } : c,
        ),
      };
    }
    case 'support_case.needs_screened': {
      const d = event.data;
      return {
        ...state,
        status: advance(state.status, ['first_contact', 'reopened'], 'needs_screened'),
        screenings: [...state.screenings, { screenedOn: d.screenedOn, needs: d.needs, healthNotes: d.healthNotes, note: d.screeningNote }],
      };
    }
    case 'support_case.referral_made': {
      const d = event.data;
      const referral: Referral = {
        referralId: d.referralId,
        providerId: d.providerId,
        service: d.service,
        sharedFields: d.sharedFields,
        referredOn: d.referredOn,
        consentId: d.consentId,
        status: 'pending',
        statusOn: null,
        declineReason: null,
        revocationReason: null,
        serviceNote: null,
      };
      return { ...state, status: advance(state.status, ['needs_screened'], 'referred'), referrals: [...state.referrals, referral] };
    }
    case 'support_case.referral_accepted':
      return withReferral(state, event.data.referralId, 'accepted', event.data.acceptedOn);
    case 'support_case.referral_declined':
      return withReferral(state, event.data.referralId, 'declined', event.data.declinedOn, { declineReason: event.data.declineReason });
    case 'support_case.referral_revoked':
      return withReferral(state, event.data.referralId, 'revoked', event.data.revokedOn, { revocationReason: event.data.revocationReason });
    case 'support_case.referral_cancelled':
      return withReferral(state, event.data.referralId, 'cancelled', event.data.cancelledOn);
    case 'support_case.service_delivered': {
      const delivered = withReferral(state, event.data.referralId, 'delivered', event.data.deliveredOn, {
        serviceNote: event.data.serviceNote,
      });
      return { ...delivered, status: advance(state.status, ['referred'], 'in_service') };
    }
    case 'support_case.follow_up_recorded': {
      const d = event.data;
      return {
        ...state,
        status: advance(state.status, ['in_service'], 'follow_up'),
        followUps: [...state.followUps, { followUpOn: d.followUpOn, method: d.followUpMethod, note: d.followUpNote }],
      };
    }
    case 'support_case.closed': {
      const d = event.data;
      return {
        ...state,
        status: 'closed',
        closures: [...state.closures, { closedOn: d.closedOn, reason: d.closureReason, note: d.closureNote }],
      };
    }
    case 'support_case.reopened':
      return {
        ...state,
        status: 'reopened',
        reopenings: [...state.reopenings, { reopenedOn: event.data.reopenedOn, note: event.data.reopeningNote }],
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** Moves to `to` from one of `from`; a later step leaves the status where it is. */
function advance(status: SupportCaseStatus | null, from: readonly SupportCaseStatus[], to: SupportCaseStatus): SupportCaseStatus | null {
  return status !== null && from.includes(status) ? to : status;
}

function withReferral(
  state: SupportCaseState,
  referralId: string,
  status: ReferralStatus,
  on: string,
  changes: Partial<Referral> = {},
): SupportCaseState {
  return {
    ...state,
    referrals: state.referrals.map((r) => (r.referralId === referralId ? { ...r, ...changes, status, statusOn: on } : r)),
  };
}

/** Exhaustive at compile time like assertNever, but evolve never throws: an unknown event leaves the state as it is. */
function ignoreUnknownEvent(_event: never, state: SupportCaseState): SupportCaseState {
  return state;
}

export const supportCaseDecider: Decider<SupportCaseCommand, SupportCaseEvent, SupportCaseState> = {
  initialState: INITIAL_SUPPORT_CASE,
  evolve: evolveSupportCase,
  decide: decideSupportCase,
};
