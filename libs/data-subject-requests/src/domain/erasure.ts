import { DomainError } from '../../../case-kernel/src/domain/decider.js';

/**
 * An erasure by the data-protection officer outside a data-subject request (e.g. ordered by a
 * court or found in an access review). It cannot be undone, so two people carry it out: one
 * requests it with a reason, another confirms it; only the confirmation shreds the key.
 */
export type ErasureEvent =
  | { type: 'data_subject.erasure_requested'; data: { subjectId: string; reason: string; requestedBy: string; requestedAt: string } }
  | {
      type: 'data_subject.erased';
      data: {
        subjectId: string;
        reason: string;
        erasedAt: string;
        /** Absent on erasures recorded before the two-person rule. */
        requestedBy?: string;
        confirmedBy?: string;
        alreadyErased?: boolean;
        destroyedKeyIds?: string[];
      };
    };

export type ErasureStatus = 'awaiting_confirmation' | 'erased';

export interface ErasureState {
  status: ErasureStatus | null;
  reason: string | null;
  requestedBy: string | null;
  requestedAt: string | null;
  confirmedBy: string | null;
  erasedAt: string | null;
  destroyedKeyIds: string[];
}

export const NO_ERASURE: ErasureState = {
  status: null,
  reason: null,
  requestedBy: null,
  requestedAt: null,
  confirmedBy: null,
  erasedAt: null,
  destroyedKeyIds: [],
};

export const ERASURE_REASON = { min: 5, max: 500 } as const;

export const erasureStream = (subjectId: string) => `erasure-${subjectId}`;

export function evolveErasure(state: ErasureState, event: { type: string; data: Record<string, unknown> }): ErasureState {
  const e = event as ErasureEvent;
  switch (e.type) {
    case 'data_subject.erasure_requested':
      return {
        ...state,
        status: 'awaiting_confirmation',
        reason: e.data.reason,
        requestedBy: e.data.requestedBy,
        requestedAt: e.data.requestedAt,
      };
    case 'data_subject.erased':
      return {
        ...state,
        status: 'erased',
        reason: e.data.reason,
        requestedBy: e.data.requestedBy ?? state.requestedBy,
        confirmedBy: e.data.confirmedBy ?? null,
        erasedAt: e.data.erasedAt,
        destroyedKeyIds: e.data.destroyedKeyIds ?? [],
      };
    default:
      return state;
  }
}

/** A new request: not while one waits for confirmation, not after the erasure. */
export function requestErasure(state: ErasureState, subjectId: string, reason: string, actorId: string, now: Date): ErasureEvent {
  if (state.status === 'erased')
    throw new DomainError(
      'invalid_state',
      'erasure.already_erased',
      'This data subject was already erased',
      'Chủ thể dữ liệu này đã bị xóa',
    );
  if (state.status === 'awaiting_confirmation') {
    throw new DomainError(
      'invalid_state',
      'erasure.awaiting_confirmation',
      'An erasure of this data subject is waiting for a second officer to confirm it',
      'Việc xóa chủ thể dữ liệu này đang chờ cán bộ thứ hai xác nhận',
    );
  }
  const text = reason.trim();
  if (text.length < ERASURE_REASON.min || reason.length > ERASURE_REASON.max) {
    throw new DomainError(
      'rule_violated',
      'erasure.invalid_reason',
      `The reason must be ${ERASURE_REASON.min} to ${ERASURE_REASON.max} characters`,
      `Lý do phải dài từ ${ERASURE_REASON.min} đến ${ERASURE_REASON.max} ký tự`,
      { field: 'reason' },
    );
  }
  return { type: 'data_subject.erasure_requested', data: { subjectId, reason, requestedBy: actorId, requestedAt: now.toISOString() } };
}

/** May `actorId` confirm now? Checked before the key is shredded: shredding cannot be undone. */
export function assertMayConfirmErasure(state: ErasureState, actorId: string): void {
  if (state.status === 'erased')
    throw new DomainError(
      'invalid_state',
      'erasure.already_erased',
      'This data subject was already erased',
      'Chủ thể dữ liệu này đã bị xóa',
    );
  if (state.status !== 'awaiting_confirmation')
    throw new DomainError(
      'invalid_state',
      'erasure.not_requested',
      'No erasure of this data subject is waiting for confirmation',
      'Không có yêu cầu xóa chủ thể dữ liệu này đang chờ xác nhận',
    );
  assertSecondPerson(state.requestedBy, actorId);
}

/** The four-eyes rule of every erasure: whoever asked for it cannot be the one who carries it out. */
export function assertSecondPerson(firstPerson: string | null, actorId: string): void {
  if (firstPerson === actorId) {
    throw new DomainError(
      'forbidden',
      'erasure.self_confirmation',
      'An erasure is confirmed by a second authorised officer, not by the one who asked for it',
      'Việc xóa phải do một cán bộ có thẩm quyền khác xác nhận, không phải người đã đề nghị',
    );
  }
}

export function confirmErasure(
  state: ErasureState,
  subjectId: string,
  actorId: string,
  shredded: { erasedAt: Date; alreadyErased: boolean; destroyedKeyIds: string[] },
): ErasureEvent {
  assertMayConfirmErasure(state, actorId);
  return {
    type: 'data_subject.erased',
    data: {
      subjectId,
      reason: state.reason!,
      erasedAt: shredded.erasedAt.toISOString(),
      requestedBy: state.requestedBy!,
      confirmedBy: actorId,
      alreadyErased: shredded.alreadyErased,
      destroyedKeyIds: shredded.destroyedKeyIds,
    },
  };
}
