import { ESTABLISHMENT_SCHEMAS } from '../../../establishments/src/establishments-context.js';
import { HOTSPOT_SCHEMAS } from '../../../hotspots/src/hotspots-context.js';
import { INSPECTION_SCHEMAS } from '../../../inspections/src/inspections-context.js';
import type { IntegrationContract, IntegrationMapper } from '../contract.js';
import { code, optionalCode, unitFrom } from './fields.js';

/**
 * Establishments, inspections and hotspots: each status change with its unit (and the public kind
 * of establishment or hotspot). No business name, address, licence, owner, team member, finding,
 * location or plan.
 */
export const ESTABLISHMENT_STATUS_V1: IntegrationContract = {
  name: 'establishment.status_changed',
  version: 1,
  topic: 'pcm.establishments.v1',
  fields: ['unit', 'establishmentType', 'status'],
};
export const INSPECTION_STATUS_V1: IntegrationContract = {
  name: 'inspection.status_changed',
  version: 1,
  topic: 'pcm.inspections.v1',
  fields: ['unit', 'status'],
};
export const HOTSPOT_STATUS_V1: IntegrationContract = {
  name: 'hotspot.status_changed',
  version: 1,
  topic: 'pcm.hotspots.v1',
  fields: ['unit', 'hotspotKind', 'status', 'statusOn'],
};

const establishment = (source: string, status: 'registered' | 'closed'): IntegrationMapper => ({
  kind: 'establishment',
  schemas: ESTABLISHMENT_SCHEMAS,
  source,
  contract: ESTABLISHMENT_STATUS_V1,
  reads: status === 'registered' ? [] : ['establishment.registered'],
  map: ({ event, latest }) => {
    const registered = status === 'registered' ? event.data : latest('establishment.registered')?.data;
    return {
      unit: unitFrom(registered, 'commune'),
      establishmentType: optionalCode(registered?.establishmentType, 'establishmentType'),
      status,
    };
  },
});

const inspection = (source: string, status: 'planned' | 'conducted' | 'penalty_linked' | 'closed'): IntegrationMapper => ({
  kind: 'inspection',
  schemas: INSPECTION_SCHEMAS,
  source,
  contract: INSPECTION_STATUS_V1,
  reads: status === 'planned' ? [] : ['inspection.planned'],
  map: ({ event, latest }) => ({
    unit: unitFrom(status === 'planned' ? event.data : latest('inspection.planned')?.data, 'jurisdiction'),
    status,
  }),
});

const hotspot = (
  source: string,
  status: 'identified' | 'under_treatment' | 'eradicated' | 'reactivated',
  dateField: string,
): IntegrationMapper => ({
  kind: 'hotspot',
  schemas: HOTSPOT_SCHEMAS,
  source,
  contract: HOTSPOT_STATUS_V1,
  reads: status === 'identified' ? [] : ['hotspot.identified'],
  map: ({ event, latest }) => {
    const identified = status === 'identified' ? event.data : latest('hotspot.identified')?.data;
    return {
      unit: unitFrom(identified, 'jurisdiction'),
      hotspotKind: optionalCode(identified?.hotspotKind, 'hotspotKind'),
      status,
      statusOn: code(event.data[dateField], dateField),
    };
  },
});

export const PLACE_MAPPERS: IntegrationMapper[] = [
  establishment('establishment.registered', 'registered'),
  establishment('establishment.closed', 'closed'),
  inspection('inspection.planned', 'planned'),
  inspection('inspection.conducted', 'conducted'),
  inspection('inspection.penalty_linked', 'penalty_linked'),
  inspection('inspection.closed', 'closed'),
  hotspot('hotspot.identified', 'identified', 'identifiedOn'),
  hotspot('hotspot.treatment_started', 'under_treatment', 'treatmentStartedOn'),
  hotspot('hotspot.eradicated', 'eradicated', 'eradicatedOn'),
  hotspot('hotspot.reactivated', 'reactivated', 'reactivatedOn'),
];
