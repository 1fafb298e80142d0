import type { DayRange } from '../calendar-day.js';
import type { Fact, UnitRef } from '../facts.js';
import { peopleOf, type PersonIndicator } from '../people.js';
import { attribute, type UnitTree } from '../roll-up.js';
import { assertPersonGeography } from './geography-guard.js';
import { addCellKeys, cellKey, perturbedCell, roundToBase, type PerturbationOptions } from './perturbation.js';
import { DEFAULT_THRESHOLD, suppress, type SuppressionOptions } from './suppression.js';

export interface PersonTableQuery {
  /** The table has one row per unit directly below `parent` (communes of a province, provinces of VN). */
  parent: string;
  period: DayRange;
  tree: UnitTree;
}

export interface PublicationOptions extends SuppressionOptions {
  /** Round every published count to a multiple of 5. */
  roundToFive?: boolean;
  /** Perturb every published count by the cell-key method. */
  perturbation?: PerturbationOptions;
}

export interface PublishedRow {
  /** The unit, or null for people wholly inside the parent but not attributable to one unit below it (a split former commune). */
  unit: string | null;
  cells: (number | null)[];
  total: number | null;
  /** support only: accessed / in need, when both are published. */
  percent: number | null;
}

export interface PublishedPersonTable {
  indicator: PersonIndicator;
  parent: string;
  columns: readonly string[];
  rows: PublishedRow[];
  columnTotals: (number | null)[];
  total: number | null;
  percent: number | null;
  /** People of former units split across the parent's edge (may or may not be here); null when below the threshold. */
  partialPeople: number | null;
  suppressedCells: number;
}

const COLUMNS: Record<PersonIndicator, readonly string[]> = {
  people_in_need_accessed_support: ['accessed', 'not_accessed'],
  people_penalised: ['penalised'],
};

/**
 * A person-based indicator as a table by unit, ready to publish: counts of distinct people,
 * suppressed below the threshold with complementary suppression, then optionally perturbed
 * (each cell from its own people's keys) and rounded. No key or identity leaves this function.
 */
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

export function publishPersonTable(
  indicator: PersonIndicator,
  facts: readonly Fact[],
  query: PersonTableQuery,
  options: PublicationOptions = {},
): PublishedPersonTable {
  return publishPersonGroups(indicator, personGroups(indicator, facts, query.period), query, options);
}

/**
 * The same table from people already grouped by unit (by a database query, say). Perturbation
 * needs each group's keys: groups without them are refused rather than published unperturbed.
 */
export function publishPersonGroups(
  indicator: PersonIndicator,
  groups: readonly PersonGroup[],
  query: Pick<PersonTableQuery, 'parent' | 'tree'>,
  options: PublicationOptions = {},
): PublishedPersonTable {
  const { parent, tree } = query;
  assertPersonGeography(parent, (code) => tree.get(code)?.level);
  if (options.perturbation && groups.some((g) => g.keys === undefined && g.keySum === undefined))
    throw new RangeError('Perturbation needs the people of every cell: group them with their keys or their key sum');
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const children = tree.children(parent).map((u) => u.code);
  const units: (string | null)[] = children.length > 0 ? [...children, null] : [parent];
  const columns = COLUMNS[indicator];
  const counts = units.map(() => columns.map(() => 0));
  const sums = units.map(() => columns.map(() => 0));
  const salt = options.perturbation?.salt;
  let partialPeople = 0;
  for (const group of groups) {
    const where = attribute(group.unit, [parent], tree);
    if (where.kind === 'partial') partialPeople += group.people;
    if (where.kind !== 'full') continue;
    let row = units.findIndex((u) => u !== null && attribute(group.unit, [u], tree).kind === 'full');
    if (row < 0) row = units.length - 1;
    const column = group.counted ? 0 : columns.length - 1;
    counts[row]![column]! += group.people;
    if (salt !== undefined) sums[row]![column] = addCellKeys(sums[row]![column]!, group.keySum ?? cellKey(salt, group.keys!));
  }
  // The row of people not attributable to one unit is dropped when empty: it adds nothing.
  const kept = units.map((_, r) => r).filter((r) => units[r] !== null || counts[r]!.some((cell) => cell > 0));
  const cellCounts = kept.map((r) => counts[r]!);
  const cellSums = kept.map((r) => sums[r]!);
  const table = suppress({ rows: kept.map((r) => units[r] ?? 'unattributed'), columns, cells: cellCounts }, { threshold });

  /** A published count: the suppression's verdict, then the noise read from the cell's key (the sum of its people's record keys), then rounding. */
  const publish = (cells: Array<[number, number]>, shown: number | null): number | null => {
    if (shown === null) return null;
    let value = shown;
    if (options.perturbation) {
      const count = cells.reduce((n, [c]) => n + c, 0);
      value = perturbedCell(
        count,
        cells.reduce((k, [, sum]) => addCellKeys(k, sum), 0),
        options.perturbation,
      );
    }
    if (options.roundToFive) value = roundToBase(value, 5);
    return value;
  };
  const cell = (i: number, c: number): [number, number] => [cellCounts[i]![c]!, cellSums[i]![c]!];
  const rowCells = (i: number) => columns.map((_, c) => cell(i, c));
  const columnCells = (c: number) => kept.map((_, i) => cell(i, c));
  const percentOf = (accessed: number | null, total: number | null) =>
    indicator === 'people_in_need_accessed_support' && accessed !== null && total ? (accessed / total) * 100 : null;

  const rows = kept.map((r, i): PublishedRow => {
    const cells = columns.map((_, c) => publish([cell(i, c)], table.cells[i]![c]!));
    const total = publish(rowCells(i), table.rowTotals[i]!);
    return { unit: units[r]!, cells, total, percent: percentOf(cells[0]!, total) };
  });
  const columnTotals = columns.map((_, c) => publish(columnCells(c), table.columnTotals[c]!));
  const total = publish(
    kept.flatMap((_, i) => rowCells(i)),
    table.total,
  );
  return {
    indicator,
    parent,
    columns,
    rows,
    columnTotals,
    total,
    percent: percentOf(columnTotals[0]!, total),
    partialPeople: partialPeople === 0 || partialPeople >= threshold ? partialPeople : null,
    suppressedCells: table.primary.length + table.complementary.length,
  };
}
