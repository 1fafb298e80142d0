import { vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';

/**
 * Date arithmetic on Vietnamese calendar days (YYYY-MM-DD). Periods counted in days or months
 * that end on a weekend or public holiday end on the next working day (Civil Code 2015, art. 148).
 */
const DAY_MS = 24 * 3600_000;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Noon in Vietnam on that day: an instant safely inside it. */
const instantOn = (date: string) => new Date(`${date}T12:00:00+07:00`);

export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  return vnDate(calendar.addWorkingDays(instantOn(date), n));
}

export function nextWorkingDayFrom(calendar: WorkingCalendar, date: string): string {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = vnDate(new Date(Date.parse(`${day}T12:00:00+07:00`) + DAY_MS));
  return day;
}

/** The last day of a period of n calendar days starting the day after `date`. */
export function addDaysToWorkingDay(calendar: WorkingCalendar, date: string, n: number): string {
  return nextWorkingDayFrom(calendar, vnDate(calendar.addDays(instantOn(date), n)));
}

/** The last day of a period of whole months starting the day after `date`. */
export function addMonthsToWorkingDay(calendar: WorkingCalendar, date: string, months: number): string {
  return nextWorkingDayFrom(calendar, vnDate(calendar.addMonths(instantOn(date), months)));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
