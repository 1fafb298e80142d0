import { dpCount, geometricAlpha, releasePoint, twoSidedGeometric } from './dp.js';

describe('the differentially private mechanism: two-sided geometric noise', () => {
  it('draws each value as often as P(d = k) = (1 − α)/(1 + α) · α^|k| says', () => {
    const alpha = geometricAlpha(1, 2);
    const runs = 200_000;
    const seen = new Map<number, number>();
    for (let i = 0; i < runs; i++) {
      const d = twoSidedGeometric((i + 0.5) / runs, alpha);
      seen.set(d, (seen.get(d) ?? 0) + 1);
    }
    for (const k of [-4, -2, -1, 0, 1, 2, 4])
      expect(Math.abs(seen.get(k)! / runs - ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(k))).toBeLessThan(0.002);
    const mean = [...seen].reduce((s, [k, n]) => s + k * n, 0) / runs;
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });

  it('bounds the privacy loss: for every published value, the odds with and without one person differ by at most e^(ε/S) per count', () => {
    const epsilon = 0.5;
    const sensitivity = 3;
    const alpha = geometricAlpha(epsilon, sensitivity);
    const p = (k: number) => ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(k);
    for (let v = -20; v <= 20; v++) expect(Math.log(p(v - 10) / p(v - 11))).toBeLessThanOrEqual(epsilon / sensitivity + 1e-12);
  });

  it('gives a release the same noise every time it is asked, other noise for another release or secret', () => {
    const options = { epsilon: 1, secret: 'dp-secret-0123456789abcdef' };
    expect(dpCount(7, options, 6, 'release-a', 'VN:0')).toBe(dpCount(7, options, 6, 'release-a', 'VN:0'));
    const values = new Set(Array.from({ length: 40 }, (_, i) => dpCount(7, options, 6, `release-${i}`, 'VN:0')));
    expect(values.size).toBeGreaterThan(3);
    expect(releasePoint('one secret', 'r', 'c')).not.toBe(releasePoint('another secret', 'r', 'c'));
    expect(() => geometricAlpha(0, 1)).toThrow(/epsilon/);
    for (let i = 0; i < 200; i++) expect(dpCount(0, options, 6, `r${i}`, 'c')).toBeGreaterThanOrEqual(0);
  });
});
