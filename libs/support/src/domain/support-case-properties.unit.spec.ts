import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { activeConsent } from './support-consent.js';
import { supportCaseDecider } from './support-case-decider.js';
import {
  CLOSURE_REASONS,
  CONSENT_PURPOSES,
  DECLINE_REASONS,
  NEEDS,
  REVOCATION_REASONS,
  SHAREABLE_FIELDS,
  type ReferralStatus,
  type SupportCaseCommand,
  type SupportCaseEvent,
  type SupportCaseState,
  type SupportCaseStatus,
} from './support-case-types.js';

const TODAY = '2026-06-30';
const DAY_MS = 24 * 3600_000;
const dayOfYear = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);
const PROVIDERS = ['provider-a', 'provider-b'] as const;

/** The lifecycle the plans describe: the only allowed moves of the case status. */
const ALLOWED: Record<SupportCaseStatus | 'none', readonly (SupportCaseStatus | 'none')[]> = {
  none: ['first_contact'],
  first_contact: ['needs_screened', 'closed'],
  needs_screened: ['referred', 'closed'],
  referred: ['in_service', 'closed'],
  in_service: ['follow_up', 'closed'],
  follow_up: ['closed'],
  closed: ['reopened'],
  reopened: ['needs_screened', 'closed'],
};
const REFERRAL_MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ['accepted', 'declined', 'revoked', 'cancelled'],
  accepted: ['delivered', 'revoked', 'cancelled'],
  declined: [],
  revoked: [],
  cancelled: [],
  delivered: [],
};
/** Processing that needs case-management consent in force. */
const CASE_WORK: readonly SupportCaseEvent['type'][] = [
  'support_case.needs_screened',
  'support_case.referral_made',
  'support_case.referral_accepted',
  'support_case.service_delivered',
  'support_case.follow_up_recorded',
];
/** What may still happen to a closed case. */
const ON_CLOSED: readonly SupportCaseEvent['type'][] = [
  'support_case.reopened',
  'support_case.consent_withdrawn',
  'support_case.referral_cancelled',
  'support_case.assigned',
  'support_case.service_user_updated',
];

const KINDS = [
  ['OpenSupportCase', 2],
  ['GiveConsent', 6],
  ['WithdrawConsent', 2],
  ['ScreenNeeds', 3],
  ['ReferToProvider', 4],
  ['AcceptReferral', 3],
  ['DeclineReferral', 1],
  ['RevokeReferral', 1],
  ['RecordServiceDelivered', 3],
  ['RecordFollowUp', 2],
  ['CloseSupportCase', 1],
  ['ReopenSupportCase', 1],
  ['AssignSupportCase', 1],
  ['UpdateServiceUser', 1],
] as const;

// Steps whose dates mostly move forward; a few go back, land after today or are not dates. Which
// referral a step names is picked among those made so far (or is unknown).
const step = fc.record({
  kind: fc.oneof(...KINDS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  /** Take the next step of the lifecycle instead of `kind` (so that late statuses are reached often). */
  guided: fc.boolean(),
  days: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 9 }, { arbitrary: fc.integer({ min: -6, max: -1 }), weight: 1 }),
  oddDate: fc.oneof(
    { arbitrary: fc.constant(null), weight: 15 },
    { arbitrary: fc.constantFrom('2026-07-01', '2026-02-30', 'soon'), weight: 1 },
  ),
  purpose: fc.oneof(
    ...CONSENT_PURPOSES.map((purpose) => ({ arbitrary: fc.constant(purpose), weight: purpose === 'deidentified_statistics' ? 1 : 3 })),
  ),
  provider: fc.oneof(
    { arbitrary: fc.constantFrom(...PROVIDERS), weight: 12 },
    { arbitrary: fc.constantFrom('Bad id', undefined), weight: 1 },
  ),
  witness: fc.constantFrom('Người làm chứng', '', undefined),
  method: fc.constantFrom('written', 'verbal_witnessed') as fc.Arbitrary<'written' | 'verbal_witnessed'>,
  needs: fc.subarray([...NEEDS], { maxLength: 3 }),
  sharedFields: fc.subarray([...SHAREABLE_FIELDS], { maxLength: 3 }),
  pick: fc.nat({ max: 5 }),
  reason: fc.nat({ max: 4 }),
  assignee: fc.constantFrom('worker-1', 'worker-2', 'not valid'),
  birthYear: fc.oneof(fc.constant(undefined), fc.integer({ min: 1890, max: 2030 })),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The step a social worker would usually take next. */
function nextKind(state: SupportCaseState, provider: string | undefined): Step['kind'] {
  const pending = state.referrals.some((r) => r.status === 'pending');
  const accepted = state.referrals.some((r) => r.status === 'accepted');
  if (state.status === null) return 'OpenSupportCase';
  if (state.status === 'closed') return 'ReopenSupportCase';
  if (!activeConsent(state, 'case_management')) return 'GiveConsent';
  if (state.status === 'first_contact' || state.status === 'reopened') return 'ScreenNeeds';
  if (pending) return 'AcceptReferral';
  if (accepted) return 'RecordServiceDelivered';
  if (state.status === 'needs_screened') return provider && !activeConsent(state, 'referral', provider) ? 'GiveConsent' : 'ReferToProvider';
  if (state.status === 'in_service') return activeConsent(state, 'follow_up_contact') ? 'RecordFollowUp' : 'GiveConsent';
  return 'CloseSupportCase';
}

function commandFor(step: Step, date: string, state: SupportCaseState): SupportCaseCommand {
  const s = step.guided ? { ...step, kind: nextKind(state, step.provider) } : step;
  // Mostly one of the referrals made so far (the latest ones most often), sometimes one that does not exist.
  const known = state.referrals.length > 0 && s.pick < 5;
  const referralId = known ? state.referrals[Math.max(0, state.referrals.length - 1 - (s.pick % 2))]!.referralId : `unknown-${s.pick}`;
  const providerId = s.provider;
  const at = <T extends readonly string[]>(list: T) => list[s.reason % list.length] as T[number];
  switch (s.kind) {
    case 'OpenSupportCase':
      return {
        type: 'OpenSupportCase',
        caseId: 'case-p',
        jurisdiction: '10015',
        channel: 'walk_in',
        contactedOn: date,
        assigneeId: 'worker-1',
        serviceUser: { name: 'X', birthYear: s.birthYear },
      };
    case 'GiveConsent':
      return {
        type: 'GiveConsent',
        purpose: s.purpose,
        ...(s.purpose === 'referral' ? { providerId } : {}),
        wordingVersion: 'v1',
        method: s.method,
        witness: s.witness,
        givenOn: date,
      };
    case 'WithdrawConsent':
      return { type: 'WithdrawConsent', purpose: s.purpose, ...(s.purpose === 'referral' ? { providerId } : {}), withdrawnOn: date };
    case 'ScreenNeeds':
      return { type: 'ScreenNeeds', needs: s.needs, screenedOn: date };
    case 'ReferToProvider':
      return {
        type: 'ReferToProvider',
        providerId: providerId ?? '',
        service: s.needs[0] ?? 'legal_aid',
        sharedFields: s.sharedFields,
        referredOn: date,
      };
    case 'AcceptReferral':
      return { type: 'AcceptReferral', referralId, acceptedOn: date };
    case 'DeclineReferral':
      return { type: 'DeclineReferral', referralId, reason: at(DECLINE_REASONS), declinedOn: date };
    case 'RevokeReferral':
      return { type: 'RevokeReferral', referralId, reason: at(REVOCATION_REASONS), revokedOn: date };
    case 'RecordServiceDelivered':
      return { type: 'RecordServiceDelivered', referralId, deliveredOn: date };
    case 'RecordFollowUp':
      return { type: 'RecordFollowUp', method: 'phone', followUpOn: date };
    case 'CloseSupportCase':
      return { type: 'CloseSupportCase', reason: at(CLOSURE_REASONS), closedOn: date };
    case 'ReopenSupportCase':
      return { type: 'ReopenSupportCase', reopenedOn: date };
    case 'AssignSupportCase':
      return { type: 'AssignSupportCase', assigneeId: s.assignee };
    default:
      return { type: 'UpdateServiceUser', serviceUser: { birthYear: s.birthYear } };
  }
}

/** A broken rule, reported with what was decided (plain checks: expect() is too slow for thousands of steps). */
function check(holds: boolean, rule: string, what: unknown): void {
  if (!holds) throw new Error(`${rule}: ${JSON.stringify(what)}`);
}

/** Checks one accepted decision against the rules, on the state it was decided on. */
function checkDecision(before: SupportCaseState, events: SupportCaseEvent[]): void {
  for (const event of events) {
    if (before.status === 'closed')
      check(ON_CLOSED.includes(event.type), 'only reopening, withdrawals, assignment and corrections on a closed case', event);
    if (CASE_WORK.includes(event.type))
      check(activeConsent(before, 'case_management') !== undefined, 'case work needs case-management consent in force', event);
    if (event.type === 'support_case.referral_made') {
      check(
        activeConsent(before, 'referral', event.data.providerId)?.consentId === event.data.consentId,
        'a referral rests on the provider’s referral consent in force',
        event,
      );
    }
    if (event.type === 'support_case.follow_up_recorded')
      check(activeConsent(before, 'follow_up_contact') !== undefined, 'follow-up needs follow-up consent in force', event);
    if (event.type === 'support_case.service_delivered') {
      check(
        before.referrals.find((r) => r.referralId === event.data.referralId)?.status === 'accepted',
        'a service is delivered on an accepted referral',
        event,
      );
    }
  }
}

/** What must hold of every state reached. */
function checkState(state: SupportCaseState, previous: SupportCaseState): void {
  const before = previous.status ?? 'none';
  const after = state.status ?? 'none';
  if (after !== before) check(ALLOWED[before].includes(after), 'the case status moves along the lifecycle', { before, after });
  for (const referral of state.referrals) {
    const was = previous.referrals.find((r) => r.referralId === referral.referralId);
    if (was && was.status !== referral.status)
      check(REFERRAL_MOVES[was.status].includes(referral.status), 'a referral moves along its own lifecycle', {
        was: was.status,
        now: referral.status,
      });
    // A referral still running always has the provider's referral consent in force.
    if (referral.status === 'pending' || referral.status === 'accepted')
      check(activeConsent(state, 'referral', referral.providerId) !== undefined, 'a withdrawal stops the referrals it covered', referral);
  }
  const inForce = state.consents.filter((c) => c.withdrawnOn === null).map((c) => `${c.purpose}/${c.providerId}`);
  check(new Set(inForce).size === inForce.length, 'one consent in force per purpose (and provider)', inForce);
  if (state.status !== null) {
    check(/^worker-\d$/.test(state.assigneeId ?? ''), 'an open case has a social worker', state.assigneeId);
    const opened = state.firstContact!.contactedOn;
    const dates = [
      ...state.consents.flatMap((c) => [c.givenOn, c.withdrawnOn ?? opened]),
      ...state.screenings.map((s) => s.screenedOn),
      ...state.referrals.flatMap((r) => [r.referredOn, r.statusOn ?? r.referredOn]),
      ...state.followUps.map((f) => f.followUpOn),
      ...state.closures.map((c) => c.closedOn),
      ...state.reopenings.map((r) => r.reopenedOn),
    ];
    for (const date of [opened, ...dates])
      check(date >= opened && date <= TODAY, 'every date is a real day between the first contact and today', date);
  }
}

describe('support case: no sequence of commands reaches a forbidden state', () => {
  it('moves along the lifecycle only, never processes without the consent in force, and stops what a withdrawal covers', () => {
    const reached = new Set<string>();
    const emitted = new Set<string>();
    const context: DecisionContext = {
      now: new Date(`${TODAY}T05:00:00Z`),
      actorId: 'worker-1',
      roles: ['social_worker'],
      newId: () => 'unused',
    };
    fc.assert(
      // Most runs open the case first, so that the later commands meet a case rather than nothing.
      fc.property(fc.boolean(), fc.array(step, { maxLength: 45, size: 'max' }), (openFirst, steps) => {
        let state: SupportCaseState = supportCaseDecider.initialState;
        let day = 0;
        let ids = 0;
        for (const [index, s] of steps.entries()) {
          day += s.days;
          const opening = openFirst && index === 0 ? { ...s, kind: 'OpenSupportCase' as const, oddDate: null, birthYear: undefined } : s;
          const command = commandFor(opening, opening.oddDate ?? dayOfYear(day), state);
          let events: SupportCaseEvent[] = [];
          try {
            events = supportCaseDecider.decide(command, state, { ...context, newId: () => `id-${++ids}` });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          checkDecision(state, events);
          const previous = state;
          for (const event of events) {
            state = supportCaseDecider.evolve(state, event);
            emitted.add(event.type);
          }
          checkState(state, previous);
          reached.add(state.status ?? 'none');
        }
      }),
      { numRuns: 600 },
    );
    // The generator reaches every status and every event, so the checks above were exercised.
    expect([...reached].sort()).toEqual([
      'closed',
      'first_contact',
      'follow_up',
      'in_service',
      'needs_screened',
      'none',
      'referred',
      'reopened',
    ]);
    expect(emitted.size).toBe(15);
  });
});
