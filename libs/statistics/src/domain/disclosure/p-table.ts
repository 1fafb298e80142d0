/**
 * The published noise table (p-table) of the cell-key method: for a cell of n people, the noise d
 * added to it and how likely each value is. A cell's key (the sum of its people's record keys, a
 * number in [0, 2³²)) is read as a point in [0, 1) and picks d by where it falls in the row's
 * cumulative distribution, so the same people always get the same noise.
 *
 * Every row has mean 0 (no bias in any total) and keeps n + d ≥ 0; an empty cell stays 0 and is
 * not in the table. n = 1 may be shown as 0, so a 0 does not tell an empty cell from a person.
 * Figures of 1 to threshold − 1 are suppressed before this noise matters; the noise protects the
 * published figures from being subtracted from one another.
 *
 * docs/statistics.md prints this table. Changing it changes published figures: bump the id.
 */
export interface PTableRow {
  /** The true counts the row is for: `from` to `to` (null: and more). */
  from: number;
  to: number | null;
  /** Noise values and their probabilities, in increasing noise order; probabilities sum to 1. */
  noise: ReadonlyArray<{ d: number; p: number }>;
}

export interface PTable {
  id: string;
  maxNoise: number;
  rows: readonly PTableRow[];
}

export const P_TABLE_V1: PTable = {
  id: 'ptable-2026-1',
  maxNoise: 2,
  rows: [
    {
      from: 1,
      to: 1,
      noise: [
        { d: -1, p: 0.3 },
        { d: 0, p: 0.45 },
        { d: 1, p: 0.2 },
        { d: 2, p: 0.05 },
      ],
    },
    {
      from: 2,
      to: null,
      noise: [
        { d: -2, p: 0.1 },
        { d: -1, p: 0.2 },
        { d: 0, p: 0.4 },
        { d: 1, p: 0.2 },
        { d: 2, p: 0.1 },
      ],
    },
  ],
};

const MODULUS = 2 ** 32;

export function pTableRow(table: PTable, count: number): PTableRow {
  const row = table.rows.find((r) => count >= r.from && (r.to === null || count <= r.to));
  if (!row) throw new RangeError(`the p-table ${table.id} has no row for a count of ${count}`);
  return row;
}

/** The noise a cell of `count` people with cell key `key` gets (0 for an empty cell). */
export function pTableNoise(table: PTable, count: number, key: number): number {
  if (count === 0) return 0;
  const row = pTableRow(table, count);
  const point = key / MODULUS;
  let cumulative = 0;
  for (const { d, p } of row.noise) {
    cumulative += p;
    if (point < cumulative) return d;
  }
  return row.noise[row.noise.length - 1]!.d;
}
