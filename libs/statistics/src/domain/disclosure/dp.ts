import { createHmac } from 'node:crypto';

/**
 * The optional differentially private mechanism (STATISTICS_MECHANISM=dp): every published count of
 * a release gets two-sided geometric noise (the discrete Laplace distribution), P(d = k) ∝ α^|k| with
 * α = exp(−ε / S), where S is how many published counts one person can change in the release (their
 * commune, province and country, each cell and total). So the whole release is ε-differentially
 * private: whether or not any one person is in the data changes the probability of any published
 * table by at most a factor e^ε.
 *
 * The noise of a release is drawn from a keyed hash of the installation's secret, the release (a
 * digest of the true counts it is made from) and the cell: asking the same question again returns
 * the same release and costs nothing more; new data is a new release with fresh noise, and is
 * charged to the privacy-loss ledger.
 */
export interface DpOptions {
  /** The privacy loss of one release (ε). */
  epsilon: number;
  /** The secret the noise is drawn with (the same as the cell-key method's). */
  secret: string;
}

/** α of the two-sided geometric distribution for a release of sensitivity `sensitivity` at ε. */
export function geometricAlpha(epsilon: number, sensitivity: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be a positive number');
  if (!Number.isInteger(sensitivity) || sensitivity < 1) throw new RangeError('sensitivity must be a whole number of at least 1');
  return Math.exp(-epsilon / sensitivity);
}

/**
 * The noise for a point u in [0, 1): the inverse of the two-sided geometric distribution's
 * cumulative function, P(d = k) = (1 − α) / (1 + α) · α^|k|.
 */
export function twoSidedGeometric(u: number, alpha: number): number {
  if (!(u >= 0 && u < 1)) throw new RangeError('u must be in [0, 1)');
  const p0 = (1 - alpha) / (1 + alpha);
  // P(d < 0) = α / (1 + α); P(d ≤ −k) = α^k / (1 + α) for k ≥ 1, and symmetrically above.
  const below = alpha / (1 + alpha);
  if (u < below) {
    // d = −k with α^(k+1) ≤ u(1 + α) < α^k.
    const k = Math.max(1, Math.floor(Math.log(Math.max(u, Number.MIN_VALUE) * (1 + alpha)) / Math.log(alpha)));
    return -k;
  }
  if (u < below + p0) return 0;
  const above = 1 - u; // in (0, α / (1 + α)]
  const k = Math.max(1, Math.floor(Math.log(above * (1 + alpha)) / Math.log(alpha)));
  return k;
}

/** A point in [0, 1) for one cell of one release, from the secret. */
export function releasePoint(secret: string, release: string, cell: string): number {
  const digest = createHmac('sha256', secret).update(`dp-noise\n${release}\n${cell}`).digest();
  // 53 bits of the digest: a double in [0, 1).
  return (digest.readUInt32BE(0) * 2 ** 21 + (digest.readUInt32BE(4) >>> 11)) / 2 ** 53;
}

/** The published value of one count of a release: the count plus its noise, never below 0. */
export function dpCount(count: number, options: DpOptions, sensitivity: number, release: string, cell: string): number {
  return Math.max(0, count + twoSidedGeometric(releasePoint(options.secret, release, cell), geometricAlpha(options.epsilon, sensitivity)));
}
