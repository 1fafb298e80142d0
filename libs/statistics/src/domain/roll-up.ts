import type { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import type { UnitRef } from './facts.js';

/** What the roll-up needs of the administrative tree (a JurisdictionTree is one). */
export type UnitTree = Pick<JurisdictionTree, 'has' | 'get' | 'contains' | 'children' | 'codesWithin' | 'currentUnitsFor'>;

/** A set of current units (provinces, communes, or VN) a figure is asked for; a plan's area can be several. */
export type Area = readonly string[];

/**
 * Where a record made under a unit counts, seen from an area:
 * - full: wholly inside the area;
 * - partial: a pre-reform unit split over several current units, some inside the area and some
 *   not, so the record may or may not belong here — shown as such, never guessed;
 * - outside;
 * - unmapped: the unit is not in the tree or the mapping (data to review).
 */
export type Attribution =
  { kind: 'full' } | { kind: 'partial'; candidates: string[]; inside: string[] } | { kind: 'outside' } | { kind: 'unmapped' };

/**
 * The current units a unit stands for: itself, or where a pre-reform unit went (from
 * libs/jurisdictions' mapping). The mapping lists every piece of a split unit, so a record of a
 * split unit is in an area when all its pieces are.
 */
export function currentUnitsOf(unit: UnitRef, tree: Pick<UnitTree, 'has' | 'currentUnitsFor'>): string[] {
  if (unit.era === 'current') return tree.has(unit.code) ? [unit.code] : [];
  return tree.currentUnitsFor(unit.code).units;
}

export function attribute(unit: UnitRef, area: Area, tree: UnitTree): Attribution {
  const candidates = currentUnitsOf(unit, tree);
  if (candidates.length === 0) return { kind: 'unmapped' };
  const inside = candidates.filter((c) => area.some((a) => tree.contains(a, c)));
  if (inside.length === 0) return { kind: 'outside' };
  if (inside.length === candidates.length) return { kind: 'full' };
  return { kind: 'partial', candidates, inside };
}

/** The current unit a record belongs to, when it is exactly one; null for a split pre-reform unit or an unknown one. */
export function soleUnitOf(unit: UnitRef, tree: UnitTree): string | null {
  const candidates = currentUnitsOf(unit, tree);
  return candidates.length === 1 ? candidates[0]! : null;
}

/** The current communes inside an area (an area that is a commune is its own). */
export function communesOf(area: Area, tree: UnitTree): string[] {
  const communes = new Set<string>();
  for (const code of area) for (const inside of tree.codesWithin(code)) if (tree.get(inside)?.level === 'commune') communes.add(inside);
  return [...communes].sort();
}

/** The area's units, each once, in code order (so that equal areas compare equal). */
export function normaliseArea(area: Area): string[] {
  return [...new Set(area)].sort();
}

/**
 * A plan's area in current units: itself, or where its former units went. `partial` when a former
 * unit was split, so the current area reaches beyond what the plan covered (shown, not hidden).
 */
export function currentAreaOf(
  area: { era: UnitRef['era']; units: readonly string[] },
  tree: Pick<UnitTree, 'has' | 'currentUnitsFor'>,
): { units: string[]; partial: boolean } {
  const units = new Set<string>();
  let partial = false;
  for (const code of area.units) {
    const current = currentUnitsOf({ code, era: area.era }, tree);
    current.forEach((c) => units.add(c));
    if (area.era === 'pre_2025' && tree.currentUnitsFor(code).partial) partial = true;
  }
  return { units: [...units].sort(), partial };
}
