import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { evolveDataSubjectRequest } from '../../../data-subject-requests/src/domain/data-subject-request-decider.js';
import {
  INITIAL_DATA_SUBJECT_REQUEST,
  type DataSubjectRequestEvent,
} from '../../../data-subject-requests/src/domain/data-subject-request.js';
import { evolvePenalty } from '../../../penalties/src/domain/penalty-evolve.js';
import type { ProcedureRules } from '../../../penalties/src/domain/penalty-reference.js';
import { INITIAL_PENALTY_STATE, type PenaltyEvent } from '../../../penalties/src/domain/penalty-types.js';
import { evolveTip } from '../../../tips/src/domain/tip-evolve.js';
import { INITIAL_TIP_STATE, type TipEvent } from '../../../tips/src/domain/tip-types.js';
import {
  minimalPenaltyState,
  minimalRequestState,
  minimalTipState,
  penaltyDeadlineRows,
  PENALTY_EVENT_TYPES,
  REQUEST_EVENT_TYPES,
  requestDeadlineRows,
  TIP_EVENT_TYPES,
  tipDeadlineRows,
  type DeadlineKind,
  type DeadlineRow,
} from './deadline-rows.js';

/**
 * What the view needs of a case kind: its events, its context's own fold, the state it keeps (no
 * personal field) and its context's own deadline computation. States are opaque JSON to the view.
 */
export interface DeadlineSource {
  kind: DeadlineKind;
  eventTypes: readonly string[];
  initial: unknown;
  /** The context's evolve, then the state without what the view must not keep. */
  evolve(state: unknown, event: { type: string; data: unknown }): unknown;
  rows(caseId: string, state: unknown): DeadlineRow[];
}

export function deadlineSources(calendar: WorkingCalendar, rules: ProcedureRules): DeadlineSource[] {
  return [
    {
      kind: 'tip',
      eventTypes: TIP_EVENT_TYPES,
      initial: INITIAL_TIP_STATE,
      evolve: (state, event) => minimalTipState(evolveTip(state as typeof INITIAL_TIP_STATE, event as TipEvent)),
      rows: (caseId, state) => tipDeadlineRows(caseId, state as typeof INITIAL_TIP_STATE, calendar),
    },
    {
      kind: 'penalty_case',
      eventTypes: PENALTY_EVENT_TYPES,
      initial: INITIAL_PENALTY_STATE,
      evolve: (state, event) => minimalPenaltyState(evolvePenalty(state as typeof INITIAL_PENALTY_STATE, event as PenaltyEvent)),
      rows: (caseId, state) => penaltyDeadlineRows(caseId, state as typeof INITIAL_PENALTY_STATE, calendar, rules),
    },
    {
      kind: 'data_subject_request',
      eventTypes: REQUEST_EVENT_TYPES,
      initial: INITIAL_DATA_SUBJECT_REQUEST,
      evolve: (state, event) =>
        minimalRequestState(evolveDataSubjectRequest(state as typeof INITIAL_DATA_SUBJECT_REQUEST, event as DataSubjectRequestEvent)),
      rows: (caseId, state) => requestDeadlineRows(caseId, state as typeof INITIAL_DATA_SUBJECT_REQUEST),
    },
  ];
}
