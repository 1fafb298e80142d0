import { addDays, dayOf, isIsoDay, vnDay, type DayRange, type IsoDay } from './calendar-day.js';

/**
 * Statistical periods and report due dates. Calendars are configuration, not code: each plan
 * states when its months start (the cut-off) and when each report is due.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'nine_months', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * `monthStartsOnDay` 1: calendar months. 15: a statistical month runs from the 15th of the
 * previous calendar month to the 14th, so the statistical year Y runs 15/12/(Y-1) to 14/12/Y.
 */
export interface StatisticalCalendar {
  monthStartsOnDay: number;
}

export const CALENDAR_MONTHS: StatisticalCalendar = { monthStartsOnDay: 1 };

export interface Period extends DayRange {
  kind: PeriodKind | 'plan';
  /** The statistical year (for a plan period: the year it starts). */
  year: number;
  /** Month 1-12, quarter 1-4, half 1-2; 1 for nine months, a year or a plan period. */
  index: number;
  label: { en: string; vi: string };
}

/** Due "before" a day: `dueBefore` is the first day that is late, `lastDay` the last one in time. */
export type DueRule =
  /** e.g. plan 000: the monthly report before the 10th of the month after the period. */
  | { kind: 'day_of_following_month'; day: number }
  /**
   * Once a year, for the first period of its kind (the 6-month report is on the first half; the
   * second half is in the annual report): e.g. plan 000 before 10/5, plan 004 before 16/6.
   */
  | { kind: 'fixed_date'; month: number; day: number };

export interface ReportRule {
  period: PeriodKind;
  dueBefore: DueRule;
}

export interface ReportingCalendar extends StatisticalCalendar {
  reports: readonly ReportRule[];
}

export interface ReportDue {
  period: Period;
  dueBefore: IsoDay;
  lastDay: IsoDay;
}

const SHAPE: Record<PeriodKind, { perYear: number; months: number }> = {
  month: { perYear: 12, months: 1 },
  quarter: { perYear: 4, months: 3 },
  half_year: { perYear: 2, months: 6 },
  nine_months: { perYear: 1, months: 9 },
  year: { perYear: 1, months: 12 },
};

/** First day of statistical month `month` (1-12, or beyond: normalised) of statistical year `year`. */
function monthStart(calendar: StatisticalCalendar, year: number, month: number): IsoDay {
  return calendar.monthStartsOnDay === 1 ? dayOf(year, month, 1) : dayOf(year, month - 1, calendar.monthStartsOnDay);
}

function assertCalendar(calendar: StatisticalCalendar): void {
  const problems = statisticalCalendarProblems(calendar);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

/** The `index`-th period of a kind in a statistical year. */
export function statisticalPeriod(calendar: StatisticalCalendar, kind: PeriodKind, year: number, index = 1): Period {
  assertCalendar(calendar);
  const { perYear, months } = SHAPE[kind];
  if (!Number.isInteger(index) || index < 1 || index > perYear)
    throw new RangeError(`a ${kind} index runs from 1 to ${perYear}, not ${index}`);
  const first = (index - 1) * months + 1;
  return {
    kind,
    year,
    index,
    from: monthStart(calendar, year, first),
    to: addDays(monthStart(calendar, year, first + months), -1),
    label: labelOf(kind, year, index),
  };
}

/** The period of a kind that contains a day; null for a day after the ninth month asked for its nine-month period. */
export function periodContaining(calendar: StatisticalCalendar, kind: PeriodKind, day: IsoDay): Period | null {
  assertCalendar(calendar);
  if (!isIsoDay(day)) throw new RangeError(`${day} is not a day`);
  let year = Number(day.slice(0, 4));
  let month = Number(day.slice(5, 7));
  if (calendar.monthStartsOnDay > 1 && Number(day.slice(8, 10)) >= calendar.monthStartsOnDay) month += 1;
  if (month === 13) {
    month = 1;
    year += 1;
  }
  if (kind === 'nine_months' && month > 9) return null;
  const index = Math.ceil(month / SHAPE[kind].months);
  return statisticalPeriod(calendar, kind, year, index);
}

/** A plan's own period (e.g. 2026-2030), for targets reached "by" its end. */
export function planPeriod(range: DayRange): Period {
  if (!isIsoDay(range.from) || !isIsoDay(range.to) || range.from > range.to)
    throw new RangeError('a plan period runs from one day to a later one');
  const from = range.from.slice(0, 4);
  const to = range.to.slice(0, 4);
  const years = from === to ? from : `${from}-${to}`;
  return {
    kind: 'plan',
    year: Number(from),
    index: 1,
    from: range.from,
    to: range.to,
    label: { en: `Plan period ${years}`, vi: `Giai đoạn ${years}` },
  };
}

/** The statistical months that share days with a range, each clipped to it. */
export function monthsOf(calendar: StatisticalCalendar, range: DayRange): Period[] {
  const months: Period[] = [];
  let month = periodContaining(calendar, 'month', range.from)!;
  while (month.from <= range.to) {
    months.push({ ...month, from: month.from < range.from ? range.from : month.from, to: month.to > range.to ? range.to : month.to });
    month = periodContaining(calendar, 'month', addDays(month.to, 1))!;
  }
  return months;
}

/** The statistical years that share days with a range (not clipped). */
export function yearsOf(calendar: StatisticalCalendar, range: DayRange): Period[] {
  const years: Period[] = [];
  let year = periodContaining(calendar, 'year', range.from)!;
  while (year.from <= range.to) {
    years.push(year);
    year = statisticalPeriod(calendar, 'year', year.year + 1);
  }
  return years;
}

/** When the report on a period is due under a plan's calendar; null when the plan asks for no report on that kind of period. */
export function reportDue(calendar: ReportingCalendar, period: Period): ReportDue | null {
  const rule = calendar.reports.find((r) => r.period === period.kind);
  if (!rule) return null;
  const due = rule.dueBefore;
  let dueBefore: IsoDay;
  if (due.kind === 'fixed_date') {
    if (period.index !== 1) return null;
    dueBefore = dayOf(period.year, due.month, due.day);
  } else {
    const end = period.to;
    dueBefore = dayOf(Number(end.slice(0, 4)), Number(end.slice(5, 7)) + 1, due.day);
  }
  return { period, dueBefore, lastDay: addDays(dueBefore, -1) };
}

/** Every report due on the periods of one statistical year, earliest first. */
export function reportSchedule(calendar: ReportingCalendar, year: number): ReportDue[] {
  const dues: ReportDue[] = [];
  for (const rule of calendar.reports) {
    for (let index = 1; index <= SHAPE[rule.period].perYear; index++) {
      const due = reportDue(calendar, statisticalPeriod(calendar, rule.period, year, index));
      if (due) dues.push(due);
    }
  }
  return dues.sort((a, b) => (a.dueBefore < b.dueBefore ? -1 : a.dueBefore > b.dueBefore ? 1 : 0));
}

/** Was a report sent on (or at, counted in Vietnam) this day late? "Before the 10th" means the 10th is late. */
export function isLate(due: ReportDue, submitted: Date | IsoDay): boolean {
  const day = typeof submitted === 'string' ? submitted : vnDay(submitted);
  return day >= due.dueBefore;
}

export function statisticalCalendarProblems(calendar: StatisticalCalendar): string[] {
  const day = calendar?.monthStartsOnDay;
  return Number.isInteger(day) && day >= 1 && day <= 28 ? [] : ['monthStartsOnDay must be a whole day from 1 to 28'];
}

/** What is wrong with a reporting calendar, as field paths and reasons (empty when it is sound). */
export function reportingCalendarProblems(calendar: ReportingCalendar): string[] {
  const problems = statisticalCalendarProblems(calendar);
  if (!Array.isArray(calendar?.reports)) return [...problems, 'reports must be a list'];
  const seen = new Set<string>();
  calendar.reports.forEach((rule, i) => {
    const at = `reports[${i}]`;
    if (!(PERIOD_KINDS as readonly string[]).includes(rule?.period))
      problems.push(`${at}.period must be one of ${PERIOD_KINDS.join(', ')}`);
    else if (seen.has(rule.period)) problems.push(`${at}.period ${rule.period} has a second rule`);
    seen.add(rule?.period);
    const due = rule?.dueBefore;
    if (due?.kind === 'day_of_following_month') {
      if (!Number.isInteger(due.day) || due.day < 1 || due.day > 28) problems.push(`${at}.dueBefore.day must be a day from 1 to 28`);
    } else if (due?.kind === 'fixed_date') {
      // Checked on a common year: 29/2 would not exist every year.
      if (
        !Number.isInteger(due.month) ||
        !Number.isInteger(due.day) ||
        !isIsoDay(`2023-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`)
      ) {
        problems.push(`${at}.dueBefore must be a day and month that exist every year`);
      }
    } else {
      problems.push(`${at}.dueBefore.kind must be day_of_following_month or fixed_date`);
    }
  });
  return problems;
}

function labelOf(kind: PeriodKind, year: number, index: number): { en: string; vi: string } {
  switch (kind) {
    case 'month':
      return { en: `Month ${index}/${year}`, vi: `Tháng ${index}/${year}` };
    case 'quarter':
      return { en: `Q${index} ${year}`, vi: `Quý ${index}/${year}` };
    case 'half_year':
      return index === 1
        ? { en: `First half of ${year}`, vi: `6 tháng đầu năm ${year}` }
        : { en: `Second half of ${year}`, vi: `6 tháng cuối năm ${year}` };
    case 'nine_months':
      return { en: `First nine months of ${year}`, vi: `9 tháng năm ${year}` };
    case 'year':
      return { en: `Year ${year}`, vi: `Năm ${year}` };
  }
}
