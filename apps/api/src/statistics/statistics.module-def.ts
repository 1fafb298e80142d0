import { StatisticsController } from './statistics.controller.js';
import { statisticsWarmUpHost } from './statistics-warm-up.js';

/**
 * STATISTICS_WARM_UP=off: no warm-up query when the API starts (default: on). Read here, when the
 * application starts, until the setting joins the validated configuration (libs/config).
 */
export const statisticsWarmUpEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.STATISTICS_WARM_UP?.trim().toLowerCase() !== 'off';

/** Warms the statistics view in the background once the API has started; stops when it closes. */
export const StatisticsWarmUpHost = statisticsWarmUpHost(() => statisticsWarmUpEnabled());

/** Statistics and reports: no case context of their own; the routes' controller and the warm-up (typed where registered, in case-modules.ts). */
export const STATISTICS_MODULE = { contexts: [], controllers: [StatisticsController, StatisticsWarmUpHost] };
