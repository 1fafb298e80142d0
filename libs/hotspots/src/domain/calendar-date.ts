import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';

/** A real calendar date written YYYY-MM-DD (a Vietnamese calendar day, no time). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Refuses a date that is not a calendar date or lies after today in Vietnam: a record states what happened. */
export function assertPastOrToday(field: string, value: string, now: Date): void {
  if (!isCalendarDate(value)) {
    throw new DomainError(
      'rule_violated',
      'hotspot.invalid_date',
      `${field} must be a calendar date (YYYY-MM-DD)`,
      `${field} phải là một ngày hợp lệ (YYYY-MM-DD)`,
      { field },
    );
  }
  if (value > vnDate(now)) {
    throw new DomainError(
      'rule_violated',
      'hotspot.date_in_future',
      `${field} cannot be after today: a record states what has happened`,
      `${field} không được sau ngày hôm nay: hồ sơ chỉ ghi nhận việc đã xảy ra`,
      { field },
    );
  }
}
