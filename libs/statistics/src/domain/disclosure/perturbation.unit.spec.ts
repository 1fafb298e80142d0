import fc from 'fast-check';
import { P_TABLE_V1, pTableNoise } from './p-table.js';
import { cellKey, perturbedCount, recordKey, roundToBase } from './perturbation.js';

const SALT = 'test-salt-0123456789abcdef';
const options = { salt: SALT };
const people = (n: number, prefix = 'person') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('perturbation by cell key', () => {
  it('gives a cell the same value whatever the order, duplicates or query it came from', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (keys, seed) => {
          const shuffled = [...keys].sort((a, b) => (recordKey(String(seed), a) - recordKey(String(seed), b)) | 0 || (a < b ? -1 : 1));
          const once = perturbedCount(keys, options);
          expect(perturbedCount([...shuffled, ...keys.slice(0, 3)], options)).toBe(once);
          // A replay (a rebuilt projection) computes it again from the same records: the same value.
          expect(perturbedCount(new Set(keys), { ...options })).toBe(once);
          expect(Math.abs(once - keys.length)).toBeLessThanOrEqual(2);
          expect(once).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves an empty cell at 0, and moves with the salt (a secret): other salts, other values', () => {
    expect(perturbedCount([], options)).toBe(0);
    const keys = people(40);
    const values = new Set(Array.from({ length: 20 }, (_, i) => perturbedCount(keys, { salt: `${SALT}-${i}` })));
    expect(values.size).toBeGreaterThan(1);
    expect(() => perturbedCount(keys, { salt: 'short' })).toThrow(/salt/);
  });

  it('cannot difference a person out: with and without one person the noise is unrelated', () => {
    const differences = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const base = people(20 + (i % 30), `q${i}`);
      const difference = perturbedCount([...base, `extra-${i}`], options) - perturbedCount(base, options);
      differences.set(difference, (differences.get(difference) ?? 0) + 1);
    }
    // Without noise the difference would always be 1; here it is spread, and 1 is not the rule.
    expect(differences.size).toBeGreaterThanOrEqual(5);
    expect(differences.get(1)! / 300).toBeLessThan(0.5);
  });

  it('draws each cell’s noise from the published p-table: -2 to +2, mean 0, most often 0; a single person -1 to +2, never below 0', () => {
    for (const [count, values] of [
      [7, [-2, -1, 0, 1, 2]],
      [1, [-1, 0, 1, 2]],
    ] as const) {
      const seen = new Map<number, number>();
      const runs = 20_000;
      for (let i = 0; i < runs; i++) {
        const noise = pTableNoise(P_TABLE_V1, count, cellKey(SALT, [`k${count}-${i}`]));
        seen.set(noise, (seen.get(noise) ?? 0) + 1);
      }
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...values]);
      const mean = [...seen].reduce((s, [n, c]) => s + n * c, 0) / runs;
      expect(Math.abs(mean)).toBeLessThan(0.03);
      // Each value as often as the table says (within sampling error).
      const row = P_TABLE_V1.rows.find((r) => count >= r.from && (r.to === null || count <= r.to))!;
      for (const { d, p } of row.noise) expect(Math.abs(seen.get(d)! / runs - p)).toBeLessThan(0.015);
    }
    expect(pTableNoise(P_TABLE_V1, 0, 12345)).toBe(0);
  });

  it('has rows of probabilities summing to 1 with mean 0, none of which can take a count below 0', () => {
    for (const row of P_TABLE_V1.rows) {
      expect(row.noise.reduce((s, n) => s + n.p, 0)).toBeCloseTo(1, 12);
      expect(row.noise.reduce((s, n) => s + n.d * n.p, 0)).toBeCloseTo(0, 12);
      expect(row.from + row.noise[0]!.d).toBeGreaterThanOrEqual(0);
      expect(Math.max(...row.noise.map((n) => Math.abs(n.d)))).toBeLessThanOrEqual(P_TABLE_V1.maxNoise);
    }
  });

  it('makes the cell key of a set the sum of its record keys, independent of order', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((k) => recordKey(SALT, k)) as [number, number, number];
    expect(cellKey(SALT, ['c', 'a', 'b'])).toBe((a + b + c) % 2 ** 32);
  });
});

describe('rounding to base 5', () => {
  it('rounds 0-2 down and 3-4 up', () => {
    expect([0, 1, 2, 3, 4, 5, 7, 8, 12, 13].map((n) => roundToBase(n))).toEqual([0, 0, 0, 5, 5, 5, 5, 10, 10, 15]);
    expect(() => roundToBase(3, 0)).toThrow(/base/);
  });
});
