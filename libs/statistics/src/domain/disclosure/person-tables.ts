import type { DayRange } from '../calendar-day.js';
import type { Fact, UnitRef } from '../facts.js';
import { peopleOf, type PersonIndicator } from '../people.js';
import type { PerturbationOptions } from './perturbation.js';
import type { SuppressionOptions } from './suppression.js';

/**
 * The people a person-based figure is made of, grouped by unit, and how they are published. Every
 * published figure is read from the country's protected table (protected-table.ts).
 */
export interface PublicationOptions extends SuppressionOptions {
  /** Round every published count to a multiple of 5. */
  roundToFive?: boolean;
  /** Perturb every published count by the cell-key method. */
  perturbation?: PerturbationOptions;
}

/** People of a person-based indicator that share a unit and a column: a count, and their keys when perturbation may need them. */
export interface PersonGroup {
  unit: UnitRef;
  counted: boolean;
  people: number;
  keys?: readonly string[];
  /** The group's cell key under the perturbation salt (the sum of its people's record keys), when the keys themselves stay where they are. */
  keySum?: number;
}

/** The distinct people of the facts in the period, grouped by their unit and whether they count above the line (keys kept). */
export function personGroups(indicator: PersonIndicator, facts: readonly Fact[], period: DayRange): PersonGroup[] {
  const groups = new Map<string, { unit: UnitRef; counted: boolean; keys: string[] }>();
  for (const [key, person] of peopleOf(indicator, facts, period)) {
    const id = `${person.unit.era}:${person.unit.code}:${person.counted}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { unit: person.unit, counted: person.counted, keys: [] }));
    group.keys.push(key);
  }
  return [...groups.values()].map((g) => ({ ...g, people: g.keys.length }));
}
