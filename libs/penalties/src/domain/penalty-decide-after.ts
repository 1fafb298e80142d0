import { assertNever, DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { requirePerson, type Deps } from './penalty-decide-record.js';
import { deadlineDates, lateFee } from './penalty-deadlines.js';
import { assertDate, invalidState, ruleViolated } from './penalty-errors.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState, PenaltyStatus } from './penalty-types.js';

type Command<K extends PenaltyCommand['kind']> = Extract<PenaltyCommand, { kind: K }>;

const vnd = (n: number) => `${n.toLocaleString('en-US')} VND`;

/** Refuses unless the case is in one of the statuses `allowed`, with the reason it is not. */
function requireStatus(state: PenaltyState, allowed: readonly PenaltyStatus[]): void {
  if (allowed.includes(state.status)) return;
  switch (state.status) {
    case 'none':
      throw new DomainError('not_found', 'penalty.not_found', 'No such penalty case', 'Không tìm thấy hồ sơ xử phạt');
    case 'recorded':
      throw invalidState('not_decided', 'No penalty has been decided yet', 'Chưa có quyết định xử phạt');
    case 'decided':
      throw invalidState('not_delivered', 'The decision has not been delivered yet', 'Quyết định xử phạt chưa được giao');
    case 'delivered':
      throw invalidState('already_delivered', 'The decision was already delivered', 'Quyết định xử phạt đã được giao');
    case 'settled':
      throw invalidState('settled', 'Every fine of this decision has been paid', 'Đã nộp đủ tiền phạt theo quyết định');
    case 'closed':
      throw invalidState('closed', 'The case was closed without a decision', 'Hồ sơ đã kết thúc mà không ra quyết định xử phạt');
    default:
      return assertNever(state.status);
  }
}

/** The fine a person owes under the decision; refuses when the person was warned or has paid. */
function unpaidFine(state: PenaltyState, subjectId: string): number {
  requirePerson(state, subjectId);
  const sanction = state.decision!.sanctions.find((s) => s.subjectId === subjectId)!;
  if (sanction.sanction !== 'fine')
    throw ruleViolated(
      'nothing_to_pay',
      'This person was given a warning: there is no fine to pay',
      'Người này bị cảnh cáo: không có tiền phạt phải nộp',
      { subjectId },
    );
  if (state.payments.some((p) => p.subjectId === subjectId))
    throw invalidState('already_paid', 'This person’s fine was already paid', 'Người này đã nộp tiền phạt');
  return sanction.amount!;
}

export function deliverDecision(
  command: Command<'deliver'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireStatus(state, ['decided']);
  assertDate('deliveredOn', command.deliveredOn, vnDate(context.now), { field: 'decidedOn', date: state.decision!.decidedOn });
  // A late delivery is recorded as late, not refused: the decision still has to reach the person (art. 70).
  const due = deadlineDates(state, calendar, reference.procedure).delivery!;
  return [{ type: 'penalty.decision_delivered', data: { deliveredOn: command.deliveredOn, late: command.deliveredOn > due } }];
}

export function recordPayment(
  command: Command<'record_payment'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireStatus(state, ['delivered']);
  const fine = unpaidFine(state, command.subjectId);
  assertDate('paidOn', command.paidOn, vnDate(context.now), { field: 'deliveredOn', date: state.deliveredOn! });
  const due = deadlineDates(state, calendar, reference.procedure).payment!;
  const late = lateFee(fine, due, command.paidOn, reference.procedure);
  const owed = fine + late.lateFee;
  if (command.amountPaid !== owed) {
    throw ruleViolated(
      'payment_amount_mismatch',
      `The amount paid must be the fine plus the late fee of 0.05% a day after ${due} (Law on Handling Administrative Violations, arts. 73, 78): ${vnd(owed)}`,
      `Số tiền nộp phải bằng tiền phạt cộng tiền chậm nộp 0,05% mỗi ngày sau ngày ${due} (Luật Xử lý vi phạm hành chính, Điều 73, 78): ${owed.toLocaleString('vi-VN')} đồng`,
      { fine, lateDays: late.lateDays, lateFee: late.lateFee, due: owed, given: command.amountPaid },
    );
  }
  return [
    {
      type: 'penalty.fine_paid',
      data: {
        subjectId: command.subjectId,
        paidOn: command.paidOn,
        fine,
        lateDays: late.lateDays,
        lateFee: late.lateFee,
        amountPaid: command.amountPaid,
      },
    },
  ];
}

export function orderEnforcement(
  command: Command<'order_enforcement'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireStatus(state, ['delivered']);
  unpaidFine(state, command.subjectId);
  if (state.enforcement.some((e) => e.subjectId === command.subjectId))
    throw invalidState(
      'enforcement_already_ordered',
      'Enforcement was already ordered against this person',
      'Đã ra quyết định cưỡng chế đối với người này',
    );
  const today = vnDate(context.now);
  const due = deadlineDates(state, calendar, reference.procedure).payment!;
  if (today <= due) {
    throw ruleViolated(
      'payment_period_running',
      `Enforcement may be ordered only after the payment period ends on ${due} (Law on Handling Administrative Violations, arts. 73, 86)`,
      `Chỉ cưỡng chế sau khi hết thời hạn nộp phạt ngày ${due} (Luật Xử lý vi phạm hành chính, Điều 73, 86)`,
      { dueOn: due },
    );
  }
  return [{ type: 'penalty.enforcement_ordered', data: { subjectId: command.subjectId, measure: command.measure, orderedOn: today } }];
}

/** A complaint does not stop the decision from being carried out (Law on Handling Administrative Violations, art. 15). */
export function recordComplaint(
  command: Command<'record_complaint'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireStatus(state, ['delivered', 'settled']);
  requirePerson(state, command.subjectId);
  if (state.complaints.some((c) => c.subjectId === command.subjectId))
    throw invalidState('complaint_already_recorded', 'This person’s complaint was already recorded', 'Đã ghi nhận khiếu nại của người này');
  assertDate('receivedOn', command.receivedOn, vnDate(context.now), { field: 'deliveredOn', date: state.deliveredOn! });
  const due = deadlineDates(state, calendar, reference.procedure).complaint!;
  if (command.receivedOn > due) {
    throw ruleViolated(
      'complaint_window_closed',
      `A complaint may be lodged within 90 days of receiving the decision, until ${due} (Law on Complaints 2011, art. 9)`,
      `Thời hiệu khiếu nại là 90 ngày kể từ ngày nhận được quyết định, đến ngày ${due} (Luật Khiếu nại 2011, Điều 9)`,
      { dueOn: due },
    );
  }
  return [{ type: 'penalty.complaint_lodged', data: { subjectId: command.subjectId, receivedOn: command.receivedOn } }];
}
