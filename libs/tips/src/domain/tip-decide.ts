import { assertNever, DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { endOfVnDay, vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import {
  agencyExtensionMaximum,
  currentVerificationDue,
  invalidState,
  isCalendarDate,
  procuracyExtensionMaximum,
  resumptionDue,
  ruleViolated,
} from './tip-rules.js';
import { recordProsecutionFile, recordProsecutionOutcome } from './tip-prosecution.js';
import {
  ADMINISTRATIVE_ACTS,
  ESCALATING_CATEGORIES,
  SUSPENSION_GROUNDS,
  type TipCommand,
  type TipEvent,
  type TipState,
  type TipStatus,
} from './tip-types.js';

type Command<T extends TipCommand['type']> = Extract<TipCommand, { type: T }>;

/** Statuses in which the tip is still being settled by this agency. */
const OPEN: readonly TipStatus[] = ['received', 'classified', 'assigned', 'verifying', 'extended', 'suspended', 'resumed'];
const UNDER_VERIFICATION: readonly TipStatus[] = ['verifying', 'extended', 'resumed'];

export function decideTip(command: TipCommand, state: TipState, ctx: DecisionContext, calendar: WorkingCalendar): TipEvent[] {
  if (command.type !== 'ReceiveTip' && state.status === 'none')
    throw new DomainError('not_found', 'tip.not_found', 'No such tip', 'Không tìm thấy tin báo');
  const at = ctx.now.toISOString();
  switch (command.type) {
    case 'ReceiveTip':
      return receive(command, state, ctx);
    case 'ClassifyTip': {
      requireStatus(state, ['received', 'classified', 'assigned', 'verifying', 'extended', 'resumed'], 'classify');
      if (state.category === command.category)
        throw invalidState(
          'tip.category_unchanged',
          'The tip already has this category',
          'Tin báo đã được phân loại như vậy',
          state.status,
        );
      const events: TipEvent[] = [{ type: 'tip.classified', data: { at, category: command.category, note: command.note ?? null } }];
      if (ESCALATING_CATEGORIES.includes(command.category) && !state.escalated) {
        events.push({ type: 'tip.escalated', data: { at, escalationReason: command.category, escalatedTo: 'provincial_police' } });
      }
      return events;
    }
    case 'TransferTip':
      requireStatus(state, ['classified', 'assigned', 'verifying', 'extended', 'resumed'], 'transfer');
      return [
        {
          type: 'tip.transferred',
          data: { at, receivingAgency: command.receivingAgency, transferReason: command.reason, note: command.note ?? null },
        },
      ];
    case 'AssignTip':
      requireStatus(state, ['classified', 'assigned', 'verifying', 'extended', 'suspended', 'resumed'], 'assign');
      if (state.assigneeId === command.assigneeId)
        throw invalidState(
          'tip.already_assigned',
          'The tip is already assigned to this officer',
          'Tin báo đã được giao cho cán bộ này',
          state.status,
        );
      return [{ type: 'tip.assigned', data: { at, assigneeId: command.assigneeId } }];
    case 'NotifyProcuracy':
      requireStatus(state, [...OPEN, 'closed'], 'notify_procuracy');
      if (state.procuracyNotifiedAt)
        throw invalidState(
          'tip.procuracy_already_notified',
          'The procuracy has already been notified',
          'Đã thông báo cho Viện kiểm sát',
          state.status,
        );
      return [{ type: 'tip.procuracy_notified', data: { at, procuracy: command.procuracy, documentRef: command.documentRef ?? null } }];
    case 'NotifyReporter':
      if (state.anonymous)
        throw ruleViolated(
          'tip.reporter_anonymous',
          'reporter_notification',
          'An anonymous reporter cannot be told',
          'Không thể thông báo cho người báo tin ẩn danh',
        );
      if (state.reporterNotifiedAt)
        throw invalidState(
          'tip.reporter_already_notified',
          'The reporter has already been told',
          'Đã thông báo cho người báo tin',
          state.status,
        );
      return [{ type: 'tip.reporter_notified', data: { at, notificationMethod: command.method } }];
    case 'StartVerification':
      requireStatus(state, ['assigned'], 'start_verification');
      return [{ type: 'tip.verification_started', data: { at, note: command.note ?? null } }];
    case 'ExtendVerification':
      return [extend(command, state, ctx, calendar)];
    case 'SuspendTip':
      return [suspend(command, state, ctx, calendar)];
    case 'ResumeTip':
      requireStatus(state, ['suspended'], 'resume');
      return [{ type: 'tip.resumed', data: { at, dueAt: resumptionDue(ctx.now, calendar).toISOString(), note: command.note ?? null } }];
    case 'CloseTip':
      return close(command, state, ctx);
    case 'HandOverToSanctioningOfficial':
      if (state.status !== 'closed' || !state.penaltyCaseRequest) {
        throw invalidState(
          'tip.not_passed_to_administrative_handling',
          'Only a tip closed as passed to administrative handling is handed over',
          'Chỉ hồ sơ đã chuyển xử lý hành chính mới được bàn giao',
          state.status,
        );
      }
      if (state.handedOverAt)
        throw invalidState('tip.already_handed_over', 'The file has already been handed over', 'Hồ sơ đã được bàn giao', state.status);
      return [
        {
          type: 'tip.file_handed_over',
          data: { at, sanctioningAuthority: command.sanctioningAuthority, documentRef: command.documentRef ?? null },
        },
      ];
    case 'RecordProsecutionFile':
      return [recordProsecutionFile(command, state, ctx)];
    case 'RecordProsecutionOutcome':
      return [recordProsecutionOutcome(command, state, ctx)];
    default:
      return assertNever(command);
  }
}

function requireStatus(state: TipState, allowed: readonly TipStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    throw invalidState(
      `tip.${action}_not_allowed`,
      `A tip that is ${state.status} cannot be given this command (${action})`,
      `Tin báo ở trạng thái ${state.status} không thể thực hiện thao tác này (${action})`,
      state.status,
    );
  }
}

function receive(command: Command<'ReceiveTip'>, state: TipState, ctx: DecisionContext): TipEvent[] {
  if (state.status !== 'none')
    throw invalidState('tip.already_received', 'This tip has already been received', 'Tin báo này đã được tiếp nhận', state.status);
  const receivedAt = command.receivedAt === undefined ? ctx.now : new Date(command.receivedAt);
  if (Number.isNaN(receivedAt.getTime()))
    throw ruleViolated('tip.receipt_time_invalid', 'intake', 'The time of receipt is not a valid time', 'Thời điểm tiếp nhận không hợp lệ');
  if (receivedAt.getTime() > ctx.now.getTime())
    throw ruleViolated(
      'tip.receipt_in_future',
      'intake',
      'A tip cannot be received in the future',
      'Thời điểm tiếp nhận không thể ở tương lai',
    );
  if (command.anonymous && command.reporter)
    throw ruleViolated(
      'tip.anonymous_with_identity',
      'intake',
      'An anonymous tip carries no reporter identity',
      'Tin báo ẩn danh không ghi danh tính người báo tin',
    );
  if (!command.anonymous && !command.reporter?.name.trim())
    throw ruleViolated(
      'tip.reporter_identity_required',
      'intake',
      'A tip that is not anonymous names its reporter',
      'Tin báo không ẩn danh phải ghi tên người báo tin',
    );
  if (command.channel === 'transferred_from_agency' && !command.sourceAgency?.trim()) {
    throw ruleViolated(
      'tip.source_agency_required',
      'intake',
      'A tip transferred from another agency names that agency',
      'Tin báo do cơ quan khác chuyển đến phải ghi tên cơ quan đó',
    );
  }
  const at = ctx.now.toISOString();
  const events: TipEvent[] = [
    {
      type: 'tip.received',
      data: {
        at,
        tipId: command.tipId,
        jurisdiction: command.jurisdiction,
        channel: command.channel,
        kind: command.kind,
        receivedAt: receivedAt.toISOString(),
        anonymous: command.anonymous,
        allegation: command.allegation,
        sourceAgency: command.sourceAgency ?? null,
      },
    },
  ];
  if (command.reporter) {
    events.push({
      type: 'tip.reporter_recorded',
      data: {
        at,
        reporterSubjectId: `reporter-${ctx.newId()}`,
        reporterName: command.reporter.name,
        reporterContact: command.reporter.contact ?? null,
      },
    });
  }
  return events;
}

function extend(command: Command<'ExtendVerification'>, state: TipState, ctx: DecisionContext, calendar: WorkingCalendar): TipEvent {
  if (state.status === 'resumed') {
    throw ruleViolated(
      'tip.resumption_limit_not_extendable',
      'resumption',
      'The limit after a resumption cannot be extended',
      'Thời hạn giải quyết sau khi phục hồi không được gia hạn',
    );
  }
  requireStatus(state, ['verifying', 'extended'], 'extend');
  if (state.extensions.some((e) => e.byProcuracy)) {
    throw ruleViolated(
      'tip.extension_limit_reached',
      'extension',
      'The procuracy has already extended the limit once; no further extension is allowed',
      'Viện kiểm sát đã gia hạn một lần; không được gia hạn thêm',
    );
  }
  const due = currentVerificationDue(state, calendar);
  if (ctx.now.getTime() > due.getTime()) {
    throw ruleViolated(
      'tip.extension_after_time_limit',
      'extension',
      'The time limit has already run; an extension is decided before it ends',
      'Thời hạn giải quyết đã hết; việc gia hạn phải quyết định trước khi hết hạn',
      { dueOn: vnDate(due) },
    );
  }
  if (!isCalendarDate(command.until))
    throw ruleViolated(
      'tip.extension_date_invalid',
      'extension',
      'The new limit must be a calendar date (YYYY-MM-DD)',
      'Thời hạn mới phải là một ngày (YYYY-MM-DD)',
    );
  const newDue = endOfVnDay(command.until);
  if (newDue.getTime() <= due.getTime()) {
    throw ruleViolated(
      'tip.extension_not_later',
      'extension',
      'An extension must end after the current limit',
      'Thời hạn gia hạn phải sau thời hạn hiện tại',
      { dueOn: vnDate(due) },
    );
  }
  const byProcuracy = command.procuracyDecisionRef !== undefined && command.procuracyDecisionRef.trim() !== '';
  const maximum = byProcuracy ? procuracyExtensionMaximum(state, calendar) : agencyExtensionMaximum(state, calendar);
  if (newDue.getTime() > maximum.getTime()) {
    const [en, vi] = byProcuracy
      ? [
          'The procuracy may extend once, by at most 2 months beyond the 2-month limit',
          'Viện kiểm sát chỉ được gia hạn một lần, không quá 02 tháng sau thời hạn 02 tháng',
        ]
      : [
          'Without a procuracy decision, the limit can be extended to at most 2 months after receipt',
          'Không có quyết định của Viện kiểm sát, thời hạn chỉ được kéo dài tối đa 02 tháng kể từ ngày tiếp nhận',
        ];
    throw ruleViolated('tip.extension_beyond_maximum', 'extension', en, vi, { maximumOn: vnDate(maximum), byProcuracy });
  }
  return {
    type: 'tip.verification_extended',
    data: {
      at: ctx.now.toISOString(),
      extendedUntil: command.until,
      dueAt: newDue.toISOString(),
      extensionReason: command.reason,
      byProcuracy,
      procuracyDecisionRef: byProcuracy ? command.procuracyDecisionRef!.trim() : null,
      note: command.note ?? null,
    },
  };
}

function suspend(command: Command<'SuspendTip'>, state: TipState, ctx: DecisionContext, calendar: WorkingCalendar): TipEvent {
  requireStatus(state, UNDER_VERIFICATION, 'suspend');
  if (!(SUSPENSION_GROUNDS as readonly string[]).includes(command.ground)) {
    throw ruleViolated(
      'tip.suspension_ground_not_listed',
      'suspension',
      `Settling may be suspended only on a listed ground: ${SUSPENSION_GROUNDS.join(', ')}`,
      'Chỉ được tạm đình chỉ theo các căn cứ luật định',
    );
  }
  const due = currentVerificationDue(state, calendar);
  if (vnDate(ctx.now) < vnDate(due)) {
    throw ruleViolated(
      'tip.suspension_before_time_limit',
      'suspension',
      'Settling may be suspended only once the time limit has run',
      'Chỉ được tạm đình chỉ khi đã hết thời hạn giải quyết',
      { dueOn: vnDate(due) },
    );
  }
  return { type: 'tip.suspended', data: { at: ctx.now.toISOString(), suspensionGround: command.ground, note: command.note ?? null } };
}

function close(command: Command<'CloseTip'>, state: TipState, ctx: DecisionContext): TipEvent[] {
  requireStatus(state, UNDER_VERIFICATION, 'close');
  const administrative = command.outcome === 'passed_to_administrative_handling';
  if (administrative && command.suggestedAct === undefined) {
    throw ruleViolated(
      'tip.suggested_act_required',
      'administrative_handover',
      'Passing a tip to administrative handling names the suggested act',
      'Chuyển xử lý hành chính phải nêu hành vi vi phạm đề xuất',
    );
  }
  if (!administrative && command.suggestedAct !== undefined) {
    throw ruleViolated(
      'tip.suggested_act_without_administrative_handling',
      'administrative_handover',
      'A suggested act is given only when passing to administrative handling',
      'Chỉ nêu hành vi đề xuất khi chuyển xử lý hành chính',
    );
  }
  if (administrative && !(ADMINISTRATIVE_ACTS as readonly string[]).includes(command.suggestedAct!)) {
    throw ruleViolated(
      'tip.suggested_act_unknown',
      'administrative_handover',
      `The suggested act must be one of Decree 282/2025: ${ADMINISTRATIVE_ACTS.join(', ')}`,
      'Hành vi đề xuất phải thuộc Nghị định 282/2025',
    );
  }
  if (command.criminalCaseRef !== undefined && command.outcome !== 'criminal_case_opened') {
    throw new DomainError(
      'rule_violated',
      'tip.case_ref_without_case',
      'A criminal case reference is given only when a case is opened',
      'Chỉ ghi số quyết định khởi tố khi khởi tố vụ án',
      {},
    );
  }
  const at = ctx.now.toISOString();
  const events: TipEvent[] = [
    {
      type: 'tip.closed',
      data: { at, outcome: command.outcome, criminalCaseRef: command.criminalCaseRef ?? null, note: command.note ?? null },
    },
  ];
  if (administrative) {
    events.push({
      type: 'tip.penalty_case_requested',
      data: { at, tipId: state.id!, jurisdiction: state.jurisdiction, suggestedAct: command.suggestedAct!, category: state.category },
    });
  }
  return events;
}
