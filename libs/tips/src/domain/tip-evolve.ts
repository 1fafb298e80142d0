import { assertNever } from '../../../case-kernel/src/domain/decider.js';
import { TIP_EVENT_TYPES, type TipEvent, type TipState } from './tip-types.js';

/** Folds one event into the state; never throws: an event of another context's type is ignored. */
export function evolveTip(state: TipState, event: TipEvent): TipState {
  if (!(TIP_EVENT_TYPES as readonly string[]).includes(event.type)) return state;
  switch (event.type) {
    case 'tip.received': {
      const d = event.data;
      return {
        ...state,
        status: 'received',
        id: d.tipId,
        jurisdiction: d.jurisdiction,
        channel: d.channel,
        kind: d.kind,
        receivedAt: d.receivedAt,
        anonymous: d.anonymous,
        allegation: d.allegation,
        sourceAgency: d.sourceAgency,
      };
    }
    case 'tip.reporter_recorded':
      return {
        ...state,
        reporter: { subjectId: event.data.reporterSubjectId, name: event.data.reporterName, contact: event.data.reporterContact },
      };
    case 'tip.classified':
      return {
        ...state,
        status: state.status === 'received' ? 'classified' : state.status,
        category: event.data.category,
        classifiedAt: state.classifiedAt ?? event.data.at,
      };
    case 'tip.escalated':
      return { ...state, escalated: true, escalationReason: event.data.escalationReason };
    case 'tip.transferred':
      return {
        ...state,
        status: 'transferred',
        transfer: { at: event.data.at, receivingAgency: event.data.receivingAgency, reason: event.data.transferReason },
      };
    case 'tip.assigned':
      return {
        ...state,
        status: state.status === 'classified' ? 'assigned' : state.status,
        assigneeId: event.data.assigneeId,
        assignedAt: state.assignedAt ?? event.data.at,
      };
    case 'tip.procuracy_notified':
      return { ...state, procuracyNotifiedAt: event.data.at };
    case 'tip.reporter_notified':
      return { ...state, reporterNotifiedAt: event.data.at };
    case 'tip.verification_started':
      return { ...state, status: 'verifying', verificationStartedAt: event.data.at };
    case 'tip.verification_extended':
      return {
        ...state,
        status: 'extended',
        extensions: [...state.extensions, { at: event.data.at, dueAt: event.data.dueAt, byProcuracy: event.data.byProcuracy }],
      };
    case 'tip.suspended':
      return {
        ...state,
        status: 'suspended',
        suspensions: [
          ...state.suspensions,
          { at: event.data.at, ground: event.data.suspensionGround, resumedAt: null, resumedDueAt: null },
        ],
      };
    case 'tip.resumed': {
      const suspensions = state.suspensions.map((s, i) =>
        i === state.suspensions.length - 1 ? { ...s, resumedAt: event.data.at, resumedDueAt: event.data.dueAt } : s,
      );
      return { ...state, status: 'resumed', suspensions };
    }
    case 'tip.closed':
      return { ...state, status: 'closed', closure: { at: event.data.at, outcome: event.data.outcome } };
    case 'tip.penalty_case_requested':
      return { ...state, penaltyCaseRequest: { at: event.data.at, suggestedAct: event.data.suggestedAct } };
    case 'tip.file_handed_over':
      return { ...state, handedOverAt: event.data.at };
    case 'tip.prosecution_file_sent':
      return {
        ...state,
        prosecutionFile: { sentOn: event.data.sentOn, procuracy: event.data.procuracy, resolvedOn: null, resolution: null, lawful: null },
      };
    case 'tip.prosecution_file_resolved':
      return state.prosecutionFile
        ? {
            ...state,
            prosecutionFile: {
              ...state.prosecutionFile,
              resolvedOn: event.data.resolvedOn,
              resolution: event.data.resolution,
              lawful: event.data.lawful,
            },
          }
        : state;
    default:
      return assertNever(event);
  }
}
