import { createHash } from 'node:crypto';
import { P_TABLE_V1, pTableNoise, type PTable } from './p-table.js';

/**
 * Perturbation by the cell-key method: every record has a fixed pseudo-random record key (a hash
 * of a secret salt and its own key); a cell's key is the sum of its records' keys modulo 2³²; the
 * noise added to the cell is read from the cell key. So the noise depends on nothing but the set of
 * records in the cell: the same question asked twice, the same cell inside another question, or a
 * rebuilt projection give the same value, and two cells that differ by one person get unrelated
 * noise — differencing them does not reveal that person.
 */
export interface PerturbationOptions {
  /** A secret, stable across rebuilds (configuration), so record keys cannot be recomputed from outside. */
  salt: string;
  /** The published noise table (default P_TABLE_V1: at most ±2). */
  pTable?: PTable;
}

const MODULUS = 2 ** 32;

export function recordKey(salt: string, key: string): number {
  return createHash('sha256').update(`record-key\n${salt}\n${key}`).digest().readUInt32BE(0);
}

/** Sum of the distinct records' keys modulo 2³²: independent of order and of how the question was asked. */
export function cellKey(salt: string, keys: Iterable<string>): number {
  let sum = 0;
  for (const key of new Set(keys)) sum = (sum + recordKey(salt, key)) % MODULUS;
  return sum;
}

/** The published count of a cell: its distinct records plus their noise, never negative; an empty cell stays 0. */
export function perturbedCount(keys: Iterable<string>, options: PerturbationOptions): number {
  const distinct = new Set(keys);
  return perturbedCell(distinct.size, distinct.size === 0 ? 0 : cellKey(checkedSalt(options), distinct), options);
}

/**
 * The same from a cell's count of distinct records and its cell key, when the records' keys were
 * summed where they are kept (a database) and only the sum travels: sums of disjoint cells add up.
 */
export function perturbedCell(count: number, key: number, options: PerturbationOptions): number {
  checkedSalt(options);
  if (count === 0) return 0;
  return Math.max(0, count + pTableNoise(options.pTable ?? P_TABLE_V1, count, key));
}

function checkedSalt(options: PerturbationOptions): string {
  if (typeof options.salt !== 'string' || options.salt.length < 16)
    throw new RangeError('the perturbation salt must be a secret of at least 16 characters');
  return options.salt;
}

/** Cell keys of disjoint sets of records, added: the cell key of their union. */
export const addCellKeys = (a: number, b: number): number => (a + b) % MODULUS;

/** Conventional rounding to a base (5 by default): 0-2 down, 3-4 up. */
export function roundToBase(value: number, base = 5): number {
  if (!Number.isInteger(base) || base < 1) throw new RangeError('base must be a whole number of at least 1');
  return Math.round(value / base) * base;
}
