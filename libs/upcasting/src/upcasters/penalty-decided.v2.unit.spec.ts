import fc from 'fast-check';
import { REDACTED } from '../../../access/src/application/policy-point.js';
import { decider, given, recorded } from '../../../penalties/src/domain/penalty-scenario.testkit.js';
import type { PenaltyEvent } from '../../../penalties/src/domain/penalty-types.js';
import { PLATFORM_UPCASTERS, toCurrentDomainEvent } from '../platform-upcasters.js';
import { penaltyDecidedV1ToV2 } from './penalty-decided.v2.js';

/** What a release before version 2 wrote: the same decision without the totals. */
function asVersion1(event: PenaltyEvent): Record<string, unknown> {
  const { warningCount: _w, fineCount: _f, fineTotal: _t, ...v1 } = event.data as Record<string, unknown>;
  return v1;
}

const TWO_PEOPLE = recorded({
  act: '33',
  people: [
    { subjectId: 'subj-a', fullName: 'A', idNumber: null, address: null },
    { subjectId: 'subj-b', fullName: 'B', idNumber: null, address: null },
  ],
});

describe('upcaster penalty.decided 1 → 2', () => {
  it('is the current version of penalty.decided, and the decider writes it', () => {
    expect(PLATFORM_UPCASTERS.currentVersion('penalty.decided')).toBe(2);
    const [decided] = given(...TWO_PEOPLE).when({
      kind: 'decide',
      decisionNumber: '7/QĐ',
      sanctions: [
        { subjectId: 'subj-a', sanction: 'fine', amount: 400_000 },
        { subjectId: 'subj-b', sanction: 'warning', amount: null },
      ],
      additionalMeasures: [],
    });
    expect(decided!.data).toMatchObject({ warningCount: 1, fineCount: 1, fineTotal: 400_000 });
  });

  it('turns what an older release wrote into exactly what the decider writes now', () => {
    const [decided] = given(...TWO_PEOPLE).when({
      kind: 'decide',
      decisionNumber: '7/QĐ',
      sanctions: [
        { subjectId: 'subj-a', sanction: 'fine', amount: 400_000 },
        { subjectId: 'subj-b', sanction: 'fine', amount: 500_000 },
      ],
      additionalMeasures: [],
    });
    const upcast = toCurrentDomainEvent<PenaltyEvent>({ type: 'penalty.decided', schemaVersion: 1, data: asVersion1(decided!) });
    expect(upcast).toEqual(decided);
    expect(decider.evolve(given(...TWO_PEOPLE).state, upcast)).toEqual(decider.evolve(given(...TWO_PEOPLE).state, decided!));
  });

  it('sums any list of sanctions the way the decider does (property)', () => {
    const sanction = fc.oneof(
      fc.record({ subjectId: fc.uuid(), sanction: fc.constant('warning' as const), amount: fc.constant(null) }),
      fc.record({ subjectId: fc.uuid(), sanction: fc.constant('fine' as const), amount: fc.integer({ min: 0, max: 150_000_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(sanction, { maxLength: 12 }), (sanctions) => {
        const data = penaltyDecidedV1ToV2.upcast({ decidedOn: '2026-03-10', sanctions });
        expect(data.warningCount).toBe(sanctions.filter((s) => s.sanction === 'warning').length);
        expect(data.fineCount).toBe(sanctions.filter((s) => s.sanction === 'fine').length);
        expect(data.fineTotal).toBe(sanctions.reduce((sum, s) => sum + (s.amount ?? 0), 0));
        expect(data.sanctions).toBe(sanctions);
      }),
    );
  });

  it('reveals no more than the sanctions it is derived from: a redacted list gives redacted totals', () => {
    expect(penaltyDecidedV1ToV2.upcast({ decidedOn: '2026-03-10', sanctions: REDACTED })).toMatchObject({
      warningCount: REDACTED,
      fineCount: REDACTED,
      fineTotal: REDACTED,
    });
    expect(penaltyDecidedV1ToV2.upcast({ decidedOn: '2026-03-10' })).toMatchObject({
      warningCount: null,
      fineCount: null,
      fineTotal: null,
    });
  });
});
