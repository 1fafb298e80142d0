import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import { vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { isSubjectId } from '../../../crypto/src/key-store.js';
import { assertSecondPerson } from './erasure.js';
import {
  DSR_LIMITS,
  INITIAL_DATA_SUBJECT_REQUEST,
  REFUSAL_REASONS,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  type DataSubjectRequestCommand,
  type DataSubjectRequestEvent,
  type DataSubjectRequestState,
} from './data-subject-request.js';
import { describeLimit, dueAt, REQUEST_TIME_LIMIT_TABLES, timeLimitsFor, type TimeLimitTable } from './request-time-limits.js';

const JURISDICTION = /^\d{2}(\d{3})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DPO = 'data_protection_officer';

type Decide = (command: DataSubjectRequestCommand, state: DataSubjectRequestState, context: DecisionContext) => DataSubjectRequestEvent[];

/**
 * received → acknowledged → completed, or → refused (before or after the acknowledgement).
 * A deletion is completed only after the erasure was authorised (recorded) and then executed.
 * Everything after filing is the data-protection officer's.
 */
export function createDataSubjectRequestDecider(
  calendar: WorkingCalendar,
  tables: readonly TimeLimitTable[] = REQUEST_TIME_LIMIT_TABLES,
): Decider<DataSubjectRequestCommand, DataSubjectRequestEvent, DataSubjectRequestState> {
  const decide: Decide = (command, state, context) => {
    const at = context.now.toISOString();
    if (command.kind === 'file') return file(command, state, context, calendar, tables);
    if (state.status === null)
      throw new DomainError('not_found', 'data_subject_request.not_found', 'No such request', 'Không có yêu cầu này');
    if (!context.roles.includes(DPO)) {
      throw new DomainError(
        'rule_violated',
        'data_subject_request.dpo_only',
        'Only the data-protection officer handles a request',
        'Chỉ cán bộ bảo vệ dữ liệu cá nhân mới xử lý yêu cầu',
      );
    }
    if (state.status === 'completed' || state.status === 'refused') {
      throw new DomainError(
        'invalid_state',
        'data_subject_request.closed',
        `The request was already ${state.status}`,
        `Yêu cầu đã được ${state.status === 'completed' ? 'thực hiện xong' : 'từ chối'}`,
        { status: state.status },
      );
    }
    switch (command.kind) {
      case 'acknowledge':
        if (state.status !== 'received')
          throw new DomainError(
            'invalid_state',
            'data_subject_request.already_acknowledged',
            'The request was already acknowledged',
            'Yêu cầu đã được phản hồi tiếp nhận',
          );
        return [{ type: 'data_subject_request.acknowledged', data: { acknowledgedAt: at } }];
      case 'authorise_erasure':
        if (state.requestKind !== 'delete') throw notADeletion();
        requireAcknowledged(state);
        if (state.erasureAuthorisedAt) {
          throw new DomainError(
            'invalid_state',
            'data_subject_request.erasure_already_authorised',
            'The erasure was already authorised: a second data-protection officer completes the request',
            'Việc xóa đã được phê duyệt: một cán bộ bảo vệ dữ liệu khác hoàn thành yêu cầu',
          );
        }
        return [{ type: 'data_subject_request.erasure_authorised', data: { erasureAuthorisedAt: at, authorisedBy: context.actorId } }];
      case 'complete':
        requireAcknowledged(state);
        checkText('outcome', command.outcome, DSR_LIMITS.outcome);
        if (state.requestKind !== 'delete') {
          if (command.erasure !== null) throw notADeletion();
          return [{ type: 'data_subject_request.completed', data: { completedAt: at, outcome: command.outcome } }];
        }
        assertErasureMayBeExecuted(state, context.actorId);
        if (command.erasure === null) {
          throw new DomainError(
            'rule_violated',
            'data_subject_request.erasure_not_executed',
            'A deletion is completed only once the subject’s key is shredded',
            'Yêu cầu xóa chỉ hoàn thành khi khóa của chủ thể dữ liệu đã bị hủy',
          );
        }
        return [
          {
            type: 'data_subject_request.erasure_executed',
            data: {
              erasedSubjectId: state.subjectId!,
              erasedAt: command.erasure.erasedAt,
              alreadyErased: command.erasure.alreadyErased,
              destroyedKeyIds: command.erasure.destroyedKeyIds,
            },
          },
          { type: 'data_subject_request.completed', data: { completedAt: at, outcome: command.outcome } },
        ];
      case 'refuse':
        if (state.erasureAuthorisedAt) {
          throw new DomainError(
            'invalid_state',
            'data_subject_request.erasure_under_way',
            'The erasure was authorised: the request can only be completed',
            'Việc xóa đã được phê duyệt: yêu cầu chỉ có thể được hoàn thành',
          );
        }
        if (!REFUSAL_REASONS.includes(command.reason))
          throw invalid('reason', `one of ${REFUSAL_REASONS.join(', ')}`, `một trong ${REFUSAL_REASONS.join(', ')}`);
        checkText('explanation', command.explanation, DSR_LIMITS.explanation);
        return [
          {
            type: 'data_subject_request.refused',
            data: { refusedAt: at, refusalReason: command.reason, explanation: command.explanation },
          },
        ];
      default:
        return assertNever(command);
    }
  };
  return { initialState: INITIAL_DATA_SUBJECT_REQUEST, evolve: evolveDataSubjectRequest, decide };
}

function file(
  command: Extract<DataSubjectRequestCommand, { kind: 'file' }>,
  state: DataSubjectRequestState,
  context: DecisionContext,
  calendar: WorkingCalendar,
  tables: readonly TimeLimitTable[],
): DataSubjectRequestEvent[] {
  if (state.status !== null)
    throw new DomainError(
      'invalid_state',
      'data_subject_request.already_filed',
      'This request was already filed',
      'Yêu cầu này đã được ghi nhận',
    );
  if (!isSubjectId(command.subjectId))
    throw invalid('subjectId', 'the pseudonymous id of the data subject', 'mã bí danh của chủ thể dữ liệu');
  if (!JURISDICTION.test(command.jurisdiction)) throw invalid('jurisdiction', 'a province or commune code', 'mã tỉnh hoặc xã');
  if (!REQUEST_KINDS.includes(command.requestKind))
    throw invalid('requestKind', `one of ${REQUEST_KINDS.join(', ')}`, `một trong ${REQUEST_KINDS.join(', ')}`);
  if (!REQUEST_CHANNELS.includes(command.channel))
    throw invalid('channel', `one of ${REQUEST_CHANNELS.join(', ')}`, `một trong ${REQUEST_CHANNELS.join(', ')}`);
  const received = ISO_INSTANT.test(command.receivedAt) ? new Date(command.receivedAt) : new Date(Number.NaN);
  if (Number.isNaN(received.getTime())) throw invalid('receivedAt', 'a date and time (ISO 8601)', 'ngày giờ (ISO 8601)');
  if (received.getTime() > context.now.getTime()) {
    throw new DomainError(
      'rule_violated',
      'data_subject_request.received_in_future',
      'receivedAt cannot be in the future',
      'receivedAt không được ở tương lai',
      { field: 'receivedAt' },
    );
  }
  const table = timeLimitsFor(vnDate(received), tables);
  const act = table.act[command.requestKind];
  return [
    {
      type: 'data_subject_request.filed',
      data: {
        subjectId: command.subjectId,
        jurisdiction: command.jurisdiction,
        requestKind: command.requestKind,
        channel: command.channel,
        receivedAt: received.toISOString(),
        acknowledgeBy: dueAt(received, table.acknowledge, calendar).toISOString(),
        actBy: dueAt(received, act, calendar).toISOString(),
        actLimit: `${describeLimit(act)} (${act.rule})`,
        legalBasis: table.legalBasis,
      },
    },
  ];
}

/** Folds one event; never throws. */
export function evolveDataSubjectRequest(state: DataSubjectRequestState, event: DataSubjectRequestEvent): DataSubjectRequestState {
  switch (event.type) {
    case 'data_subject_request.filed':
      return { ...state, ...event.data, status: 'received' };
    case 'data_subject_request.acknowledged':
      return { ...state, status: 'acknowledged', acknowledgedAt: event.data.acknowledgedAt };
    case 'data_subject_request.erasure_authorised':
      return { ...state, erasureAuthorisedAt: event.data.erasureAuthorisedAt, erasureAuthorisedBy: event.data.authorisedBy ?? null };
    case 'data_subject_request.erasure_executed':
      return {
        ...state,
        erasure: {
          erasedAt: event.data.erasedAt,
          alreadyErased: event.data.alreadyErased,
          destroyedKeyIds: event.data.destroyedKeyIds ?? [],
        },
      };
    case 'data_subject_request.completed':
      return { ...state, status: 'completed', completedAt: event.data.completedAt, outcome: event.data.outcome };
    case 'data_subject_request.refused':
      return {
        ...state,
        status: 'refused',
        refusedAt: event.data.refusedAt,
        refusalReason: event.data.refusalReason,
        explanation: event.data.explanation,
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/**
 * May `actorId` carry out the erasure of this deletion request now? Asked before the key is
 * shredded (shredding cannot be undone) and again by the decider: acknowledged, authorised, and
 * by a data-protection officer other than the one who authorised it.
 */
export function assertErasureMayBeExecuted(state: DataSubjectRequestState, actorId: string): void {
  if (state.status === 'completed' || state.status === 'refused') {
    throw new DomainError(
      'invalid_state',
      'data_subject_request.closed',
      `The request was already ${state.status}`,
      `Yêu cầu đã được ${state.status === 'completed' ? 'thực hiện xong' : 'từ chối'}`,
      { status: state.status },
    );
  }
  if (state.requestKind !== 'delete') throw notADeletion();
  requireAcknowledged(state);
  if (!state.erasureAuthorisedAt) {
    throw new DomainError(
      'invalid_state',
      'data_subject_request.erasure_not_authorised',
      'A deletion is completed only after the erasure is authorised',
      'Yêu cầu xóa chỉ hoàn thành sau khi việc xóa được phê duyệt',
    );
  }
  assertSecondPerson(state.erasureAuthorisedBy, actorId);
}

function requireAcknowledged(state: DataSubjectRequestState): void {
  if (state.status !== 'acknowledged') {
    throw new DomainError(
      'invalid_state',
      'data_subject_request.not_acknowledged',
      'Acknowledge the request first',
      'Cần phản hồi tiếp nhận yêu cầu trước',
    );
  }
}

function notADeletion(): DomainError {
  return new DomainError(
    'rule_violated',
    'data_subject_request.not_a_deletion',
    'Only a deletion request erases the subject',
    'Chỉ yêu cầu xóa dữ liệu mới dẫn đến việc xóa chủ thể dữ liệu',
  );
}

function checkText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw new DomainError(
      'rule_violated',
      'data_subject_request.invalid_text',
      `${field} must be a text of 1 to ${max} characters`,
      `${field} phải là văn bản dài từ 1 đến ${max} ký tự`,
      { field, maxLength: max },
    );
  }
}

function invalid(field: string, expected: string, expectedVi: string): DomainError {
  return new DomainError(
    'rule_violated',
    'data_subject_request.invalid_value',
    `${field} must be ${expected}`,
    `${field} phải là ${expectedVi}`,
    { field },
  );
}

function ignoreUnknownEvent(_event: never, state: DataSubjectRequestState): DataSubjectRequestState {
  return state;
}
