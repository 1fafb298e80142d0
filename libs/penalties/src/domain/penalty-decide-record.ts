import { DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { deadlineDates } from './penalty-deadlines.js';
import { assertDate, invalidState, ruleViolated } from './penalty-errors.js';
import { actIn, explanationRightApplies, tableInForce, type PenaltyReference } from './penalty-reference.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState } from './penalty-types.js';

type Command<K extends PenaltyCommand['kind']> = Extract<PenaltyCommand, { kind: K }>;
export interface Deps {
  calendar: WorkingCalendar;
  reference: PenaltyReference;
}

/** The most people one violation record may name. */
export const MAX_PEOPLE_PER_RECORD = 50;

/** The case must be recorded and not yet decided or closed. */
export function requireUndecided(state: PenaltyState): void {
  if (state.status === 'none')
    throw new DomainError('not_found', 'penalty.not_found', 'No such penalty case', 'Không tìm thấy hồ sơ xử phạt');
  if (state.status === 'closed')
    throw invalidState('closed', 'The case was closed without a decision', 'Hồ sơ đã kết thúc mà không ra quyết định xử phạt');
  if (state.status !== 'recorded')
    throw invalidState('already_decided', 'A penalty was already decided in this case', 'Hồ sơ này đã có quyết định xử phạt');
}

export function requirePerson(state: PenaltyState, subjectId: string): void {
  if (!state.people.some((p) => p.subjectId === subjectId)) {
    throw ruleViolated(
      'unknown_subject',
      'No person with this subject id is named in the violation record',
      'Biên bản vi phạm không có người với mã này',
      { subjectId },
    );
  }
}

export function recordViolation(
  command: Command<'record_violation'>,
  state: PenaltyState,
  context: DecisionContext,
  { reference }: Deps,
): PenaltyEvent[] {
  if (state.status !== 'none')
    throw invalidState('already_recorded', 'This case already has a violation record', 'Hồ sơ này đã có biên bản vi phạm');
  const today = vnDate(context.now);
  assertDate('violationDate', command.violationDate, today);
  assertDate('recordedOn', command.recordedOn, today, { field: 'violationDate', date: command.violationDate });
  const table = tableInForce(reference, command.violationDate);
  if (!table) {
    const loaded = reference.tables.map((t) => `${t.sourceEn} from ${t.effectiveFrom}`).join('; ');
    const loadedVi = reference.tables.map((t) => `${t.sourceVi} từ ${t.effectiveFrom}`).join('; ');
    throw ruleViolated(
      'no_reference_table',
      `No reference table of acts and fines covers a violation dated ${command.violationDate} (loaded: ${loaded}); earlier violations fall under Decree 144/2021/NĐ-CP, which is not loaded`,
      `Không có bảng tra cứu hành vi và mức phạt áp dụng cho vi phạm ngày ${command.violationDate} (đã nạp: ${loadedVi}); vi phạm trước đó thuộc Nghị định 144/2021/NĐ-CP, chưa được nạp`,
      { violationDate: command.violationDate },
    );
  }
  const act = actIn(table, command.act);
  if (!act)
    throw ruleViolated(
      'unknown_act',
      `Act ${command.act} is not in ${table.sourceEn}`,
      `Hành vi ${command.act} không có trong ${table.sourceVi}`,
      { act: command.act },
    );
  if (command.multiplePeopleAtOnce && !act.withMultiplePeople) {
    throw ruleViolated(
      'multiple_people_not_applicable',
      `${table.sourceEn} has no higher bracket for act ${act.code} with two or more people at once`,
      `${table.sourceVi} không quy định khung phạt cao hơn với nhiều người cùng lúc cho hành vi ${act.code}`,
      { act: act.code },
    );
  }
  if (command.people.length < 1 || command.people.length > MAX_PEOPLE_PER_RECORD) {
    throw ruleViolated(
      'people_count',
      `A violation record names 1 to ${MAX_PEOPLE_PER_RECORD} people penalised`,
      `Biên bản vi phạm ghi từ 1 đến ${MAX_PEOPLE_PER_RECORD} người vi phạm`,
      { given: command.people.length },
    );
  }
  if (command.offenderType === 'organisation' && command.people.length !== 1) {
    throw ruleViolated(
      'one_organisation_per_record',
      'A record against an organisation names exactly one organisation',
      'Biên bản đối với tổ chức chỉ ghi một tổ chức vi phạm',
      { given: command.people.length },
    );
  }
  const people = command.people.map((p) => ({ ...p, subjectId: p.subjectId ?? `penalised-${context.newId()}` }));
  if (new Set(people.map((p) => p.subjectId)).size !== people.length) {
    throw ruleViolated('duplicate_subject', 'Each person on the record has their own subject id', 'Mỗi người vi phạm có một mã riêng');
  }
  return [
    {
      type: 'penalty.violation_recorded',
      data: {
        jurisdiction: command.jurisdiction,
        violationDate: command.violationDate,
        recordedOn: command.recordedOn,
        act: act.code,
        multiplePeopleAtOnce: command.multiplePeopleAtOnce,
        offenderType: command.offenderType,
        referenceTable: table.id,
        explanationRight: explanationRightApplies(reference.procedure, table, act, command.multiplePeopleAtOnce),
        tipId: command.tipId,
        summary: command.summary,
        assigneeId: context.actorId,
      },
    },
    ...people.map((p): PenaltyEvent => ({
      type: 'penalty.person_recorded',
      data: { subjectId: p.subjectId, fullName: p.fullName, idNumber: p.idNumber, address: p.address },
    })),
  ];
}

function explanationWindowOpen(state: PenaltyState, today: string, { calendar, reference }: Deps): void {
  const due = deadlineDates(state, calendar, reference.procedure).explanation!;
  if (today > due) {
    throw ruleViolated(
      'explanation_window_closed',
      `The explanation period ended on ${due}: 5 working days from the record, extendable once by 5 (Law on Handling Administrative Violations, art. 61.2)`,
      `Thời hạn giải trình đã hết ngày ${due}: 05 ngày làm việc kể từ ngày lập biên bản, gia hạn một lần không quá 05 ngày làm việc (Luật Xử lý vi phạm hành chính, Điều 61)`,
      { dueOn: due },
    );
  }
}

export function requestExplanation(
  command: Command<'request_explanation'>,
  state: PenaltyState,
  context: DecisionContext,
  deps: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  if (!state.explanationRight) {
    throw ruleViolated(
      'explanation_not_applicable',
      'The right to explain applies only where the highest fine for the act reaches 15,000,000 VND for an individual (30,000,000 VND for an organisation) or a permit may be withdrawn (Law on Handling Administrative Violations, art. 61.1)',
      'Quyền giải trình chỉ áp dụng khi mức phạt tối đa của hành vi từ 15.000.000 đồng trở lên đối với cá nhân (30.000.000 đồng đối với tổ chức) hoặc có hình thức tước giấy phép (Luật Xử lý vi phạm hành chính, Điều 61)',
      { act: state.act },
    );
  }
  requirePerson(state, command.subjectId);
  if (state.explanation.requestedBy.includes(command.subjectId))
    throw invalidState('explanation_already_requested', 'This person already asked to explain', 'Người này đã yêu cầu giải trình');
  const today = vnDate(context.now);
  explanationWindowOpen(state, today, deps);
  return [{ type: 'penalty.explanation_requested', data: { subjectId: command.subjectId, requestedOn: today } }];
}

export function extendExplanation(
  command: Command<'extend_explanation'>,
  state: PenaltyState,
  context: DecisionContext,
  deps: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  if (state.explanation.requestedBy.length === 0)
    throw invalidState('explanation_not_requested', 'Nobody asked to explain', 'Chưa có người yêu cầu giải trình');
  if (state.explanation.extended)
    throw invalidState(
      'explanation_already_extended',
      'The explanation period was already extended once (art. 61.2)',
      'Thời hạn giải trình đã được gia hạn một lần (Điều 61)',
    );
  explanationWindowOpen(state, vnDate(context.now), deps);
  const dueOn = deadlineDates(
    { ...state, explanation: { ...state.explanation, extended: true } },
    deps.calendar,
    deps.reference.procedure,
  ).explanation!;
  return [{ type: 'penalty.explanation_extended', data: { reason: command.reason, dueOn } }];
}

export function recordExplanation(
  command: Command<'record_explanation'>,
  state: PenaltyState,
  context: DecisionContext,
  deps: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  requirePerson(state, command.subjectId);
  if (!state.explanation.requestedBy.includes(command.subjectId))
    throw invalidState('explanation_not_requested', 'This person did not ask to explain', 'Người này chưa yêu cầu giải trình');
  if (state.explanation.received.some((r) => r.subjectId === command.subjectId))
    throw invalidState(
      'explanation_already_received',
      'This person’s explanation was already received',
      'Đã nhận giải trình của người này',
    );
  assertDate('receivedOn', command.receivedOn, vnDate(context.now), { field: 'recordedOn', date: state.recordedOn! });
  explanationWindowOpen(state, command.receivedOn, deps);
  return [
    {
      type: 'penalty.explanation_received',
      data: { subjectId: command.subjectId, receivedOn: command.receivedOn, explanation: command.explanation },
    },
  ];
}
