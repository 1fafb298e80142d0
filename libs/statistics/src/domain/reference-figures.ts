import type { DayRange } from './calendar-day.js';
import type { Fact, FactOf, ReferenceFigure } from './facts.js';
import { normaliseArea, type Area, type UnitTree } from './roll-up.js';

export interface FigureLookup {
  /** null when any unit of the area has no figure: a denominator with holes would give a wrong share. */
  value: number | null;
  /** Units (the area's, or below them) for which no figure was recorded by the end of the period. */
  missing: string[];
}

/**
 * A reference figure (a denominator no event gives: staff, workers, students, villages) for an
 * area at the end of a period: the latest recorded for exactly that area (e.g. a former district
 * recorded as the set of communes that replaced it); otherwise the sum over its units, each
 * taken from its own record or, failing that, summed over the units below it.
 */
export function referenceFigure(
  facts: readonly Fact[],
  name: ReferenceFigure,
  area: Area,
  period: DayRange,
  tree: Pick<UnitTree, 'children'>,
): FigureLookup {
  const latest = new Map<string, FactOf<'reference_figures'>>();
  for (const fact of facts) {
    if (fact.fact !== 'reference_figures' || fact.asOf > period.to || typeof fact.figures[name] !== 'number') continue;
    const key = normaliseArea(fact.area).join(',');
    const known = latest.get(key);
    if (!known || known.asOf < fact.asOf || (known.asOf === fact.asOf && known.key < fact.key)) latest.set(key, fact);
  }
  const own = (units: Area) => latest.get(normaliseArea(units).join(','))?.figures[name];
  /** A unit's figure: its own, else the sum below it; when nothing at all is recorded below, the unit itself is what is missing. */
  const of = (code: string): { sum: number; found: boolean; missing: string[] } => {
    const value = own([code]);
    if (value !== undefined) return { sum: value, found: true, missing: [] };
    const parts = tree.children(code).map((child) => of(child.code));
    if (!parts.some((p) => p.found)) return { sum: 0, found: false, missing: [code] };
    return { sum: parts.reduce((a, p) => a + p.sum, 0), found: true, missing: parts.flatMap((p) => p.missing) };
  };
  const whole = own(area);
  if (whole !== undefined) return { value: whole, missing: [] };
  const parts = normaliseArea(area).map(of);
  const missing = parts.flatMap((p) => p.missing);
  return { value: missing.length > 0 ? null : parts.reduce((a, p) => a + p.sum, 0), missing };
}
