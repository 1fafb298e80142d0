import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { isCalendarDate } from './penalty-dates.js';

type Details = Record<string, string | number | boolean | null>;

/** A legal rule refuses the command (422); the message names the rule and never carries personal data. */
export const ruleViolated = (code: string, en: string, vi: string, details: Details = {}) =>
  new DomainError('rule_violated', `penalty.${code}`, en, vi, details);

/** The case is not in a state that allows the command now (409). */
export const invalidState = (code: string, en: string, vi: string, details: Details = {}) =>
  new DomainError('invalid_state', `penalty.${code}`, en, vi, details);

/** A stated date must be a real calendar date, not before `earliest` (when given) and not after today. */
export function assertDate(field: string, value: string, today: string, earliest: { field: string; date: string } | null = null): void {
  if (!isCalendarDate(value))
    throw ruleViolated('invalid_date', `${field} must be a calendar date (YYYY-MM-DD)`, `${field} phải là một ngày hợp lệ (YYYY-MM-DD)`, {
      field,
    });
  if (value > today)
    throw ruleViolated(
      'date_in_future',
      `${field} cannot be after today: a record states what has happened`,
      `${field} không được sau ngày hôm nay: hồ sơ chỉ ghi nhận việc đã xảy ra`,
      { field },
    );
  if (earliest && value < earliest.date) {
    throw ruleViolated(
      'date_out_of_order',
      `${field} cannot be before ${earliest.field} (${earliest.date})`,
      `${field} không được trước ${earliest.field} (${earliest.date})`,
      { field, earliest: earliest.date },
    );
  }
}
