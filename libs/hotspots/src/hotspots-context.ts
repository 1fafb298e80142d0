import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import { hotspotDecider } from './domain/hotspot-decider.js';
import type { HotspotCommand, HotspotEvent, HotspotState } from './domain/hotspot.js';

/**
 * Labels of every field of every hotspot event. The location description, the treatment plan and
 * the reason for a re-activation are internal (operational, and may describe people); the
 * jurisdiction, kind and status dates are public, since the statistics count spots eradicated and
 * re-activated. No hotspot event carries a person's identity.
 */
export const HOTSPOT_SCHEMAS = new FieldSchemas()
  .register('hotspot.identified', {
    jurisdiction: 'public',
    hotspotKind: 'public',
    locationDescription: 'internal',
    identifiedOn: 'public',
  })
  .register('hotspot.treatment_started', { treatmentPlan: 'internal', treatmentStartedOn: 'public' })
  .register('hotspot.eradicated', { eradicatedOn: 'public' })
  .register('hotspot.reactivated', { reactivatedOn: 'public', reactivationReason: 'internal' });

export const hotspotsContext: CaseContext<HotspotCommand, HotspotEvent, HotspotState> = {
  kind: 'hotspot',
  decider: hotspotDecider,
  schemas: HOTSPOT_SCHEMAS,
  creates: (command) => command.kind === 'identify',
  action: () => 'write',
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: [] }),
  newCaseScope: (command) => ({ jurisdiction: command.kind === 'identify' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
  // No personal fields: the subject is never used to encrypt anything.
  subjectOf: (_state, _event, caseId) => `hotspot:${caseId}`,
};
