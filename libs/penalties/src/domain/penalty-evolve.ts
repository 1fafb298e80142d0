import { assertNever } from '../../../case-kernel/src/domain/decider.js';
import type { PenaltyEvent, PenaltyState } from './penalty-types.js';

/** True when every fine of the decision has been paid (warnings need nothing). */
function allFinesPaid(state: PenaltyState): boolean {
  return (state.decision?.sanctions ?? []).every((s) => s.sanction !== 'fine' || state.payments.some((p) => p.subjectId === s.subjectId));
}

/** Folds one event into the state; never throws. */
export function evolvePenalty(state: PenaltyState, event: PenaltyEvent): PenaltyState {
  switch (event.type) {
    case 'penalty.violation_recorded': {
      const d = event.data;
      return {
        ...state,
        status: 'recorded',
        jurisdiction: d.jurisdiction,
        violationDate: d.violationDate,
        recordedOn: d.recordedOn,
        act: d.act,
        multiplePeopleAtOnce: d.multiplePeopleAtOnce,
        offenderType: d.offenderType,
        referenceTable: d.referenceTable,
        explanationRight: d.explanationRight,
        tipId: d.tipId,
        summary: d.summary,
        assigneeId: d.assigneeId,
      };
    }
    case 'penalty.person_recorded':
      return { ...state, people: [...state.people, { ...event.data }] };
    case 'penalty.explanation_requested':
      return { ...state, explanation: { ...state.explanation, requestedBy: [...state.explanation.requestedBy, event.data.subjectId] } };
    case 'penalty.explanation_extended':
      return { ...state, explanation: { ...state.explanation, extended: true } };
    case 'penalty.explanation_received':
      return { ...state, explanation: { ...state.explanation, received: [...state.explanation.received, { ...event.data }] } };
    case 'penalty.verification_required':
      return { ...state, verificationRequired: true };
    case 'penalty.decision_deadline_extended':
      return { ...state, decisionDeadlineExtended: true };
    case 'penalty.decided':
      return { ...state, status: 'decided', decision: event.data };
    case 'penalty.decision_delivered': {
      const delivered: PenaltyState = { ...state, deliveredOn: event.data.deliveredOn, deliveredLate: event.data.late };
      return { ...delivered, status: allFinesPaid(delivered) ? 'settled' : 'delivered' };
    }
    case 'penalty.fine_paid': {
      const paid: PenaltyState = { ...state, payments: [...state.payments, event.data] };
      return { ...paid, status: allFinesPaid(paid) ? 'settled' : state.status };
    }
    case 'penalty.enforcement_ordered':
      return { ...state, enforcement: [...state.enforcement, event.data] };
    case 'penalty.complaint_lodged':
      return { ...state, complaints: [...state.complaints, event.data] };
    case 'penalty.closed_without_decision':
      return { ...state, status: 'closed', closure: event.data };
    default:
      return assertNever(event);
  }
}
