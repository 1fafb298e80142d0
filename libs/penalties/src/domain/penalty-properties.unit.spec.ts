import fc from 'fast-check';
import { assertNever, DomainError } from '../../../case-kernel/src/domain/decider.js';
import { deadlineDates, lateFee } from './penalty-deadlines.js';
import {
  actIn,
  applicableBracket,
  ACT_CODES,
  ADDITIONAL_MEASURES,
  competenceIn,
  OFFICIAL_POSITIONS,
  type AdditionalMeasure,
} from './penalty-reference.js';
import { DECREE_282_2025 } from './reference/decree-282-2025.js';
import { LAW_ON_HANDLING_ADMINISTRATIVE_VIOLATIONS as RULES } from './reference/procedure-rules.js';
import { CALENDAR, contextOn, decider, type Who } from './penalty-scenario.testkit.js';
import {
  CLOSURE_REASONS,
  ENFORCEMENT_MEASURES,
  type PenaltyCommand,
  type PenaltyEvent,
  type PenaltyState,
  type PenaltyStatus,
} from './penalty-types.js';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const SUBJECTS = ['subj-a', 'subj-b', 'subj-x'];
const person = (subjectId: string) => ({ subjectId, fullName: 'P', idNumber: null, address: null });
// Mostly well-formed commands, so that every status is reached; sometimes broken ones.
const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: any, weight: 1 });

/** A command whose dates are days relative to the day it is given, resolved when it runs; 'owed' pays what is owed. */
type Dated = {
  kind: 'dated';
  make: 'record_explanation' | 'deliver' | 'record_payment' | 'record_complaint';
  offset: number;
  subjectId: string;
  amountPaid: number | 'owed';
};
type Case = {
  act: (typeof ACT_CODES)[number];
  people: string[];
  offenderType: 'individual' | 'organisation';
  multiplePeopleAtOnce: boolean;
};

function commandsFor(c: Case): { record: fc.Arbitrary<PenaltyCommand>; any: fc.Arbitrary<PenaltyCommand | Dated> } {
  const table = actIn(DECREE_282_2025, c.act)!;
  const bracket = applicableBracket(DECREE_282_2025, table, c.multiplePeopleAtOnce, c.offenderType);
  const subject = mostly(fc.constantFrom(...c.people), fc.constantFrom(...SUBJECTS));
  const amount = mostly(
    fc.constantFrom(bracket.min, bracket.max, Math.round((bracket.min + bracket.max) / 2)),
    fc.constantFrom(null, bracket.min - 1, bracket.max + 1, 1.5),
  );
  const sanction = (subjectId: string) =>
    fc.record({
      subjectId: fc.constant(subjectId),
      sanction: bracket.warningAllowed
        ? fc.constantFrom('fine' as const, 'warning' as const)
        : mostly(fc.constant('fine' as const), fc.constant('warning' as const)),
      amount,
    });
  const dated = (make: Dated['make']) =>
    fc.record({
      kind: fc.constant('dated' as const),
      make: fc.constant(make),
      offset: mostly(fc.integer({ min: -1, max: 0 }), fc.integer({ min: -30, max: 2 })),
      subjectId: subject,
      amountPaid: mostly<number | 'owed'>(fc.constant('owed'), fc.constantFrom(0, bracket.min)),
    });
  const record = fc.record({
    kind: fc.constant('record_violation' as const),
    jurisdiction: fc.constant('10015'),
    violationDate: mostly(fc.constant('2026-03-02'), fc.constantFrom('2025-12-14', '2025-12-20', '2026-03-04')),
    recordedOn: fc.constantFrom('2026-03-02', '2026-03-03'),
    act: mostly(fc.constant(c.act), fc.constantFrom(...ACT_CODES)),
    multiplePeopleAtOnce: mostly(fc.constant(c.multiplePeopleAtOnce), fc.boolean()),
    offenderType: fc.constant(c.offenderType),
    people: mostly(
      fc.constant(c.people.map(person)),
      fc.subarray(SUBJECTS, { minLength: 1 }).map((s) => s.map(person)),
    ),
    tipId: fc.constant(null),
    summary: fc.constant(null),
  });
  const decide = fc.record({
    kind: fc.constant('decide' as const),
    decisionNumber: fc.constant('1/QĐ'),
    sanctions: mostly(fc.constant(c.people), fc.subarray(SUBJECTS, { minLength: 1 })).chain((ids) => fc.tuple(...ids.map(sanction))),
    additionalMeasures: mostly<AdditionalMeasure[]>(fc.constant([]), fc.subarray([...ADDITIONAL_MEASURES], { maxLength: 1 })),
  });
  const any = fc.oneof(
    { arbitrary: record, weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('request_explanation' as const), subjectId: subject }), weight: 3 },
    fc.record({ kind: fc.constant('extend_explanation' as const), reason: fc.constant('r') }),
    { arbitrary: dated('record_explanation'), weight: 3 },
    fc.record({ kind: fc.constant('require_verification' as const), reason: fc.constant('r') }),
    fc.record({ kind: fc.constant('extend_decision_deadline' as const), reason: fc.constant('r') }),
    { arbitrary: decide, weight: 5 },
    { arbitrary: dated('deliver'), weight: 4 },
    { arbitrary: dated('record_payment'), weight: 3 },
    {
      arbitrary: fc.record({
        kind: fc.constant('order_enforcement' as const),
        subjectId: subject,
        measure: fc.constantFrom(...ENFORCEMENT_MEASURES),
      }),
      weight: 2,
    },
    { arbitrary: dated('record_complaint'), weight: 2 },
    fc.record({
      kind: fc.constant('close' as const),
      reason: mostly(fc.constant('time_barred' as const), fc.constantFrom(...CLOSURE_REASONS)),
    }),
  );
  const goodRecord = record.map((r) => ({
    ...r,
    violationDate: '2026-03-02',
    act: c.act,
    multiplePeopleAtOnce: c.multiplePeopleAtOnce,
    people: c.people.map(person),
  }));
  return { record: goodRecord, any };
}

function resolve(planned: PenaltyCommand | Dated, today: string, state: PenaltyState): PenaltyCommand {
  if (planned.kind !== 'dated') return planned;
  const on = addDays(today, planned.offset);
  switch (planned.make) {
    case 'deliver':
      return { kind: 'deliver', deliveredOn: on };
    case 'record_explanation':
      return { kind: 'record_explanation', subjectId: planned.subjectId, receivedOn: on, explanation: 'e' };
    case 'record_complaint':
      return { kind: 'record_complaint', subjectId: planned.subjectId, receivedOn: on };
    case 'record_payment': {
      const fine = state.decision?.sanctions.find((s) => s.subjectId === planned.subjectId)?.amount ?? 0;
      const due = state.deliveredOn ? deadlineDates(state, CALENDAR, RULES).payment! : on;
      const owed = fine + lateFee(fine, due, on, RULES).lateFee;
      return {
        kind: 'record_payment',
        subjectId: planned.subjectId,
        paidOn: on,
        amountPaid: planned.amountPaid === 'owed' ? owed : planned.amountPaid,
      };
    }
    default:
      return assertNever(planned.make);
  }
}

const aCase: fc.Arbitrary<Case> = fc
  .record({
    // Acts with the right to explain (34.3-35.2) a little more often, so explanations are reached.
    act: fc.constantFrom(...ACT_CODES, '34.3', '35.1'),
    people: fc.constantFrom<string[]>(['subj-a'], ['subj-a'], ['subj-a', 'subj-b']),
    offenderType: fc.constantFrom('individual' as const, 'individual' as const, 'organisation' as const),
    multiplePeopleAtOnce: fc.boolean(),
  })
  .map((c) => ({
    ...c,
    people: c.offenderType === 'organisation' ? ['subj-a'] : c.people,
    multiplePeopleAtOnce: c.multiplePeopleAtOnce && (c.act === '32' || c.act === '33'),
  }));
// Who acts, as the token states it: a role over the case's commune or its province, mostly with a position the decree lists.
const grant = fc.record({
  role: mostly(fc.constant('sanctioning_official'), fc.constantFrom('police_supervisor', 'police_officer')),
  scope: fc.constantFrom('10015', '01'),
  position: mostly(fc.constant('provincial_police_director'), fc.constantFrom<string>(...OFFICIAL_POSITIONS, 'minister')),
});
const roles = fc.array(grant, { minLength: 0, maxLength: 2 });
const wait = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1 }), weight: 12 },
  { arbitrary: fc.integer({ min: 2, max: 15 }), weight: 6 },
  { arbitrary: fc.constant(400), weight: 1 },
);
// Each run follows one case: mostly starting with a good violation record, then any commands.
const steps = aCase.chain((c) => {
  const { record, any } = commandsFor(c);
  return fc
    .tuple(
      mostly<PenaltyCommand | Dated>(record, any),
      fc.array(fc.record({ command: any, wait, roles }), { minLength: 10, maxLength: 30 }),
    )
    .map(([first, rest]) => [{ command: first, wait: 0, roles: ['police_officer'] as Who }, ...rest]);
});

const NEXT: Record<PenaltyStatus, readonly PenaltyStatus[]> = {
  none: ['none', 'recorded'],
  recorded: ['recorded', 'decided', 'closed'],
  decided: ['decided', 'delivered', 'settled'],
  delivered: ['delivered', 'settled'],
  settled: ['settled'],
  closed: ['closed'],
};

/** What the law and the state machine require of any reachable state. */
function checkInvariants(state: PenaltyState, events: PenaltyEvent[]): void {
  const count = (type: PenaltyEvent['type']) => events.filter((e) => e.type === type).length;
  for (const once of [
    'penalty.violation_recorded',
    'penalty.decided',
    'penalty.decision_delivered',
    'penalty.closed_without_decision',
  ] as const)
    expect(count(once)).toBeLessThanOrEqual(1);
  if (events.length > 0) expect(events[0]!.type).toBe('penalty.violation_recorded');
  if (state.status === 'none') return;
  expect(state.violationDate! >= DECREE_282_2025.effectiveFrom).toBe(true);
  const dates = deadlineDates(state, CALENDAR, RULES);
  expect(state.closure !== null && state.decision !== null).toBe(false);
  const received = state.explanation.received.map((r) => r.subjectId);
  expect(new Set(received).size).toBe(received.length);
  for (const r of state.explanation.received)
    expect(state.explanation.requestedBy.includes(r.subjectId) && r.receivedOn <= dates.explanation!).toBe(true);
  if (state.explanation.requestedBy.length > 0) expect(state.explanationRight).toBe(true);
  const decision = state.decision;
  if (decision) {
    expect(decision.decidedOn <= dates.limitation && decision.decidedOn <= dates.decision).toBe(true);
    const act = actIn(DECREE_282_2025, state.act!)!;
    const bracket = applicableBracket(DECREE_282_2025, act, state.multiplePeopleAtOnce, state.offenderType!);
    expect(decision.sanctions.map((s) => s.subjectId).sort()).toEqual(state.people.map((p) => p.subjectId).sort());
    const limit = competenceIn(DECREE_282_2025, decision.position)!.individualLimit * (state.offenderType === 'organisation' ? 2 : 1);
    expect(decision.competenceLimit).toBe(limit);
    for (const s of decision.sanctions) {
      if (s.sanction === 'warning') expect(bracket.warningAllowed && s.amount === null).toBe(true);
      else expect(s.amount! >= bracket.min && s.amount! <= bracket.max && bracket.max <= limit).toBe(true);
    }
    for (const m of decision.additionalMeasures) expect(act.additionalMeasures).toContain(m);
  }
  const fines = new Map((decision?.sanctions ?? []).filter((s) => s.sanction === 'fine').map((s) => [s.subjectId, s.amount!]));
  expect(new Set(state.payments.map((p) => p.subjectId)).size).toBe(state.payments.length);
  for (const p of state.payments) {
    expect(fines.get(p.subjectId)).toBe(p.fine);
    expect(p.paidOn >= state.deliveredOn! && p.amountPaid === p.fine + p.lateFee).toBe(true);
  }
  for (const e of state.enforcement) expect(fines.has(e.subjectId) && e.orderedOn > dates.payment!).toBe(true);
  for (const c of state.complaints) expect(c.receivedOn >= state.deliveredOn! && c.receivedOn <= dates.complaint!).toBe(true);
  const allPaid = [...fines.keys()].every((s) => state.payments.some((p) => p.subjectId === s));
  expect(state.status === 'settled').toBe(state.deliveredOn !== null && allPaid);
}

describe('penalty case: no sequence of commands reaches a state the law or the state machine forbids', () => {
  it('keeps the transitions, the time limits, the brackets and the competence limits', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(steps, (planned) => {
        let state = decider.initialState;
        let today = '2026-03-03';
        const events: PenaltyEvent[] = [];
        for (const { command: c, wait, roles: r } of planned) {
          today = addDays(today, wait);
          const before = state.status;
          try {
            for (const e of decider.decide(resolve(c, today, state), state, contextOn(today, r))) {
              events.push(e);
              state = decider.evolve(state, e);
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          expect(NEXT[before]).toContain(state.status);
          reached.add(state.status);
          events.forEach((e) => reached.add(e.type));
          checkInvariants(state, events);
        }
      }),
      { numRuns: 500 },
    );
    // The generator reaches every status and the rarer events, so the property is not vacuous.
    for (const status of Object.keys(NEXT)) expect(reached).toContain(status);
    for (const type of [
      'penalty.explanation_received',
      'penalty.decision_deadline_extended',
      'penalty.fine_paid',
      'penalty.enforcement_ordered',
      'penalty.complaint_lodged',
    ])
      expect(reached).toContain(type);
  });
});
