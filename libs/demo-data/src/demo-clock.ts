import { vnDate, type WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { addWorkingDays, nextWorkingDayFrom } from '../../penalties/src/domain/penalty-dates.js';

/**
 * The simulated time of the data set. Fixed dates, not "now": the same seed gives the same data
 * whenever it is run. The window opens with Decree 282/2025 (in force 15/12/2025), so every
 * penalty case falls under the reference table the platform has, and ends on AS_OF: nothing
 * happens later, so cases still open then are pending, or overdue when their limit has run.
 */
export const WINDOW_START = '2025-12-15';
export const AS_OF = new Date('2026-11-30T17:00:00+07:00');

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** An instant on a Vietnamese calendar day, at a local hour (may be fractional). */
export function onDay(date: string, hour: number): Date {
  return new Date(Date.parse(`${date}T00:00:00+07:00`) + Math.round(hour * 60) * 60_000);
}

export const dayOf = vnDate;

export function plusHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + Math.round(hours * 60) * 60_000);
}

export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** The working day `n` working days after `date` (n = 0: `date` itself, or the next working day). */
export function workingDaysAfter(calendar: WorkingCalendar, date: string, n: number): string {
  return n === 0 ? nextWorkingDayFrom(calendar, date) : addWorkingDays(calendar, date, n);
}

/** An instant during office hours (08:00-16:30) of a working day on or after `date`. */
export function officeHours(calendar: WorkingCalendar, date: string, random: { next(): number }): Date {
  return onDay(nextWorkingDayFrom(calendar, date), 8 + random.next() * 8.5);
}

/** The day `days` calendar days after `from`, at office hours on the next working day. */
export function officeHoursAfter(calendar: WorkingCalendar, from: Date, days: number, random: { next(): number }): Date {
  return officeHours(calendar, plusDays(dayOf(from), days), random);
}
