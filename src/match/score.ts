/**
 * From features to scores: plain functions of plain numbers (MiniSearch style), shared by ranking, bounds,
 * explanations and training.
 */
import type { FeatureName, Model } from './defaults.js';
import { FEATURE_NAMES } from './defaults.js';

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of each feature in a feature row. */
export const F: Readonly<Record<FeatureName, number>> = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, i])) as Record<FeatureName, number>;

/** The model's weights as a row aligned with `FEATURE_NAMES`. */
export function weightVector(model: Model): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (n) => model.weights[n]);
}

/** Saturation sat(x) = x / (x + h): 0 at 0, ½ at h, → 1; maps any non-negative raw feature into [0, 1). */
export function saturate(x: number, h: number): number {
  return x > 0 ? x / (x + h) : 0;
}

/** z = bias + Σ_i w_i·f_i. */
export function linearScore(model: Model, w: Float64Array, f: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < w.length; i++) z += w[i]! * f[i]!;
  return z;
}

/** The link: identity → max(0, z); logistic → 1 / (1 + e^(−z)). Monotone non-decreasing, so bounds carry over. */
export function link(model: Model, z: number): number {
  return model.link === 'logistic' ? 1 / (1 + Math.exp(-z)) : z > 0 ? z : 0;
}

/** One-sided interest I(A→B) = link(bias + Σ_i w_i·f_i(A→B)), in [0, 1] for the default model. */
export function interest(model: Model, w: Float64Array, f: ArrayLike<number>): number {
  return link(model, linearScore(model, w, f));
}

/**
 * Reciprocal score of two one-sided interests x = I(A→B), y = I(B→A):
 * harmonic 2xy/(x+y) (0 when x+y = 0) or geometric √(xy). Both are symmetric, lie in [min(x,y), max(x,y)] and
 * are non-decreasing in each argument (so an upper bound on x and y bounds the score).
 */
export function reciprocal(model: Model, x: number, y: number): number {
  if (model.reciprocal === 'geometric') return Math.sqrt(x * y);
  const s = x + y;
  return s > 0 ? (2 * x * y) / s : 0;
}
