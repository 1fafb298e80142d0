import fc from 'fast-check';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import {
  REFUSAL_REASONS,
  REQUEST_KINDS,
  type DataSubjectRequestCommand,
  type DataSubjectRequestState,
  type RequestStatus,
} from './data-subject-request.js';
import { calendar, contextAt, decider, fileCommand } from './data-subject-request.testkit.js';

const HOUR = 3600_000;
const START = Date.parse('2026-04-01T01:00:00Z');

const step = fc.record({
  hours: fc.integer({ min: 0, max: 72 }),
  roles: fc.constantFrom<string[]>(['data_protection_officer'], ['data_protection_officer'], ['social_worker']),
  command: fc.oneof(
    fc.record({
      kind: fc.constant('file' as const),
      requestKind: fc.constantFrom(...REQUEST_KINDS),
      backHours: fc.integer({ min: -2, max: 200 }),
    }),
    fc.constant({ kind: 'acknowledge' as const }),
    fc.constant({ kind: 'authorise_erasure' as const }),
    fc.record({ kind: fc.constant('complete' as const), outcome: fc.constantFrom('done', ''), shredded: fc.boolean() }),
    fc.record({
      kind: fc.constant('refuse' as const),
      reason: fc.constantFrom(...REFUSAL_REASONS),
      explanation: fc.constantFrom('why', ''),
    }),
  ),
});

type Status = RequestStatus | 'none';
const ALLOWED: Record<Status, readonly Status[]> = {
  none: ['received'],
  received: ['acknowledged', 'refused'],
  acknowledged: ['completed', 'refused'],
  completed: [],
  refused: [],
};

describe('data-subject request: no sequence of commands reaches a forbidden state', () => {
  it('moves along allowed transitions only; limits follow receipt; a deletion is complete only with its erasure; handling is the DPO’s', () => {
    const reached = new Set<Status>();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let state: DataSubjectRequestState = decider.initialState;
        let now = START;
        for (const s of steps) {
          now += s.hours * HOUR;
          const at = new Date(now).toISOString();
          const c = s.command;
          const command: DataSubjectRequestCommand =
            c.kind === 'file'
              ? fileCommand(c.requestKind, { receivedAt: new Date(now - c.backHours * HOUR).toISOString() })
              : c.kind === 'complete'
                ? {
                    kind: 'complete',
                    outcome: c.outcome,
                    erasure: c.shredded ? { erasedAt: at, alreadyErased: false, destroyedKeyIds: [] } : null,
                  }
                : c;
          const before = state;
          try {
            for (const e of decider.decide(command, state, contextAt(at, s.roles))) state = decider.evolve(state, e);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const from: Status = before.status ?? 'none';
          const to: Status = state.status ?? 'none';
          if (from !== to) expect(ALLOWED[from]).toContain(to);
          if (state !== before && c.kind !== 'file') expect(s.roles).toContain('data_protection_officer');
          reached.add(to);
        }
        if (state.status !== null) {
          const received = new Date(state.receivedAt!);
          expect(received.getTime()).toBeLessThanOrEqual(now);
          expect(state.acknowledgeBy).toBe(calendar.addWorkingDays(received, 2).toISOString());
          expect(Date.parse(state.actBy!)).toBeGreaterThan(Date.parse(state.acknowledgeBy!));
        }
        if (state.status === 'completed') {
          expect(state.acknowledgedAt).not.toBeNull();
          expect(state.erasure !== null).toBe(state.requestKind === 'delete');
          if (state.erasure) expect(state.erasureAuthorisedAt).not.toBeNull();
        }
        if (state.status === 'refused') expect(state.erasureAuthorisedAt).toBeNull();
        if (state.erasure) expect(state.status).toBe('completed');
      }),
      { numRuns: 500 },
    );
    expect([...reached].sort()).toEqual(['acknowledged', 'completed', 'none', 'received', 'refused']);
  });
});
