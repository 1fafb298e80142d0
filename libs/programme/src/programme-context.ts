import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import { programmeDecider } from './domain/programme-decider.js';
import type { ProgrammeCommand, ProgrammeEvent, ProgrammeState } from './domain/programme-types.js';

const PUBLIC = 'public' as const;
const publicFields = (...names: string[]) => Object.fromEntries(names.map((n) => [n, PUBLIC]));

/**
 * Labels of every field of every programme event. Plans, activities and figures are public
 * administrative facts (the plans themselves are published documents); only the free-text reasons
 * for a revision, a withdrawal, an end or a retraction are internal. No event carries personal data.
 */
export const PROGRAMME_SCHEMAS = new FieldSchemas()
  .register(
    'programme.plan_adopted',
    publicFields(
      'jurisdiction',
      'issuer',
      'title',
      'documentRef',
      'adoptedOn',
      'period',
      'area',
      'reporting',
      'targets',
      'reportedStatistics',
      'untracked',
      'sourceFile',
    ),
  )
  .register('programme.plan_revised', { ...publicFields('revisedOn', 'targets', 'reporting'), reason: 'internal' })
  .register('programme.plan_withdrawn', { withdrawnOn: 'public', reason: 'internal' })
  .register(
    'programme.communication_recorded',
    publicFields('jurisdiction', 'heldOn', 'form', 'audience', 'reach', 'recurring', 'villages'),
  )
  .register('programme.training_recorded', publicFields('jurisdiction', 'heldOn', 'topic', 'participants'))
  .register('programme.integration_recorded', publicFields('jurisdiction', 'recordedOn', 'programmes', 'documentRef'))
  .register('programme.pilot_model_started', publicFields('jurisdiction', 'startedOn', 'modelKind', 'name'))
  .register('programme.pilot_model_ended', { endedOn: 'public', reason: 'internal' })
  .register('programme.website_post_recorded', publicFields('jurisdiction', 'publishedOn', 'title', 'url'))
  .register('programme.reference_figures_recorded', publicFields('jurisdiction', 'area', 'asOf', 'figures'))
  .register('programme.activity_retracted', { retractedOn: 'public', reason: 'internal' });

const CREATES: ReadonlySet<ProgrammeCommand['kind']> = new Set([
  'adopt_plan',
  'record_communication',
  'record_training',
  'record_integration',
  'start_pilot_model',
  'record_website_post',
  'record_reference_figures',
]);

export const programmeContext: CaseContext<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = {
  kind: 'programme_activity',
  decider: programmeDecider,
  schemas: PROGRAMME_SCHEMAS,
  creates: (command) => CREATES.has(command.kind),
  action: () => 'write',
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: [] }),
  newCaseScope: (command) => ({
    jurisdiction: CREATES.has(command.kind) && 'jurisdiction' in command ? command.jurisdiction : NO_SCOPE,
    assignees: [],
  }),
  // No personal fields: the subject is never used to encrypt anything.
  subjectOf: (_state, _event, caseId) => `programme:${caseId}`,
};
