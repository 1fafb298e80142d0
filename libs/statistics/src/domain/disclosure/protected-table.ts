import { createHash } from 'node:crypto';
import type { UnitRef } from '../facts.js';
import type { PersonIndicator } from '../people.js';
import { attribute, type UnitTree } from '../roll-up.js';
import type { PersonGroup } from './person-tables.js';
import { addCellKeys, cellKey, perturbedCell, roundToBase, type PerturbationOptions } from './perturbation.js';
import { DEFAULT_THRESHOLD, suppress, type GridCell } from './suppression.js';

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
export function protectPersonTable(indicator: PersonIndicator, groups: readonly PersonGroup[], tree: UnitTree, options: ProtectionOptions = {}): ProtectedPersonTable {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const columns = COLUMNS[indicator];
  const C = columns.length;
  const salt = options.perturbation?.salt;
  if (options.perturbation && groups.some((g) => g.keys === undefined && g.keySum === undefined)) throw new RangeError('Perturbation needs the people of every cell: group them with their keys or their key sum');

  const nodes = new Map<string, Node>();
  const node = (id: string, unit: string | null, parent: string | null): Node => {
    let found = nodes.get(id);
    if (!found) nodes.set(id, (found = { id, unit, parent, counts: Array(C).fill(0), keys: Array(C).fill(0), hidden: Array(C).fill(false), hiddenTotal: false, children: [] }));
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
    const targets = where.unattributed ? [leaf, ...chain.map((code, i) => node(code, code, chain[i + 1] ?? null))] : chain.map((code, i) => node(code, code, chain[i + 1] ?? null));
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

  // Primary suppression, then complementary cells over every linked table until nothing changes.
  const small = (v: number) => v > 0 && v < threshold;
  for (const n of nodes.values()) {
    n.hidden = n.counts.map(small);
    n.hiddenTotal = small(total(n));
  }
  const parents = [...nodes.values()].filter((n) => n.children.length > 0);
  for (let changed = true; changed; ) {
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

  const publish = (count: number, key: number, hidden: boolean): number | null => {
    if (hidden) return null;
    let value = options.perturbation ? perturbedCell(count, key, options.perturbation) : count;
    if (options.roundToFive) value = roundToBase(value, 5);
    return value;
  };
  const figureOf = (n: Node): ProtectedFigure => {
    const cells = n.counts.map((count, c) => publish(count, n.keys[c]!, n.hidden[c]!));
    const shownTotal = publish(total(n), totalKey(n), n.hiddenTotal);
    const percent = indicator === 'people_in_need_accessed_support' && cells[0] !== null && shownTotal ? (cells[0]! / shownTotal) * 100 : null;
    return { unit: n.unit, parent: n.parent, cells, total: shownTotal, percent };
  };
  const empty = (unit: string): ProtectedFigure => ({ unit, parent: tree.get(unit)?.parentCode ?? null, cells: Array(C).fill(0), total: 0, percent: null });
  const suppressedCells = [...nodes.values()].reduce((n, x) => n + x.hidden.filter(Boolean).length + (x.hiddenTotal ? 1 : 0), 0);
  const digest = createHash('sha256')
    .update(JSON.stringify([indicator, threshold, options.roundToFive === true, options.perturbation ? cellKey(options.perturbation.salt, ['digest']) : null, [...nodes.values()].map((n) => [n.id, n.counts, n.keys]).sort()]))
    .digest('hex');
  return {
    indicator,
    columns,
    threshold,
    digest,
    figure: (unit) => (nodes.has(unit) ? figureOf(nodes.get(unit)!) : empty(unit)),
    rows: (unit) => {
      const below = tree.children(unit).map((u) => u.code);
      const unattributed = nodes.get(UNATTRIBUTED(unit));
      return [...below.map((code) => (nodes.has(code) ? figureOf(nodes.get(code)!) : empty(code))), ...(unattributed ? [figureOf(unattributed)] : [])];
    },
    partialPeople: (unit) => {
      const n = partial.get(unit) ?? 0;
      return n === 0 || n >= threshold ? n : null;
    },
    truth: (unit) => {
      const n = nodes.get(unit);
      return n ? { cells: [...n.counts], total: total(n) } : { cells: Array(C).fill(0), total: 0 };
    },
    suppressedCells,
  };
}

const cache = new Map<string, ProtectedPersonTable>();
const CACHE_SIZE = 64;

/**
 * The same, kept for the next question with the same people (most questions of a day ask the same
 * periods): the key is a digest of the groups, the options and the tree's units, so a new fact, a
 * rebuilt view with the same facts, or another secret never meet a stale table.
 */
export function protectedPersonTable(indicator: PersonIndicator, groups: readonly PersonGroup[], tree: UnitTree & { units?: () => readonly { code: string }[] }, options: ProtectionOptions = {}): ProtectedPersonTable {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        indicator,
        options.threshold ?? DEFAULT_THRESHOLD,
        options.roundToFive === true,
        options.perturbation ? cellKey(options.perturbation.salt, ['cache']) : null,
        options.perturbation?.pTable?.id ?? null,
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
