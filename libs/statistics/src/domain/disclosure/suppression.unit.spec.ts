import fc from 'fast-check';
import { exposedCells, suppress, withMargins, type CountTable, type SuppressedTable } from './suppression.js';

/** The grid (with margins) of what a table publishes: true values, and which ones are hidden. */
function hiddenMask(published: SuppressedTable): boolean[][] {
  const rows = published.cells.map((line, r) => [...line.map((v) => v === null), published.rowTotals[r] === null]);
  return [...rows, [...published.columnTotals.map((v) => v === null), published.total === null]];
}

/**
 * An attacker's search, independent of the suppression code: is there another assignment of
 * whole numbers ≥ 0 to the hidden cells, agreeing with every published cell and total, in which
 * `target` has a different value? Backtracking over the hidden cells, forcing any cell that is
 * the last unknown of a line. Values are searched up to `bound`.
 */
function hasOtherSolution(grid: number[][], hidden: boolean[][], target: [number, number], bound: number): boolean {
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const lines: [number, number][][] = [];
  // Each row (totals row included): its cells sum to its last entry; each column likewise.
  for (let r = 0; r <= R; r++) lines.push(Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= C; c++) lines.push(Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number]));
  const value: (number | null)[][] = grid.map((line, r) => line.map((v, c) => (hidden[r]![c] ? null : v)));
  const free = (): [number, number][] =>
    hidden.flatMap((line, r) => line.flatMap((h, c) => (h && value[r]![c] === null ? [[r, c] as [number, number]] : [])));
  const ok = (r: number, c: number, v: number) => v >= 0 && v <= bound && !(r === target[0] && c === target[1] && v === grid[r]![c]);
  const consistent = (): boolean =>
    lines.every((line) => {
      const parts = line.slice(0, -1).map(([r, c]) => value[r]![c]);
      const total = value[line.at(-1)![0]]![line.at(-1)![1]] ?? null;
      const known = parts.filter((p): p is number => p !== null).reduce((a, b) => a + b, 0);
      if (parts.every((p) => p !== null) && total !== null) return known === total;
      return total === null || known <= total;
    });
  const search = (): boolean => {
    if (!consistent()) return false;
    for (const line of lines) {
      const open = line.filter(([r, c]) => value[r]![c] === null);
      if (open.length !== 1) continue;
      const [r, c] = open[0]!;
      const total = line.at(-1)!;
      const sum = line.slice(0, -1).reduce((s, [rr, cc]) => s + (rr === r && cc === c ? 0 : value[rr]![cc]!), 0);
      const forced = r === total[0] && c === total[1] ? sum : value[total[0]]![total[1]]! - sum;
      if (!ok(r, c, forced)) return false;
      value[r]![c] = forced;
      const found = search();
      value[r]![c] = null;
      return found;
    }
    const left = free();
    if (left.length === 0) return true;
    const [r, c] = left[0]!;
    for (let v = 0; v <= bound; v++) {
      if (!ok(r, c, v)) continue;
      value[r]![c] = v;
      if (search()) {
        value[r]![c] = null;
        return true;
      }
      value[r]![c] = null;
    }
    return false;
  };
  return search();
}

const table = (cells: number[][]): CountTable => ({ rows: cells.map((_, i) => `r${i}`), columns: cells[0]!.map((_, i) => `c${i}`), cells });

describe('suppression: primary and complementary', () => {
  it('hides counts from 1 to 4 and keeps zeros and larger counts', () => {
    const published = suppress(
      table([
        [0, 12],
        [7, 30],
      ]),
    );
    expect(published).toMatchObject({
      cells: [
        [0, 12],
        [7, 30],
      ],
      rowTotals: [12, 37],
      columnTotals: [7, 42],
      total: 49,
      primary: [],
      complementary: [],
    });
  });

  it('a single small cell in a row: another cell of its row and of its column go too, the totals stay', () => {
    // Row r0 total 23 minus c1 (20) would give c0 = 3; column c0 total minus r1 and r2 would too.
    const published = suppress(
      table([
        [3, 20],
        [10, 15],
        [12, 9],
      ]),
    );
    expect(published.primary).toEqual([{ row: 0, column: 0 }]);
    expect(published.cells[0]).toEqual([null, null]);
    expect(published.cells.filter((line) => line[0] === null).length).toBeGreaterThanOrEqual(2);
    expect(published.rowTotals[0]).toBe(23);
    expect(published.total).toBe(69);
    expect(
      exposedCells(
        withMargins(
          table([
            [3, 20],
            [10, 15],
            [12, 9],
          ]),
        ),
        hiddenMask(published),
      ),
    ).toEqual([]);
  });

  it('total minus the others: in a one-column table of communes the smallest other commune is hidden with the small one', () => {
    const published = suppress(table([[3], [10], [12]]), { threshold: 5 });
    // Each row's total equals its only cell, so the row totals go with the cells.
    expect(published.cells).toEqual([[null], [null], [12]]);
    expect(published.rowTotals).toEqual([null, null, 12]);
    expect(published.total).toBe(25);
  });

  it('a small total is hidden too, and protected', () => {
    const cells = [
      [1, 1],
      [0, 1],
      [9, 8],
    ];
    const published = suppress(table(cells));
    expect(published.rowTotals[0]).toBeNull(); // 2
    expect(exposedCells(withMargins(table(cells)), hiddenMask(published))).toEqual([]);
  });

  it('uses the configured threshold', () => {
    expect(
      suppress(
        table([
          [6, 40],
          [20, 30],
        ]),
        { threshold: 10 },
      ).cells[0]![0],
    ).toBeNull();
    expect(
      suppress(
        table([
          [6, 40],
          [20, 30],
        ]),
        { threshold: 3 },
      ).cells[0]![0],
    ).toBe(6);
    expect(() => suppress(table([[1]]), { threshold: 0 })).toThrow(/threshold/);
    expect(() => suppress(table([[-1]]))).toThrow(/counts/);
  });
});

describe('suppression: the exposure check sees what counting per line misses', () => {
  // 4 × 4 with margins; every line with a hidden cell has two, yet cell (0,2) is a bridge between
  // two closed blocks: adding up rows 0-1 against columns 0-1 gives it exactly.
  const cells = [
    [6, 7, 8, 9],
    [7, 6, 9, 8],
    [9, 8, 6, 7],
    [8, 9, 7, 6],
  ];
  const grid = withMargins(table(cells));
  const mask = (hiddenCells: [number, number][]) =>
    grid.map((line, r) => line.map((_, c) => hiddenCells.some(([hr, hc]) => hr === r && hc === c)));

  it('finds a cell that two separate cycles joined by it pin down', () => {
    const hidden = mask([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 2],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
    ]);
    expect(exposedCells(grid, hidden)).toEqual([{ row: 0, column: 2 }]);
    expect(hasOtherSolution(grid, hidden, [0, 2], 60)).toBe(false);
    expect(hasOtherSolution(grid, hidden, [0, 0], 60)).toBe(true);
  });

  it('finds cells pinned by zeros: a cycle through a zero cell that would have to go below zero', () => {
    const zeros = [
      [5, 0],
      [0, 5],
      [9, 9],
    ];
    const zgrid = withMargins(table(zeros));
    const hidden = zgrid.map((line, r) => line.map((_, c) => r < 2 && c < 2));
    // Row 0: a + b = 5 with b hidden zero … the four cells can shift only if the zeros go up and the fives down: they can.
    expect(exposedCells(zgrid, hidden)).toEqual([]);
    // With the fives at zero instead, the hidden block is all zeros: nothing can move.
    const flat = withMargins(
      table([
        [0, 0],
        [0, 0],
        [9, 9],
      ]),
    );
    expect(
      exposedCells(
        flat,
        flat.map((line, r) => line.map((_, c) => r < 2 && c < 2)),
      ),
    ).toHaveLength(4);
  });
});

describe('suppression: no published combination reveals a hidden cell (property, checked by an independent search)', () => {
  const small = fc.integer({ min: 1, max: 3 }).chain((rows) =>
    fc.integer({ min: 1, max: 3 }).chain((columns) =>
      fc.record({
        cells: fc.array(
          fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 })), { minLength: columns, maxLength: columns }),
          { minLength: rows, maxLength: rows },
        ),
        threshold: fc.integer({ min: 2, max: 5 }),
      }),
    ),
  );

  it('every hidden cell has another value that fits everything published', () => {
    let hiddenSeen = 0;
    fc.assert(
      fc.property(small, ({ cells, threshold }) => {
        const t = table(cells);
        const published = suppress(t, { threshold });
        const grid = withMargins(t);
        const hidden = hiddenMask(published);
        // Nothing below the threshold is shown.
        grid.forEach((line, r) => line.forEach((v, c) => v > 0 && v < threshold && expect(hidden[r]![c]).toBe(true)));
        const bound = grid.at(-1)!.at(-1)! + 2;
        for (const [r, line] of hidden.entries()) {
          for (const [c, h] of line.entries()) {
            if (!h) continue;
            hiddenSeen += 1;
            expect(hasOtherSolution(grid, hidden, [r, c], bound)).toBe(true);
          }
        }
        expect(exposedCells(grid, hidden)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(hiddenSeen).toBeGreaterThan(100);
  });

  it('shows published values unchanged and hides as little as the rule allows on a large clean table', () => {
    const cells = Array.from({ length: 20 }, (_, r) => Array.from({ length: 4 }, (_, c) => 10 + ((r * 7 + c * 3) % 40)));
    const published = suppress(table(cells));
    expect(published.primary).toEqual([]);
    expect(published.cells).toEqual(cells);
  });
});
