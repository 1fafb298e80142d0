import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { DomainError } from '../../../../case-kernel/src/domain/decider.js';
import { currentUnit, formerUnit, type Fact } from '../facts.js';
import { assertPersonBreakdown } from './geography-guard.js';
import { personGroups } from './person-tables.js';
import { P_TABLE_V1 } from './p-table.js';
import { protectedPersonTable, protectPersonTable, type ProtectedPersonTable } from './protected-table.js';
import { exposedCells, withMargins } from './suppression.js';

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const SALT = 'protected-table-salt-0123456789';
const communesOf = (province: string) => tree.children(province).map((u) => u.code);

function penalised(plan: Record<string, number>): Fact[] {
  return Object.entries(plan).flatMap(([commune, n]) =>
    Array.from({ length: n }, (_, i): Fact => ({
      fact: 'person_penalised',
      key: `${commune}-p${i}`,
      unit: currentUnit(commune),
      on: '2026-03-01',
    })),
  );
}

function support(plan: Record<string, [accessed: number, notAccessed: number]>): Fact[] {
  return Object.entries(plan).flatMap(([commune, [accessed, notAccessed]]) =>
    Array.from({ length: accessed + notAccessed }, (_, i): Fact[] => {
      const key = `${commune}-s${i}`;
      const need: Fact = { fact: 'support_need', key, unit: currentUnit(commune), from: '2026-02-01', to: null, eligible: true };
      return i < accessed ? [need, { fact: 'support_access', key, unit: currentUnit(commune), on: '2026-03-01' }] : [need];
    }).flat(),
  );
}

/** The hidden cells of a unit's table that its published cells, margins and non-negativity pin down (checked on the true counts). */
function exposed(table: ProtectedPersonTable, parent: string, columns: number) {
  const rows = table.rows(parent);
  const truth = rows.map((r) => (r.unit ? table.truth(r.unit).cells : Array(columns).fill(0)));
  const grid = withMargins({
    rows: rows.map((r) => r.unit ?? '?'),
    columns: Array.from({ length: columns }, (_, i) => `c${i}`),
    cells: truth,
  });
  const own = table.figure(parent);
  const hidden = [
    ...rows.map((r) => [...r.cells.map((v) => v === null), r.total === null]),
    [...own.cells.map((v) => v === null), own.total === null],
  ];
  return exposedCells(grid, hidden);
}

/** Every figure of every unit, as each table that contains it shows it. */
function everyShowing(table: ProtectedPersonTable): Array<{ unit: string; asked: string; total: number | null }> {
  const shown: Array<{ unit: string; asked: string; total: number | null }> = [];
  for (const unit of ['VN', ...tree.codesWithin('VN').filter((c) => c !== 'VN')]) {
    shown.push({ unit, asked: unit, total: table.figure(unit).total });
    for (const row of table.rows(unit)) if (row.unit) shown.push({ unit: row.unit, asked: unit, total: row.total });
  }
  return shown;
}

describe('the country’s protected table of a person-based indicator', () => {
  const [hanoi, hcm] = ['01', '79'];
  const [a, b, c] = communesOf(hanoi);
  const [d, e] = communesOf(hcm);

  it('gives each unit one figure, whichever table it is read from (itself, its province, the country)', () => {
    const facts = penalised({ [a!]: 8, [b!]: 1, [c!]: 0, [d!]: 6, [e!]: 12 });
    for (const perturbation of [undefined, { salt: SALT }]) {
      const table = protectPersonTable('people_penalised', personGroups('people_penalised', facts, YEAR), tree, {
        threshold: 5,
        perturbation,
      });
      const byUnit = new Map<string, Set<number | null>>();
      for (const { unit, total } of everyShowing(table)) byUnit.set(unit, (byUnit.get(unit) ?? new Set()).add(total));
      for (const [unit, values] of byUnit) expect({ unit, values: [...values] }).toEqual({ unit, values: [table.figure(unit).total] });
    }
  });

  it('does not let the regression attack of issue 14 through: province 9, commune 8 shown, the other asked alone 0 → 1', () => {
    // Commune b has 1 person, a has 8, c none: before, the country showed Hà Nội = 9, Hà Nội's table a = 8, c alone 0, so b = 1.
    const table = protectPersonTable('people_penalised', personGroups('people_penalised', penalised({ [a!]: 8, [b!]: 1 }), YEAR), tree, {
      threshold: 5,
    });
    expect(table.figure(b!).total).toBeNull();
    // b is hidden with at least one other row (which may be a 0), so no published figure minus others pins it.
    expect(table.rows(hanoi).filter((r) => r.total === null).length).toBeGreaterThanOrEqual(2);
    expect(exposed(table, hanoi, 1)).toEqual([]);
    // And asked alone, each commune shows what its row shows.
    for (const row of table.rows(hanoi)) expect(table.figure(row.unit!).total).toBe(row.total);
  });

  it('decides the hidden cells over the whole hierarchy: no hidden figure is pinned down in any unit’s table', () => {
    const facts = support({ [a!]: [12, 3], [b!]: [2, 9], [c!]: [20, 5], [d!]: [1, 0], [e!]: [7, 8] });
    const table = protectPersonTable(
      'people_in_need_accessed_support',
      personGroups('people_in_need_accessed_support', facts, YEAR),
      tree,
      { threshold: 5 },
    );
    for (const parent of ['VN', hanoi, hcm]) expect({ parent, exposed: exposed(table, parent, 2) }).toEqual({ parent, exposed: [] });
    // Ho Chi Minh City's single person makes its own totals small: hidden in the country's table as in its own.
    expect(table.figure(d!).total).toBeNull();
    expect(table.rows('VN').find((r) => r.unit === hcm)!.total).toBe(table.figure(hcm).total);
  });

  it('perturbs every published count from its own people, within the p-table, the same however often it is asked', () => {
    const facts = penalised({ [a!]: 40, [c!]: 25, [d!]: 31, [e!]: 9 });
    const groups = personGroups('people_penalised', facts, YEAR);
    const table = protectedPersonTable('people_penalised', groups, tree, { threshold: 5, perturbation: { salt: SALT } });
    const again = protectedPersonTable('people_penalised', [...groups].reverse(), tree, { threshold: 5, perturbation: { salt: SALT } });
    const rebuilt = protectPersonTable('people_penalised', personGroups('people_penalised', [...facts].reverse(), YEAR), tree, {
      threshold: 5,
      perturbation: { salt: SALT },
    });
    let moved = 0;
    for (const unit of ['VN', hanoi, hcm, a!, c!, d!, e!]) {
      const published = table.figure(unit).total!;
      const truth = table.truth(unit).total;
      expect(Math.abs(published - truth)).toBeLessThanOrEqual(P_TABLE_V1.maxNoise);
      if (published !== truth) moved++;
      expect(again.figure(unit)).toEqual(table.figure(unit));
      expect(rebuilt.figure(unit)).toEqual(table.figure(unit));
    }
    expect(moved).toBeGreaterThan(0);
    expect(again.digest).toBe(table.digest);
    // Another secret, other noise.
    const other = protectPersonTable('people_penalised', groups, tree, { threshold: 5, perturbation: { salt: `${SALT}-other` } });
    expect(['VN', hanoi, hcm, a!, c!, d!, e!].some((u) => other.figure(u).total !== table.figure(u).total)).toBe(true);
  });

  it('gives units without people a 0, and keeps the true counts for the verdict only', () => {
    const table = protectPersonTable('people_penalised', personGroups('people_penalised', penalised({ [a!]: 3 }), YEAR), tree, {
      threshold: 5,
    });
    expect(table.figure(c!)).toMatchObject({ total: 0, cells: [0] });
    expect(table.figure(a!).total).toBeNull();
    expect(table.truth(a!)).toEqual({ cells: [3], total: 3 });
  });

  it('rounds published counts to base 5 after the noise when asked', () => {
    const facts = support({ [a!]: [12, 3], [c!]: [20, 5], [e!]: [8, 8] });
    const table = protectPersonTable(
      'people_in_need_accessed_support',
      personGroups('people_in_need_accessed_support', facts, YEAR),
      tree,
      { threshold: 5, roundToFive: true, perturbation: { salt: SALT } },
    );
    const shown = ['VN', hanoi, hcm]
      .flatMap((u) => [table.figure(u), ...table.rows(u)])
      .flatMap((f) => [...f.cells, f.total])
      .filter((v): v is number => v !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) expect(v % 5).toBe(0);
  });

  it('puts people of a split former commune in a row of their own under the province, and counts those across its edge apart', () => {
    const year2024 = { from: '2024-01-01', to: '2024-12-31' };
    const people: Fact[] = [
      // Lam Điền: split between current communes.
      ...Array.from({ length: 6 }, (_, i): Fact => ({
        fact: 'person_penalised',
        key: `a${i}`,
        unit: formerUnit('10063'),
        on: '2024-05-01',
      })),
      // → Chương Mỹ.
      ...Array.from({ length: 7 }, (_, i): Fact => ({
        fact: 'person_penalised',
        key: `b${i}`,
        unit: formerUnit('10021'),
        on: '2024-05-01',
      })),
    ];
    const table = protectPersonTable('people_penalised', personGroups('people_penalised', people, year2024), tree, { threshold: 5 });
    expect(table.rows(hanoi).map((r) => [r.unit, table.truth(r.unit ?? hanoi).total])).toContainEqual(['10015', 7]);
    const unattributed = table.rows(hanoi).find((r) => r.unit === null)!;
    expect(unattributed).toMatchObject({ unit: null, parent: hanoi, total: 6 });
    expect(table.truth(hanoi).total).toBe(13);
    expect(table.partialPeople('10072')).toBe(6);
    const few = protectPersonTable('people_penalised', personGroups('people_penalised', people.slice(0, 2), year2024), tree, {
      threshold: 5,
    });
    expect(few.partialPeople('10072')).toBeNull(); // 2 people: below the threshold
  });

  it('refuses a unit finer than a commune or outside the tree, and breakdowns by establishment, venue or village', () => {
    const table = protectPersonTable('people_penalised', [], tree, { threshold: 5 });
    expect(() => table.figure('784')).toThrow(DomainError);
    expect(() => table.rows('ZZ9')).toThrow(DomainError);
    expect(() => assertPersonBreakdown(['commune', 'establishment'])).toThrow(
      expect.objectContaining({ code: 'statistics.breakdown_too_fine', details: { refused: 'establishment' } }),
    );
    for (const d of ['venue', 'village', 'hotspot', 'provider']) expect(() => assertPersonBreakdown([d])).toThrow(DomainError);
    expect(() => assertPersonBreakdown(['province', 'commune', 'period'])).not.toThrow();
  });
});
