import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { establishmentDecider } from './establishment-decider.js';
import {
  ESTABLISHMENT_TYPES,
  RISK_CLASSES,
  type EstablishmentCommand,
  type EstablishmentEvent,
  type EstablishmentState,
} from './establishment.js';

const NOW = new Date('2026-06-15T05:00:00Z');
const context: DecisionContext = { now: NOW, actorId: 'inspector-1', roles: ['inspector'], newId: () => 'generated' };
const date = fc.constantFrom('2025-12-31', '2026-06-15', '2026-06-16', '2026-13-01');
const commune = fc.constantFrom('10015', '10030', '01');
const id = fc.constantFrom('a', 'b', 'c');

const command: fc.Arbitrary<EstablishmentCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('register' as const),
    commune,
    establishmentType: fc.constantFrom(...ESTABLISHMENT_TYPES),
    businessName: fc.string(),
    address: fc.string(),
    businessLicenceNumber: fc.option(fc.string()),
    securityPermitNumber: fc.option(fc.string()),
    ownerSubjectId: fc.option(fc.constant('subj-1')),
    ownerName: fc.string(),
    ownerContact: fc.string(),
  }),
  fc.record({ kind: fc.constant('classify_risk' as const), riskClass: fc.constantFrom(...RISK_CLASSES), reason: fc.string() }),
  fc.record({ kind: fc.constant('sign_commitment' as const), signedOn: date, commune }),
  fc.record({ kind: fc.constant('link_inspection' as const), inspectionId: id }),
  fc.record({ kind: fc.constant('link_penalty_case' as const), penaltyCaseId: id }),
  fc.record({ kind: fc.constant('close' as const), closedOn: date, reason: fc.string() }),
);

function run(commands: EstablishmentCommand[]): { states: EstablishmentState[]; events: EstablishmentEvent[] } {
  let state = establishmentDecider.initialState;
  const states = [state];
  const events: EstablishmentEvent[] = [];
  for (const c of commands) {
    try {
      for (const event of establishmentDecider.decide(c, state, context)) {
        events.push(event);
        state = establishmentDecider.evolve(state, event);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // only refusals, never a crash
    }
    states.push(state);
  }
  return { states, events };
}

describe('establishment: no sequence of commands reaches a forbidden state', () => {
  it('keeps the registry’s invariants', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const { states, events } = run(commands);
        const final = states[states.length - 1]!;
        // Registration comes first and once; closure is final and happens once.
        expect(events.filter((e) => e.type === 'establishment.registered').length).toBeLessThanOrEqual(1);
        if (events.length > 0) expect(events[0]!.type).toBe('establishment.registered');
        expect(events.filter((e) => e.type === 'establishment.closed').length).toBeLessThanOrEqual(1);
        const closedAt = states.findIndex((s) => s.status === 'closed');
        if (closedAt >= 0) for (const s of states.slice(closedAt)) expect(s.status).toBe('closed');
        expect(final.closure !== null).toBe(final.status === 'closed');
        // Links are unique; commitments are with the establishment's own commune, never dated in the future.
        expect(new Set(final.inspectionIds).size).toBe(final.inspectionIds.length);
        expect(new Set(final.penaltyCaseIds).size).toBe(final.penaltyCaseIds.length);
        for (const c of final.commitments) {
          expect(c.commune).toBe(final.commune);
          expect(c.signedOn <= '2026-06-15').toBe(true);
        }
        if (final.status !== 'unregistered') expect(final.commune).toMatch(/^\d{5}$/);
        // Nothing changes the risk class or the commitments after closure.
        if (closedAt >= 0) {
          const atClose = states[closedAt]!;
          expect(final.risk).toEqual(atClose.risk);
          expect(final.commitments).toEqual(atClose.commitments);
        }
        reached.add(final.status);
        if (final.commitments.length > 0) reached.add('committed');
      }),
      { numRuns: 300 },
    );
    // The generator does reach every state, so the property is not vacuous.
    expect([...reached].sort()).toEqual(['closed', 'committed', 'registered', 'unregistered']);
  });
});
