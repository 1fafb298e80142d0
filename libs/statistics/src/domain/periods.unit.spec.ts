import fc from 'fast-check';
import { addDays } from './calendar-day.js';
import {
  CALENDAR_MONTHS,
  isLate,
  monthsOf,
  periodContaining,
  planPeriod,
  reportDue,
  reportingCalendarProblems,
  reportSchedule,
  statisticalPeriod,
  yearsOf,
  type ReportingCalendar,
} from './periods.js';

const CUT_OFF_15 = { monthStartsOnDay: 15 };
/** Plan 000 (Hóc Môn 2024): monthly before the 10th, 6-month before 10/5, 9-month before 10/8, annual before 10/11. */
const HOC_MON: ReportingCalendar = {
  monthStartsOnDay: 1,
  reports: [
    { period: 'month', dueBefore: { kind: 'day_of_following_month', day: 10 } },
    { period: 'half_year', dueBefore: { kind: 'fixed_date', month: 5, day: 10 } },
    { period: 'nine_months', dueBefore: { kind: 'fixed_date', month: 8, day: 10 } },
    { period: 'year', dueBefore: { kind: 'fixed_date', month: 11, day: 10 } },
  ],
};
/** Plan 004 (Gia Lai 2026-2030): 6-month before 16/6, annual before 16/12, statistical months from the 15th. */
const GIA_LAI: ReportingCalendar = {
  monthStartsOnDay: 15,
  reports: [
    { period: 'half_year', dueBefore: { kind: 'fixed_date', month: 6, day: 16 } },
    { period: 'year', dueBefore: { kind: 'fixed_date', month: 12, day: 16 } },
  ],
};
const range = (p: { from: string; to: string }) => [p.from, p.to];

describe('statistical periods', () => {
  it('with calendar months: months, quarters, halves, nine months and the year of 2024 (a leap year)', () => {
    expect(range(statisticalPeriod(CALENDAR_MONTHS, 'month', 2024, 2))).toEqual(['2024-02-01', '2024-02-29']);
    expect(range(statisticalPeriod(CALENDAR_MONTHS, 'quarter', 2024, 4))).toEqual(['2024-10-01', '2024-12-31']);
    expect(range(statisticalPeriod(CALENDAR_MONTHS, 'half_year', 2024, 1))).toEqual(['2024-01-01', '2024-06-30']);
    expect(range(statisticalPeriod(CALENDAR_MONTHS, 'nine_months', 2024))).toEqual(['2024-01-01', '2024-09-30']);
    expect(range(statisticalPeriod(CALENDAR_MONTHS, 'year', 2024))).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('with the 15th as cut-off: the year 2026 runs from 15/12/2025 to 14/12/2026', () => {
    expect(range(statisticalPeriod(CUT_OFF_15, 'year', 2026))).toEqual(['2025-12-15', '2026-12-14']);
    expect(range(statisticalPeriod(CUT_OFF_15, 'month', 2026, 1))).toEqual(['2025-12-15', '2026-01-14']);
    expect(range(statisticalPeriod(CUT_OFF_15, 'month', 2026, 3))).toEqual(['2026-02-15', '2026-03-14']);
    expect(range(statisticalPeriod(CUT_OFF_15, 'quarter', 2026, 1))).toEqual(['2025-12-15', '2026-03-14']);
    expect(range(statisticalPeriod(CUT_OFF_15, 'half_year', 2026, 2))).toEqual(['2026-06-15', '2026-12-14']);
    expect(range(statisticalPeriod(CUT_OFF_15, 'nine_months', 2026))).toEqual(['2025-12-15', '2026-09-14']);
    expect(statisticalPeriod(CUT_OFF_15, 'half_year', 2026, 1).label).toEqual({ en: 'First half of 2026', vi: '6 tháng đầu năm 2026' });
  });

  it('finds the period a day falls in: 20/12/2025 is already in the statistical year 2026', () => {
    expect(periodContaining(CUT_OFF_15, 'year', '2025-12-20')).toMatchObject({ year: 2026, from: '2025-12-15' });
    expect(periodContaining(CUT_OFF_15, 'month', '2025-12-14')).toMatchObject({ year: 2025, index: 12 });
    expect(periodContaining(CUT_OFF_15, 'quarter', '2026-03-15')).toMatchObject({ year: 2026, index: 2 });
    expect(periodContaining(CALENDAR_MONTHS, 'quarter', '2024-12-31')).toMatchObject({ year: 2024, index: 4 });
    expect(periodContaining(CALENDAR_MONTHS, 'nine_months', '2024-10-01')).toBeNull();
  });

  it('refuses a cut-off outside 1-28 and an index outside the kind', () => {
    expect(() => statisticalPeriod({ monthStartsOnDay: 31 }, 'year', 2026)).toThrow(/monthStartsOnDay/);
    expect(() => statisticalPeriod(CALENDAR_MONTHS, 'quarter', 2026, 5)).toThrow(/from 1 to 4/);
  });

  it('splits a range into statistical months (clipped) and years', () => {
    expect(monthsOf(CUT_OFF_15, { from: '2026-01-01', to: '2026-03-31' }).map(range)).toEqual([
      ['2026-01-01', '2026-01-14'],
      ['2026-01-15', '2026-02-14'],
      ['2026-02-15', '2026-03-14'],
      ['2026-03-15', '2026-03-31'],
    ]);
    expect(yearsOf(CALENDAR_MONTHS, { from: '2026-01-01', to: '2030-12-31' }).map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(planPeriod({ from: '2026-01-01', to: '2030-12-31' })).toMatchObject({ kind: 'plan', label: { vi: 'Giai đoạn 2026-2030' } });
  });

  it('tiles every statistical year with twelve contiguous months, whatever the cut-off', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 0, max: 364 }),
        (day, year, offset) => {
          const calendar = { monthStartsOnDay: day };
          const months = Array.from({ length: 12 }, (_, i) => statisticalPeriod(calendar, 'month', year, i + 1));
          const whole = statisticalPeriod(calendar, 'year', year);
          expect(months[0]!.from).toBe(whole.from);
          expect(months[11]!.to).toBe(whole.to);
          months.slice(1).forEach((m, i) => expect(m.from).toBe(addDays(months[i]!.to, 1)));
          const inside = addDays(whole.from, offset);
          if (inside <= whole.to) expect(periodContaining(calendar, 'year', inside)!.year).toBe(year);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('report due dates per plan', () => {
  it('plan 000: the January report before 10/2, the December one before 10/1 of the next year', () => {
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'month', 2024, 1))).toMatchObject({
      dueBefore: '2024-02-10',
      lastDay: '2024-02-09',
    });
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'month', 2024, 12))?.dueBefore).toBe('2025-01-10');
  });

  it('plan 000: 6-month before 10/5, 9-month before 10/8, annual before 10/11; no report on quarters or on the second half', () => {
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'half_year', 2024, 1))?.dueBefore).toBe('2024-05-10');
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'nine_months', 2024))?.dueBefore).toBe('2024-08-10');
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'year', 2024))?.dueBefore).toBe('2024-11-10');
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'quarter', 2024, 1))).toBeNull();
    expect(reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'half_year', 2024, 2))).toBeNull();
    const schedule = reportSchedule(HOC_MON, 2024);
    expect(schedule).toHaveLength(15);
    expect(schedule.slice(0, 5).map((d) => d.dueBefore)).toEqual(['2024-02-10', '2024-03-10', '2024-04-10', '2024-05-10', '2024-05-10']);
  });

  it('plan 004: with the 15th as cut-off, the first half of 2027 (15/12/2026-14/6/2027) is due before 16/6, the year before 16/12', () => {
    const half = reportDue(GIA_LAI, statisticalPeriod(GIA_LAI, 'half_year', 2027, 1))!;
    expect([half.period.from, half.period.to, half.dueBefore, half.lastDay]).toEqual([
      '2026-12-15',
      '2027-06-14',
      '2027-06-16',
      '2027-06-15',
    ]);
    expect(reportDue(GIA_LAI, statisticalPeriod(GIA_LAI, 'year', 2027))?.dueBefore).toBe('2027-12-16');
    expect(reportSchedule(GIA_LAI, 2027).map((d) => d.dueBefore)).toEqual(['2027-06-16', '2027-12-16']);
  });

  it('judges lateness on the Vietnamese day: 23:59 on 9/5 is in time, 00:00 on 10/5 (17:00 UTC on 9/5) is late', () => {
    const due = reportDue(HOC_MON, statisticalPeriod(HOC_MON, 'half_year', 2024, 1))!;
    expect(isLate(due, '2024-05-09')).toBe(false);
    expect(isLate(due, new Date('2024-05-09T16:59:59Z'))).toBe(false);
    expect(isLate(due, new Date('2024-05-09T17:00:00Z'))).toBe(true);
    expect(isLate(due, '2024-05-10')).toBe(true);
  });

  it('names what is wrong with a reporting calendar', () => {
    expect(reportingCalendarProblems(HOC_MON)).toEqual([]);
    expect(
      reportingCalendarProblems({
        monthStartsOnDay: 0,
        reports: [
          { period: 'month', dueBefore: { kind: 'day_of_following_month', day: 31 } },
          { period: 'month', dueBefore: { kind: 'fixed_date', month: 2, day: 29 } },
          { period: 'week' as never, dueBefore: { kind: 'sometime' } as never },
        ],
      }),
    ).toEqual([
      'monthStartsOnDay must be a whole day from 1 to 28',
      'reports[0].dueBefore.day must be a day from 1 to 28',
      'reports[1].period month has a second rule',
      'reports[1].dueBefore must be a day and month that exist every year',
      'reports[2].period must be one of month, quarter, half_year, nine_months, year',
      'reports[2].dueBefore.kind must be day_of_following_month or fixed_date',
    ]);
  });
});
