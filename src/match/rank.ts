/**
 * Exact top-k of the reciprocal score for one query organisation A, touching as little as possible.
 *
 * Candidates are the organisations that share at least one term with A in one of the three field pairs
 * (profile↔profile, A.needs↔offers, A.offers↔needs) or that a short walk from A reaches in the graph.
 *
 * 1. Postings of A's rare terms are walked into three accumulators; postings of very frequent terms (a
 *    `pruneBands` band, over the postings budget) are not walked but bounded per document by Cauchy–Schwarz
 *    (see `text-index.ts`). Graph features are exact after one walk (`graph.ts`).
 * 2. Each touched candidate gets a lower and an upper bound of its score from the feature intervals
 *    (`linearBound`, then the monotone link and reciprocal). The k-th largest lower bound is a floor θ.
 * 3. Candidates whose upper bound reaches θ are verified in decreasing upper-bound order (exact cosines by
 *    merging term lists) into a bounded heap, stopping at the first upper bound below the heap's k-th score.
 * 4. Documents not touched at all can only score through bounded frequent terms, type prior and activity; they
 *    are scanned only when that global bound still reaches the k-th score.
 *
 * The result equals scoring every candidate exactly and sorting (score desc, id asc); tests check this.
 */
import type { Model } from './defaults.js';
import type { QueryContext } from './features.js';
import { graphFeatures, newFeatureRow, pairFeatures } from './features.js';
import { KthLargest, TopK } from './heap.js';
import { F, interest, link, linearBound, reciprocal } from './score.js';
import { growFloat64 } from './forward-store.js';
import type { Accumulation } from './text-index.js';
import { TouchedSet } from './touched.js';

/** Slack added to bounds so that float rounding can never prune a document that ties the k-th score. */
const EPS = 1e-12;

export class RankWorkspace {
  accTop = new Float64Array(0);
  accAB = new Float64Array(0);
  accBA = new Float64Array(0);
  readonly touched = new TouchedSet();
  /** Activity act(v) per slot, filled by the engine after a graph build. */
  activity = new Float64Array(0);

  fit(n: number): void {
    if (this.accTop.length >= n) return;
    this.touched.reset();
    this.accTop = growFloat64(new Float64Array(0), n);
    this.accAB = growFloat64(new Float64Array(0), n);
    this.accBA = growFloat64(new Float64Array(0), n);
  }

  reset(): void {
    this.touched.reset(this.accTop, this.accAB, this.accBA);
  }
}

export interface RankRequest {
  readonly ctx: QueryContext;
  readonly model: Model;
  readonly weights: Float64Array;
  readonly k: number;
  /** Whether slot may appear in the results (exclusions and filters); never called for A itself. */
  readonly allow: (slot: number) => boolean;
  readonly idOf: (slot: number) => string;
  /** Postings a text query may walk before bounding frequent bands (Infinity = walk everything). */
  readonly budget: number;
}

export interface Ranked {
  readonly slot: number;
  readonly score: number;
  readonly ab: Float64Array;
  readonly ba: Float64Array;
}

/** Score of one candidate, exactly. */
export function scorePair(req: RankRequest, b: number, ab: Float64Array, ba: Float64Array): number {
  pairFeatures(req.ctx, b, ab, ba);
  return reciprocal(req.model, interest(req.model, req.weights, ab), interest(req.model, req.weights, ba));
}

/** The exact top-k of A's candidates (see the module comment). */
export function rankCandidates(req: RankRequest, ws: RankWorkspace): Ranked[] {
  const { ctx, model, weights: w, k, allow } = req;
  const { index, a } = ctx;
  const n = index.slotCount;
  ws.fit(n);
  ws.reset();
  const top = index.accumulate(ctx.profile, 'profile', ws.accTop, ws.touched, req.budget);
  const toOffers = index.accumulate(ctx.needs, 'offers', ws.accAB, ws.touched, req.budget);
  const toNeeds = index.accumulate(ctx.offers, 'needs', ws.accBA, ws.touched, req.budget);

  const norms = {
    top: { inv: index.invNormArray('profile'), bands: index.bandNorms('profile'), q: ctx.profile.invNorm, acc: ws.accTop, qb: top },
    ab: { inv: index.invNormArray('offers'), bands: index.bandNorms('offers'), q: ctx.needs.invNorm, acc: ws.accAB, qb: toOffers },
    ba: { inv: index.invNormArray('needs'), bands: index.bandNorms('needs'), q: ctx.offers.invNorm, acc: ws.accBA, qb: toNeeds },
  };
  const textBounds = (c: number, which: typeof norms.top): [number, number] => {
    const lo = which.acc[c]! * which.q * which.inv[c]!;
    let hi = lo;
    const qb = which.qb.boundedBandNorm;
    for (let b = 0; b < qb.length; b++) if (qb[b]! > 0) hi += qb[b]! * which.bands.norms[b]![c]!;
    return [Math.max(0, lo - EPS), Math.min(1, hi + EPS)];
  };

  const loAB = newFeatureRow();
  const hiAB = newFeatureRow();
  const loBA = newFeatureRow();
  const hiBA = newFeatureRow();
  const bounds = (c: number): [number, number] => {
    graphFeatures(ctx, c, loAB, loBA);
    const prior = ctx.prior[ctx.types[a]! * ctx.typeCount + ctx.types[c]!]!;
    loAB[F.typePrior] = loBA[F.typePrior] = prior;
    loAB[F.activity] = ws.activity[c] ?? 0;
    loBA[F.activity] = ws.activity[a] ?? 0;
    hiAB.set(loAB);
    hiBA.set(loBA);
    const [tl, th] = textBounds(c, norms.top);
    loAB[F.topical] = loBA[F.topical] = tl;
    hiAB[F.topical] = hiBA[F.topical] = th;
    [loAB[F.complementarity], hiAB[F.complementarity]] = textBounds(c, norms.ab);
    [loBA[F.complementarity], hiBA[F.complementarity]] = textBounds(c, norms.ba);
    const ub = reciprocal(model, link(model, linearBound(model, w, loAB, hiAB, true)), link(model, linearBound(model, w, loBA, hiBA, true)));
    const lb = reciprocal(model, link(model, linearBound(model, w, loAB, hiAB, false)), link(model, linearBound(model, w, loBA, hiBA, false)));
    return [lb - EPS, ub + EPS];
  };

  // 2. bounds of every touched candidate (text or graph)
  const cands: number[] = [];
  const ubs: number[] = [];
  const floor = new KthLargest(k);
  const consider = (c: number) => {
    if (c === a || !allow(c)) return;
    const [lb, ub] = bounds(c);
    floor.offer(lb);
    cands.push(c);
    ubs.push(ub);
  };
  const tt = ws.touched;
  for (let i = 0; i < tt.size; i++) consider(tt.list[i]!);
  const gt = ctx.walk.touched;
  for (let i = 0; i < gt.size; i++) {
    const c = gt.list[i]!;
    if (!tt.has(c)) consider(c);
  }

  // 3. verify in decreasing upper-bound order
  const theta = floor.value;
  const order: number[] = [];
  for (let i = 0; i < cands.length; i++) if (ubs[i]! >= theta) order.push(i);
  order.sort((x, y) => ubs[y]! - ubs[x]! || cands[x]! - cands[y]!);
  const heap = new TopK(k, req.idOf);
  const ab = newFeatureRow();
  const ba = newFeatureRow();
  for (const i of order) {
    if (heap.full && ubs[i]! < heap.threshold) break;
    heap.offer(cands[i]!, scorePair(req, cands[i]!, ab, ba));
  }

  // 4. documents touched by nothing but bounded frequent terms
  if (top.bounded || toOffers.bounded || toNeeds.bounded) scanUntouched(req, ws, heap, [top, toOffers, toNeeds]);

  return heap.sorted().map(({ slot, score }) => {
    const rab = newFeatureRow();
    const rba = newFeatureRow();
    pairFeatures(ctx, slot, rab, rba);
    return { slot, score, ab: rab, ba: rba };
  });
}

/**
 * Step 4: an untouched document d has no graph features and text features of at most Σ_b q_b·‖d_b‖ (its
 * frequent-band norms), so its score is bounded by those, its type prior and its activity. The whole scan is
 * skipped when even the largest such bound cannot reach the heap's k-th score.
 */
function scanUntouched(req: RankRequest, ws: RankWorkspace, heap: TopK, acc: readonly Accumulation[]): void {
  const { ctx, model, weights: w, allow } = req;
  const { index, a } = ctx;
  const fields = ['profile', 'offers', 'needs'] as const;
  const qb = acc.map((x) => x.boundedBandNorm);
  const bandNorms = fields.map((f) => index.bandNorms(f));
  const wTop = Math.max(0, w[F.topical]!);
  const wComp = Math.max(0, w[F.complementarity]!);
  const wPrior = w[F.typePrior]!;
  const wAct = w[F.activity]!;
  const actA = ws.activity[a] ?? 0;
  const rowBase = ctx.types[a]! * ctx.typeCount;
  const textHi = (field: number, c: number): number => {
    const q = qb[field]!;
    let s = 0;
    for (let b = 0; b < q.length; b++) if (q[b]! > 0) s += q[b]! * (c < 0 ? bandNorms[field]!.max[b]! : bandNorms[field]!.norms[b]![c]!);
    return Math.min(1, s + EPS);
  };
  const bound = (top: number, toOffers: number, toNeeds: number, prior: number, act: number): number => {
    const zab = model.bias + wTop * top + wComp * toOffers + wPrior * prior + wAct * act;
    const zba = model.bias + wTop * top + wComp * toNeeds + wPrior * prior + wAct * actA;
    return reciprocal(model, link(model, zab), link(model, zba)) + EPS;
  };
  let maxPrior = -Infinity;
  let minPrior = Infinity;
  for (let t = 0; t < ctx.typeCount; t++) {
    maxPrior = Math.max(maxPrior, ctx.prior[rowBase + t]!);
    minPrior = Math.min(minPrior, ctx.prior[rowBase + t]!);
  }
  const global = bound(textHi(0, -1), textHi(1, -1), textHi(2, -1), wPrior >= 0 ? maxPrior : minPrior, wAct >= 0 ? 1 : 0);
  if (heap.full && global < heap.threshold) return;
  const tt = ws.touched;
  const gt = ctx.walk.touched;
  const ab = newFeatureRow();
  const ba = newFeatureRow();
  const n = index.slotCount;
  for (let c = 0; c < n; c++) {
    if (c === a || tt.mark[c] === 1 || gt.has(c) || !index.has(c)) continue;
    const ub = bound(textHi(0, c), textHi(1, c), textHi(2, c), ctx.prior[rowBase + ctx.types[c]!]!, ws.activity[c] ?? 0);
    if (heap.full && ub < heap.threshold) continue;
    if (!allow(c)) continue;
    const score = scorePair(req, c, ab, ba);
    // a candidate must share a term (graph-reached documents were all touched)
    if (ab[F.topical] === 0 && ab[F.complementarity] === 0 && ba[F.complementarity] === 0) continue;
    heap.offer(c, score);
  }
}
