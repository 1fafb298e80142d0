import { FieldSchemas } from '../../access/src/application/case-records.js';
import type { FieldLabel } from '../../access/src/domain/resources.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { CaseSummaryProjection } from '../../case-kernel/src/application/case-summaries.js';
import { fold } from '../../case-kernel/src/domain/decider.js';
import type { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { createDataSubjectRequestDecider } from './domain/data-subject-request-decider.js';
import type {
  DataSubjectRequestCommand,
  DataSubjectRequestEvent,
  DataSubjectRequestEventType,
  DataSubjectRequestState,
} from './domain/data-subject-request.js';

/**
 * Labels of every field of every request event. The pseudonymous subject id and free-text answers
 * are internal (for the DPO and auditors); kinds, dates and limits are public. No field holds
 * personal data, so nothing is encrypted and the record outlives the erasure it carries out.
 */
const LABELS: Record<DataSubjectRequestEventType, Record<string, FieldLabel>> = {
  'data_subject_request.filed': {
    subjectId: 'internal',
    jurisdiction: 'public',
    requestKind: 'public',
    channel: 'public',
    receivedAt: 'public',
    acknowledgeBy: 'public',
    actBy: 'public',
    actLimit: 'public',
    legalBasis: 'public',
  },
  'data_subject_request.acknowledged': { acknowledgedAt: 'public' },
  'data_subject_request.erasure_authorised': { erasureAuthorisedAt: 'public', authorisedBy: 'internal' },
  'data_subject_request.erasure_executed': {
    erasedSubjectId: 'internal',
    erasedAt: 'public',
    alreadyErased: 'public',
    destroyedKeyIds: 'internal',
  },
  'data_subject_request.completed': { completedAt: 'public', outcome: 'internal' },
  'data_subject_request.refused': { refusedAt: 'public', refusalReason: 'public', explanation: 'internal' },
};

export const DATA_SUBJECT_REQUEST_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

export type DataSubjectRequestsContext = CaseContext<DataSubjectRequestCommand, DataSubjectRequestEvent, DataSubjectRequestState>;

export function dataSubjectRequestsContext(calendar: WorkingCalendar): DataSubjectRequestsContext {
  return {
    kind: 'data_subject_request',
    decider: createDataSubjectRequestDecider(calendar),
    schemas: DATA_SUBJECT_REQUEST_SCHEMAS,
    creates: (command) => command.kind === 'file',
    // Filing and handling are writes; handling also needs a read grant (see the handling service) and the DPO role (the decider).
    action: () => 'write',
    scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: [] }),
    newCaseScope: (command) => ({ jurisdiction: command.kind === 'file' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
    // No personal fields: the subject is never used to encrypt anything.
    subjectOf: (_state, _event, caseId) => `data-subject-request-${caseId}`,
  };
}

/** The DPO's list entry: kind, status and the dates the deadlines are computed from. */
export function dataSubjectRequestSummaries(context: DataSubjectRequestsContext): CaseSummaryProjection {
  return {
    kind: 'data_subject_request',
    summarize(events) {
      const s = fold(
        context.decider,
        events.map((e) => ({ type: e.type, data: e.data }) as DataSubjectRequestEvent),
      );
      return {
        subjectId: s.subjectId,
        requestKind: s.requestKind,
        status: s.status,
        channel: s.channel,
        receivedAt: s.receivedAt,
        acknowledgeBy: s.acknowledgeBy,
        actBy: s.actBy,
        acknowledgedAt: s.acknowledgedAt,
        completedAt: s.completedAt,
        refusedAt: s.refusedAt,
      };
    },
  };
}
