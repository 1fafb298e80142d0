import { createHash } from 'node:crypto';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import type { SupportCaseState, SupportCaseStatus } from './support-case-types.js';

type Details = Record<string, string | number | boolean | null>;

/** A rule refuses the command (422); messages in English and Vietnamese, never with personal data. */
export const ruleViolated = (code: string, en: string, vi: string, details: Details = {}) =>
  new DomainError('rule_violated', `support_case.${code}`, en, vi, details);

/** The case is not in a state that allows the command now (409). */
export const invalidState = (code: string, en: string, vi: string, details: Details = {}) =>
  new DomainError('invalid_state', `support_case.${code}`, en, vi, details);

/** Ids the case refers to (providers, outreach referrals, staff): opaque, never a name. */
const REFERENCE_ID = /^[A-Za-z0-9_.:@-]{1,100}$/;
const WORDING_VERSION = /^[A-Za-z0-9._-]{1,40}$/;
const JURISDICTION = /^\d{2}(\d{3})?$/;

export function assertReference(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !REFERENCE_ID.test(value)) {
    throw ruleViolated(
      'invalid_reference',
      `${field} must be an id (letters, digits, "_", ".", ":", "@", "-")`,
      `${field} phải là một mã định danh (chữ, số, "_", ".", ":", "@", "-")`,
      { field },
    );
  }
}

export function assertWordingVersion(value: unknown): void {
  if (typeof value !== 'string' || !WORDING_VERSION.test(value)) {
    throw ruleViolated(
      'invalid_wording_version',
      'wordingVersion must name the version of the consent wording read to the service user',
      'wordingVersion phải ghi phiên bản nội dung đồng ý đã đọc cho người được hỗ trợ',
      { field: 'wordingVersion' },
    );
  }
}

export function assertJurisdiction(value: unknown): void {
  if (typeof value !== 'string' || !JURISDICTION.test(value)) {
    throw ruleViolated(
      'jurisdiction_required',
      'A support case belongs to a commune or a province (its unit code)',
      'Hồ sơ hỗ trợ thuộc một xã hoặc một tỉnh (mã đơn vị hành chính)',
      { field: 'jurisdiction' },
    );
  }
}

export function assertOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw ruleViolated('invalid_value', `${field} has a value outside the list`, `${field} có giá trị ngoài danh mục`, { field });
  }
}

/** A real calendar day written YYYY-MM-DD. */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** A recorded step happened on a real day, not after today in Vietnam and not before the first contact. */
export function assertStepDate(field: string, value: unknown, now: Date, state: SupportCaseState | null): asserts value is string {
  if (!isDay(value))
    throw ruleViolated('invalid_date', `${field} must be a calendar date (YYYY-MM-DD)`, `${field} phải là một ngày hợp lệ (YYYY-MM-DD)`, {
      field,
    });
  if (value > vnDate(now)) {
    throw ruleViolated(
      'date_in_future',
      `${field} cannot be after today: the case records what has happened`,
      `${field} không được sau ngày hôm nay: hồ sơ chỉ ghi nhận việc đã xảy ra`,
      { field },
    );
  }
  const opened = state?.firstContact?.contactedOn;
  if (opened && value < opened) {
    throw ruleViolated(
      'date_before_first_contact',
      `${field} cannot be before the first contact (${opened})`,
      `${field} không được trước ngày tiếp cận đầu tiên (${opened})`,
      { field, firstContactOn: opened },
    );
  }
}

/** A year of birth the service user may give: a real past year. */
export function assertBirthYear(value: unknown, now: Date): void {
  const thisYear = Number(vnDate(now).slice(0, 4));
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > thisYear) {
    throw ruleViolated(
      'invalid_birth_year',
      `birthYear must be a year between 1900 and ${thisYear}`,
      `birthYear phải là một năm từ 1900 đến ${thisYear}`,
      { field: 'birthYear' },
    );
  }
}

export const OPEN_STATUSES: readonly SupportCaseStatus[] = [
  'first_contact',
  'needs_screened',
  'referred',
  'in_service',
  'follow_up',
  'reopened',
];

/** Commands other than reopening, withdrawals, assignment and corrections need an open case. */
export function assertOpen(state: SupportCaseState): void {
  if (state.status === 'closed')
    throw invalidState('closed', 'The support case is closed; reopen it first', 'Hồ sơ hỗ trợ đã đóng; cần mở lại trước', {
      status: 'closed',
    });
}

export function assertStatus(state: SupportCaseState, allowed: readonly SupportCaseStatus[], code: string, en: string, vi: string): void {
  assertOpen(state);
  if (state.status === null || !allowed.includes(state.status)) throw invalidState(code, en, vi, { status: state.status });
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The service user's pseudonymous client code: 60 bits drawn from a random id (never from who the
 * person is), in Crockford base32 as XXXX-XXXX-XXXX so it can be read out over the phone.
 */
export function clientCodeFrom(randomId: string): string {
  const digest = createHash('sha256').update(`client-code\n${randomId}`).digest();
  let bits = digest.readBigUInt64BE(0) >> 4n;
  let code = '';
  for (let i = 0; i < 12; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The data subject whose key seals the service user's fields, derived from the client code only. */
export const serviceUserSubject = (clientCode: string) => `su-${clientCode}`;
