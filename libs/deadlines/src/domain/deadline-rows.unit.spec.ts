import { PENALTY_REFERENCE } from '../../../penalties/src/domain/reference/procedure-rules.js';
import { CALENDAR, decided, delivered, given, recorded } from '../../../penalties/src/domain/penalty-scenario.testkit.js';
import { calendar, history, receiveTip, stateOf } from '../../../tips/src/domain/tip-scenario.testkit.js';
import { cachedCalendar } from './cached-calendar.js';
import { fileCommand, given as givenRequest } from '../../../data-subject-requests/src/domain/data-subject-request.testkit.js';
import {
  deadlineStatus,
  minimalPenaltyState,
  minimalRequestState,
  minimalTipState,
  penaltyDeadlineRows,
  requestDeadlineRows,
  tipDeadlineRows,
  type DeadlineRow,
} from './deadline-rows.js';

const RULES = PENALTY_REFERENCE.procedure;
const byName = (rows: DeadlineRow[]) => Object.fromEntries(rows.map((r) => [r.deadline, r]));

describe('deadline rows of a tip', () => {
  // Received Monday 2/3/2026 09:00 in Vietnam.
  const received = history([receiveTip(), '2026-03-02T02:00:00.000Z']);
  const worked = history(
    [receiveTip(), '2026-03-02T02:00:00.000Z'],
    [{ type: 'ClassifyTip', category: 'brokering' }, '2026-03-02T05:00:00.000Z'],
    [{ type: 'AssignTip', assigneeId: 'officer-7' }, '2026-03-02T06:00:00.000Z'],
  );

  it('lists each owed limit with its due instant and day, the unit and the assignee', () => {
    const rows = byName(tipDeadlineRows('tip-1', stateOf(worked), calendar));
    expect(Object.keys(rows).sort()).toEqual(['classification', 'procuracy_notification', 'reporter_notification', 'verification']);
    expect(rows.classification).toEqual({
      kind: 'tip',
      caseId: 'tip-1',
      deadline: 'classification',
      jurisdiction: '10015',
      assigneeId: 'officer-7',
      dueAt: '2026-03-03T02:00:00.000Z',
      dueOn: '2026-03-03',
      completedAt: '2026-03-02T05:00:00.000Z',
    });
    // 20 days after receipt, to the end of that day in Vietnam.
    expect(rows.verification).toMatchObject({ dueOn: '2026-03-22', dueAt: '2026-03-22T16:59:59.999Z', completedAt: null });
    // 3 working days: Tue 3, Wed 4, Thu 5 March.
    expect(rows.reporter_notification!.dueOn).toBe('2026-03-05');
  });

  it('owes the transfer limit only while nobody took the tip on', () => {
    expect(byName(tipDeadlineRows('tip-1', stateOf(received), calendar)).transfer).toMatchObject({
      dueAt: '2026-03-03T02:00:00.000Z',
      assigneeId: null,
      completedAt: null,
    });
    expect(byName(tipDeadlineRows('tip-1', stateOf(worked), calendar)).transfer).toBeUndefined();
  });

  it('keeps no allegation or reporter in the stored state', () => {
    const state = stateOf(received);
    expect(state.allegation).not.toBeNull();
    const minimal = minimalTipState(state);
    expect(minimal).toMatchObject({ allegation: null, reporter: null, receivedAt: state.receivedAt, jurisdiction: '10015' });
    expect(tipDeadlineRows('tip-1', minimal, calendar)).toEqual(tipDeadlineRows('tip-1', state, calendar));
  });
});

describe('deadline rows of a penalty case', () => {
  it('tracks the time to decide and the limitation period from the record, then the delivery once decided', () => {
    const open = byName(penaltyDeadlineRows('p-1', given(...recorded()).state, CALENDAR, RULES));
    expect(Object.keys(open).sort()).toEqual(['decision', 'limitation']);
    expect(open.decision).toEqual({
      kind: 'penalty_case',
      caseId: 'p-1',
      deadline: 'decision',
      jurisdiction: '10015',
      assigneeId: 'officer-1',
      dueOn: '2026-03-12',
      dueAt: '2026-03-12T16:59:59.999Z',
      completedAt: null,
    });
    expect(open.limitation).toMatchObject({ dueOn: '2027-03-02', completedAt: null });

    const done = byName(
      penaltyDeadlineRows('p-1', given(...recorded(), decided(1_500_000, '2026-03-10'), delivered('2026-03-13')).state, CALENDAR, RULES),
    );
    expect(done.decision).toMatchObject({ completedAt: '2026-03-10T05:00:00.000Z' });
    expect(done.limitation).toMatchObject({ completedAt: '2026-03-10T05:00:00.000Z' });
    // Two working days after Tue 10/3 is Thu 12/3; delivered on Fri 13/3.
    expect(done.delivery).toMatchObject({ dueOn: '2026-03-12', completedAt: '2026-03-13T05:00:00.000Z' });
    const at = new Date('2026-03-20T00:00:00Z');
    expect([deadlineStatus(done.decision!, at), deadlineStatus(done.delivery!, at)]).toEqual(['met', 'overdue']);
  });

  it('owes nothing once the case is closed without a decision', () => {
    const closed = given(...recorded(), {
      type: 'penalty.closed_without_decision',
      data: { reason: 'no_violation', closedOn: '2026-03-05' },
    }).state;
    expect(penaltyDeadlineRows('p-1', closed, CALENDAR, RULES)).toEqual([]);
  });

  it('keeps no identity, summary or explanation text in the stored state', () => {
    const state = given(...recorded()).state;
    expect(state.people.length).toBe(1);
    const minimal = minimalPenaltyState(state);
    expect(minimal.people).toEqual([]);
    expect(minimal.summary).toBeNull();
    expect(penaltyDeadlineRows('p-1', minimal, CALENDAR, RULES)).toEqual(penaltyDeadlineRows('p-1', state, CALENDAR, RULES));
  });
});

describe('deadline rows of a data-subject request', () => {
  const filed = givenRequest().when(fileCommand('delete'), '2026-04-29T03:00:00.000Z');

  it('tracks the answer and the action, with the unit and no assignee, as the request context computes them', () => {
    const rows = byName(requestDeadlineRows('r-1', givenRequest(...filed).state));
    expect(Object.keys(rows).sort()).toEqual(['acknowledgement', 'action']);
    expect(rows.action).toMatchObject({
      kind: 'data_subject_request',
      caseId: 'r-1',
      jurisdiction: '10015',
      assigneeId: null,
      completedAt: null,
    });
    // 20 calendar days for a deletion: 19 May 2026, to the end of that day in Vietnam.
    expect(rows.action!.dueOn).toBe('2026-05-19');
    // 2 working days after Wed 29/4, with the 30/4 and 1/5 holidays and the weekend: Tue 5/5.
    expect(rows.acknowledgement!.dueOn).toBe('2026-05-05');
  });

  it('keeps no subject id or answer text in the stored state', () => {
    const state = givenRequest(...filed).state;
    expect(state.subjectId).toBe('referral-abc');
    const minimal = minimalRequestState(state);
    expect(minimal).toMatchObject({ subjectId: null, outcome: null, explanation: null, jurisdiction: '10015' });
    expect(requestDeadlineRows('r-1', minimal)).toEqual(requestDeadlineRows('r-1', state));
  });
});

describe('deadline status at a reading time', () => {
  const row = { dueAt: '2026-03-12T16:59:59.999Z' };
  it.each([
    ['open, before the limit', { ...row, completedAt: null }, '2026-03-12T16:00:00Z', 'due'],
    ['open, after the limit', { ...row, completedAt: null }, '2026-03-12T17:00:00Z', 'overdue'],
    ['done in time', { ...row, completedAt: '2026-03-12T05:00:00Z' }, '2027-01-01T00:00:00Z', 'met'],
    ['done late', { ...row, completedAt: '2026-03-13T05:00:00Z' }, '2027-01-01T00:00:00Z', 'overdue'],
  ] as const)('%s', (_case, deadline, now, status) => {
    expect(deadlineStatus(deadline, new Date(now))).toBe(status);
  });
});

describe('the cached calendar', () => {
  it('answers as the calendar does, on every day of a year and for each kind of count', () => {
    const cached = cachedCalendar(calendar, 50);
    for (let day = 0; day < 366; day++) {
      const from = new Date(Date.parse('2026-01-01T03:00:00Z') + day * 86_400_000 + (day % 5) * 3_600_000);
      for (const n of [1, 3, 20]) {
        expect(cached.addDays(from, n)).toEqual(calendar.addDays(from, n));
        expect(cached.addWorkingDays(from, n)).toEqual(calendar.addWorkingDays(from, n));
      }
      expect(cached.addMonths(from, 2)).toEqual(calendar.addMonths(from, 2));
      expect(cached.isWorkingDay(from.toISOString().slice(0, 10))).toBe(calendar.isWorkingDay(from.toISOString().slice(0, 10)));
    }
  });

  it('hands out copies, so a caller changing a date cannot change a later answer', () => {
    const cached = cachedCalendar(calendar);
    const from = new Date('2026-03-02T02:00:00Z');
    cached.addDays(from, 20).setTime(0);
    expect(cached.addDays(from, 20)).toEqual(calendar.addDays(from, 20));
  });
});
