import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { isIsoDay } from '../../../statistics/src/domain/calendar-day.js';

/** Field checks shared by the programme commands; each refusal names the field. */

export const JURISDICTION = /^\d{2}(\d{3})?$/;
/** A current unit: the country, a province (2 digits) or a commune (5 digits). */
export const CURRENT_UNIT = /^(VN|\d{2}|\d{5})$/;
/** A pre-2025 unit: a province (2), a district (3) or a commune (5 digits). */
export const FORMER_UNIT = /^\d{2}(\d|\d{3})?$/;

export function invalid(field: string, en: string, vi: string): DomainError {
  return new DomainError('rule_violated', 'programme.invalid_value', `${field}: ${en}`, `${field}: ${vi}`, { field });
}

export function assertJurisdiction(value: unknown, field = 'jurisdiction'): void {
  if (typeof value !== 'string' || !JURISDICTION.test(value))
    throw invalid(field, 'a province (2-digit) or commune (5-digit) code', 'mã tỉnh (2 số) hoặc mã xã (5 số)');
}

export function assertText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max)
    throw invalid(field, `text of 1 to ${max} characters`, `văn bản từ 1 đến ${max} ký tự`);
}

export function assertOptionalText(field: string, value: unknown, max: number): void {
  if (value !== null) assertText(field, value, max);
}

export function assertCount(field: string, value: unknown, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw invalid(field, `a whole number from 0 to ${max}`, `số nguyên từ 0 đến ${max}`);
}

export function assertOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value))
    throw invalid(field, `one of ${allowed.join(', ')}`, `một trong ${allowed.join(', ')}`);
}

/** A calendar day that is not after today in Vietnam: a record states what has happened. */
export function assertPastDay(field: string, value: unknown, now: Date): void {
  if (!isIsoDay(value)) throw invalid(field, 'a calendar date YYYY-MM-DD', 'ngày hợp lệ YYYY-MM-DD');
  if (value > vnDate(now)) {
    throw new DomainError(
      'rule_violated',
      'programme.date_in_future',
      `${field} cannot be after today: a record states what has happened`,
      `${field} không được sau ngày hôm nay: hồ sơ chỉ ghi nhận việc đã xảy ra`,
      { field },
    );
  }
}

export function assertNotBefore(field: string, value: string, earliest: string | null): void {
  if (earliest !== null && value < earliest) {
    throw new DomainError(
      'rule_violated',
      'programme.date_too_early',
      `${field} cannot be before ${earliest}`,
      `${field} không được trước ngày ${earliest}`,
      { field, earliest },
    );
  }
}

export function assertList(field: string, value: unknown, min: number, max: number): asserts value is unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max)
    throw invalid(field, `a list of ${min} to ${max} items`, `danh sách từ ${min} đến ${max} mục`);
}

export function assertUnitCodes(field: string, value: unknown, pattern: RegExp): asserts value is string[] {
  assertList(field, value, 1, 500);
  if (value.some((code) => typeof code !== 'string' || !pattern.test(code)))
    throw invalid(field, 'unit codes of the right level', 'mã đơn vị hành chính hợp lệ');
  if (new Set(value).size !== value.length) throw invalid(field, 'each unit once', 'mỗi đơn vị một lần');
}

/** A plain object whose keys are all in `allowed`, with whole-number values up to `max`, at least one of them. */
export function assertCounts(
  field: string,
  value: unknown,
  allowed: readonly string[],
  max: number,
): asserts value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(field, 'an object of counts', 'một tập các số liệu');
  const entries = Object.entries(value);
  if (entries.length === 0) throw invalid(field, `at least one of ${allowed.join(', ')}`, `ít nhất một trong ${allowed.join(', ')}`);
  for (const [key, count] of entries) {
    if (!allowed.includes(key)) throw invalid(`${field}.${key}`, `not one of ${allowed.join(', ')}`, `không thuộc ${allowed.join(', ')}`);
    assertCount(`${field}.${key}`, count, max);
  }
}
