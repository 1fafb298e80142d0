import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { currentUnit, type Fact } from '../../../statistics/src/domain/facts.js';
import { CALENDAR_MONTHS, statisticalPeriod } from '../../../statistics/src/domain/periods.js';
import type { Target } from '../../../statistics/src/domain/targets.js';
import { indicatorLine, type IndicatorTableQuery } from './indicator-table.js';

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const [commune, other] = tree.children('01').map((u) => u.code);
const ALL_ACCESS: Target = {
  indicator: 'people_in_need_accessed_support',
  comparator: 'at_least',
  value: 100,
  cadence: 'yearly',
  quote: '100% người có nhu cầu được tiếp cận dịch vụ',
};

function support(plan: Record<string, [accessed: number, notAccessed: number]>): Fact[] {
  return Object.entries(plan).flatMap(([unit, [accessed, notAccessed]]) =>
    Array.from({ length: accessed + notAccessed }, (_, i): Fact[] => {
      const key = `${unit}-s${i}`;
      const need: Fact = { fact: 'support_need', key, unit: currentUnit(unit), from: '2026-02-01', to: null, eligible: true };
      return i < accessed ? [need, { fact: 'support_access', key, unit: currentUnit(unit), on: '2026-03-01' }] : [need];
    }).flat(),
  );
}

const query = (area: string, targets: Target[] = [ALL_ACCESS], perturbed = true): IndicatorTableQuery => ({
  area,
  period: statisticalPeriod(CALENDAR_MONTHS, 'year', 2026),
  tree,
  calendar: CALENDAR_MONTHS,
  asOf: '2026-12-31',
  targets,
  threshold: 5,
  publication: perturbed ? { perturbation: { salt: 'indicator-table-salt-0123456789' } } : {},
});

describe('a person-based indicator line against its target', () => {
  it('says "not met" for 6 of 9 under a 100 % target although the counts are withheld (3 is under the threshold)', () => {
    const facts = support({ [commune!]: [6, 3], [other!]: [30, 10] });
    for (const perturbed of [true, false]) {
      const line = indicatorLine('people_in_need_accessed_support', null, facts, query(commune!, [ALL_ACCESS], perturbed));
      expect(line).toMatchObject({ suppressed: true, value: null, numerator: null, denominator: null, met: false, verdictOnly: true });
    }
  });

  it('gives no verdict where the people it rests on are fewer than the threshold', () => {
    const line = indicatorLine(
      'people_in_need_accessed_support',
      null,
      support({ [commune!]: [2, 1], [other!]: [30, 10] }),
      query(commune!),
    );
    expect(line).toMatchObject({ suppressed: true, met: null });
    expect(line.verdictOnly).toBeUndefined();
  });

  it('reads a published verdict from the published counts, and shows the area as its row in its province and in the country', () => {
    const facts = support({ [commune!]: [40, 10], [other!]: [30, 10] });
    const own = indicatorLine('people_in_need_accessed_support', null, facts, query(commune!));
    expect(own).toMatchObject({ suppressed: false, met: false });
    expect(own.verdictOnly).toBeUndefined();
    const province = indicatorLine('people_in_need_accessed_support', null, facts, query('01'));
    expect(province.byUnit!.find((r) => r.unit === commune)!.value).toBe(own.denominator);
    const country = indicatorLine('people_in_need_accessed_support', null, facts, query('VN'));
    expect(country.byUnit!.find((r) => r.unit === '01')!.value).toBe(province.denominator);
  });
});
