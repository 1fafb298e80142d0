import type { DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { invalidState, isCalendarDate, ruleViolated } from './tip-rules.js';
import { PROSECUTION_RESOLUTIONS, type TipCommand, type TipEvent, type TipState } from './tip-types.js';

/**
 * After a tip led to a criminal case, the investigating unit sends the case file to the procuracy
 * recommending prosecution (đề nghị truy tố), then records what the procuracy decided. One file
 * per tip; the decision is recorded once. Both are days in Vietnam, never in the future.
 */

type Command<T extends TipCommand['type']> = Extract<TipCommand, { type: T }>;

export function recordProsecutionFile(command: Command<'RecordProsecutionFile'>, state: TipState, ctx: DecisionContext): TipEvent {
  if (state.status !== 'closed' || state.closure?.outcome !== 'criminal_case_opened') {
    throw invalidState(
      'tip.no_criminal_case',
      'A file is sent for prosecution only from a tip closed with a criminal case opened',
      'Chỉ chuyển hồ sơ đề nghị truy tố đối với tin báo đã khởi tố vụ án',
      state.status,
    );
  }
  if (state.prosecutionFile)
    throw invalidState(
      'tip.prosecution_file_already_sent',
      'The file has already been sent for prosecution',
      'Hồ sơ đã được chuyển đề nghị truy tố',
      state.status,
    );
  const sentOn = validDay(command.sentOn, 'sentOn', ctx);
  const closedOn = vnDate(new Date(state.closure.at));
  if (sentOn < closedOn) {
    throw ruleViolated(
      'tip.prosecution_file_before_case',
      'prosecution_file',
      'The file cannot be sent before the criminal case was opened',
      'Không thể chuyển hồ sơ trước ngày khởi tố vụ án',
      { closedOn },
    );
  }
  const procuracy = command.procuracy.trim();
  if (procuracy === '')
    throw ruleViolated(
      'tip.procuracy_required',
      'prosecution_file',
      'Name the People’s Procuracy that received the file',
      'Phải ghi Viện kiểm sát nhân dân nhận hồ sơ',
    );
  const fileRef = command.fileRef?.trim() || null;
  return { type: 'tip.prosecution_file_sent', data: { at: ctx.now.toISOString(), sentOn, procuracy, fileRef } };
}

export function recordProsecutionOutcome(command: Command<'RecordProsecutionOutcome'>, state: TipState, ctx: DecisionContext): TipEvent {
  const file = state.prosecutionFile;
  if (!file)
    throw invalidState(
      'tip.prosecution_file_not_sent',
      'No file has been sent for prosecution',
      'Chưa chuyển hồ sơ đề nghị truy tố',
      state.status,
    );
  if (file.resolvedOn !== null)
    throw invalidState(
      'tip.prosecution_file_already_resolved',
      'The procuracy’s decision on this file is already recorded',
      'Đã ghi nhận quyết định của Viện kiểm sát đối với hồ sơ này',
      state.status,
    );
  if (!(PROSECUTION_RESOLUTIONS as readonly string[]).includes(command.resolution)) {
    throw ruleViolated(
      'tip.prosecution_resolution_unknown',
      'prosecution_file',
      `The decision must be one of: ${PROSECUTION_RESOLUTIONS.join(', ')}`,
      'Quyết định của Viện kiểm sát không thuộc danh mục',
    );
  }
  if (typeof command.lawful !== 'boolean')
    throw ruleViolated(
      'tip.prosecution_lawful_required',
      'prosecution_file',
      'State whether the file was resolved lawfully',
      'Phải nêu hồ sơ có được giải quyết đúng quy định hay không',
    );
  const resolvedOn = validDay(command.resolvedOn, 'resolvedOn', ctx);
  if (resolvedOn < file.sentOn) {
    throw ruleViolated(
      'tip.prosecution_resolved_before_sent',
      'prosecution_file',
      'The procuracy cannot decide before the file was sent',
      'Viện kiểm sát không thể quyết định trước ngày chuyển hồ sơ',
      { sentOn: file.sentOn },
    );
  }
  return {
    type: 'tip.prosecution_file_resolved',
    data: { at: ctx.now.toISOString(), resolvedOn, resolution: command.resolution, lawful: command.lawful },
  };
}

function validDay(value: string, field: 'sentOn' | 'resolvedOn', ctx: DecisionContext): string {
  if (!isCalendarDate(value))
    throw ruleViolated(
      'tip.prosecution_date_invalid',
      'prosecution_file',
      `${field} must be a calendar date (YYYY-MM-DD)`,
      `${field} phải là một ngày (YYYY-MM-DD)`,
      { field },
    );
  const today = vnDate(ctx.now);
  if (value > today)
    throw ruleViolated(
      'tip.prosecution_date_in_future',
      'prosecution_file',
      `${field} cannot be in the future`,
      `${field} không thể ở tương lai`,
      { field, today },
    );
  return value;
}
