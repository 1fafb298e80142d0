import { establishmentsContext } from '../../../../libs/establishments/src/establishments-context.js';
import { EstablishmentsController } from './establishments.controller.js';

/** The establishments context's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const ESTABLISHMENTS_MODULE = { contexts: [establishmentsContext], controllers: [EstablishmentsController] };
