import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import { assertPastOrToday, isCalendarDate } from './calendar-date.js';
import {
  FINDINGS,
  INITIAL_INSPECTION,
  INSPECTION_MODES,
  MEMBER_AGENCIES,
  MIN_TEAM_SIZE,
  type InspectionCommand,
  type InspectionEvent,
  type InspectionState,
} from './inspection.js';

const JURISDICTION = /^\d{2}(\d{3})?$/;

/** planned → conducted (once, by ≥ 3 members, not before the planned date) → penalty case linked (violations only) → closed. */
export function decideInspection(command: InspectionCommand, state: InspectionState, context: DecisionContext): InspectionEvent[] {
  if (command.kind === 'plan') return plan(command, state);
  if (state.status === 'unplanned') {
    throw new DomainError(
      'not_found',
      'inspection.not_planned',
      'No such inspection: an inspection is planned first',
      'Không có cuộc kiểm tra này: cuộc kiểm tra phải được lập kế hoạch trước',
    );
  }
  if (state.status === 'closed') {
    throw new DomainError('invalid_state', 'inspection.closed', 'The inspection is closed', 'Cuộc kiểm tra đã kết thúc');
  }
  switch (command.kind) {
    case 'conduct':
      return conduct(command, state, context);
    case 'link_penalty_case':
      assertConducted(state);
      if (state.status === 'penalty_linked') {
        throw new DomainError(
          'invalid_state',
          'inspection.penalty_already_linked',
          'A penalty case is already linked to this inspection',
          'Cuộc kiểm tra này đã được liên kết với một hồ sơ xử phạt',
        );
      }
      if (state.findings !== 'violations') {
        throw new DomainError(
          'rule_violated',
          'inspection.no_violations_found',
          'Only an inspection that found violations leads to a penalty case',
          'Chỉ cuộc kiểm tra phát hiện vi phạm mới dẫn đến hồ sơ xử phạt',
        );
      }
      return [{ type: 'inspection.penalty_linked', data: { penaltyCaseId: command.penaltyCaseId } }];
    case 'close':
      assertConducted(state);
      return [{ type: 'inspection.closed', data: { closureNote: command.note } }];
    default:
      return assertNever(command);
  }
}

function plan(command: Extract<InspectionCommand, { kind: 'plan' }>, state: InspectionState): InspectionEvent[] {
  if (state.status !== 'unplanned')
    throw new DomainError(
      'invalid_state',
      'inspection.already_planned',
      'This inspection is already planned',
      'Cuộc kiểm tra này đã được lập kế hoạch',
    );
  if (!JURISDICTION.test(command.jurisdiction)) {
    throw new DomainError(
      'rule_violated',
      'inspection.jurisdiction_required',
      'An inspection belongs to a commune or a province (its unit code)',
      'Cuộc kiểm tra thuộc một xã hoặc một tỉnh (mã đơn vị hành chính)',
      { field: 'jurisdiction' },
    );
  }
  if (!INSPECTION_MODES.includes(command.mode)) throw invalidValue('mode');
  if (command.mode === 'scheduled' && command.triggeringTipId !== null) {
    throw new DomainError(
      'rule_violated',
      'inspection.tip_only_for_unannounced',
      'Only an unannounced check is triggered by a tip; a scheduled check follows the plan',
      'Chỉ kiểm tra đột xuất mới xuất phát từ tin báo; kiểm tra định kỳ thực hiện theo kế hoạch',
      { field: 'triggeringTipId' },
    );
  }
  if (!isCalendarDate(command.plannedDate)) {
    throw new DomainError(
      'rule_violated',
      'inspection.invalid_date',
      'plannedDate must be a calendar date (YYYY-MM-DD)',
      'plannedDate phải là một ngày hợp lệ (YYYY-MM-DD)',
      { field: 'plannedDate' },
    );
  }
  const { kind: _kind, ...data } = command;
  return [{ type: 'inspection.planned', data }];
}

function conduct(
  command: Extract<InspectionCommand, { kind: 'conduct' }>,
  state: InspectionState,
  context: DecisionContext,
): InspectionEvent[] {
  if (state.status !== 'planned') {
    throw new DomainError(
      'invalid_state',
      'inspection.already_conducted',
      'This inspection was already conducted; a new check is a new inspection',
      'Cuộc kiểm tra này đã được tiến hành; lần kiểm tra mới là một cuộc kiểm tra mới',
    );
  }
  if (command.members.length < MIN_TEAM_SIZE) {
    throw new DomainError(
      'rule_violated',
      'inspection.team_too_small',
      `Decree 178/2004/NĐ-CP: an interdisciplinary team check is carried out by at least ${MIN_TEAM_SIZE} members`,
      `Nghị định 178/2004/NĐ-CP: việc kiểm tra của Đội kiểm tra liên ngành phải có ít nhất ${MIN_TEAM_SIZE} thành viên`,
      { field: 'members', minimum: MIN_TEAM_SIZE, given: command.members.length },
    );
  }
  if (command.members.some((m) => !MEMBER_AGENCIES.includes(m.agency))) throw invalidValue('members.agency');
  const subjectIds = command.members.map((m) => m.subjectId ?? `subj-${context.newId()}`);
  if (new Set(subjectIds).size !== subjectIds.length) {
    throw new DomainError(
      'rule_violated',
      'inspection.duplicate_member',
      'Each team member is a different person',
      'Mỗi thành viên của Đội là một người khác nhau',
      { field: 'members' },
    );
  }
  assertPastOrToday('conductedOn', command.conductedOn, context.now);
  if (state.plannedDate !== null && command.conductedOn < state.plannedDate) {
    throw new DomainError(
      'rule_violated',
      'inspection.conducted_before_planned_date',
      'An inspection is conducted on or after its planned date; to check earlier, plan it again',
      'Cuộc kiểm tra được tiến hành từ ngày theo kế hoạch trở đi; muốn kiểm tra sớm hơn thì lập kế hoạch lại',
      { field: 'conductedOn', plannedDate: state.plannedDate },
    );
  }
  if (!FINDINGS.includes(command.findings)) throw invalidValue('findings');
  const described = command.violationDescription !== null && command.violationDescription.trim() !== '';
  if (command.findings === 'violations' && !described) {
    throw new DomainError(
      'rule_violated',
      'inspection.violation_description_required',
      'Violations found are described',
      'Vi phạm phát hiện phải được mô tả',
      { field: 'violationDescription' },
    );
  }
  if (command.findings === 'compliant' && command.violationDescription !== null) {
    throw new DomainError(
      'rule_violated',
      'inspection.description_without_violations',
      'A compliant finding carries no violation description',
      'Kết luận không vi phạm thì không kèm mô tả vi phạm',
      { field: 'violationDescription' },
    );
  }
  return [
    ...command.members.map((m, i): InspectionEvent => ({
      type: 'inspection.team_member_recorded',
      data: { memberSubjectId: subjectIds[i]!, memberAgency: m.agency, memberName: m.name },
    })),
    {
      type: 'inspection.conducted',
      data: {
        conductedOn: command.conductedOn,
        teamSize: command.members.length,
        findings: command.findings,
        violationDescription: command.violationDescription,
      },
    },
  ];
}

/** Folds one event; never throws, whatever a field holds (redaction and erasure markers included). */
export function evolveInspection(state: InspectionState, event: InspectionEvent): InspectionState {
  switch (event.type) {
    case 'inspection.planned': {
      const d = event.data;
      return {
        ...state,
        status: 'planned',
        establishmentId: d.establishmentId,
        jurisdiction: d.jurisdiction,
        mode: d.mode,
        triggeringTipId: d.triggeringTipId,
        plannedDate: d.plannedDate,
      };
    }
    case 'inspection.team_member_recorded':
      return {
        ...state,
        members: [
          ...state.members,
          { subjectId: event.data.memberSubjectId, agency: event.data.memberAgency, name: event.data.memberName },
        ],
      };
    case 'inspection.conducted':
      return {
        ...state,
        status: 'conducted',
        conductedOn: event.data.conductedOn,
        findings: event.data.findings,
        violationDescription: event.data.violationDescription,
      };
    case 'inspection.penalty_linked':
      return { ...state, status: 'penalty_linked', penaltyCaseId: event.data.penaltyCaseId };
    case 'inspection.closed':
      return { ...state, status: 'closed', closureNote: event.data.closureNote };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const inspectionDecider: Decider<InspectionCommand, InspectionEvent, InspectionState> = {
  initialState: INITIAL_INSPECTION,
  evolve: evolveInspection,
  decide: decideInspection,
};

/** Exhaustive at compile time like assertNever, but evolve never throws: an unknown event leaves the state as it is. */
function ignoreUnknownEvent(_event: never, state: InspectionState): InspectionState {
  return state;
}

function assertConducted(state: InspectionState): void {
  if (state.status === 'planned') {
    throw new DomainError(
      'invalid_state',
      'inspection.not_conducted',
      'The inspection has not been conducted yet',
      'Cuộc kiểm tra chưa được tiến hành',
    );
  }
}

function invalidValue(field: string): DomainError {
  return new DomainError(
    'rule_violated',
    'inspection.invalid_value',
    `${field} has a value outside the list`,
    `${field} có giá trị ngoài danh mục`,
    { field },
  );
}
