/** Given/when/then helpers for the support case decider's tests (pure; no I/O). */
import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { supportCaseDecider } from './support-case-decider.js';
import type { SupportCaseCommand, SupportCaseEvent, SupportCaseState } from './support-case-types.js';

/** Friday 15 May 2026, 10:00 in Vietnam. */
export const NOW = new Date('2026-05-15T03:00:00Z');
export const TODAY = '2026-05-15';

export function context(actorId = 'worker-1', now = NOW): DecisionContext {
  let n = 0;
  return { now, actorId, roles: ['social_worker'], newId: () => `id-${++n}` };
}

export const OPEN: Extract<SupportCaseCommand, { type: 'OpenSupportCase' }> = {
  type: 'OpenSupportCase',
  caseId: 'case-1',
  jurisdiction: '10015',
  channel: 'outreach',
  contactedOn: '2026-05-04',
  assigneeId: 'worker-1',
  serviceUser: { name: 'Trần Thị Mai', contact: '0912 000 111', birthYear: 1998, address: 'Tổ 4, xã Chương Mỹ' },
  note: 'Gặp tại điểm tư vấn lưu động',
};

export const consent = (
  purpose: 'case_management' | 'follow_up_contact' | 'deidentified_statistics',
  givenOn = '2026-05-04',
): SupportCaseCommand => ({
  type: 'GiveConsent',
  purpose,
  wordingVersion: 'v2026.1',
  method: 'written',
  givenOn,
});
export const referralConsent = (providerId: string, givenOn = '2026-05-06'): SupportCaseCommand => ({
  type: 'GiveConsent',
  purpose: 'referral',
  providerId,
  wordingVersion: 'v2026.1',
  method: 'verbal_witnessed',
  witness: 'Nguyễn Văn Chứng',
  givenOn,
});
export const SCREEN: SupportCaseCommand = {
  type: 'ScreenNeeds',
  needs: ['health_sexual_health_hiv_sti', 'vocational_training'],
  healthNotes: 'Cần xét nghiệm định kỳ',
  screenedOn: '2026-05-05',
};
export const refer = (providerId = 'provider-health-1', referredOn = '2026-05-06'): SupportCaseCommand => ({
  type: 'ReferToProvider',
  providerId,
  service: 'health_sexual_health_hiv_sti',
  sharedFields: ['clientCode', 'needs'],
  referredOn,
});

/** A command, or one built from the state reached so far (to name a referral made earlier). */
export type Step = SupportCaseCommand | ((state: SupportCaseState) => SupportCaseCommand);

/** The events a run of commands produces, each decided on the state the previous ones left (ids id-1, id-2, … over the run). */
export function history(...steps: Step[]): SupportCaseEvent[] {
  const events: SupportCaseEvent[] = [];
  let n = 0;
  for (const step of steps) {
    const state = fold(supportCaseDecider, events);
    const command = typeof step === 'function' ? step(state) : step;
    events.push(...supportCaseDecider.decide(command, state, { ...context(), newId: () => `id-${++n}` }));
  }
  return events;
}

/** The last referral made so far. */
const lastReferral = (state: SupportCaseState) => state.referrals[state.referrals.length - 1]!.referralId;
export const acceptLast =
  (acceptedOn = '2026-05-07'): Step =>
  (s) => ({ type: 'AcceptReferral', referralId: lastReferral(s), acceptedOn });
export const deliverLast =
  (deliveredOn = '2026-05-08'): Step =>
  (s) => ({ type: 'RecordServiceDelivered', referralId: lastReferral(s), deliveredOn });

export const stateOf = (events: SupportCaseEvent[]): SupportCaseState => fold(supportCaseDecider, events);

export function given(events: SupportCaseEvent[], actorId = 'worker-1') {
  const state = stateOf(events);
  return {
    state,
    when: (command: SupportCaseCommand) => supportCaseDecider.decide(command, state, context(actorId)),
    refuses: (command: SupportCaseCommand): DomainError => {
      try {
        const accepted = supportCaseDecider.decide(command, state, context(actorId));
        throw new Error(`expected a refusal, got ${accepted.map((e) => e.type).join(', ')}`);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
  };
}

/** Opened with case-management consent, needs screened. */
export const screened = () => history(OPEN, consent('case_management'), SCREEN);
/** …and referred to provider-health-1 with that provider’s referral consent (the referral is id-4). */
export const referred = () => history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), refer());
/** …and the referral accepted and the service delivered. */
export const delivered = (...consents: SupportCaseCommand[]) =>
  history(
    OPEN,
    consent('case_management'),
    ...consents,
    SCREEN,
    referralConsent('provider-health-1'),
    refer(),
    acceptLast(),
    deliverLast(),
  );
