import { PENALTY_MAPPERS } from './contracts/penalties.v1.js';
import { PLACE_MAPPERS } from './contracts/places.v1.js';
import { TIP_MAPPERS } from './contracts/tips.v1.js';
import { IntegrationMapping } from './integration-mapping.js';

/** The platform's allow-list: every domain event type that is published, and how. Nothing else is. */
export const PLATFORM_INTEGRATION = new IntegrationMapping([...TIP_MAPPERS, ...PENALTY_MAPPERS, ...PLACE_MAPPERS]);
