import { supportCasesContext } from '../../../../libs/support/src/support-cases-context.js';
import { SupportCasesController } from './support-cases.controller.js';

/** The confidential support cases' CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const SUPPORT_MODULE = { contexts: [supportCasesContext], controllers: [SupportCasesController] };
