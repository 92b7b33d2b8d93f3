/**
 * Learning the feature weights from known collaborations: L2-regularised logistic regression on one-sided
 * feature rows, fitted by Newton's method (IRLS) with ml-matrix. Pure and deterministic: the same rows give the
 * same model, and negative sampling takes an explicit seed.
 *
 * Model: P(link | f) = σ(b + Σ_i w_i·f_i), σ(z) = 1/(1+e^(−z)). The fitted weights and bias become a `Model` with
 * the logistic link, so the one-sided interest I(A→B) is that probability and the reciprocal score combines
 * the two directions as usual.
 *
 * Loss: L(w, b) = −Σ_n s_n·[y_n ln p_n + (1 − y_n) ln(1 − p_n)] + (λ/2)·‖w‖²   (the bias is not penalised)
 * Newton step: (Xᵀ S X + λ I′) Δ = Xᵀ S (y − p) − λ w′, with S = diag(s_n p_n (1 − p_n)) and ′ zeroing the bias.
 */
import { Matrix, solve } from 'ml-matrix';
import type { OrgId } from '../domain/index.js';
import type { Model } from './defaults.js';
import { DEFAULT_MODEL, FEATURE_NAMES } from './defaults.js';

export interface TrainingRow {
  /** One-sided features in `FEATURE_NAMES` order. */
  readonly features: readonly number[];
  readonly label: 0 | 1;
  /** Sample weight s_n (default 1). */
  readonly weight?: number;
}

export interface FitOptions {
  /** L2 strength λ, range 0–10. Default 0.01. */
  readonly l2?: number;
  /** Newton iterations at most, range 1–100. Default 50. */
  readonly maxIterations?: number;
  /** Stop when the largest change of a coefficient is below this. Default 1e-9. */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly weights: readonly number[];
  readonly bias: number;
  readonly iterations: number;
  /** Mean log-loss on the training rows (without the penalty). */
  readonly logLoss: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Fits the logistic regression (see the module comment). */
export function fitLogistic(rows: readonly TrainingRow[], opts: FitOptions = {}): LogisticFit {
  const d = FEATURE_NAMES.length;
  const lambda = opts.l2 ?? 0.01;
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-9;
  if (rows.some((r) => r.features.length !== d)) throw new Error(`match/train: every row needs ${d} features`);
  const coef = new Float64Array(d + 1); // last = bias
  const z = (r: TrainingRow) => {
    let s = coef[d]!;
    for (let i = 0; i < d; i++) s += coef[i]! * r.features[i]!;
    return s;
  };
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const h = Matrix.zeros(d + 1, d + 1);
    const g = Matrix.zeros(d + 1, 1);
    const x = new Float64Array(d + 1);
    x[d] = 1;
    for (const r of rows) {
      for (let i = 0; i < d; i++) x[i] = r.features[i]!;
      const p = sigmoid(z(r));
      const s = r.weight ?? 1;
      const curvature = s * p * (1 - p);
      const residual = s * (r.label - p);
      for (let i = 0; i <= d; i++) {
        g.set(i, 0, g.get(i, 0) + x[i]! * residual);
        for (let j = 0; j <= i; j++) h.set(i, j, h.get(i, j) + x[i]! * x[j]! * curvature);
      }
    }
    for (let i = 0; i <= d; i++) {
      for (let j = 0; j < i; j++) h.set(j, i, h.get(i, j));
      if (i < d) {
        h.set(i, i, h.get(i, i) + lambda);
        g.set(i, 0, g.get(i, 0) - lambda * coef[i]!);
      } else {
        h.set(i, i, h.get(i, i) + 1e-9); // keeps the system solvable when a class is missing
      }
    }
    const step = solve(h, g);
    let change = 0;
    for (let i = 0; i <= d; i++) {
      coef[i]! += step.get(i, 0);
      change = Math.max(change, Math.abs(step.get(i, 0)));
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  let loss = 0;
  for (const r of rows) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(z(r))));
    loss -= r.label === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return { weights: [...coef.subarray(0, d)], bias: coef[d]!, iterations, logLoss: rows.length === 0 ? 0 : loss / rows.length };
}

/** A model with the fitted weights, the logistic link and `base`'s other settings. */
export function modelFromFit(fit: LogisticFit, version: string, base: Model = DEFAULT_MODEL): Model {
  return {
    ...base,
    version,
    weights: Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, fit.weights[i]!])) as Model['weights'],
    bias: fit.bias,
    link: 'logistic',
  };
}

/** mulberry32: a small seedable PRNG, so that sampling is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LabelledPair {
  readonly a: OrgId;
  readonly b: OrgId;
  readonly label: 0 | 1;
}

export interface SampleOptions {
  readonly seed: number;
  /** Negatives drawn per positive, range 1–50. Default 5. */
  readonly negativesPerPositive?: number;
  /**
   * Where a negative partner of `a` is drawn from (default: every organisation). Drawing from `a`'s likely
   * candidates (e.g. its untrained top-100) gives harder negatives that teach the ranking, not the obvious.
   */
  readonly pool?: (a: OrgId) => readonly OrgId[];
}

/**
 * The positives (both orientations are implied by the rows built later) plus, for each, negatives (a, x) with x
 * drawn from the pool, never a known positive partner of a nor a itself.
 */
export function samplePairs(positives: readonly { readonly a: OrgId; readonly b: OrgId }[], ids: readonly OrgId[], opts: SampleOptions): LabelledPair[] {
  const random = seededRandom(opts.seed);
  const perPositive = opts.negativesPerPositive ?? 5;
  const known = new Set<string>();
  for (const p of positives) {
    known.add(`${p.a}\u0000${p.b}`);
    known.add(`${p.b}\u0000${p.a}`);
  }
  const out: LabelledPair[] = [];
  for (const p of positives) {
    out.push({ a: p.a, b: p.b, label: 1 });
    const pool = opts.pool?.(p.a) ?? ids;
    let drawn = 0;
    for (let tries = 0; drawn < perPositive && tries < perPositive * 20 && pool.length > 0; tries++) {
      const x = pool[Math.floor(random() * pool.length)]!;
      if (x === p.a || known.has(`${p.a}\u0000${x}`)) continue;
      out.push({ a: p.a, b: x, label: 0 });
      drawn++;
    }
  }
  return out;
}

/** Anything that yields one-sided feature rows of (a, b) for many b at once (the engine does). */
export interface FeatureSource {
  featuresMany(a: OrgId, bs: readonly OrgId[]): readonly { readonly rowAB: readonly number[]; readonly rowBA: readonly number[] }[];
}

/**
 * Training rows of labelled pairs: each pair gives f(A→B) and f(B→A) with its label (a collaboration is
 * evidence of interest both ways). Pairs are grouped by `a` so that the graph is walked once per organisation.
 */
export function trainingRows(source: FeatureSource, pairs: readonly LabelledPair[]): TrainingRow[] {
  const byA = new Map<OrgId, LabelledPair[]>();
  for (const p of pairs) {
    const list = byA.get(p.a);
    if (list === undefined) byA.set(p.a, [p]);
    else list.push(p);
  }
  const rows: TrainingRow[] = [];
  for (const a of [...byA.keys()].sort()) {
    const list = byA.get(a)!;
    const features = source.featuresMany(a, list.map((p) => p.b));
    list.forEach((p, i) => {
      rows.push({ features: features[i]!.rowAB, label: p.label });
      rows.push({ features: features[i]!.rowBA, label: p.label });
    });
  }
  return rows;
}
