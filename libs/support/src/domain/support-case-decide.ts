import { assertNever, DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import {
  assertBirthYear,
  assertJurisdiction,
  assertOneOf,
  assertOpen,
  assertReference,
  assertStatus,
  assertStepDate,
  assertWordingVersion,
  clientCodeFrom,
  invalidState,
  ruleViolated,
} from './support-case-rules.js';
import { activeConsent, requireConsent } from './support-consent.js';
import {
  CLOSURE_REASONS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DECLINE_REASONS,
  FIRST_CONTACT_CHANNELS,
  FOLLOW_UP_METHODS,
  NEEDS,
  REVOCATION_REASONS,
  SHAREABLE_FIELDS,
  type Referral,
  type ReferralStatus,
  type ServiceUserDetails,
  type SupportCaseCommand,
  type SupportCaseEvent,
  type SupportCaseState,
} from './support-case-types.js';

type Command<T extends SupportCaseCommand['type']> = Extract<SupportCaseCommand, { type: T }>;

/**
 * first contact → needs screened → referred → service delivered → follow-up → closed → reopened.
 * Decisions read only public and internal fields (statuses, ids, dates, consents): the command
 * pipeline folds stored events whose sensitive values are still sealed.
 */
export function decideSupportCase(command: SupportCaseCommand, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent[] {
  if (command.type === 'OpenSupportCase') return open(command, state, ctx);
  if (state.status === null)
    throw new DomainError('not_found', 'support_case.not_found', 'No such support case', 'Không tìm thấy hồ sơ hỗ trợ');
  switch (command.type) {
    case 'AssignSupportCase':
      assertReference('assigneeId', command.assigneeId);
      if (state.assigneeId === command.assigneeId)
        throw invalidState('already_assigned', 'The case is already assigned to this social worker', 'Hồ sơ đã được giao cho cán bộ này', {
          status: state.status,
        });
      return [{ type: 'support_case.assigned', data: { assigneeId: command.assigneeId, assignedAt: ctx.now.toISOString() } }];
    case 'UpdateServiceUser': {
      const details = serviceUserFields(command.serviceUser, ctx.now);
      if (Object.keys(details).length === 0)
        throw ruleViolated('nothing_to_update', 'Give at least one detail to correct', 'Cần ít nhất một thông tin để cập nhật', {
          field: 'serviceUser',
        });
      return [{ type: 'support_case.service_user_updated', data: details }];
    }
    case 'GiveConsent':
      return [giveConsent(command, state, ctx)];
    case 'WithdrawConsent':
      return withdrawConsent(command, state, ctx);
    case 'ScreenNeeds':
      return [screen(command, state, ctx)];
    case 'ReferToProvider':
      return [refer(command, state, ctx)];
    case 'AcceptReferral': {
      const referral = openReferral(state, command.referralId, ['pending'], 'accept');
      requireConsent(state, 'case_management');
      assertReferralDate('acceptedOn', command.acceptedOn, referral, state, ctx);
      return [{ type: 'support_case.referral_accepted', data: { referralId: referral.referralId, acceptedOn: command.acceptedOn } }];
    }
    case 'DeclineReferral': {
      const referral = openReferral(state, command.referralId, ['pending'], 'decline');
      assertOneOf('reason', command.reason, DECLINE_REASONS);
      assertReferralDate('declinedOn', command.declinedOn, referral, state, ctx);
      return [
        {
          type: 'support_case.referral_declined',
          data: { referralId: referral.referralId, declineReason: command.reason, declinedOn: command.declinedOn },
        },
      ];
    }
    case 'RevokeReferral': {
      const referral = openReferral(state, command.referralId, ['pending', 'accepted'], 'revoke');
      assertOneOf('reason', command.reason, REVOCATION_REASONS);
      assertReferralDate('revokedOn', command.revokedOn, referral, state, ctx);
      return [
        {
          type: 'support_case.referral_revoked',
          data: { referralId: referral.referralId, revocationReason: command.reason, revokedOn: command.revokedOn },
        },
      ];
    }
    case 'RecordServiceDelivered': {
      assertStatus(
        state,
        ['referred', 'in_service', 'follow_up'],
        'no_referral_in_this_episode',
        'Services are recorded once a referral has been made',
        'Chỉ ghi nhận dịch vụ sau khi đã chuyển gửi',
      );
      const referral = openReferral(state, command.referralId, ['accepted'], 'deliver');
      requireConsent(state, 'case_management');
      assertReferralDate('deliveredOn', command.deliveredOn, referral, state, ctx);
      return [
        {
          type: 'support_case.service_delivered',
          data: { referralId: referral.referralId, deliveredOn: command.deliveredOn, serviceNote: command.note ?? null },
        },
      ];
    }
    case 'RecordFollowUp':
      assertStatus(
        state,
        ['in_service', 'follow_up'],
        'no_service_delivered',
        'Follow-up comes after a service was delivered',
        'Theo dõi sau hỗ trợ chỉ thực hiện sau khi đã cung cấp dịch vụ',
      );
      requireConsent(state, 'case_management');
      requireConsent(state, 'follow_up_contact');
      assertOneOf('method', command.method, FOLLOW_UP_METHODS);
      assertStepDate('followUpOn', command.followUpOn, ctx.now, state);
      return [
        {
          type: 'support_case.follow_up_recorded',
          data: { followUpMethod: command.method, followUpOn: command.followUpOn, followUpNote: command.note ?? null },
        },
      ];
    case 'CloseSupportCase':
      if (state.status === 'closed')
        throw invalidState('already_closed', 'The support case is already closed', 'Hồ sơ hỗ trợ đã được đóng', { status: state.status });
      assertOneOf('reason', command.reason, CLOSURE_REASONS);
      assertStepDate('closedOn', command.closedOn, ctx.now, state);
      return [
        {
          type: 'support_case.closed',
          data: { closureReason: command.reason, closedOn: command.closedOn, closureNote: command.note ?? null },
        },
      ];
    case 'ReopenSupportCase':
      if (state.status !== 'closed')
        throw invalidState('not_closed', 'Only a closed support case can be reopened', 'Chỉ hồ sơ hỗ trợ đã đóng mới được mở lại', {
          status: state.status,
        });
      assertStepDate('reopenedOn', command.reopenedOn, ctx.now, state);
      return [{ type: 'support_case.reopened', data: { reopenedOn: command.reopenedOn, reopeningNote: command.note ?? null } }];
    default:
      return assertNever(command);
  }
}

function open(command: Command<'OpenSupportCase'>, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent[] {
  if (state.status !== null)
    throw invalidState('already_opened', 'This support case is already open', 'Hồ sơ hỗ trợ này đã được mở', { status: state.status });
  assertJurisdiction(command.jurisdiction);
  assertOneOf('channel', command.channel, FIRST_CONTACT_CHANNELS);
  assertReference('assigneeId', command.assigneeId);
  const fromReferral = command.channel === 'outreach_referral';
  if (fromReferral && command.outreachReferralId === undefined) {
    throw ruleViolated(
      'outreach_referral_id_required',
      'A first contact from an outreach referral names the referral (its id)',
      'Tiếp cận từ giới thiệu của lực lượng chức năng phải ghi mã giới thiệu',
      { field: 'outreachReferralId' },
    );
  }
  if (!fromReferral && command.outreachReferralId !== undefined) {
    throw ruleViolated(
      'outreach_referral_id_not_applicable',
      'Only a first contact from an outreach referral carries a referral id',
      'Chỉ tiếp cận từ giới thiệu mới có mã giới thiệu',
      { field: 'outreachReferralId' },
    );
  }
  if (fromReferral) assertReference('outreachReferralId', command.outreachReferralId);
  assertStepDate('contactedOn', command.contactedOn, ctx.now, null);
  const details = serviceUserFields(command.serviceUser, ctx.now);
  return [
    {
      type: 'support_case.opened',
      data: {
        caseId: command.caseId,
        clientCode: clientCodeFrom(ctx.newId()),
        jurisdiction: command.jurisdiction,
        channel: command.channel,
        outreachReferralId: command.outreachReferralId ?? null,
        contactedOn: command.contactedOn,
        assigneeId: command.assigneeId,
        name: details.name ?? null,
        contact: details.contact ?? null,
        birthYear: details.birthYear ?? null,
        address: details.address ?? null,
        contactNote: command.note ?? null,
      },
    },
  ];
}

/** The details given, without the ones left out (a correction replaces only what it names). */
function serviceUserFields(details: ServiceUserDetails, now: Date): ServiceUserDetails {
  if (details.birthYear !== undefined) assertBirthYear(details.birthYear, now);
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as ServiceUserDetails;
}

function giveConsent(command: Command<'GiveConsent'>, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent {
  assertOpen(state);
  assertOneOf('purpose', command.purpose, CONSENT_PURPOSES);
  assertOneOf('method', command.method, CONSENT_METHODS);
  assertWordingVersion(command.wordingVersion);
  const providerId = consentProvider(command);
  if (command.method === 'verbal_witnessed' && !command.witness?.trim()) {
    throw ruleViolated(
      'witness_required',
      'Verbal consent is recorded with the witness who heard it',
      'Sự đồng ý bằng lời phải ghi người làm chứng',
      { field: 'witness' },
    );
  }
  assertStepDate('givenOn', command.givenOn, ctx.now, state);
  if (activeConsent(state, command.purpose, providerId)) {
    throw invalidState(
      'consent_already_given',
      'This consent is already given and not withdrawn',
      'Sự đồng ý này đã được ghi nhận và chưa rút lại',
      { purpose: command.purpose, providerId },
    );
  }
  return {
    type: 'support_case.consent_given',
    data: {
      consentId: ctx.newId(),
      purpose: command.purpose,
      providerId,
      wordingVersion: command.wordingVersion,
      consentMethod: command.method,
      witness: command.witness ?? null,
      takenBy: ctx.actorId,
      givenOn: command.givenOn,
    },
  };
}

/** Withdrawal stops exactly what the consent covered: for a referral consent, the open referrals to that provider. */
function withdrawConsent(command: Command<'WithdrawConsent'>, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent[] {
  assertOneOf('purpose', command.purpose, CONSENT_PURPOSES);
  const providerId = consentProvider(command);
  assertStepDate('withdrawnOn', command.withdrawnOn, ctx.now, state);
  const consent = activeConsent(state, command.purpose, providerId);
  if (!consent)
    throw invalidState(
      'consent_not_active',
      'There is no consent in force for this purpose to withdraw',
      'Không có sự đồng ý đang hiệu lực cho mục đích này để rút lại',
      { purpose: command.purpose, providerId },
    );
  const events: SupportCaseEvent[] = [
    {
      type: 'support_case.consent_withdrawn',
      data: {
        consentId: consent.consentId,
        purpose: consent.purpose,
        providerId,
        withdrawnOn: command.withdrawnOn,
        withdrawalRecordedBy: ctx.actorId,
      },
    },
  ];
  if (command.purpose === 'referral') {
    for (const referral of state.referrals.filter(
      (r) => r.providerId === providerId && (r.status === 'pending' || r.status === 'accepted'),
    )) {
      events.push({
        type: 'support_case.referral_cancelled',
        data: { referralId: referral.referralId, cancellationReason: 'consent_withdrawn', cancelledOn: command.withdrawnOn },
      });
    }
  }
  return events;
}

function consentProvider(command: { purpose: string; providerId?: string }): string | null {
  if (command.purpose !== 'referral') {
    if (command.providerId !== undefined)
      throw ruleViolated(
        'provider_not_applicable',
        'Only a referral consent names a provider',
        'Chỉ sự đồng ý chuyển gửi mới ghi đơn vị tiếp nhận',
        { field: 'providerId' },
      );
    return null;
  }
  if (command.providerId === undefined)
    throw ruleViolated(
      'provider_required',
      'A referral consent names the provider it allows',
      'Sự đồng ý chuyển gửi phải ghi đơn vị được phép tiếp nhận',
      { field: 'providerId' },
    );
  assertReference('providerId', command.providerId);
  return command.providerId;
}

function screen(command: Command<'ScreenNeeds'>, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent {
  assertOpen(state);
  requireConsent(state, 'case_management');
  if (!Array.isArray(command.needs) || command.needs.length === 0) {
    throw ruleViolated('needs_required', 'A screening names at least one need', 'Sàng lọc phải ghi ít nhất một nhu cầu', {
      field: 'needs',
    });
  }
  command.needs.forEach((need) => assertOneOf('needs', need, NEEDS));
  if (new Set(command.needs).size !== command.needs.length)
    throw ruleViolated('duplicate_value', 'needs lists a need twice', 'needs có nhu cầu bị lặp', { field: 'needs' });
  assertStepDate('screenedOn', command.screenedOn, ctx.now, state);
  return {
    type: 'support_case.needs_screened',
    data: {
      needs: [...command.needs],
      healthNotes: command.healthNotes ?? null,
      screeningNote: command.note ?? null,
      screenedOn: command.screenedOn,
    },
  };
}

function refer(command: Command<'ReferToProvider'>, state: SupportCaseState, ctx: DecisionContext): SupportCaseEvent {
  assertStatus(
    state,
    ['needs_screened', 'referred', 'in_service', 'follow_up'],
    'needs_not_screened',
    'Needs are screened before a referral',
    'Cần sàng lọc nhu cầu trước khi chuyển gửi',
  );
  assertReference('providerId', command.providerId);
  requireConsent(state, 'case_management');
  const consent = requireConsent(state, 'referral', command.providerId);
  assertOneOf('service', command.service, NEEDS);
  if (!Array.isArray(command.sharedFields) || command.sharedFields.length === 0) {
    throw ruleViolated(
      'shared_fields_required',
      'A referral names what the provider may see (at least one field)',
      'Phiếu chuyển gửi phải ghi thông tin đơn vị tiếp nhận được xem (ít nhất một trường)',
      { field: 'sharedFields' },
    );
  }
  command.sharedFields.forEach((field) => assertOneOf('sharedFields', field, SHAREABLE_FIELDS));
  if (new Set(command.sharedFields).size !== command.sharedFields.length)
    throw ruleViolated('duplicate_value', 'sharedFields lists a field twice', 'sharedFields có trường bị lặp', { field: 'sharedFields' });
  assertStepDate('referredOn', command.referredOn, ctx.now, state);
  return {
    type: 'support_case.referral_made',
    data: {
      referralId: ctx.newId(),
      providerId: command.providerId,
      service: command.service,
      sharedFields: [...command.sharedFields],
      referredOn: command.referredOn,
      consentId: consent.consentId,
    },
  };
}

/** The referral, in one of the statuses the command needs, on a case that is open. */
function openReferral(state: SupportCaseState, referralId: string, allowed: readonly ReferralStatus[], action: string): Referral {
  assertOpen(state);
  const referral = state.referrals.find((r) => r.referralId === referralId);
  if (!referral)
    throw new DomainError(
      'not_found',
      'support_case.referral_not_found',
      'This case has no such referral',
      'Hồ sơ không có phiếu chuyển gửi này',
      { referralId },
    );
  if (!allowed.includes(referral.status)) {
    throw invalidState(
      `referral_${action}_not_allowed`,
      `A referral that is ${referral.status} cannot be given this command (${action})`,
      `Phiếu chuyển gửi ở trạng thái ${referral.status} không thể thực hiện thao tác này (${action})`,
      { referralStatus: referral.status },
    );
  }
  return referral;
}

function assertReferralDate(field: string, value: string, referral: Referral, state: SupportCaseState, ctx: DecisionContext): void {
  assertStepDate(field, value, ctx.now, state);
  if (value < referral.referredOn) {
    throw ruleViolated(
      'date_before_referral',
      `${field} cannot be before the referral (${referral.referredOn})`,
      `${field} không được trước ngày chuyển gửi (${referral.referredOn})`,
      { field, referredOn: referral.referredOn },
    );
  }
}
