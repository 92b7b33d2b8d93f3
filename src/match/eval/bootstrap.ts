/**
 * How sure a benchmark figure is: percentile bootstrap intervals over the queries (Efron & Tibshirani, *An
 * Introduction to the Bootstrap*, ch. 13). With n queries and per-query values x_1..x_n (recall@20 of one query,
 * say), one resample draws n queries with replacement, seeded, and takes the mean; over B resamples the interval
 * at level 1 − α is [q_{α/2}, q_{1−α/2}] of those means.
 *
 * Paired differences (method X minus method Y on the same resampled queries) say whether X beats Y beyond the luck
 * of which organisations happened to get new partners: `below` is the share of resamples in which the difference
 * is ≤ 0 (near 0: X reliably better; near ½: no telling).
 *
 * Coverage and Gini describe whole lists, not queries, and get no interval.
 */
import { seededRandom } from '../train.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export interface PairedDifference extends Interval {
  /** Mean of X − Y over the queries. */
  readonly mean: number;
  /** Share of resamples whose mean difference is ≤ 0. */
  readonly below: number;
}

export interface BootstrapOptions {
  /** Resamples B (≥ 1). */
  readonly resamples: number;
  /** Seed of the resampling, so that a report can be reproduced. */
  readonly seed: number;
  /** Level 1 − α of the interval, in (0, 1). Default 0.95. */
  readonly level?: number;
}

/**
 * Draws the resamples once, as index lists, so that every metric and every pair of methods is measured on the
 * same resampled queries (what makes differences paired).
 */
export function resampleIndices(n: number, opts: BootstrapOptions): Int32Array[] {
  if (!Number.isInteger(opts.resamples) || opts.resamples < 1) throw new RangeError(`resamples must be a positive integer, not ${opts.resamples}`);
  const random = seededRandom(opts.seed);
  return Array.from({ length: opts.resamples }, () => Int32Array.from({ length: n }, () => Math.floor(random() * n)));
}

/** Percentile interval of the mean of `values` over the resamples. */
export function meanInterval(values: ArrayLike<number>, resamples: readonly Int32Array[], level = 0.95): Interval {
  return percentiles(resampledMeans(values, resamples), level);
}

/** Mean of x − y, its interval and the share of resamples with a difference ≤ 0 (x, y: the same queries, in order). */
export function pairedDifference(x: ArrayLike<number>, y: ArrayLike<number>, resamples: readonly Int32Array[], level = 0.95): PairedDifference {
  if (x.length !== y.length) throw new RangeError(`paired values differ in length: ${x.length} and ${y.length}`);
  const d = Float64Array.from({ length: x.length }, (_, i) => x[i]! - y[i]!);
  const means = resampledMeans(d, resamples);
  let below = 0;
  for (const m of means) if (m <= 0) below++;
  return { mean: mean(d), ...percentiles(means, level), below: below / Math.max(1, means.length) };
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length === 0 ? 0 : s / values.length;
}

function resampledMeans(values: ArrayLike<number>, resamples: readonly Int32Array[]): Float64Array {
  return Float64Array.from(resamples, (idx) => {
    if (idx.length !== values.length) throw new RangeError(`a resample of ${idx.length} queries for ${values.length} values`);
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += values[idx[i]!]!;
    return idx.length === 0 ? 0 : s / idx.length;
  });
}

/** The α/2 and 1 − α/2 empirical quantiles (nearest rank: the ⌈p·B⌉-th smallest). */
function percentiles(means: Float64Array, level: number): Interval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), not ${level}`);
  const sorted = Float64Array.from(means).sort();
  const b = sorted.length;
  if (b === 0) return { lo: NaN, hi: NaN };
  const at = (p: number) => sorted[Math.min(b - 1, Math.max(0, Math.ceil(p * b) - 1))]!;
  const alpha = 1 - level;
  return { lo: at(alpha / 2), hi: at(1 - alpha / 2) };
}
