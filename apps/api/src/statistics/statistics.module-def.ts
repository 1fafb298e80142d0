import { StatisticsController } from './statistics.controller.js';

/** Statistics and reports: no case context of their own, one controller (typed where registered, in case-modules.ts). */
export const STATISTICS_MODULE = { contexts: [], controllers: [StatisticsController] };
