import { programmeContext } from '../../../../libs/programme/src/programme-context.js';
import { ProgrammeController } from './programme.controller.js';

/** The programme context's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const PROGRAMME_MODULE = { contexts: [programmeContext], controllers: [ProgrammeController] };
