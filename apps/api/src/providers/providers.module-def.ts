import { providersContext } from '../../../../libs/providers/src/providers-context.js';
import { ProvidersController } from './providers.controller.js';

/** The provider directory's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const PROVIDERS_MODULE = { contexts: [providersContext], controllers: [ProvidersController] };
