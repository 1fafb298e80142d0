import type { UnitTree } from '../../../statistics/src/domain/roll-up.js';
import { currentUnitsOf } from '../../../statistics/src/domain/roll-up.js';
import type { PlanArea } from './programme-types.js';

/**
 * Units of a plan's area (or of a reference figure's) that are not inside the jurisdiction it is
 * recorded under, judged on the current tree: a former unit by the current units it went into.
 * Unknown units are outside. The API refuses a record whose area reaches beyond its jurisdiction.
 */
export function areaOutsideJurisdiction(
  area: PlanArea,
  jurisdiction: string,
  tree: Pick<UnitTree, 'has' | 'contains' | 'currentUnitsFor'>,
): string[] {
  return area.units.filter((code) => {
    const current = currentUnitsOf({ code, era: area.era }, tree);
    return current.length === 0 || current.some((unit) => !tree.contains(jurisdiction, unit));
  });
}
