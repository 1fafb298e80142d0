import fc from 'fast-check';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { programmeDecider } from './programme-decider.js';
import type { ProgrammeCommand, ProgrammeEvent, ProgrammeState } from './programme-types.js';
import { ADOPT, context } from './programme.testkit.js';

const day = fc.oneof(
  {
    arbitrary: fc.integer({ min: 0, max: 330 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
    weight: 9,
  },
  { arbitrary: fc.constantFrom('2027-01-01', '2026-13-01', 'today'), weight: 1 },
);
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant(''));
const command: fc.Arbitrary<ProgrammeCommand> = fc.oneof(
  fc
    .record({ adoptedOn: day, value: fc.integer({ min: -10, max: 120 }) })
    .map(({ adoptedOn, value }): ProgrammeCommand => ({ ...ADOPT, adoptedOn, targets: [{ ...ADOPT.targets[0]!, value }] })),
  fc
    .record({ revisedOn: day, reason: text, value: fc.integer({ min: 0, max: 100 }) })
    .map(({ revisedOn, reason, value }): ProgrammeCommand => ({
      kind: 'revise_plan',
      revisedOn,
      reason,
      targets: [{ indicator: 'communes_with_plan', comparator: 'at_least', value, cadence: 'yearly', quote: 'q' }],
    })),
  fc.record({ withdrawnOn: day, reason: text }).map((c): ProgrammeCommand => ({ kind: 'withdraw_plan', ...c })),
  fc.record({ heldOn: day, reach: fc.integer({ min: -1, max: 500 }), recurring: fc.boolean() }).map((c): ProgrammeCommand => ({
    kind: 'record_communication',
    jurisdiction: '18775',
    form: 'meeting',
    audience: 'youth',
    villages: [],
    ...c,
  })),
  fc
    .record({ startedOn: day, name: text })
    .map((c): ProgrammeCommand => ({ kind: 'start_pilot_model', jurisdiction: '27559', modelKind: 'prevention', ...c })),
  fc.record({ endedOn: day, reason: text }).map((c): ProgrammeCommand => ({ kind: 'end_pilot_model', ...c })),
  fc.record({ retractedOn: day, reason: text }).map((c): ProgrammeCommand => ({ kind: 'retract', ...c })),
);

describe('programme: no sequence of commands breaks the record’s rules', () => {
  it('keeps one activity per record, stops at a retraction, counts revisions, ends pilot models after they start', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state: ProgrammeState = programmeDecider.initialState;
        const events: ProgrammeEvent[] = [];
        for (const c of commands) {
          const before = state;
          let decided: ProgrammeEvent[] = [];
          try {
            decided = programmeDecider.decide(c, state, context);
            // Pure: the same command on the same state decides the same.
            expect(programmeDecider.decide(c, state, context)).toEqual(decided);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          for (const e of decided) state = programmeDecider.evolve(state, e);
          events.push(...decided);
          if (before.activity !== null) expect(state.activity).toBe(before.activity);
          if (before.retracted) expect(decided).toEqual([]);
          decided.forEach((e) => seen.add(e.type));
        }
        expect(events.filter((e) => e.type === 'programme.activity_retracted').length).toBeLessThanOrEqual(1);
        expect(state.plan?.revisions ?? 0).toBe(events.filter((e) => e.type === 'programme.plan_revised').length);
        if (state.pilotEndedOn !== null) expect(state.pilotEndedOn >= state.on!).toBe(true);
        if (state.plan?.status === 'withdrawn') expect(events.filter((e) => e.type === 'programme.plan_withdrawn')).toHaveLength(1);
        expect(
          events.filter((e) => e.type.endsWith('_recorded') || e.type.endsWith('_adopted') || e.type.endsWith('_started')).length,
        ).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
    for (const type of [
      'programme.plan_adopted',
      'programme.plan_revised',
      'programme.plan_withdrawn',
      'programme.pilot_model_ended',
      'programme.activity_retracted',
    ])
      expect(seen).toContain(type);
  });
});
