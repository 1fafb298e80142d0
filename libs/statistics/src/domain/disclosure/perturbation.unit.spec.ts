import fc from 'fast-check';
import { cellKey, noiseFor, perturbedCount, recordKey, roundToBase } from './perturbation.js';

const SALT = 'test-salt-0123456789abcdef';
const options = { salt: SALT, maxNoise: 2 };
const people = (n: number, prefix = 'person') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('perturbation by cell key', () => {
  it('gives a cell the same value whatever the order, duplicates or query it came from', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }), fc.integer(), (keys, seed) => {
        const shuffled = [...keys].sort((a, b) => ((recordKey(String(seed), a) - recordKey(String(seed), b)) | 0) || (a < b ? -1 : 1));
        const once = perturbedCount(keys, options);
        expect(perturbedCount([...shuffled, ...keys.slice(0, 3)], options)).toBe(once);
        // A replay (a rebuilt projection) computes it again from the same records: the same value.
        expect(perturbedCount(new Set(keys), { ...options })).toBe(once);
        expect(Math.abs(once - keys.length)).toBeLessThanOrEqual(2);
        expect(once).toBeGreaterThanOrEqual(0);
      }),
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

  it('draws noise from -2 to +2, centred, most often 0', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 9000; i++) {
      const noise = noiseFor(cellKey(SALT, [`k${i}`]), 2);
      counts.set(noise, (counts.get(noise) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, -2, 0, 1, 2]);
    const mean = [...counts].reduce((s, [n, c]) => s + n * c, 0) / 9000;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(counts.get(0)!).toBeGreaterThan(counts.get(2)!);
    expect(noiseFor(0, 0)).toBe(0);
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
