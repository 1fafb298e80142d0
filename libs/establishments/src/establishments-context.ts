import { FieldSchemas } from '../../access/src/application/case-records.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import { establishmentDecider } from './domain/establishment-decider.js';
import type { EstablishmentCommand, EstablishmentEvent, EstablishmentState } from './domain/establishment.js';

/**
 * Labels of every field of every establishment event. The owner's or manager's name and contact
 * are personal (encrypted with the owner's key); licence and permit numbers, the business's name
 * and address are internal; commune and type are public (they feed statistics).
 */
export const ESTABLISHMENT_SCHEMAS = new FieldSchemas()
  .register('establishment.registered', {
    commune: 'public',
    establishmentType: 'public',
    businessName: 'internal',
    address: 'internal',
    businessLicenceNumber: 'internal',
    securityPermitNumber: 'internal',
    ownerSubjectId: 'internal',
    ownerName: 'personal',
    ownerContact: 'personal',
  })
  .register('establishment.risk_classified', { riskClass: 'internal', riskReason: 'internal' })
  .register('establishment.commitment_signed', { commitmentSignedOn: 'internal', commitmentCommune: 'public' })
  .register('establishment.inspection_linked', { inspectionId: 'internal' })
  .register('establishment.penalty_linked', { penaltyCaseId: 'internal' })
  .register('establishment.closed', { closedOn: 'internal', closureReason: 'internal' });

export const establishmentsContext: CaseContext<EstablishmentCommand, EstablishmentEvent, EstablishmentState> = {
  kind: 'establishment',
  decider: establishmentDecider,
  schemas: ESTABLISHMENT_SCHEMAS,
  creates: (command) => command.kind === 'register',
  action: () => 'write',
  scope: (state) => ({ jurisdiction: state.commune, assignees: [] }),
  newCaseScope: (command) => ({ jurisdiction: command.kind === 'register' ? command.commune : NO_SCOPE, assignees: [] }),
  // Only the registration carries personal fields: they are the owner's.
  subjectOf: (state, event, caseId) =>
    event.type === 'establishment.registered' ? event.data.ownerSubjectId : (state.ownerSubjectId ?? `establishment:${caseId}`),
};
