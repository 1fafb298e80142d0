import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { providerDecider } from './provider-decider.js';
import { PROVIDER_TYPES, SERVICE_CODES, type ProviderCommand, type ProviderState } from './provider.js';

const context: DecisionContext = {
  now: new Date('2026-05-04T03:00:00Z'),
  actorId: 'supervisor-1',
  roles: ['support_supervisor'],
  newId: () => 'id',
};

const services = fc.oneof(
  {
    arbitrary: fc.subarray([...SERVICE_CODES]).chain((s) => fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length })),
    weight: 8,
  },
  { arbitrary: fc.constantFrom(['methadone', 'methadone'], ['haircut']) as fc.Arbitrary<never>, weight: 1 },
);
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('', '  '));
const command: fc.Arbitrary<ProviderCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('register' as const),
    name: text,
    providerType: fc.constantFrom(...PROVIDER_TYPES),
    services,
    jurisdiction: fc.constantFrom('01', '10015', '7'),
    contact: text,
  }),
  fc.record({ kind: fc.constant('change_services' as const), services }),
  fc.record({ kind: fc.constant('change_details' as const), name: text, contact: text }),
  fc.record({ kind: fc.constant('deactivate' as const), reason: text }),
  fc.constant({ kind: 'reactivate' as const }),
);

describe('provider: no sequence of commands breaks the directory entry', () => {
  it('keeps services non-empty, known, unique and ordered; toggles active only by deactivate/reactivate; never changes the area', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state: ProviderState = providerDecider.initialState;
        for (const c of commands) {
          const before = state;
          try {
            for (const e of providerDecider.decide(c, state, context)) state = providerDecider.evolve(state, e);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect(state).toBe(before);
          }
          if (state.active !== before.active && before.registered) expect(['deactivate', 'reactivate']).toContain(c.kind);
          if (!before.active && before.registered && state !== before) expect(c.kind).toBe('reactivate');
          if (before.registered) expect(state.jurisdiction).toBe(before.jurisdiction);
          seen.add(`${state.registered}:${state.active}`);
        }
        if (state.registered) {
          expect(state.services.length).toBeGreaterThan(0);
          expect(state.services).toEqual(SERVICE_CODES.filter((s) => state.services.includes(s)));
          expect(state.name.trim()).not.toBe('');
          expect(state.active).toBe(state.deactivationReason === null);
        }
      }),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual(['false:false', 'true:false', 'true:true']);
  });
});
