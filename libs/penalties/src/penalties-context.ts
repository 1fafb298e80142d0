import { FieldSchemas } from '../../access/src/application/case-records.js';
import type { FieldLabel } from '../../access/src/domain/resources.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { createPenaltyDecider } from './domain/penalty-decider.js';
import type { PenaltyReference } from './domain/penalty-reference.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyEventType, PenaltyState } from './domain/penalty-types.js';
import { PENALTY_REFERENCE } from './domain/reference/procedure-rules.js';

/**
 * Labels of every field of every penalty event. The identity of a person penalised (name, ID
 * number, address) and their explanation are personal, encrypted with that person's own
 * pseudonymous key; the free-text summary may name people, so it is personal under the case's key.
 * Sanctions and amounts are internal and keyed by subject id only; the tip is referred to by id.
 * Public, so that integration events may carry them (libs/integration-events): the unit, the act
 * and the kind of offender of a record, and a decision's totals (never the per-person list).
 */
const LABELS: Record<PenaltyEventType, Record<string, FieldLabel>> = {
  'penalty.violation_recorded': {
    jurisdiction: 'public',
    violationDate: 'internal',
    recordedOn: 'internal',
    act: 'public',
    multiplePeopleAtOnce: 'internal',
    offenderType: 'public',
    referenceTable: 'internal',
    explanationRight: 'internal',
    tipId: 'internal',
    summary: 'personal',
    assigneeId: 'internal',
  },
  'penalty.person_recorded': { subjectId: 'internal', fullName: 'personal', idNumber: 'personal', address: 'personal' },
  'penalty.explanation_requested': { subjectId: 'internal', requestedOn: 'internal' },
  'penalty.explanation_extended': { reason: 'internal', dueOn: 'internal' },
  'penalty.explanation_received': { subjectId: 'internal', receivedOn: 'internal', explanation: 'personal' },
  'penalty.verification_required': { reason: 'internal', dueOn: 'internal' },
  'penalty.decision_deadline_extended': { reason: 'internal', dueOn: 'internal' },
  'penalty.decided': {
    decidedOn: 'internal',
    decisionNumber: 'internal',
    position: 'internal',
    competenceLimit: 'internal',
    referenceTable: 'internal',
    sanctions: 'internal',
    additionalMeasures: 'internal',
    warningCount: 'public',
    fineCount: 'public',
    fineTotal: 'public',
  },
  'penalty.decision_delivered': { deliveredOn: 'internal', late: 'internal' },
  'penalty.fine_paid': {
    subjectId: 'internal',
    paidOn: 'internal',
    fine: 'internal',
    lateDays: 'internal',
    lateFee: 'internal',
    amountPaid: 'internal',
  },
  'penalty.enforcement_ordered': { subjectId: 'internal', measure: 'internal', orderedOn: 'internal' },
  'penalty.complaint_lodged': { subjectId: 'internal', receivedOn: 'internal' },
  'penalty.closed_without_decision': { reason: 'internal', closedOn: 'internal' },
};

export const PENALTY_FIELD_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

/** The pseudonymous key of a case's own free text (the summary); each person has a key of their own. */
export const penaltyCaseSubject = (caseId: string) => `penalty-case-${caseId}`;

export type PenaltiesContext = CaseContext<PenaltyCommand, PenaltyEvent, PenaltyState>;

export function penaltiesContext(calendar: WorkingCalendar, reference: PenaltyReference = PENALTY_REFERENCE): PenaltiesContext {
  return {
    kind: 'penalty_case',
    decider: createPenaltyDecider(calendar, reference),
    schemas: PENALTY_FIELD_SCHEMAS,
    creates: (command) => command.kind === 'record_violation',
    // Every command is a write; who may decide, and up to what fine, is checked in the domain.
    action: () => 'write',
    scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: state.assigneeId ? [state.assigneeId] : [] }),
    newCaseScope: (command) => ({ jurisdiction: command.kind === 'record_violation' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
    subjectOf: (_state, event, caseId) =>
      event.type === 'penalty.person_recorded' || event.type === 'penalty.explanation_received'
        ? event.data.subjectId
        : penaltyCaseSubject(caseId),
  };
}
