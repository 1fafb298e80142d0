import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { outreachReferralDecider } from './outreach-referral-decider.js';
import {
  DECLINE_REASONS,
  type OutreachReferralCommand,
  type OutreachReferralState,
  type OutreachReferralStatus,
} from './outreach-referral.js';

const context: DecisionContext = {
  now: new Date('2026-05-04T03:00:00Z'),
  actorId: 'supervisor-1',
  roles: ['support_supervisor'],
  newId: () => 'id',
};

const command: fc.Arbitrary<OutreachReferralCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('refer' as const),
    jurisdiction: fc.constantFrom('10015', '27559', '01', ''),
    contactHint: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant('')),
    preferredLanguage: fc.constantFrom(null, 'vi', 'en', 'Tiếng Việt'),
    preferredTime: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    needsMentioned: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('assign' as const), assigneeId: fc.constantFrom('worker-1', 'worker-2', 'worker 3') }),
  fc.record({ kind: fc.constant('accept' as const), supportCaseId: fc.constantFrom('case-1', 'case-2', 'bad id') }),
  fc.record({
    kind: fc.constant('decline' as const),
    reason: fc.constantFrom(...DECLINE_REASONS),
    note: fc.option(fc.constantFrom('moved away', ''), { nil: null }),
  }),
);

type Status = OutreachReferralStatus | 'none';
const ALLOWED: Record<Status, readonly Status[]> = {
  none: ['received'],
  received: ['assigned', 'accepted', 'declined'],
  assigned: ['assigned', 'accepted', 'declined'],
  accepted: [],
  declined: [],
};

describe('outreach referral: no sequence of commands reaches a forbidden state', () => {
  it('moves only along allowed transitions; a decision is final; accepted carries a case, declined a reason', () => {
    const reached = new Set<Status>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state: OutreachReferralState = outreachReferralDecider.initialState;
        for (const c of commands) {
          const before = state;
          try {
            const events = outreachReferralDecider.decide(c, state, context);
            expect(events).toHaveLength(1);
            for (const e of events) state = outreachReferralDecider.evolve(state, e);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect(state).toBe(before);
          }
          const from: Status = before.status ?? 'none';
          const to: Status = state.status ?? 'none';
          if (state !== before) expect(ALLOWED[from]).toContain(to);
          reached.add(to);
          // Nothing changes once the referral is decided.
          if (from === 'accepted' || from === 'declined') expect(state).toBe(before);
          // What the person said, and where, never changes after creation.
          if (before.status !== null)
            expect([state.contactHint, state.jurisdiction, state.needsMentioned]).toEqual([
              before.contactHint,
              before.jurisdiction,
              before.needsMentioned,
            ]);
        }
        if (state.status === 'accepted') expect(state.supportCaseId).toMatch(/^[A-Za-z0-9_-]+$/);
        if (state.status === 'declined') expect(DECLINE_REASONS).toContain(state.declineReason);
        if (state.status === 'assigned') expect(state.assigneeId).not.toBeNull();
        if (state.declineReason === 'other') expect(state.declineNote).toEqual(expect.stringMatching(/\S/));
      }),
      { numRuns: 500 },
    );
    expect([...reached].sort()).toEqual(['accepted', 'assigned', 'declined', 'none', 'received']);
  });
});
