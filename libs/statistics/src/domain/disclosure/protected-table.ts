import { createHash } from 'node:crypto';
import type { UnitRef } from '../facts.js';
import type { PersonIndicator } from '../people.js';
import { attribute, type UnitTree } from '../roll-up.js';
import { assertPersonGeography } from './geography-guard.js';
import type { PersonGroup } from './person-tables.js';
import { addCellKeys, cellKey, perturbedCell, roundToBase, type PerturbationOptions } from './perturbation.js';
import { DEFAULT_THRESHOLD, suppress, type GridCell } from './suppression.js';
import { dpCount, type DpOptions } from './dp.js';
import { P_TABLE_V1 } from './p-table.js';

/**
 * One protected table per person-based indicator and period, for the whole country: every unit of
 * the tree (the country, its provinces, their communes) and, under each unit with units below it,
 * the people attributable to it but to none of them (a split former unit). Every published figure
 * of the indicator for the period is read from it, so a unit's figure is the same cell whatever was
 * asked (the unit alone, its province, the country; any format, the trend, the dashboard).
 *
 * - Suppression is decided once over the whole hierarchy: counts of 1 to threshold − 1 are hidden,
 *   and each unit's table of the units below it (with the unit's own figures as its margins) gets
 *   complementary cells until no hidden figure follows from the published ones; a figure hidden in
 *   one table is hidden in every table it is part of, repeated until nothing changes.
 * - Every published count is perturbed by the cell-key method (p-table.ts): its noise is read from
 *   the sum of its own people's record keys, so a cell has one value however it is reached. Totals
 *   are cells of their own (their own people, their own noise): they need not equal the sum of the
 *   published cells below them, and say so.
 */
export interface ProtectionOptions {
  threshold?: number;
  /** Cell-key perturbation; absent: counts are published as they are (a test installation). */
  perturbation?: PerturbationOptions;
  roundToFive?: boolean;
  /**
   * The differentially private mechanism instead (dp.ts): every count of the release gets
   * two-sided geometric noise, nothing is suppressed (nothing published depends on the truth but
   * through the noise), and the release is charged to the privacy-loss ledger. `scope` names what the
   * release is of (indicator and period), so that two releases never share their noise.
   */
  dp?: DpOptions & { scope: string };
}

export interface ProtectedFigure {
  /** A unit code, or null for the people of `parent` attributable to no unit below it. */
  unit: string | null;
  parent: string | null;
  /** One count per column of the indicator (null: suppressed). */
  cells: (number | null)[];
  total: number | null;
  /** support: accessed / in need (%), from the published counts, when both are published. */
  percent: number | null;
}

export interface ProtectedPersonTable {
  indicator: PersonIndicator;
  columns: readonly string[];
  threshold: number;
  /** A digest of what the table was computed from (people per unit and their cell keys) and how: equal digests, equal tables. */
  digest: string;
  /** The unit's published figure; a unit without people is published as 0. */
  figure(unit: string): ProtectedFigure;
  /** The rows of the unit's table: the units directly below it, and its unattributed people when there are any. */
  rows(unit: string): ProtectedFigure[];
  /** People of former units split across the unit's edge (they may or may not be in it); null below the threshold. */
  partialPeople(unit: string): number | null;
  /**
   * The true counts behind a figure, for the one verdict published about a withheld figure (met or
   * not met). Never published as such; kept so the verdict is computed from the truth.
   */
  truth(unit: string): { cells: number[]; total: number };
  suppressedCells: number;
  /** With the differentially private mechanism: the release (a digest of its scope and true counts) and its privacy loss. */
  release: { id: string; epsilon: number } | null;
}

export const COLUMNS: Record<PersonIndicator, readonly string[]> = {
  people_in_need_accessed_support: ['accessed', 'not_accessed'],
  people_penalised: ['penalised'],
};

export const COUNTRY = 'VN';
const UNATTRIBUTED = (parent: string) => `${parent}\u0000unattributed`;

interface Node {
  id: string;
  unit: string | null;
  parent: string | null;
  counts: number[];
  keys: number[];
  /** Hidden cells (one per column) and hidden total. */
  hidden: boolean[];
  hiddenTotal: boolean;
  children: string[];
}

/** The country's protected table of one person-based indicator, from its people grouped by unit (all of them, wherever they are). */
export function protectPersonTable(
  indicator: PersonIndicator,
  groups: readonly PersonGroup[],
  tree: UnitTree,
  options: ProtectionOptions = {},
): ProtectedPersonTable {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const columns = COLUMNS[indicator];
  const C = columns.length;
  const salt = options.perturbation?.salt;
  if (options.perturbation && groups.some((g) => g.keys === undefined && g.keySum === undefined))
    throw new RangeError('Perturbation needs the people of every cell: group them with their keys or their key sum');

  const nodes = new Map<string, Node>();
  const node = (id: string, unit: string | null, parent: string | null): Node => {
    let found = nodes.get(id);
    if (!found)
      nodes.set(
        id,
        (found = {
          id,
          unit,
          parent,
          counts: Array(C).fill(0),
          keys: Array(C).fill(0),
          hidden: Array(C).fill(false),
          hiddenTotal: false,
          children: [],
        }),
      );
    return found;
  };
  const partial = new Map<string, number>();
  node(COUNTRY, COUNTRY, null);

  // Each group goes down the tree as far as a unit wholly containing it; people of a split former unit stop above it.
  const placeOf = new Map<string, { leaf: string; unattributed: boolean; partialAt: string[] } | null>();
  const place = (unit: UnitRef) => {
    const id = `${unit.era}:${unit.code}`;
    if (placeOf.has(id)) return placeOf.get(id)!;
    let found: { leaf: string; unattributed: boolean; partialAt: string[] } | null = null;
    const top = attribute(unit, [COUNTRY], tree);
    if (top.kind === 'full') {
      let at = COUNTRY;
      const partialAt: string[] = [];
      for (;;) {
        const below = tree.children(at).map((u) => u.code);
        if (below.length === 0) {
          found = { leaf: at, unattributed: false, partialAt };
          break;
        }
        const verdicts = below.map((code) => [code, attribute(unit, [code], tree).kind] as const);
        const whole = verdicts.find(([, kind]) => kind === 'full');
        if (whole) {
          at = whole[0];
          continue;
        }
        partialAt.push(...verdicts.filter(([, kind]) => kind === 'partial').map(([code]) => code));
        found = { leaf: at, unattributed: true, partialAt };
        break;
      }
    } else if (top.kind === 'partial') {
      found = { leaf: COUNTRY, unattributed: true, partialAt: [] };
    }
    placeOf.set(id, found);
    return found;
  };

  for (const group of groups) {
    const where = place(group.unit);
    if (!where) continue;
    for (const code of where.partialAt) partial.set(code, (partial.get(code) ?? 0) + group.people);
    const column = group.counted ? 0 : C - 1;
    const key = salt === undefined ? 0 : (group.keySum ?? cellKey(salt, group.keys!));
    const chain = chainOf(where.leaf, tree);
    const leaf = where.unattributed ? node(UNATTRIBUTED(where.leaf), null, where.leaf) : node(where.leaf, where.leaf, chain[1] ?? null);
    // The group counts in its own cell and in every unit above it.
    const targets = where.unattributed
      ? [leaf, ...chain.map((code, i) => node(code, code, chain[i + 1] ?? null))]
      : chain.map((code, i) => node(code, code, chain[i + 1] ?? null));
    for (const target of targets) {
      target.counts[column]! += group.people;
      target.keys[column] = addCellKeys(target.keys[column]!, key);
    }
  }
  // Units without people are rows of their parent's table as well: a hidden figure may then be a 0,
  // so that "hidden" never tells that someone is there (a complementary cell is often a 0).
  const withUnits = (code: string) => {
    for (const child of tree.children(code)) {
      node(child.code, child.code, code);
      withUnits(child.code);
    }
  };
  withUnits(COUNTRY);
  for (const n of nodes.values()) if (n.parent !== null) nodes.get(n.parent)?.children.push(n.id);
  for (const n of nodes.values()) n.children.sort();
  const total = (n: Node) => n.counts.reduce((a, b) => a + b, 0);
  const totalKey = (n: Node) => n.keys.reduce((a, b) => addCellKeys(a, b), 0);
  /** What a cell would be published as if it were shown (the noise depends on its people only). */
  const noisy = (count: number, key: number) => (options.perturbation ? perturbedCell(count, key, options.perturbation) : count);
  const noisyCell = (n: Node, c: number) => noisy(n.counts[c]!, n.keys[c]!);
  const noisyTotal = (n: Node) =>
    noisy(
      n.counts.reduce((a, b) => a + b, 0),
      n.keys.reduce((a, b) => addCellKeys(a, b), 0),
    );

  // Primary suppression, then complementary cells over every linked table until nothing changes.
  const small = (v: number) => v > 0 && v < threshold;
  for (const n of nodes.values()) {
    n.hidden = n.counts.map(small);
    n.hiddenTotal = small(total(n));
  }
  const parents = [...nodes.values()].filter((n) => n.children.length > 0);
  // Under the differentially private mechanism nothing is suppressed: the noise is the protection.
  const linkedSuppression = () => {
    for (let changed = options.dp === undefined; changed;) {
      changed = false;
      for (const parent of parents) {
        const rows = parent.children.map((id) => nodes.get(id)!);
        const alsoHidden: GridCell[] = [];
        rows.forEach((r, i) => {
          r.hidden.forEach((h, c) => h && alsoHidden.push({ row: i, column: c }));
          if (r.hiddenTotal) alsoHidden.push({ row: i, column: C });
        });
        parent.hidden.forEach((h, c) => h && alsoHidden.push({ row: rows.length, column: c }));
        if (parent.hiddenTotal) alsoHidden.push({ row: rows.length, column: C });
        const result = suppress({ rows: rows.map((r) => r.id), columns, cells: rows.map((r) => r.counts) }, { threshold, alsoHidden });
        const mark = (n: Node, c: number | null, hidden: boolean) => {
          if (!hidden) return;
          if (c === null ? !n.hiddenTotal : !n.hidden[c]) {
            if (c === null) n.hiddenTotal = true;
            else n.hidden[c] = true;
            changed = true;
          }
        };
        rows.forEach((r, i) => {
          result.cells[i]!.forEach((v, c) => mark(r, c, v === null));
          mark(r, null, result.rowTotals[i] === null);
        });
        result.columnTotals.forEach((v, c) => mark(parent, c, v === null));
        mark(parent, null, result.total === null);
      }
    }
  };
  if (options.dp === undefined) {
    linkedSuppression();
    // The published figures carry bounded noise (at most ±maxNoise): an attacker who reads them as
    // intervals can still narrow a hidden figure when the noise of a table's total and of its other
    // rows happen to fall at opposite ends. Audit every table as such an attacker would and hide
    // more (the largest published row of the table) until every hidden figure keeps a range of at
    // least `threshold` values; then make the linked tables agree again.
    const maxNoise = options.perturbation?.pTable?.maxNoise ?? P_TABLE_V1.maxNoise;
    for (let round = 0; options.perturbation && round < 50; round++) {
      let added = false;
      for (const parent of parents) {
        const rows = parent.children.map((id) => nodes.get(id)!);
        const exposedRow = narrowHidden(parent, rows, C, threshold, maxNoise, (n, c) => (c === null ? noisyTotal(n) : noisyCell(n, c)));
        if (exposedRow === null) continue;
        const widest = rows.filter((r) => !r.hiddenTotal && total(r) > 0).sort((x, y) => total(y) - total(x))[0];
        if (widest) {
          widest.hiddenTotal = true;
          widest.hidden = widest.hidden.map(() => true);
        } else {
          parent.hiddenTotal = true;
          parent.hidden = parent.hidden.map(() => true);
        }
        added = true;
      }
      if (!added) break;
      linkedSuppression();
    }
  }

  const dp = options.dp;
  const releaseId = dp
    ? createHash('sha256')
        .update(JSON.stringify([dp.scope, indicator, [...nodes.values()].map((n) => [n.id, n.counts]).sort()]))
        .digest('hex')
    : null;
  // One person changes one cell and one total at each level above them (one count per level for a single column).
  const depth = Math.max(
    ...[...nodes.keys()].map((id) =>
      nodes.get(id)!.unit === null ? chainOf(nodes.get(id)!.parent!, tree).length + 1 : chainOf(id, tree).length,
    ),
  );
  const sensitivity = depth * (C > 1 ? 2 : 1);
  if (dp) {
    for (const n of nodes.values()) {
      n.hidden = Array(C).fill(false);
      n.hiddenTotal = false;
    }
  }
  const publish = (count: number, key: number, hidden: boolean, cell = ''): number | null => {
    if (dp) return dpCount(count, dp, sensitivity, releaseId!, cell);
    if (hidden) return null;
    let value = options.perturbation ? perturbedCell(count, key, options.perturbation) : count;
    if (options.roundToFive) value = roundToBase(value, 5);
    return value;
  };
  const figureOf = (n: Node): ProtectedFigure => {
    const cells = n.counts.map((count, c) => publish(count, n.keys[c]!, n.hidden[c]!, `${n.id}:${c}`));
    // A single column's total is the same people as its cell: the same figure.
    const shownTotal = C === 1 ? cells[0]! : publish(total(n), totalKey(n), n.hiddenTotal, `${n.id}:total`);
    const percent =
      indicator === 'people_in_need_accessed_support' && cells[0] !== null && shownTotal ? (cells[0]! / shownTotal) * 100 : null;
    return { unit: n.unit, parent: n.parent, cells, total: shownTotal, percent };
  };
  const empty = (unit: string): ProtectedFigure => ({
    unit,
    parent: tree.get(unit)?.parentCode ?? null,
    cells: Array(C).fill(0),
    total: 0,
    percent: null,
  });
  const suppressedCells = [...nodes.values()].reduce((n, x) => n + x.hidden.filter(Boolean).length + (x.hiddenTotal ? 1 : 0), 0);
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        indicator,
        threshold,
        options.roundToFive === true,
        options.perturbation ? cellKey(options.perturbation.salt, ['digest']) : null,
        [...nodes.values()].map((n) => [n.id, n.counts, n.keys]).sort(),
      ]),
    )
    .digest('hex');
  return {
    indicator,
    columns,
    threshold,
    digest,
    figure: (unit) => {
      assertPersonGeography(unit, (code) => tree.get(code)?.level);
      return nodes.has(unit) ? figureOf(nodes.get(unit)!) : empty(unit);
    },
    rows: (unit) => {
      assertPersonGeography(unit, (code) => tree.get(code)?.level);
      const below = tree.children(unit).map((u) => u.code);
      const unattributed = nodes.get(UNATTRIBUTED(unit));
      return [
        ...below.map((code) => (nodes.has(code) ? figureOf(nodes.get(code)!) : empty(code))),
        ...(unattributed ? [figureOf(unattributed)] : []),
      ];
    },
    partialPeople: (unit) => {
      const n = partial.get(unit) ?? 0;
      return n === 0 || n >= threshold ? n : null;
    },
    truth: (unit) => {
      const n = nodes.get(unit);
      return n ? { cells: [...n.counts], total: total(n) } : { cells: Array(C).fill(0), total: 0 };
    },
    suppressedCells: dp ? 0 : suppressedCells,
    release: dp ? { id: releaseId!, epsilon: dp.epsilon } : null,
  };
}

const cache = new Map<string, ProtectedPersonTable>();
const CACHE_SIZE = 64;

/**
 * The same, kept for the next question with the same people (most questions of a day ask the same
 * periods): the key is a digest of the groups, the options and the tree's units, so a new fact, a
 * rebuilt view with the same facts, or another secret never meet a stale table.
 */
export function protectedPersonTable(
  indicator: PersonIndicator,
  groups: readonly PersonGroup[],
  tree: UnitTree & { units?: () => readonly { code: string }[] },
  options: ProtectionOptions = {},
): ProtectedPersonTable {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        indicator,
        options.threshold ?? DEFAULT_THRESHOLD,
        options.roundToFive === true,
        options.perturbation ? cellKey(options.perturbation.salt, ['cache']) : null,
        options.perturbation?.pTable?.id ?? null,
        options.dp ? [options.dp.scope, options.dp.epsilon, cellKey(options.dp.secret, ['cache'])] : null,
        treeIdentity(tree),
        groups.map((g) => [g.unit.era, g.unit.code, g.counted, g.people, g.keySum ?? (g.keys ? [...g.keys].sort() : null)]).sort(),
      ]),
    )
    .digest('hex');
  const found = cache.get(key);
  if (found) {
    cache.delete(key);
    cache.set(key, found);
    return found;
  }
  const table = protectPersonTable(indicator, groups, tree, options);
  cache.set(key, table);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return table;
}

const treeIds = new WeakMap<object, number>();
let nextTreeId = 0;
function treeIdentity(tree: object): number {
  let id = treeIds.get(tree);
  if (id === undefined) treeIds.set(tree, (id = nextTreeId++));
  return id;
}

/** The unit and every unit above it, the unit first. */
function chainOf(code: string, tree: UnitTree): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = code; at; at = tree.get(at)?.parentCode) chain.push(at);
  if (chain[chain.length - 1] !== COUNTRY) chain.push(COUNTRY);
  return chain;
}

/**
 * The attacker's view of one unit's table (the units below it as rows, the unit's own figures as
 * margins): a published figure v stands for a true count in [v − maxNoise, v + maxNoise] that is 0 or
 * at least the threshold (1 to threshold − 1 would have been hidden), a hidden one for any count;
 * rows add up to their totals and columns to the unit's figures. Bounds are tightened until nothing
 * changes. Returns a hidden figure left with fewer than `threshold` possible values, or null.
 */
function narrowHidden(
  parent: Node,
  rows: readonly Node[],
  C: number,
  threshold: number,
  MAX_NOISE: number,
  published: (n: Node, column: number | null) => number,
): { node: Node; column: number | null } | null {
  const BIG = 1e9;
  type Bound = { lo: number; hi: number; hidden: boolean; node: Node; column: number | null };
  const bound = (n: Node, column: number | null): Bound => {
    const hidden = column === null ? n.hiddenTotal : n.hidden[column]!;
    if (hidden) return { lo: 0, hi: BIG, hidden, node: n, column };
    const v = published(n, column);
    if (v === 0) return { lo: 0, hi: MAX_NOISE < threshold ? 0 : MAX_NOISE, hidden, node: n, column };
    return { lo: Math.max(threshold, v - MAX_NOISE), hi: v + MAX_NOISE, hidden, node: n, column };
  };
  const cells = rows.map((r) => Array.from({ length: C }, (_, c) => bound(r, c)));
  const totals = rows.map((r) => bound(r, null));
  const parentCells = Array.from({ length: C }, (_, c) => bound(parent, c));
  const parentTotal = bound(parent, null);
  // Equations: whole = Σ parts.
  const equations: Array<{ whole: Bound; parts: Bound[] }> = [];
  if (C > 1) rows.forEach((_, i) => equations.push({ whole: totals[i]!, parts: cells[i]! }));
  for (let c = 0; c < C; c++) equations.push({ whole: parentCells[c]!, parts: cells.map((line) => line[c]!) });
  equations.push({ whole: parentTotal, parts: C > 1 ? totals : cells.map((line) => line[0]!) });
  if (C > 1) equations.push({ whole: parentTotal, parts: parentCells });
  for (let pass = 0; pass < 20; pass++) {
    let moved = false;
    for (const { whole, parts } of equations) {
      const lo = parts.reduce((s, p) => s + p.lo, 0);
      const hi = parts.reduce((s, p) => s + p.hi, 0);
      if (lo > whole.lo) {
        whole.lo = lo;
        moved = true;
      }
      if (hi < whole.hi) {
        whole.hi = hi;
        moved = true;
      }
      for (const part of parts) {
        const otherLo = lo - part.lo;
        const otherHi = hi - part.hi;
        const partLo = whole.lo - otherHi;
        const partHi = whole.hi - otherLo;
        if (partLo > part.lo) {
          part.lo = partLo;
          moved = true;
        }
        if (partHi < part.hi) {
          part.hi = partHi;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  for (const b of [...cells.flat(), ...totals, ...parentCells, parentTotal]) {
    if (b.hidden && b.hi - b.lo + 1 < threshold) return { node: b.node, column: b.column };
  }
  return null;
}
