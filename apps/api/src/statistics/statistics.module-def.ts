import { StatisticsController } from './statistics.controller.js';
import { statisticsWarmUpHost } from './statistics-warm-up.js';

/** Warms the statistics view in the background once the API has started (unless STATISTICS_WARM_UP=off); stops when it closes. */
export const StatisticsWarmUpHost = statisticsWarmUpHost((config) => config.statisticsWarmUp);

/** Statistics and reports: no case context of their own; the routes' controller and the warm-up (typed where registered, in case-modules.ts). */
export const STATISTICS_MODULE = { contexts: [], controllers: [StatisticsController, StatisticsWarmUpHost] };
