import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { inspectionDecider } from './inspection-decider.js';
import {
  FINDINGS,
  INSPECTION_MODES,
  MEMBER_AGENCIES,
  MIN_TEAM_SIZE,
  type InspectionCommand,
  type InspectionEvent,
  type InspectionState,
} from './inspection.js';

const TODAY = '2026-06-15';
let n = 0;
const context: DecisionContext = {
  now: new Date(`${TODAY}T05:00:00Z`),
  actorId: 'inspector-1',
  roles: ['inspector'],
  newId: () => `g${++n}`,
};
const date = fc.constantFrom('2026-06-01', '2026-06-10', TODAY, '2026-06-20', '2026-02-30');
const member = fc.record({
  agency: fc.constantFrom(...MEMBER_AGENCIES),
  name: fc.string(),
  subjectId: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom('s1', 's2'), weight: 1 }),
});

// Mostly well-formed commands, so that every state is reached; sometimes broken ones.
const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: any, weight: 1 });
const findings = mostly(
  fc.constantFrom(
    { findings: 'violations' as const, violationDescription: 'no register' },
    { findings: 'compliant' as const, violationDescription: null },
  ),
  fc.record({ findings: fc.constantFrom(...FINDINGS), violationDescription: fc.option(fc.constantFrom('no register', '')) }),
);
const command: fc.Arbitrary<InspectionCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('plan' as const),
    establishmentId: fc.constant('est-1'),
    jurisdiction: mostly(fc.constant('10015'), fc.constantFrom('01', 'VN')),
    mode: fc.constantFrom(...INSPECTION_MODES),
    triggeringTipId: mostly(fc.constant(null), fc.constant('tip-1')),
    plannedDate: date,
  }),
  fc
    .record({ conductedOn: mostly(fc.constant(TODAY), date), members: fc.array(member, { minLength: 2, maxLength: 4 }), findings })
    .map(({ conductedOn, members, findings: f }): InspectionCommand => ({ kind: 'conduct', conductedOn, members, ...f })),
  fc.record({ kind: fc.constant('link_penalty_case' as const), penaltyCaseId: fc.constantFrom('p1', 'p2') }),
  fc.record({ kind: fc.constant('close' as const), note: fc.option(fc.string()) }),
);

const ORDER = ['unplanned', 'planned', 'conducted', 'penalty_linked', 'closed'];

describe('inspection: no sequence of commands reaches a forbidden state', () => {
  it('keeps the state machine and Decree 178’s team rule', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state: InspectionState = inspectionDecider.initialState;
        const events: InspectionEvent[] = [];
        for (const c of commands) {
          const before = state;
          try {
            for (const e of inspectionDecider.decide(c, state, context)) {
              events.push(e);
              state = inspectionDecider.evolve(state, e);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          reached.add(state.status);
          // Status only moves forward, and never skips the check.
          expect(ORDER.indexOf(state.status)).toBeGreaterThanOrEqual(ORDER.indexOf(before.status));
          if (before.status === 'planned' && state.status !== 'planned') expect(state.status).toBe('conducted');
        }
        const count = (type: InspectionEvent['type']) => events.filter((e) => e.type === type).length;
        expect(count('inspection.planned')).toBeLessThanOrEqual(1);
        expect(count('inspection.conducted')).toBeLessThanOrEqual(1);
        expect(count('inspection.penalty_linked')).toBeLessThanOrEqual(1);
        if (events.length > 0) expect(events[0]!.type).toBe('inspection.planned');
        if (state.conductedOn !== null) {
          expect(state.members.length).toBeGreaterThanOrEqual(MIN_TEAM_SIZE);
          expect(new Set(state.members.map((m) => m.subjectId)).size).toBe(state.members.length);
          expect(state.conductedOn >= state.plannedDate! && state.conductedOn <= TODAY).toBe(true);
          expect(state.findings === 'violations').toBe(state.violationDescription !== null);
        } else {
          expect(state.members).toEqual([]);
        }
        if (state.penaltyCaseId !== null) expect(state.findings).toBe('violations');
        if (state.mode === 'scheduled') expect(state.triggeringTipId).toBeNull();
      }),
      { numRuns: 600 },
    );
    // The generator does reach every state, so the property is not vacuous.
    expect([...reached].sort()).toEqual([...ORDER].sort());
  });
});
