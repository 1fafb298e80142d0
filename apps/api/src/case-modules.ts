import type { Type } from '@nestjs/common';
import type { CaseContext } from '../../../libs/case-kernel/src/application/case-commands.js';
// context module imports (one line each)
import { PROGRAMME_MODULE } from './programme/programme.module-def.js';
import { PENALTIES_MODULE } from './penalties/penalties.module-def.js';
import { TIPS_MODULE } from './tips/tips.module-def.js';
import { HOTSPOTS_MODULE } from './hotspots/hotspots.module-def.js';
import { INSPECTIONS_MODULE } from './inspections/inspections.module-def.js';
import { ESTABLISHMENTS_MODULE } from './establishments/establishments.module-def.js';
import { SUPPORT_MODULE } from './support/support.module-def.js';
import { OUTREACH_MODULE } from './outreach/outreach.module-def.js';
import { PROVIDERS_MODULE } from './providers/providers.module-def.js';
import { DATA_SUBJECT_REQUESTS_MODULE } from './data-subject-requests/data-subject-requests.module-def.js';
import { STATISTICS_MODULE } from './statistics/statistics.module-def.js';
import { CASE_INDEX_MODULE } from './case-index/case-index.module-def.js';

/** A bounded context's contribution to the API: its case context(s) and its controllers. */
export interface CaseModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  contexts: CaseContext<any, any, any>[];
  controllers: Type<unknown>[];
}

/** Every case context served by the API; each context adds one entry. */
export const CASE_MODULES: CaseModule[] = [
  // context modules (one entry each)
  PROGRAMME_MODULE,
  PENALTIES_MODULE,
  TIPS_MODULE,
  HOTSPOTS_MODULE,
  INSPECTIONS_MODULE,
  ESTABLISHMENTS_MODULE,
  SUPPORT_MODULE,
  OUTREACH_MODULE,
  PROVIDERS_MODULE,
  DATA_SUBJECT_REQUESTS_MODULE,
  STATISTICS_MODULE,
  CASE_INDEX_MODULE,
];
