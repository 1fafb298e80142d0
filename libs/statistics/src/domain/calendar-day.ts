import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';

/**
 * Calendar days (YYYY-MM-DD) as Vietnam counts them. Statistics work on days, never on instants:
 * an instant is first turned into its day in Vietnam (UTC+7, no daylight saving).
 */
export type IsoDay = string;

const DAY_MS = 24 * 3600_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: unknown): value is IsoDay {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The day in Vietnam of an instant: 2024-05-09T20:00Z is already 10/5 there. */
export function vnDay(instant: Date): IsoDay {
  return vnDate(instant);
}

/** A day from year, month (1-12) and day, normalised: month 0 is December of the year before, day 0 the last day of the month before. */
export function dayOf(year: number, month: number, day: number): IsoDay {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, n: number): IsoDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function yearOf(day: IsoDay): number {
  return Number(day.slice(0, 4));
}

/** A closed interval of days, both ends included. */
export interface DayRange {
  from: IsoDay;
  to: IsoDay;
}

export function within(day: IsoDay, range: DayRange): boolean {
  return range.from <= day && day <= range.to;
}

/**
 * Does a stretch of time share a day with the range? Stretches are half-open like the status
 * periods of the case contexts: `to` is the day the next status began (not included), null while
 * it lasts. An empty stretch (to = from) shares nothing.
 */
export function overlaps(from: IsoDay, to: IsoDay | null, range: DayRange): boolean {
  return from <= range.to && (to === null || (to > range.from && to > from));
}

/** Is a half-open stretch going on that day? */
export function lastsOn(from: IsoDay, to: IsoDay | null, day: IsoDay): boolean {
  return from <= day && (to === null || to > day);
}
