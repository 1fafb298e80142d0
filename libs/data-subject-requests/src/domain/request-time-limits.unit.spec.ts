import { REQUEST_TIME_LIMIT_TABLES, requestDeadlines, timeLimitsFor, type TimeLimitTable } from './request-time-limits.js';

const FACTS = {
  acknowledgeBy: '2026-05-05T16:59:59.999Z',
  actBy: '2026-05-19T16:59:59.999Z',
  acknowledgedAt: null,
  completedAt: null,
  refusedAt: null,
};

describe('data-subject request deadlines at read time', () => {
  it('is pending before the limits and overdue once one passed with the duty open', () => {
    expect(requestDeadlines(FACTS, new Date('2026-05-05T16:59:59.999Z'))).toEqual({
      deadlines: [
        { name: 'acknowledgement', dueAt: FACTS.acknowledgeBy, completedAt: null, status: 'pending' },
        { name: 'action', dueAt: FACTS.actBy, completedAt: null, status: 'pending' },
      ],
      overdue: false,
    });
    const late = requestDeadlines(FACTS, new Date('2026-05-05T17:00:00Z'));
    expect(late.deadlines.map((d) => d.status)).toEqual(['overdue', 'pending']);
    expect(late.overdue).toBe(true);
  });

  it('tells a duty done in time from one done late, and a refusal answers both', () => {
    const acknowledgedLate = requestDeadlines({ ...FACTS, acknowledgedAt: '2026-05-06T02:00:00Z' }, new Date('2026-05-07T00:00:00Z'));
    expect(acknowledgedLate.deadlines.map((d) => d.status)).toEqual(['met_late', 'pending']);
    expect(acknowledgedLate.overdue).toBe(false);
    const done = requestDeadlines(
      { ...FACTS, acknowledgedAt: '2026-05-04T02:00:00Z', completedAt: '2026-05-19T10:00:00Z' },
      new Date('2026-06-30T00:00:00Z'),
    );
    expect(done.deadlines.map((d) => d.status)).toEqual(['met', 'met']);
    const refused = requestDeadlines({ ...FACTS, refusedAt: '2026-05-20T00:00:00Z' }, new Date('2026-06-30T00:00:00Z'));
    expect(refused.deadlines.map((d) => [d.status, d.completedAt])).toEqual([
      ['met_late', '2026-05-20T00:00:00Z'],
      ['met_late', '2026-05-20T00:00:00Z'],
    ]);
    expect(refused.overdue).toBe(false);
  });

  it('picks the table in force on the day of receipt', () => {
    const later: TimeLimitTable = { ...REQUEST_TIME_LIMIT_TABLES[0]!, effectiveFrom: '2027-01-01', legalBasis: 'a later decree' };
    const tables = [REQUEST_TIME_LIMIT_TABLES[0]!, later];
    expect(timeLimitsFor('2026-12-31', tables).legalBasis).toBe(REQUEST_TIME_LIMIT_TABLES[0]!.legalBasis);
    expect(timeLimitsFor('2027-01-01', tables).legalBasis).toBe('a later decree');
    expect(timeLimitsFor('2025-06-01', tables).legalBasis).toBe(REQUEST_TIME_LIMIT_TABLES[0]!.legalBasis);
    expect(timeLimitsFor('2026-05-01').act.delete).toMatchObject({ days: 20, unit: 'calendar_days' });
    expect(timeLimitsFor('2026-05-01').acknowledge).toMatchObject({ days: 2, unit: 'working_days' });
  });
});
