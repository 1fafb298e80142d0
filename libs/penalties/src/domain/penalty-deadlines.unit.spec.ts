import { deadlineDates, deadlinesView, lateFee } from './penalty-deadlines.js';
import { applicableBracket, explanationRightApplies, tableInForce, type ActTable, type PenaltyReference } from './penalty-reference.js';
import { DECREE_282_2025 } from './reference/decree-282-2025.js';
import { LAW_ON_HANDLING_ADMINISTRATIVE_VIOLATIONS as RULES, PENALTY_REFERENCE } from './reference/procedure-rules.js';
import { CALENDAR, decided, delivered, given, recorded } from './penalty-scenario.testkit.js';
import type { PenaltyEvent } from './penalty-types.js';

describe('penalty reference data', () => {
  it('picks the table in force on a date by its effective dates', () => {
    const older: ActTable = { ...DECREE_282_2025, id: 'older', effectiveFrom: '2022-01-01', effectiveUntil: '2025-12-15' };
    const reference: PenaltyReference = { ...PENALTY_REFERENCE, tables: [older, DECREE_282_2025] };
    expect(tableInForce(reference, '2025-12-14')?.id).toBe('older');
    expect(tableInForce(reference, '2025-12-15')?.id).toBe('decree-282-2025');
    expect(tableInForce(PENALTY_REFERENCE, '2025-12-14')).toBeNull();
    expect(tableInForce(PENALTY_REFERENCE, '2021-12-31')).toBeNull();
  });

  it('holds the brackets of Decree 282/2025 for every act, organisations ×2, and competence limits in order', () => {
    expect(DECREE_282_2025.acts.map((a) => a.code)).toEqual(['32', '33', '34.1', '34.2', '34.3', '34.4', '34.5', '35.1', '35.2']);
    for (const act of DECREE_282_2025.acts) expect(act.bracket.min).toBeLessThanOrEqual(act.bracket.max);
    const selling = DECREE_282_2025.acts.find((a) => a.code === '33')!;
    expect(applicableBracket(DECREE_282_2025, selling, false, 'organisation')).toEqual({
      min: 600_000,
      max: 1_000_000,
      warningAllowed: true,
    });
    expect(applicableBracket(DECREE_282_2025, selling, true, 'individual')).toEqual({
      min: 1_000_000,
      max: 2_000_000,
      warningAllowed: false,
    });
    expect(Object.fromEntries(DECREE_282_2025.competence.map((c) => [c.position, c.individualLimit]))).toEqual({
      police_officer_on_duty: 7_500_000,
      police_station_or_team_head: 22_500_000,
      commune_people_committee_chair: 37_500_000,
      commune_police_chief: 37_500_000,
      provincial_police_department_head: 60_000_000,
      provincial_people_committee_chair: 75_000_000,
      provincial_police_director: 75_000_000,
    });
    const rights = DECREE_282_2025.acts.filter((a) => explanationRightApplies(RULES, DECREE_282_2025, a, false)).map((a) => a.code);
    expect(rights).toEqual(['34.3', '34.4', '34.5', '35.1', '35.2']);
  });
});

describe('penalty deadlines', () => {
  it('counts working days, months and days from the record, the decision and the delivery', () => {
    const state = given(...recorded(), decided(), delivered()).state;
    expect(deadlineDates(state, CALENDAR, RULES)).toEqual({
      limitation: '2027-03-02',
      explanation: null,
      decision: '2026-03-12',
      delivery: '2026-03-12',
      payment: '2026-03-23',
      complaint: '2026-06-09',
    });
  });

  it('runs the period over Tết holidays and weekends in working days', () => {
    const state = given(...recorded({ violationDate: '2026-02-10', recordedOn: '2026-02-12', act: '35.1' })).state;
    // 13/2 Fri, then Tết 16-20/2: 5 working days end on Thu 26/2, 7 on Mon 2/3.
    expect(deadlineDates(state, CALENDAR, RULES)).toMatchObject({ explanation: '2026-02-26', decision: '2026-03-02' });
  });

  it('computes the late fee in whole dong and none on time', () => {
    expect(lateFee(1_500_000, '2026-03-23', '2026-03-23', RULES)).toEqual({ lateDays: 0, lateFee: 0 });
    expect(lateFee(300_000, '2026-03-23', '2026-03-26', RULES)).toEqual({ lateDays: 3, lateFee: 450 });
    expect(lateFee(333_333, '2026-03-23', '2026-03-24', RULES)).toEqual({ lateDays: 1, lateFee: 167 });
  });

  it('shows where each deadline stands on a day', () => {
    const open = deadlinesView(given(...recorded()).state, CALENDAR, RULES, '2026-03-10');
    expect(open).toMatchObject({
      limitation: { dueOn: '2027-03-02', status: 'open' },
      explanation: { status: 'not_applicable' },
      decision: { dueOn: '2026-03-12', status: 'open' },
      delivery: { status: 'not_applicable' },
      payments: [],
    });
    expect(deadlinesView(given(...recorded()).state, CALENDAR, RULES, '2026-03-13').decision.status).toBe('missed');

    const due = deadlinesView(given(...recorded(), decided(), delivered('2026-03-13')).state, CALENDAR, RULES, '2026-03-26');
    expect(due).toMatchObject({
      decision: { status: 'met' },
      limitation: { status: 'met' },
      delivery: { dueOn: '2026-03-12', status: 'missed' },
      complaint: { status: 'open' },
    });
    // Delivered Fri 13/3: pay by 23/3; three days late on 26/3.
    expect(due.payments).toEqual([{ subjectId: 'subj-a', fine: 1_500_000, lateFee: 2_250, dueOn: '2026-03-23', status: 'missed' }]);

    const paid: PenaltyEvent = {
      type: 'penalty.fine_paid',
      data: { subjectId: 'subj-a', paidOn: '2026-03-20', fine: 1_500_000, lateDays: 0, lateFee: 0, amountPaid: 1_500_000 },
    };
    const settled = deadlinesView(given(...recorded(), decided(), delivered(), paid).state, CALENDAR, RULES, '2026-07-01');
    expect(settled.payments[0]).toMatchObject({ status: 'met', lateFee: 0 });
    expect(settled.complaint).toEqual({ dueOn: '2026-06-09', status: 'closed' });
  });

  it('shows the explanation window while undecided, and nothing running for a closed case', () => {
    const manager = recorded({ act: '35.1' });
    expect(deadlinesView(given(...manager).state, CALENDAR, RULES, '2026-03-10').explanation).toEqual({
      dueOn: '2026-03-10',
      status: 'open',
    });
    expect(deadlinesView(given(...manager).state, CALENDAR, RULES, '2026-03-11').explanation).toEqual({
      dueOn: '2026-03-10',
      status: 'closed',
    });
    const closed: PenaltyEvent = { type: 'penalty.closed_without_decision', data: { reason: 'no_violation', closedOn: '2026-03-05' } };
    const view = deadlinesView(given(...manager, closed).state, CALENDAR, RULES, '2026-04-01');
    expect(view).toMatchObject({
      limitation: { status: 'not_applicable' },
      decision: { status: 'not_applicable' },
      explanation: { status: 'closed' },
    });
    expect(deadlinesView(given().state, CALENDAR, RULES, '2026-04-01').decision.status).toBe('not_applicable');
  });
});
