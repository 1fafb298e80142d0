import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import { assertPastOrToday } from './calendar-date.js';
import {
  HOTSPOT_KINDS,
  INITIAL_HOTSPOT,
  type HotspotCommand,
  type HotspotEvent,
  type HotspotState,
  type HotspotStatus,
} from './hotspot.js';

const JURISDICTION = /^\d{2}(\d{3})?$/;

/**
 * identified → under treatment → eradicated → re-activated → under treatment → …
 * Each step is dated, no earlier than the start of the current period and not in the future.
 */
export function decideHotspot(command: HotspotCommand, state: HotspotState, context: DecisionContext): HotspotEvent[] {
  if (command.kind === 'identify') {
    if (state.status !== null)
      throw new DomainError(
        'invalid_state',
        'hotspot.already_identified',
        'This hotspot is already identified',
        'Điểm phức tạp này đã được xác định',
      );
    if (!JURISDICTION.test(command.jurisdiction)) {
      throw new DomainError(
        'rule_violated',
        'hotspot.jurisdiction_required',
        'A hotspot belongs to a commune or a province (its unit code)',
        'Điểm phức tạp thuộc một xã hoặc một tỉnh (mã đơn vị hành chính)',
        { field: 'jurisdiction' },
      );
    }
    if (!HOTSPOT_KINDS.includes(command.hotspotKind)) {
      throw new DomainError(
        'rule_violated',
        'hotspot.invalid_value',
        'hotspotKind has a value outside the list',
        'hotspotKind có giá trị ngoài danh mục',
        { field: 'hotspotKind' },
      );
    }
    assertPastOrToday('identifiedOn', command.identifiedOn, context.now);
    const { kind: _kind, ...data } = command;
    return [{ type: 'hotspot.identified', data }];
  }
  if (state.status === null) throw new DomainError('not_found', 'hotspot.not_identified', 'No such hotspot', 'Không có điểm phức tạp này');
  switch (command.kind) {
    case 'start_treatment':
      if (state.status === 'under_treatment') {
        throw new DomainError(
          'invalid_state',
          'hotspot.already_under_treatment',
          'The hotspot is already under treatment',
          'Điểm phức tạp đang được xử lý',
        );
      }
      if (state.status === 'eradicated') {
        throw new DomainError(
          'invalid_state',
          'hotspot.eradicated_not_reactivated',
          'An eradicated hotspot is treated again only after it is recorded as re-activated',
          'Điểm phức tạp đã triệt xóa chỉ được xử lý lại sau khi được ghi nhận tái hoạt động',
        );
      }
      assertDate('startedOn', command.startedOn, state, context);
      return [{ type: 'hotspot.treatment_started', data: { treatmentPlan: command.plan, treatmentStartedOn: command.startedOn } }];
    case 'eradicate':
      if (state.status !== 'under_treatment') {
        throw new DomainError(
          'invalid_state',
          'hotspot.not_under_treatment',
          'Only a hotspot under treatment can be recorded as eradicated',
          'Chỉ điểm phức tạp đang được xử lý mới được ghi nhận đã triệt xóa',
          { status: state.status },
        );
      }
      assertDate('eradicatedOn', command.eradicatedOn, state, context);
      return [{ type: 'hotspot.eradicated', data: { eradicatedOn: command.eradicatedOn } }];
    case 'reactivate':
      if (state.status !== 'eradicated') {
        throw new DomainError(
          'invalid_state',
          'hotspot.not_eradicated',
          'Only an eradicated hotspot can be recorded as re-activated',
          'Chỉ điểm phức tạp đã triệt xóa mới được ghi nhận tái hoạt động',
          { status: state.status },
        );
      }
      assertDate('reactivatedOn', command.reactivatedOn, state, context);
      return [{ type: 'hotspot.reactivated', data: { reactivatedOn: command.reactivatedOn, reactivationReason: command.reason } }];
    default:
      return assertNever(command);
  }
}

/** Folds one event; never throws, whatever a field holds (redaction and erasure markers included). */
export function evolveHotspot(state: HotspotState, event: HotspotEvent): HotspotState {
  switch (event.type) {
    case 'hotspot.identified':
      return {
        ...enter(state, 'identified', event.data.identifiedOn),
        jurisdiction: event.data.jurisdiction,
        hotspotKind: event.data.hotspotKind,
        locationDescription: event.data.locationDescription,
      };
    case 'hotspot.treatment_started':
      return { ...enter(state, 'under_treatment', event.data.treatmentStartedOn), treatmentPlan: event.data.treatmentPlan };
    case 'hotspot.eradicated':
      return { ...enter(state, 'eradicated', event.data.eradicatedOn), timesEradicated: state.timesEradicated + 1 };
    case 'hotspot.reactivated':
      return {
        ...enter(state, 'reactivated', event.data.reactivatedOn),
        timesReactivated: state.timesReactivated + 1,
        lastReactivationReason: event.data.reactivationReason,
      };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const hotspotDecider: Decider<HotspotCommand, HotspotEvent, HotspotState> = {
  initialState: INITIAL_HOTSPOT,
  evolve: evolveHotspot,
  decide: decideHotspot,
};

/** Ends the current period on `from` and opens one in `status`. */
function enter(state: HotspotState, status: HotspotStatus, from: string): HotspotState {
  const periods = state.periods.map((p, i) => (i === state.periods.length - 1 ? { ...p, to: from } : p));
  return { ...state, status, periods: [...periods, { status, from, to: null }] };
}

function assertDate(field: string, value: string, state: HotspotState, context: DecisionContext): void {
  assertPastOrToday(field, value, context.now);
  const current = state.periods[state.periods.length - 1];
  if (current && value < current.from) {
    throw new DomainError(
      'rule_violated',
      'hotspot.date_before_current_period',
      `${field} cannot be earlier than the start of the current status (${current.from}): periods follow one another`,
      `${field} không được sớm hơn ngày bắt đầu trạng thái hiện tại (${current.from}): các giai đoạn nối tiếp nhau`,
      { field, currentFrom: current.from },
    );
  }
}

/** Exhaustive at compile time like assertNever, but evolve never throws: an unknown event leaves the state as it is. */
function ignoreUnknownEvent(_event: never, state: HotspotState): HotspotState {
  return state;
}
