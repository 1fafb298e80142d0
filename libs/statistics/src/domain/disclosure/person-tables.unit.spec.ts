import { DomainError } from '../../../../case-kernel/src/domain/decider.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { currentUnit, formerUnit, type Fact } from '../facts.js';
import { computeIndicator } from '../indicators.js';
import { assertPersonBreakdown } from './geography-guard.js';
import { publishPersonTable } from './person-tables.js';
import { exposedCells, withMargins } from './suppression.js';

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const YEAR_2026 = { from: '2026-01-01', to: '2026-12-31' };
const SALT = 'province-79-salt-0123456789';

/** People in need per commune of Hồ Chí Minh (built-in), and how many of them used a service. */
function supportFacts(plan: Record<string, [accessed: number, notAccessed: number]>): Fact[] {
  return Object.entries(plan).flatMap(([commune, [accessed, notAccessed]]) =>
    Array.from({ length: accessed + notAccessed }, (_, i): Fact[] => {
      const key = `${commune}-p${i}`;
      const need: Fact = { fact: 'support_need', key, unit: currentUnit(commune), from: '2026-02-01', to: null, eligible: true };
      return i < accessed ? [need, { fact: 'support_access', key, unit: currentUnit(commune), on: '2026-03-01' }] : [need];
    }).flat(),
  );
}

describe('publishing person figures', () => {
  const facts = supportFacts({ '27559': [12, 3], '27568': [2, 9], '27577': [20, 5], '27592': [8, 8] });

  it('suppresses small counts with complementary cells so no cell can be derived, and gives the share only where both counts show', () => {
    const table = publishPersonTable('people_in_need_accessed_support', facts, { parent: '79', period: YEAR_2026, tree });
    expect(table.columns).toEqual(['accessed', 'not_accessed']);
    expect(table.rows.map((r) => r.unit)).toEqual(['27559', '27568', '27577', '27592']);
    expect(table.rows[0]!.cells[1]).toBeNull(); // 3
    expect(table.rows[1]!.cells[0]).toBeNull(); // 2
    expect(table.total).toBe(67);
    expect(table.suppressedCells).toBeGreaterThanOrEqual(4);
    // Rebuild the true grid and check nothing hidden is pinned down.
    const grid = withMargins({
      rows: ['a', 'b', 'c', 'd'],
      columns: ['x', 'y'],
      cells: [
        [12, 3],
        [2, 9],
        [20, 5],
        [8, 8],
      ],
    });
    const hidden = [
      ...table.rows.map((r) => [...r.cells.map((v) => v === null), r.total === null]),
      [...table.columnTotals.map((v) => v === null), table.total === null],
    ];
    expect(exposedCells(grid, hidden)).toEqual([]);
    for (const row of table.rows) expect(row.percent === null).toBe(row.cells[0] === null || row.total === null);
    expect(table.percent).toBeCloseTo((42 / 67) * 100, 10);
    // The unsuppressed indicator agrees on the province.
    expect(computeIndicator('people_in_need_accessed_support', facts, { area: ['79'], period: YEAR_2026, tree })).toMatchObject({
      numerator: 42,
      denominator: 67,
    });
  });

  it('perturbs each cell from its own people: the same question twice, and an overlapping one, give the same figure', () => {
    const options = { perturbation: { salt: SALT } };
    const once = publishPersonTable('people_in_need_accessed_support', facts, { parent: '79', period: YEAR_2026, tree }, options);
    const again = publishPersonTable(
      'people_in_need_accessed_support',
      [...facts].reverse(),
      { parent: '79', period: YEAR_2026, tree },
      options,
    );
    expect(again).toEqual(once);
    // Asked for one commune alone, its row total is the same cell (the same people).
    const commune = publishPersonTable('people_in_need_accessed_support', facts, { parent: '27577', period: YEAR_2026, tree }, options);
    expect(commune.rows).toHaveLength(1);
    expect(commune.total).toBe(once.rows.find((r) => r.unit === '27577')!.total);
    expect(Math.abs(commune.total! - 25)).toBeLessThanOrEqual(2);
  });

  it('rounds published counts to base 5 when asked', () => {
    const table = publishPersonTable(
      'people_in_need_accessed_support',
      facts,
      { parent: '79', period: YEAR_2026, tree },
      { roundToFive: true },
    );
    for (const v of [...table.rows.flatMap((r) => [...r.cells, r.total]), ...table.columnTotals, table.total])
      if (v !== null) expect(v % 5).toBe(0);
    expect(table.total).toBe(65);
  });

  it('puts people of a split former commune in a row of their own under the province, and counts those across its edge apart', () => {
    const people: Fact[] = [
      ...Array.from({ length: 6 }, (_, i): Fact => ({
        fact: 'person_penalised',
        key: `a${i}`,
        unit: formerUnit('10063'),
        on: '2024-05-01',
      })), // Lam Điền: split
      ...Array.from({ length: 7 }, (_, i): Fact => ({
        fact: 'person_penalised',
        key: `b${i}`,
        unit: formerUnit('10021'),
        on: '2024-05-01',
      })), // → Chương Mỹ
    ];
    const province = publishPersonTable('people_penalised', people, {
      parent: '01',
      period: { from: '2024-01-01', to: '2024-12-31' },
      tree,
    });
    expect(province.rows.map((r) => [r.unit, r.total])).toEqual([
      ['10015', 7],
      ['10030', 0],
      ['10045', 0],
      ['10072', 0],
      ['10081', 0],
      ['10096', 0],
      ['10126', 0],
      [null, 6],
    ]);
    expect(province.total).toBe(13);
    const commune = publishPersonTable('people_penalised', people, {
      parent: '10072',
      period: { from: '2024-01-01', to: '2024-12-31' },
      tree,
    });
    expect(commune).toMatchObject({ total: 0, partialPeople: 6 });
    const few = publishPersonTable('people_penalised', people.slice(0, 2), {
      parent: '10072',
      period: { from: '2024-01-01', to: '2024-12-31' },
      tree,
    });
    expect(few.partialPeople).toBeNull(); // 2 people: below the threshold
  });

  it('refuses units finer than a commune or outside the tree, and breakdowns by establishment, venue or village', () => {
    expect(() => publishPersonTable('people_penalised', [], { parent: '784', period: YEAR_2026, tree })).toThrow(DomainError);
    expect(() => assertPersonBreakdown(['commune', 'establishment'])).toThrow(
      expect.objectContaining({ code: 'statistics.breakdown_too_fine', details: { refused: 'establishment' } }),
    );
    for (const d of ['venue', 'village', 'hotspot', 'provider']) expect(() => assertPersonBreakdown([d])).toThrow(DomainError);
    expect(() => assertPersonBreakdown(['province', 'commune', 'period'])).not.toThrow();
  });
});
