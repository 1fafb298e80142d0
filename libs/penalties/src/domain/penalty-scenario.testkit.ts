import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { createPenaltyDecider } from './penalty-decider.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState } from './penalty-types.js';

export const CALENDAR = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
export const decider = createPenaltyDecider(CALENDAR);

/** 09:00 in Vietnam on a calendar day. */
export const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

export type Grant = { role: string; scope: string; position?: string };

/** A grant holding `position` where it exists: provincial positions over province 01, the others over commune 10015 (the cases' commune). */
export const holding = (position: string, role = 'sanctioning_official'): Grant => ({
  role,
  scope: position.startsWith('provincial') ? '01' : '10015',
  position,
});

/** Who decides: roles over commune 10015 without a position, or grants as the token states them; by default a commune People's Committee chair. */
export type Who = readonly string[] | readonly Grant[];

export function contextOn(date: string, who: Who = [holding('commune_people_committee_chair')], actorId = 'official-1'): DecisionContext {
  let ids = 0;
  const grants = who.map((w) => (typeof w === 'string' ? { role: w, scope: '10015' } : w));
  return { now: at(date), actorId, roles: grants.map((g) => g.role), grants, newId: () => `id${++ids}` };
}

/** Violation on Mon 2/3/2026, recorded Tue 3/3/2026: decide by 12/3 (7 working days), explain by 10/3 (5). */
export const RECORD: Extract<PenaltyCommand, { kind: 'record_violation' }> = {
  kind: 'record_violation',
  jurisdiction: '10015',
  violationDate: '2026-03-02',
  recordedOn: '2026-03-03',
  act: '32',
  multiplePeopleAtOnce: false,
  offenderType: 'individual',
  people: [{ subjectId: 'subj-a', fullName: 'Nguyễn Văn A', idNumber: '001200000001', address: 'Chương Mỹ' }],
  tipId: 'tip-77',
  summary: 'Caught at guesthouse X',
};

export function recorded(overrides: Partial<typeof RECORD> = {}, actorId = 'officer-1'): PenaltyEvent[] {
  const record = { ...RECORD, ...overrides };
  return decider.decide(record, decider.initialState, contextOn('2026-03-03', ['police_officer'], actorId));
}

export const decided = (amount = 1_500_000, on = '2026-03-10'): PenaltyEvent => ({
  type: 'penalty.decided',
  data: {
    decidedOn: on,
    decisionNumber: '12/QĐ-XPHC',
    position: 'commune_people_committee_chair',
    competenceLimit: 37_500_000,
    referenceTable: 'decree-282-2025',
    sanctions: [{ subjectId: 'subj-a', sanction: 'fine', amount }],
    additionalMeasures: [],
    warningCount: 0,
    fineCount: 1,
    fineTotal: amount,
  },
});
export const delivered = (on = '2026-03-11'): PenaltyEvent => ({
  type: 'penalty.decision_delivered',
  data: { deliveredOn: on, late: false },
});

export function given(...past: PenaltyEvent[]) {
  const state: PenaltyState = fold(decider, past);
  return {
    state,
    when: (command: PenaltyCommand, on = '2026-03-10', who?: Who) => decider.decide(command, state, contextOn(on, who)),
    refuses: (command: PenaltyCommand, on = '2026-03-10', who?: Who): DomainError => {
      try {
        decider.decide(command, state, contextOn(on, who));
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error(`expected ${command.kind} to be refused`);
    },
  };
}
