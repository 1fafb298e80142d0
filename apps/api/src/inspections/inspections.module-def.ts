import { inspectionsContext } from '../../../../libs/inspections/src/inspections-context.js';
import { InspectionsController } from './inspections.controller.js';

/** The inspections context's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const INSPECTIONS_MODULE = { contexts: [inspectionsContext], controllers: [InspectionsController] };
