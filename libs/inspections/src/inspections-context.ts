import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import { inspectionDecider } from './domain/inspection-decider.js';
import type { InspectionCommand, InspectionEvent, InspectionState } from './domain/inspection.js';

/**
 * Labels of every field of every inspection event. Team members' names are personal, each
 * encrypted with that member's key; the triggering tip is referred to by id only; findings are
 * internal; the jurisdiction is public.
 */
export const INSPECTION_SCHEMAS = new FieldSchemas()
  .register('inspection.planned', {
    establishmentId: 'internal',
    jurisdiction: 'public',
    mode: 'internal',
    triggeringTipId: 'internal',
    plannedDate: 'internal',
  })
  .register('inspection.team_member_recorded', { memberSubjectId: 'internal', memberAgency: 'internal', memberName: 'personal' })
  .register('inspection.conducted', {
    conductedOn: 'internal',
    teamSize: 'internal',
    findings: 'internal',
    violationDescription: 'internal',
  })
  .register('inspection.penalty_linked', { penaltyCaseId: 'internal' })
  .register('inspection.closed', { closureNote: 'internal' });

export const inspectionsContext: CaseContext<InspectionCommand, InspectionEvent, InspectionState> = {
  kind: 'inspection',
  decider: inspectionDecider,
  schemas: INSPECTION_SCHEMAS,
  creates: (command) => command.kind === 'plan',
  action: () => 'write',
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: [] }),
  newCaseScope: (command) => ({ jurisdiction: command.kind === 'plan' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
  // Only a team member's record carries a personal field: that member's name.
  subjectOf: (_state, event, caseId) =>
    event.type === 'inspection.team_member_recorded' ? event.data.memberSubjectId : `inspection:${caseId}`,
};
