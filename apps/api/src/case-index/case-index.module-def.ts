import { CaseIndexController } from './case-index.controller.js';

/** The case list of enforcement users: no case context of its own, one controller over the case index (typed where registered, in case-modules.ts). */
export const CASE_INDEX_MODULE = { contexts: [], controllers: [CaseIndexController] };
