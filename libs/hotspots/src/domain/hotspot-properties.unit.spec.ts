import fc from 'fast-check';
import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { hotspotDecider } from './hotspot-decider.js';
import { HOTSPOT_KINDS, type HotspotCommand, type HotspotState, type HotspotStatus } from './hotspot.js';

const TODAY = '2026-06-30';
const context: DecisionContext = {
  now: new Date(`${TODAY}T05:00:00Z`),
  actorId: 'supervisor-1',
  roles: ['police_supervisor'],
  newId: () => 'id',
};
const DAY_MS = 24 * 3600_000;
const dayOfYear = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);

// Commands whose dates mostly move forward (a few days per step) so that every status is reached;
// some steps go back in time, land after today, or carry a value that is not a date.
const step = fc.record({
  kind: fc.constantFrom('identify', 'start_treatment', 'eradicate', 'reactivate'),
  days: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 8 }), weight: 8 }, { arbitrary: fc.integer({ min: -10, max: -1 }), weight: 1 }),
  oddDate: fc.oneof(
    { arbitrary: fc.constant(null), weight: 10 },
    { arbitrary: fc.constantFrom('2026-07-01', '2026-02-30', 'yesterday'), weight: 1 },
  ),
  jurisdiction: fc.constantFrom('27559', '27559', '79', '7'),
  hotspotKind: fc.constantFrom(...HOTSPOT_KINDS),
  text: fc.string({ maxLength: 10 }),
});
const commands: fc.Arbitrary<HotspotCommand[]> = fc.array(step, { maxLength: 30 }).map((steps) => {
  let day = 0;
  return steps.map((s): HotspotCommand => {
    day += s.days;
    const date = s.oddDate ?? dayOfYear(day);
    switch (s.kind) {
      case 'identify':
        return {
          kind: 'identify',
          jurisdiction: s.jurisdiction,
          hotspotKind: s.hotspotKind,
          locationDescription: s.text,
          identifiedOn: date,
        };
      case 'start_treatment':
        return { kind: 'start_treatment', plan: s.text, startedOn: date };
      case 'eradicate':
        return { kind: 'eradicate', eradicatedOn: date };
      default:
        return { kind: 'reactivate', reactivatedOn: date, reason: s.text };
    }
  });
});

/** The state machine the plans describe: the only allowed moves. */
const ALLOWED: Record<HotspotStatus | 'none', readonly (HotspotStatus | 'none')[]> = {
  none: ['identified'],
  identified: ['under_treatment'],
  under_treatment: ['eradicated'],
  eradicated: ['reactivated'],
  reactivated: ['under_treatment'],
};

describe('hotspot: no sequence of commands reaches a forbidden state', () => {
  it('moves only along the allowed transitions, with contiguous, dated, non-decreasing periods', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(commands, (sequence) => {
        let state: HotspotState = hotspotDecider.initialState;
        for (const c of sequence) {
          const before = state.status ?? 'none';
          try {
            for (const e of hotspotDecider.decide(c, state, context)) state = hotspotDecider.evolve(state, e);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const after = state.status ?? 'none';
          if (after !== before) expect(ALLOWED[before]).toContain(after);
          reached.add(after);
        }
        const { periods } = state;
        periods.forEach((p, i) => {
          expect(p.from <= TODAY).toBe(true);
          if (i < periods.length - 1) expect(p.to).toBe(periods[i + 1]!.from);
          else expect(p.to).toBeNull();
          if (p.to !== null) expect(p.from <= p.to).toBe(true);
        });
        expect(state.status).toBe(periods.at(-1)?.status ?? null);
        expect(state.timesEradicated).toBe(periods.filter((p) => p.status === 'eradicated').length);
        expect(state.timesReactivated).toBe(periods.filter((p) => p.status === 'reactivated').length);
        // A spot is re-activated only after it was eradicated, so never more often.
        expect(state.timesReactivated).toBeLessThanOrEqual(state.timesEradicated);
      }),
      { numRuns: 500 },
    );
    expect([...reached].sort()).toEqual(['eradicated', 'identified', 'none', 'reactivated', 'under_treatment']);
  });
});
