import { caseIndexProjection } from '../../../libs/case-index/src/case-index-projection.js';
import type { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { deadlinesProjection } from '../../../libs/deadlines/src/deadlines-projection.js';
import { indicatorFactsProjection } from '../../../libs/indicators/src/indicator-facts-projection.js';
import { hmacPersonKey, statisticsKey, type StatisticsKeySource } from '../../../libs/indicators/src/statistics-key.js';
import type { Projection } from '../../../libs/projections/src/projection.js';

/**
 * Every read model the platform builds from the log, run by the projector (alone, or inside the
 * API in the all-in-one default). A new projection is one more entry here; see
 * libs/projections/src/projection.ts for what it must provide. `keys` is the process's AppConfig:
 * every process building the statistics must make the same person keys.
 */
export function platformProjections(calendar: WorkingCalendar, keys: StatisticsKeySource): Projection[] {
  return [deadlinesProjection(calendar), indicatorFactsProjection(hmacPersonKey(statisticsKey(keys))), caseIndexProjection()];
}
