import { hotspotsContext } from '../../../../libs/hotspots/src/hotspots-context.js';
import { HotspotsController } from './hotspots.controller.js';

/** The hotspots context's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const HOTSPOTS_MODULE = { contexts: [hotspotsContext], controllers: [HotspotsController] };
