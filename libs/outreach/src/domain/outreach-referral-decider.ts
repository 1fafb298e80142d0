import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import {
  DECLINE_REASONS,
  INITIAL_OUTREACH_REFERRAL,
  LIMITS,
  type OutreachReferralCommand,
  type OutreachReferralEvent,
  type OutreachReferralState,
} from './outreach-referral.js';

const COMMUNE = /^\d{5}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const USER_ID = /^[A-Za-z0-9_.:@-]{1,100}$/;
const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * received → (assigned →)* accepted | declined. Created by enforcement or support; assigned,
 * accepted and declined only by a support supervisor (the context asks the policy for 'assign').
 */
export function decideOutreachReferral(
  command: OutreachReferralCommand,
  state: OutreachReferralState,
  context: DecisionContext,
): OutreachReferralEvent[] {
  const at = context.now.toISOString();
  if (command.kind === 'refer') {
    if (state.status !== null)
      throw new DomainError(
        'invalid_state',
        'outreach_referral.already_exists',
        'This referral already exists',
        'Giấy chuyển gửi này đã tồn tại',
      );
    if (!COMMUNE.test(command.jurisdiction)) {
      throw invalid(
        'jurisdiction',
        'the code of the commune where the person can be reached',
        'mã xã nơi có thể liên hệ với người được hỗ trợ',
      );
    }
    checkText('contactHint', command.contactHint, LIMITS.contactHint, false);
    if (command.preferredLanguage !== null && !LANGUAGE.test(command.preferredLanguage))
      throw invalid('preferredLanguage', 'a language code such as "vi" or "en"', 'mã ngôn ngữ, ví dụ "vi" hoặc "en"');
    checkText('preferredTime', command.preferredTime, LIMITS.preferredTime, true);
    checkText('needsMentioned', command.needsMentioned, LIMITS.needsMentioned, true);
    const { kind: _kind, ...data } = command;
    return [{ type: 'outreach_referral.created', data: { ...data, referredAt: at } }];
  }
  if (state.status === null)
    throw new DomainError('not_found', 'outreach_referral.not_found', 'No such referral', 'Không có giấy chuyển gửi này');
  if (state.status === 'accepted' || state.status === 'declined') {
    throw new DomainError(
      'invalid_state',
      'outreach_referral.already_decided',
      `The referral was already ${state.status}`,
      `Giấy chuyển gửi đã được ${state.status === 'accepted' ? 'tiếp nhận' : 'từ chối'}`,
      { status: state.status },
    );
  }
  switch (command.kind) {
    case 'assign':
      if (!USER_ID.test(command.assigneeId))
        throw invalid('assigneeId', 'the user id of a social worker', 'mã người dùng của một nhân viên công tác xã hội');
      if (command.assigneeId === state.assigneeId) {
        throw new DomainError(
          'invalid_state',
          'outreach_referral.already_assigned',
          'The referral is already assigned to this social worker',
          'Giấy chuyển gửi đã được giao cho nhân viên này',
        );
      }
      return [{ type: 'outreach_referral.assigned', data: { assigneeId: command.assigneeId, assignedAt: at } }];
    case 'accept':
      if (!CASE_ID.test(command.supportCaseId))
        throw invalid(
          'supportCaseId',
          'the id of the support case that takes the person on',
          'mã hồ sơ hỗ trợ tiếp nhận người được hỗ trợ',
        );
      return [{ type: 'outreach_referral.accepted', data: { supportCaseId: command.supportCaseId, acceptedAt: at } }];
    case 'decline':
      if (!DECLINE_REASONS.includes(command.reason))
        throw invalid('reason', `one of ${DECLINE_REASONS.join(', ')}`, `một trong ${DECLINE_REASONS.join(', ')}`);
      checkText('note', command.note, LIMITS.declineNote, true);
      if (command.reason === 'other' && command.note === null) {
        throw new DomainError(
          'rule_violated',
          'outreach_referral.note_required',
          'Declining for another reason needs a note saying which',
          'Từ chối vì lý do khác cần ghi rõ lý do',
          { field: 'note' },
        );
      }
      return [{ type: 'outreach_referral.declined', data: { declineReason: command.reason, declineNote: command.note, declinedAt: at } }];
    default:
      return assertNever(command);
  }
}

/** Folds one event; never throws, whatever a field holds (redaction, erasure markers and ciphertext included). */
export function evolveOutreachReferral(state: OutreachReferralState, event: OutreachReferralEvent): OutreachReferralState {
  switch (event.type) {
    case 'outreach_referral.created':
      return { ...state, status: 'received', ...event.data };
    case 'outreach_referral.assigned':
      return { ...state, status: 'assigned', assigneeId: event.data.assigneeId, assignedAt: event.data.assignedAt };
    case 'outreach_referral.accepted':
      return { ...state, status: 'accepted', supportCaseId: event.data.supportCaseId, decidedAt: event.data.acceptedAt };
    case 'outreach_referral.declined':
      return {
        ...state,
        status: 'declined',
        declineReason: event.data.declineReason,
        declineNote: event.data.declineNote,
        decidedAt: event.data.declinedAt,
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const outreachReferralDecider: Decider<OutreachReferralCommand, OutreachReferralEvent, OutreachReferralState> = {
  initialState: INITIAL_OUTREACH_REFERRAL,
  evolve: evolveOutreachReferral,
  decide: decideOutreachReferral,
};

function checkText(field: string, value: string | null, max: number, optional: boolean): void {
  if (value === null && optional) return;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw new DomainError(
      'rule_violated',
      'outreach_referral.invalid_text',
      `${field} must be a text of 1 to ${max} characters`,
      `${field} phải là văn bản dài từ 1 đến ${max} ký tự`,
      { field, maxLength: max },
    );
  }
}

function invalid(field: string, expected: string, expectedVi: string): DomainError {
  return new DomainError(
    'rule_violated',
    'outreach_referral.invalid_value',
    `${field} must be ${expected}`,
    `${field} phải là ${expectedVi}`,
    { field },
  );
}

/** Exhaustive at compile time, but evolve never throws: an unknown event leaves the state as it is. */
function ignoreUnknownEvent(_event: never, state: OutreachReferralState): OutreachReferralState {
  return state;
}
