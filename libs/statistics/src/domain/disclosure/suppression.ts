/**
 * Cell suppression with complementary suppression for person-based count tables with margins.
 *
 * A table is R × C counts with its row totals, column totals and grand total. Cells with
 * 0 < value < threshold are suppressed (primary), margins included. A suppressed value is safe
 * only if the published cells, the published margins and the fact that counts are never negative
 * leave it at least two possible values. Writing the table with its margins as an (R+1) × (C+1)
 * grid in which every line sums to zero (margins negated, the grand total not), the values that
 * fit are the true ones plus circulations over suppressed cells: alternating cycles in the
 * bipartite graph rows ↔ columns whose edges are the suppressed cells. A suppressed cell can move
 * (so cannot be derived) iff it lies on such a cycle along which every zero cell moves up. Cells
 * that are not protected get a cheapest protecting cycle added (small interior cells first,
 * margins only when needed, the grand total last).
 */

export interface CountTable {
  rows: readonly string[];
  columns: readonly string[];
  /** cells[r][c], non-negative whole numbers; margins are computed from them. */
  cells: readonly (readonly number[])[];
}

/** A position in the grid with margins: `row === rows.length` is the totals row, `column === columns.length` the totals column. */
export interface GridCell {
  row: number;
  column: number;
}

export interface SuppressionOptions {
  /** Counts from 1 to threshold − 1 are suppressed (default 5). */
  threshold?: number;
  /**
   * Cells hidden already, whatever their value: the same figure hidden in a linked table (a
   * province's total in the country's table is the grand total of its communes' table). They
   * are protected here like any other hidden cell, and reported as complementary.
   */
  alsoHidden?: readonly GridCell[];
}

export interface SuppressedTable {
  rows: readonly string[];
  columns: readonly string[];
  /** null where suppressed. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
  primary: GridCell[];
  complementary: GridCell[];
}

export const DEFAULT_THRESHOLD = 5;

/** The grid with margins: (R+1) × (C+1). */
export function withMargins(table: CountTable): number[][] {
  assertTable(table);
  const R = table.rows.length;
  const C = table.columns.length;
  const grid = Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => (r < R && c < C ? table.cells[r]![c]! : 0)));
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      grid[r]![C]! += grid[r]![c]!;
      grid[R]![c]! += grid[r]![c]!;
      grid[R]![C]! += grid[r]![c]!;
    }
  }
  return grid;
}

export function suppress(table: CountTable, options: SuppressionOptions = {}): SuppressedTable {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('threshold must be a whole number of at least 1');
  const grid = withMargins(table);
  const hidden = grid.map((line) => line.map((v) => v > 0 && v < threshold));
  const primary = cellsWhere(hidden);
  for (const { row, column } of options.alsoHidden ?? []) hidden[row]![column] = true;
  for (;;) {
    const exposed = exposedCells(grid, hidden);
    if (exposed.length === 0) break;
    const cycle = cheapestProtection(grid, hidden, exposed[0]!);
    if (cycle === null) {
      // No cycle can protect it (cannot happen when everything may be hidden): hide everything.
      for (const line of hidden) line.fill(true);
      break;
    }
    for (const { row, column } of cycle) hidden[row]![column] = true;
  }
  const R = table.rows.length;
  const C = table.columns.length;
  const shown = (r: number, c: number) => (hidden[r]![c] ? null : grid[r]![c]!);
  const isPrimary = new Set(primary.map(({ row, column }) => `${row},${column}`));
  return {
    rows: table.rows,
    columns: table.columns,
    cells: Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => shown(r, c))),
    rowTotals: Array.from({ length: R }, (_, r) => shown(r, C)),
    columnTotals: Array.from({ length: C }, (_, c) => shown(R, c)),
    total: shown(R, C),
    primary,
    complementary: cellsWhere(hidden).filter(({ row, column }) => !isPrimary.has(`${row},${column}`)),
  };
}

/** Suppressed cells whose value the published cells, margins and non-negativity pin down exactly. */
export function exposedCells(grid: readonly (readonly number[])[], hidden: readonly (readonly boolean[])[]): GridCell[] {
  return cellsWhere(hidden).filter((cell) => !isProtected(grid, hidden, cell));
}

/** Which signs a cell may move by in the zero-sum grid: a zero count can only grow (a margin's sign is flipped). */
function allowed(grid: readonly (readonly number[])[], row: number, column: number, sign: 1 | -1): boolean {
  if (grid[row]![column]! > 0) return true;
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const margin = (row === R) !== (column === C);
  return margin ? sign === -1 : sign === 1;
}

function isProtected(grid: readonly (readonly number[])[], hidden: readonly (readonly boolean[])[], cell: GridCell): boolean {
  return ([1, -1] as const).some(
    (sign) => allowed(grid, cell.row, cell.column, sign) && path(grid, cell, sign, (r, c) => (hidden[r]![c] ? 0 : null)) !== null,
  );
}

/** The cheapest set of published cells whose suppression puts `cell` on a protecting cycle; null if none exists. */
function cheapestProtection(
  grid: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
  cell: GridCell,
): GridCell[] | null {
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const cost = (r: number, c: number): number => {
    if (hidden[r]![c]) return 0;
    const value = grid[r]![c]!;
    if (r === R && c === C) return 1e12 + value;
    if (r === R || c === C) return 1e6 + value;
    return 1 + value;
  };
  let best: { cost: number; cells: GridCell[] } | null = null;
  for (const sign of [1, -1] as const) {
    if (!allowed(grid, cell.row, cell.column, sign)) continue;
    const found = path(grid, cell, sign, cost);
    if (found && (!best || found.cost < best.cost)) best = found;
  }
  return best ? best.cells.filter(({ row, column }) => !hidden[row]![column]) : null;
}

/**
 * Dijkstra from the cell's column back to its row, over the bipartite graph of grid cells (not
 * the cell itself). Going row → column a cell moves by `sign`, going column → row by −sign; a
 * cell may be used only in a direction it may move in. `cost` null: the cell cannot be used.
 */
function path(
  grid: readonly (readonly number[])[],
  start: GridCell,
  sign: 1 | -1,
  cost: (r: number, c: number) => number | null,
): { cost: number; cells: GridCell[] } | null {
  const rows = grid.length;
  const columns = grid[0]!.length;
  // Nodes: rows 0..rows-1, columns rows..rows+columns-1.
  const nodes = rows + columns;
  const distance = new Array<number>(nodes).fill(Infinity);
  const via = new Array<GridCell | null>(nodes).fill(null);
  const from = new Array<number>(nodes).fill(-1);
  const done = new Array<boolean>(nodes).fill(false);
  const source = rows + start.column;
  const target = start.row;
  distance[source] = 0;
  for (;;) {
    let node = -1;
    for (let n = 0; n < nodes; n++) if (!done[n] && distance[n]! < Infinity && (node < 0 || distance[n]! < distance[node]!)) node = n;
    if (node < 0) return null;
    if (node === target) break;
    done[node] = true;
    const isRow = node < rows;
    const count = isRow ? columns : rows;
    for (let k = 0; k < count; k++) {
      const r = isRow ? node : k;
      const c = isRow ? k : node - rows;
      if (r === start.row && c === start.column) continue;
      if (!allowed(grid, r, c, isRow ? sign : (-sign as 1 | -1))) continue;
      const step = cost(r, c);
      if (step === null) continue;
      const next = isRow ? rows + c : r;
      if (distance[node]! + step < distance[next]!) {
        distance[next] = distance[node]! + step;
        via[next] = { row: r, column: c };
        from[next] = node;
      }
    }
  }
  const cells: GridCell[] = [];
  for (let n = target; n !== source; n = from[n]!) cells.push(via[n]!);
  return { cost: distance[target]!, cells };
}

function cellsWhere(hidden: readonly (readonly boolean[])[]): GridCell[] {
  const cells: GridCell[] = [];
  hidden.forEach((line, row) => line.forEach((h, column) => h && cells.push({ row, column })));
  return cells;
}

function assertTable(table: CountTable): void {
  if (table.rows.length === 0 || table.columns.length === 0) throw new RangeError('a table has at least one row and one column');
  if (table.cells.length !== table.rows.length || table.cells.some((line) => line.length !== table.columns.length))
    throw new RangeError('cells must be rows × columns');
  if (table.cells.some((line) => line.some((v) => !Number.isInteger(v) || v < 0)))
    throw new RangeError('cells are counts: whole numbers, not negative');
}
