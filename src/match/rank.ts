/**
 * Exact top-k of the reciprocal score for one query organisation A, touching as little as possible.
 *
 * Candidates are the organisations that share at least one term with A in one of the three field pairs
 * (profile↔profile, A.needs↔offers, A.offers↔needs) or that a short walk from A reaches in the graph.
 *
 * 1. Postings of A's rare terms are walked into three accumulators; postings of very frequent terms (a
 *    `pruneBands` band, over the postings budget) are not walked but bounded per document by Cauchy–Schwarz
 *    (see `text-index.ts`). Graph features are exact after one walk (`graph.ts`).
 * 2. Each touched candidate gets a lower and an upper bound of its score from the feature intervals (then the
 *    monotone link and reciprocal). If the bounds leave so many candidates that verifying them would cost more
 *    than walking the bounded postings (`verifyCost`), the query walks every posting instead (flat text such as
 *    a random Zipf corpus, where Cauchy–Schwarz bounds are loose).
 * 3. The k best lower bounds are verified first (exact cosines by merging term lists) into a bounded heap, which
 *    gives a good k-th score at once; then every candidate whose upper bound still reaches it.
 * 4. Documents not touched at all can only score through bounded frequent terms, type prior and activity; they
 *    are scanned only when that global bound still reaches the k-th score.
 *
 * The result equals scoring every candidate exactly and sorting (score desc, id asc); tests check this.
 */
import type { Model } from './defaults.js';
import type { QueryContext } from './features.js';
import { graphFeatures, newFeatureRow, pairFeatures } from './features.js';
import { TopK } from './heap.js';
import { F, interest, link, reciprocal } from './score.js';
import { growFloat32, growFloat64 } from './forward-store.js';
import { accSlack, type Accumulation, type SparseVector } from './text-index.js';
import { TouchedSet } from './touched.js';

/** Slack added to bounds so that float rounding can never prune a document that ties the k-th score. */
const EPS = 1e-12;

export class RankWorkspace {
  /** Un-normalised dot products of the walks, float32 (read them through `accSlack`). */
  accTop = new Float32Array(0);
  accAB = new Float32Array(0);
  accBA = new Float32Array(0);
  readonly touched = new TouchedSet();
  /** Documents the offers→needs walk touched (the graph-first path keeps the two complement walks apart). */
  readonly touchedBA = new TouchedSet();
  /** Documents the graph-first path's profile walk touched. */
  readonly touchedTop = new TouchedSet();
  /** Candidates already scored exactly in this query. */
  readonly done = new TouchedSet();
  /** Activity act(v) per slot, filled by the engine after a graph build. */
  activity = new Float64Array(0);
  /**
   * The exact part of a graph candidate's bound (bias + prior + activity + graph features, per side), kept per slot
   * by the graph-first path's first pass so later bounds of the same query skip the graph features. Read only at
   * slots written in the same query.
   */
  zAB = new Float64Array(0);
  zBA = new Float64Array(0);
  /** All zero, never written: stands for an absent band's norms. */
  zeros = new Float64Array(0);
  private cand = new Int32Array(0);
  private ub = new Float64Array(0);

  /** Scratch for candidate slots and their upper bounds. */
  candidates(n: number): Int32Array {
    if (this.cand.length < n) this.cand = new Int32Array(Math.max(n, this.cand.length * 2));
    return this.cand;
  }

  upper(n: number): Float64Array {
    if (this.ub.length < n) this.ub = new Float64Array(Math.max(n, this.ub.length * 2));
    return this.ub;
  }

  fit(n: number): void {
    if (this.accTop.length >= n) return;
    this.touched.reset();
    this.touchedBA.reset();
    this.touchedTop.reset();
    this.done.reset();
    this.accTop = growFloat32(new Float32Array(0), n);
    this.accAB = growFloat32(new Float32Array(0), n);
    this.accBA = growFloat32(new Float32Array(0), n);
    this.zAB = growFloat64(new Float64Array(0), n);
    this.zBA = growFloat64(new Float64Array(0), n);
    this.zeros = growFloat64(new Float64Array(0), n);
  }

  reset(): void {
    this.touched.reset(this.accTop, this.accAB, this.accBA);
    this.touchedBA.reset(this.accBA);
    this.touchedTop.reset(this.accTop);
    this.done.reset();
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
  /** Counters to add this query's work to (for benchmarks). */
  readonly stats?: RankStats;
}

/** Work done by ranking queries, summed: how well the bounds prune. */
export interface RankStats {
  queries: number;
  postingsWalked: number;
  /** Candidates touched by postings or the graph walk, whose bounds were computed. */
  bounded: number;
  /** Candidates scored exactly. */
  verified: number;
  /** Queries that had to scan untouched documents. */
  scans: number;
  /** Queries whose bounds were too loose, so that they walked every posting after all. */
  fallbacks: number;
  /** Queries answered by the graph-first path (no profile postings walked). */
  graphFirst: number;
  /** Graph-first queries whose second complement walk was cut by the joint bound. */
  joint: number;
  /** Graph-first queries that walked the profile postings (T alone could reach θ). */
  profileWalks: number;
  /** Graph-first queries that also bounded every document no walk touched (`scanRest`). */
  graphFirstScans: number;
}

export function emptyRankStats(): RankStats {
  return { queries: 0, postingsWalked: 0, bounded: 0, verified: 0, scans: 0, fallbacks: 0, graphFirst: 0, joint: 0, profileWalks: 0, graphFirstScans: 0 };
}

export interface Ranked {
  readonly slot: number;
  readonly score: number;
  readonly ab: Float64Array;
  readonly ba: Float64Array;
}

/** Score of one candidate, exactly (`topical`, `cab`, `cba`: text cosines already known, see `pairFeatures`). */
export function scorePair(req: RankRequest, b: number, ab: Float64Array, ba: Float64Array, topical = NaN, cab = NaN, cba = NaN): number {
  pairFeatures(req.ctx, b, ab, ba, topical, cab, cba);
  return reciprocal(req.model, interest(req.model, req.weights, ab), interest(req.model, req.weights, ba));
}

/** Per-query constants of the bounds: one text pair (query field of A → target field of candidates). */
interface TextPair {
  readonly acc: Float32Array;
  /** 1/‖q‖ times the accumulator's slack `up`, and times its `down` (see `accSlack`). */
  readonly q: number;
  readonly qDown: number;
  /** 1/‖d‖ per slot of the target field. */
  readonly inv: Float64Array;
  /** Bounded bands: normalised query norm and the documents' normalised norms in that band. */
  readonly bq: readonly number[];
  readonly bn: readonly Float64Array[];
  /** Largest possible band bound of an untouched document. */
  readonly maxBand: number;
}

function textPair(req: RankRequest, acc: Float32Array, q: SparseVector, field: 'profile' | 'offers' | 'needs', walked: Accumulation): TextPair {
  const { norms, max } = req.ctx.index.bandNorms(field);
  const bq: number[] = [];
  const bn: Float64Array[] = [];
  let maxBand = 0;
  walked.boundedBandNorm.forEach((v, b) => {
    if (v > 0) {
      bq.push(v);
      bn.push(norms[b]!);
      maxBand += v * max[b]!;
    }
  });
  const { up, down } = accSlack(q);
  return { acc, q: q.invNorm * up, qDown: q.invNorm * down, inv: req.ctx.index.invNormArray(field), bq, bn, maxBand };
}

/**
 * Lower and upper bounds of the score of candidate c into out[0], out[1]. Text features lie in
 * [partial, partial + Σ_bands q_b·‖d_b‖] (partial = what the walked postings added); everything else is exact.
 */
class Bounds {
  private readonly gab = newFeatureRow();
  private readonly gba = newFeatureRow();
  private readonly w: Float64Array;
  private readonly graphIdx = [F.commonNeighbours, F.adamicAdar, F.resourceAllocation, F.ppr, F.katz];

  constructor(
    private readonly req: RankRequest,
    private readonly activity: Float64Array,
    readonly top: TextPair,
    readonly ab: TextPair,
    readonly ba: TextPair,
  ) {
    this.w = req.weights;
  }

  private static lo(p: TextPair, c: number): number {
    const v = p.acc[c]! * p.qDown * p.inv[c]! - EPS;
    return v > 0 ? v : 0;
  }

  private static hi(p: TextPair, c: number): number {
    let v = p.acc[c]! * p.q * p.inv[c]! + EPS;
    for (let j = 0; j < p.bq.length; j++) v += p.bq[j]! * p.bn[j]![c]!;
    return v < 1 ? v : 1;
  }

  /** Bounds of a candidate; `reached`: the graph walk reached it (else its graph features are 0). */
  of(c: number, reached: boolean, out: Float64Array): void {
    const { req, w } = this;
    const { ctx, model } = req;
    const a = ctx.a;
    let gAB = 0;
    let gBA = 0;
    if (reached) {
      graphFeatures(ctx, c, this.gab, this.gba);
      for (const i of this.graphIdx) {
        gAB += w[i]! * this.gab[i]!;
        gBA += w[i]! * this.gba[i]!;
      }
    }
    const prior = ctx.prior[ctx.types[a]! * ctx.typeCount + ctx.types[c]!]!;
    const fixedAB = model.bias + w[F.typePrior]! * prior + w[F.activity]! * (this.activity[c] ?? 0) + gAB;
    const fixedBA = model.bias + w[F.typePrior]! * prior + w[F.activity]! * (this.activity[a] ?? 0) + gBA;
    const wt = w[F.topical]!;
    const wc = w[F.complementarity]!;
    const tLo = Bounds.lo(this.top, c);
    const tHi = Bounds.hi(this.top, c);
    const abLo = Bounds.lo(this.ab, c);
    const abHi = Bounds.hi(this.ab, c);
    const baLo = Bounds.lo(this.ba, c);
    const baHi = Bounds.hi(this.ba, c);
    const upAB = fixedAB + (wt >= 0 ? wt * tHi : wt * tLo) + (wc >= 0 ? wc * abHi : wc * abLo);
    const upBA = fixedBA + (wt >= 0 ? wt * tHi : wt * tLo) + (wc >= 0 ? wc * baHi : wc * baLo);
    const loAB = fixedAB + (wt >= 0 ? wt * tLo : wt * tHi) + (wc >= 0 ? wc * abLo : wc * abHi);
    const loBA = fixedBA + (wt >= 0 ? wt * tLo : wt * tHi) + (wc >= 0 ? wc * baLo : wc * baHi);
    out[0] = reciprocal(model, link(model, loAB), link(model, loBA)) - EPS;
    out[1] = reciprocal(model, link(model, upAB), link(model, upBA)) + EPS;
  }

  /** Upper bound of any document the text walks and the graph walk did not touch. */
  untouchedCeiling(): number {
    const { req, w } = this;
    const { ctx, model } = req;
    const row = ctx.types[ctx.a]! * ctx.typeCount;
    let prior = -Infinity;
    for (let t = 0; t < ctx.typeCount; t++) prior = Math.max(prior, w[F.typePrior]! * ctx.prior[row + t]!);
    const act = Math.max(0, w[F.activity]!);
    const wt = Math.max(0, w[F.topical]!);
    const wc = Math.max(0, w[F.complementarity]!);
    const t = Math.min(1, this.top.maxBand + EPS);
    const zab = model.bias + prior + act + wt * t + wc * Math.min(1, this.ab.maxBand + EPS);
    const zba = model.bias + prior + w[F.activity]! * (this.activity[ctx.a] ?? 0) + wt * t + wc * Math.min(1, this.ba.maxBand + EPS);
    return reciprocal(model, link(model, zab), link(model, zba)) + EPS;
  }
}

/** The exact top-k of A's candidates (see the module comment): graph-first when it can prove it, else in general. */
export function rankCandidates(req: RankRequest, ws: RankWorkspace): Ranked[] {
  return rankGraphFirst(req, ws) ?? rankGeneral(req, ws);
}

/**
 * Graph-first ranking, exact, for queries whose graph neighbourhood sets a high enough k-th score. Profile
 * postings are walked only when T alone could reach θ (step 2); otherwise topical similarity T is bounded by
 * [0, 1] until a candidate's cosine is computed.
 *
 * 1. Graph-reached candidates get bounds (graph features, type prior and activity exact; text in its range); the
 *    k best lower bounds are scored exactly, which gives the threshold θ. When fewer than k graph candidates are
 *    allowed (a newcomer, a small neighbourhood), the documents the complement walks touch with the largest
 *    (Cab + δ)·(Cba + δ) are scored too (text-seeded): first from the heads of the impact-ordered lists (postings
 *    worth ≥ `SEED_HEAD` of their term's largest contribution), after which the query goes on as any other; from
 *    both fields walked whole when the heads touch too few documents or set too low a θ for step 2 (step 3 is
 *    then done already, rest = 0).
 * 2. A document outside the graph has no graph features, so its score is at most a ceiling from the largest type
 *    prior, activity ≤ 1, T ≤ 1 and its complementarities. A document outside the graph needs Cab ≥ cabMin (the
 *    least value whose ceiling, with Cba = 1, reaches θ) and likewise Cba ≥ cbaMin. When both minima are 0, T
 *    alone may reach θ: the profile postings of A's rarer terms are walked and its frequent bands bounded per
 *    document (Cauchy–Schwarz), which bounds T ≤ tU for every document that walk did not touch. Such a document
 *    with Cab < x and Cba < x stays below θ when ceiling(tU, x, x) < θ: the largest such x, `eitherMin`, is the
 *    budget of both complement walks. When even x = 0 reaches θ (a document no walk touches could still reach
 *    it), both complement walks go whole and step 4 also bounds every document no walk touched, by its own band
 *    norms (`scanRest`); without a profile walk (topical weight ≤ 0) this path gives up (`undefined`) and the
 *    general path runs.
 * 3. Cut walks of each complement field (`essentialTerms`): the query term i can add at most
 *    m_i = q̂_i·max_d ŵ(d,t_i) to a cosine; a budget below cabMin (or eitherMin) is spent on leaving out whole
 *    terms (MaxScore) or the low-impact tail of long lists (their lists are in impact order), and what was left
 *    out, `rest`, is added to every upper bound: a document reaching cabMin must have a walked posting. With
 *    cabMin ≤ 0 on both sides a document needs a posting in one of the three walks. When a minimum is positive,
 *    the walks are joint: that side is walked first, and since a document it touched has Cab ≤ u(d) (its walked
 *    part + rest), all but the `jointHigh` largest u(d) (set apart, `high`) have Cab ≤ u, so they need
 *    Cba ≥ least{y : ceiling(1, u, y) ≥ θ}, a larger minimum than cbaMin: the second walk is cut by it.
 * 4. Graph candidates whose upper bound reaches the current k-th score, then the documents the walks touched
 *    (both walks, or `high`, when a minimum was positive), get their exact complementarities when a walk was cut
 *    (two merges of short lists), then their topical cosine (one merge of long lists) and, when the tighter
 *    bound still reaches the k-th score, their exact score.
 *
 * Pruned documents have an upper bound below a k-th score that only grows, so the result equals exhaustive
 * scoring (score desc, id asc).
 */
function rankGraphFirst(req: RankRequest, ws: RankWorkspace, heads = true): Ranked[] | undefined {
  const { ctx, k, allow, model } = req;
  const { index, a } = ctx;
  const gt = ctx.walk.touched;
  const n = index.slotCount;
  ws.fit(n);
  ws.reset();
  const w = req.weights;
  const accAB = ws.accAB;
  const accBA = ws.accBA;
  const accTop = ws.accTop;
  // 1/‖q‖ with the accumulators' slack (`accSlack`): acc·q·inv is an upper bound of the walked part of a cosine,
  // and times `down` (ratio of down to up) a lower bound
  const slackAB = accSlack(ctx.needs);
  const slackBA = accSlack(ctx.offers);
  const slackT = accSlack(ctx.profile);
  const qAB = ctx.needs.invNorm * slackAB.up;
  const qBA = ctx.offers.invNorm * slackBA.up;
  const qT = ctx.profile.invNorm * slackT.up;
  const downAB = slackAB.down / slackAB.up;
  const downBA = slackBA.down / slackBA.up;
  const downT = slackT.down / slackT.up;
  const invProfile = index.invNormArray('profile');
  const invOffers = index.invNormArray('offers');
  const invNeeds = index.invNormArray('needs');
  const activity = ws.activity;
  const wt = w[F.topical]!;
  const wc = w[F.complementarity]!;
  const wp = w[F.typePrior]!;
  const wa = w[F.activity]!;
  const tHi = wt > 0 ? wt : 0;
  const rowA = ctx.types[a]! * ctx.typeCount;
  const actA = activity[a] ?? 0;
  const graphIdx = [F.commonNeighbours, F.adamicAdar, F.resourceAllocation, F.ppr, F.katz];
  const gab = newFeatureRow();
  const gba = newFeatureRow();
  // what the complement walks leave unknown: Cab ∈ [walked, walked + restAB] (restAB = 1 before any walk)
  let restAB = 1;
  let restBA = 1;
  let restT = 1;
  // frequent profile bands bounded per document: T(d) ≤ walked part + restT + Σ_j bandQ[j]·bandN[j][d]
  const bandQ: number[] = [];
  const bandN: Float64Array[] = [];
  // the same sum unrolled for up to three bands (absent ones add 0·0, which leaves the sum as it is)
  const none = ws.zeros;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let n0: Float64Array = none;
  let n1: Float64Array = none;
  let n2: Float64Array = none;
  const tRest =
    index.bands <= 3
      ? (c: number) => restT + q0 * n0[c]! + q1 * n1[c]! + q2 * n2[c]!
      : (c: number) => {
          let v = restT;
          for (let j = 0; j < bandQ.length; j++) v += bandQ[j]! * bandN[j]![c]!;
          return v;
        };
  let bounded = 0;
  /** Complementarities of the candidate being refined (`bound(…, exact = true)` reads them). */
  let xab = 0;
  let xba = 0;
  const zAB = ws.zAB;
  const zBA = ws.zBA;
  /** Whether zAB, zBA hold every allowed graph candidate's exact part (after step 1). */
  let zKept = false;
  /**
   * out[0], out[1] = lower and upper bound of the score of c: topical cosine `t` when known, else in its range;
   * with `exact`, the complementarities are the cosines in xab, xba instead of the walked parts plus what the
   * walks left out.
   */
  const bound = (c: number, reached: boolean, out: Float64Array, t?: number, exact = false) => {
    bounded++;
    let zab: number;
    let zba: number;
    if (reached && zKept) {
      zab = zAB[c]!;
      zba = zBA[c]!;
    } else {
      const prior = wp * ctx.prior[rowA + ctx.types[c]!]!;
      zab = model.bias + prior + wa * (activity[c] ?? 0);
      zba = model.bias + prior + wa * actA;
      if (reached) {
        graphFeatures(ctx, c, gab, gba);
        for (const i of graphIdx) {
          zab += w[i]! * gab[i]!;
          zba += w[i]! * gba[i]!;
        }
        zAB[c] = zab;
        zBA[c] = zba;
      }
    }
    const cab = exact ? xab : accAB[c]! * qAB * invOffers[c]!;
    const cba = exact ? xba : accBA[c]! * qBA * invNeeds[c]!;
    const leftAB = exact ? 0 : restAB;
    const leftBA = exact ? 0 : restBA;
    const cabLo = (exact ? cab : cab * downAB) - EPS;
    const cbaLo = (exact ? cba : cba * downBA) - EPS;
    const abLo = cabLo > 0 ? cabLo : 0;
    const abHi = cab + leftAB + EPS < 1 ? cab + leftAB + EPS : 1;
    const baLo = cbaLo > 0 ? cbaLo : 0;
    const baHi = cba + leftBA + EPS < 1 ? cba + leftBA + EPS : 1;
    let lo: number;
    let hi: number;
    if (t === undefined && restT >= 1) {
      // no profile walk: T ∈ [0, 1]
      lo = wt >= 0 ? 0 : wt;
      hi = wt >= 0 ? wt : 0;
    } else if (t === undefined) {
      const part = accTop[c]! * qT * invProfile[c]!;
      const tl = part * downT - EPS > 0 ? part * downT - EPS : 0;
      const up = part + tRest(c) + EPS;
      const th = up < 1 ? up : 1;
      lo = wt >= 0 ? wt * tl : wt * th;
      hi = wt >= 0 ? wt * th : wt * tl;
    } else {
      lo = wt * t - EPS;
      hi = wt * t + EPS;
    }
    out[0] = reciprocal(model, link(model, zab + lo + (wc >= 0 ? wc * abLo : wc * abHi)), link(model, zba + lo + (wc >= 0 ? wc * baLo : wc * baHi))) - EPS;
    out[1] = reciprocal(model, link(model, zab + hi + (wc >= 0 ? wc * abHi : wc * abLo)), link(model, zba + hi + (wc >= 0 ? wc * baHi : wc * baLo))) + EPS;
  };

  // 1. graph-reached candidates; the k best lower bounds set the threshold
  const cands = ws.candidates(gt.size);
  const out = new Float64Array(2);
  const lbBest = new TopK(k, req.idOf);
  let m = 0;
  for (let i = 0; i < gt.size; i++) {
    const c = gt.list[i]!;
    if (c === a || !allow(c)) continue;
    bound(c, true, out);
    lbBest.offer(c, out[0]!);
    cands[m++] = c;
  }
  zKept = true;
  // Too few graph candidates for a threshold: the documents the complement walks touch compete for the first k
  // too (text-seeded). First only the heads of the impact-ordered lists are walked (postings worth at least half
  // their term's largest contribution): when they give enough seeds, the query goes on as any other, cut by the θ
  // the seeds set (and when that θ proves too low, step 3 starts over with the whole walks). Else both complement
  // fields are walked whole (exact Cab, Cba; the walks of step 3 are then not needed).
  let walked = 0;
  let seeded = false;
  let textBest = new TopK(k, req.idOf);
  const maxOffers = index.maxWeightArray('offers');
  const maxNeeds = index.maxWeightArray('needs');
  const headSeeded = !lbBest.full && heads;
  if (headSeeded) {
    const head = (q: SparseVector, maxWeight: Float64Array) => Float64Array.from(q.terms, (t, i) => SEED_HEAD * q.weights[i]! * q.invNorm * maxWeight[t]!);
    walked =
      index.accumulateSelected(ctx.needs, 'offers', accAB, ws.touched, head(ctx.needs, maxOffers)) +
      index.accumulateSelected(ctx.offers, 'needs', accBA, ws.touchedBA, head(ctx.offers, maxNeeds));
    textBest = new TopK(k * HEAD_SEEDS, req.idOf);
    pickSeeds(ctx, req, ws, textBest);
    ws.touched.reset(accAB);
    ws.touchedBA.reset(accBA);
  }
  if (!lbBest.full && (!headSeeded || lbBest.size + textBest.size < k)) {
    seeded = true;
    walked +=
      index.accumulateSelected(ctx.needs, 'offers', accAB, ws.touched, new Float64Array(ctx.needs.terms.length)) +
      index.accumulateSelected(ctx.offers, 'needs', accBA, ws.touchedBA, new Float64Array(ctx.offers.terms.length));
    restAB = 0;
    restBA = 0;
    textBest = new TopK(k, req.idOf);
    pickSeeds(ctx, req, ws, textBest);
    if (lbBest.size + textBest.size < k) return undefined;
  }
  const heap = new TopK(k, req.idOf);
  const ab = newFeatureRow();
  const ba = newFeatureRow();
  const done = ws.done;
  done.reserve(n);
  let verified = 0;
  const rows = new Map<number, Rows>();
  const verify = (c: number, topical = NaN, cab = NaN, cba = NaN) => {
    done.add(c);
    const score = scorePair(req, c, ab, ba, topical, cab, cba);
    if (!heap.full || score >= heap.threshold) rows.set(c, { ab: ab.slice(), ba: ba.slice() });
    heap.offer(c, score);
    verified++;
  };
  for (const { slot } of lbBest.sorted()) verify(slot);
  for (const { slot } of textBest.sorted()) verify(slot);

  // 2. ceilings of documents outside the graph, and the complementarity each one needs
  let maxPrior = -Infinity;
  for (let t = 0; t < ctx.typeCount; t++) maxPrior = Math.max(maxPrior, wp * ctx.prior[rowA + t]!);
  const kab = model.bias + maxPrior + Math.max(0, wa);
  const kba = model.bias + maxPrior + wa * actA;
  const cUp = Math.max(0, wc);
  /** Score ceiling of a document outside the graph with T ≤ xt, Cab ≤ xab, Cba ≤ xba. */
  const ceiling = (xt: number, xab: number, xba: number) =>
    reciprocal(model, link(model, kab + tHi * xt + cUp * xab), link(model, kba + tHi * xt + cUp * xba)) + EPS;
  const theta = heap.threshold;
  const cabMin = least((x) => ceiling(1, x, 1) >= theta);
  const cbaMin = least((x) => ceiling(1, 1, x) >= theta);
  const needsProfile = cabMin <= 0 && cbaMin <= 0;

  // 3. the profile walk when T alone may reach θ, then the complement walks, MaxScore-pruned
  let walkedTop = 0;
  /** Complementarity a document outside every walk may still have (each side), when neither minimum is positive. */
  let eitherMin = 0;
  /** T of a document the profile walk did not touch is at most tU (1 without a profile walk). */
  let tU = 1;
  /** Whether step 4 also bounds the documents no walk touched (when the global ceiling of such a document reaches θ). */
  let scanRest = false;
  if (needsProfile) {
    // Neither complementarity is needed, so a document may reach θ through T alone. The profile postings of
    // A's rarer terms are walked, frequent bands bounded per document by Cauchy–Schwarz (see `text-index.ts`):
    // T(d) ≤ walked part + Σ_b ‖q_b‖·‖ŵ_b(d)‖, and ≤ tU = Σ_b ‖q_b‖·max_d ‖ŵ_b(d)‖ for a document it did not touch.
    tU = 0;
    if (tHi > 0) {
      const walkT = index.accumulate(ctx.profile, 'profile', accTop, ws.touchedTop, req.budget);
      walkedTop = walkT.postingsWalked;
      restT = 0;
      const { norms, max } = index.bandNorms('profile');
      let untouched = 0;
      walkT.boundedBandNorm.forEach((v, b) => {
        if (v <= 0) return;
        bandQ.push(v);
        bandN.push(norms[b]!);
        untouched += v * max[b]!;
      });
      [q0, q1, q2] = [bandQ[0] ?? 0, bandQ[1] ?? 0, bandQ[2] ?? 0];
      [n0, n1, n2] = [bandN[0] ?? none, bandN[1] ?? none, bandN[2] ?? none];
      tU = untouched + EPS < 1 ? untouched + EPS : 1;
    }
    // A document no walk touches has T ≤ tU, Cab < x and Cba < x when both complement walks leave out less than x
    // (rest < x): it stays below θ when ceiling(tU, x, x) < θ. The largest such x is the budget of both walks;
    // when even x = 0 reaches θ, a document no walk touches could reach it: see `scanRest`.
    eitherMin = least((x) => ceiling(tU, x, x) >= heap.threshold);
    if (eitherMin <= 0) {
      // (seeds from the lists' heads may set a lower θ than seeds from whole walks: then those first)
      if (headSeeded) return rankGraphFirst(req, ws, false);
      if (restT > 0) return undefined;
      // Some document no walk touches may still reach θ through its frequent profile terms alone: both complement
      // walks go whole (exact Cab, Cba; 0 for a document they miss) and step 4 bounds every other document too.
      scanRest = true;
      eitherMin = 0;
    }
    if (eitherMin > 1) eitherMin = 1;
  }
  /** Documents of the first walk visited whatever the second walk finds (see the joint cut below). */
  let high: readonly { slot: number }[] = [];
  /** Which touched documents step 4 visits: 'ab'/'ba' = the first walk's, those the other walk touched or in `high`. */
  let firstWalk: 'ab' | 'ba' | undefined;
  /** The joint cut's minimum of the second walk's complementarity (≤ 0: a document the second walk missed may still reach θ). */
  let secondMin = 0;
  if (!seeded) {
    const aboveAB = (i: number, cut: number) => index.postingsAbove(ctx.needs, 'offers', i, cut);
    const aboveBA = (i: number, cut: number) => index.postingsAbove(ctx.offers, 'needs', i, cut);
    if (needsProfile) {
      const walkAB = essentialTerms(ctx.needs, maxOffers, eitherMin, aboveAB);
      const walkBA = essentialTerms(ctx.offers, maxNeeds, eitherMin, aboveBA);
      walked =
        index.accumulateSelected(ctx.needs, 'offers', accAB, ws.touched, walkAB.cut) +
        index.accumulateSelected(ctx.offers, 'needs', accBA, ws.touchedBA, walkBA.cut);
      restAB = walkAB.rest;
      restBA = walkBA.rest;
    } else {
      // Joint cut. A document outside the graph must reach both minima; the side with a positive minimum (of
      // two, the one whose cut walk visits fewer postings) is walked first. Every document it did not touch stays
      // below θ; a touched one has Cab ≤ u(d) = walked part + rest. Of those, the `jointHigh` largest u(d) are set
      // apart (`high`, visited in any case); every other has u(d) ≤ u, the least of them, so it reaches θ only
      // with Cba ≥ least{y : ceiling(1, u, y) ≥ θ} — a larger minimum than cbaMin (which took Cab = 1), i.e. a
      // deeper cut of the second walk. (Written for AB first; BA first is the mirror image.)
      const planAB = essentialTerms(ctx.needs, maxOffers, cabMin, aboveAB);
      const planBA = essentialTerms(ctx.offers, maxNeeds, cbaMin, aboveBA);
      const abFirst = cabMin > 0 && (cbaMin <= 0 || planAB.postings <= planBA.postings);
      firstWalk = abFirst ? 'ab' : 'ba';
      const first = abFirst ? planAB : planBA;
      const [fq, fField, fAcc, fTouched, fInv] = abFirst
        ? ([ctx.needs, 'offers', accAB, ws.touched, invOffers] as const)
        : ([ctx.offers, 'needs', accBA, ws.touchedBA, invNeeds] as const);
      walked = index.accumulateSelected(fq, fField, fAcc, fTouched, first.cut);
      const fNorm = abFirst ? qAB : qBA;
      const secondPlan = abFirst ? planBA : planAB;
      const top = new TopK(Math.max(1, index.options.jointHigh), req.idOf);
      let floor = -Infinity;
      const consider = (c: number) => {
        if (c === a || gt.has(c)) return;
        const v = fAcc[c]! * fNorm * fInv[c]!;
        // a tie with the least kept value changes nothing (u stays the same): no id comparison needed
        if (v > floor) {
          top.offer(c, v);
          if (top.full) floor = top.threshold;
        }
      };
      // The scan costs about a posting per touched document; when the second walk as planned is not longer, it
      // cannot save more than it costs: u = 1 (nothing set apart) leaves that plan as it is.
      const scan = secondPlan.postings > fTouched.size;
      if (!scan) floor = Infinity;
      else if (fTouched.size > n >> 4) {
        for (let c = 0; c < n; c++) if (fAcc[c] !== 0) consider(c);
      } else {
        for (let i = 0; i < fTouched.size; i++) consider(fTouched.list[i]!);
      }
      high = top.sorted();
      const u = !scan ? 1 : top.full ? top.threshold + first.rest + EPS : 0;
      secondMin = least((y) => (abFirst ? ceiling(1, u < 1 ? u : 1, y) : ceiling(1, y, u < 1 ? u : 1)) >= heap.threshold);
      const second = !scan
        ? secondPlan
        : abFirst
          ? essentialTerms(ctx.offers, maxNeeds, secondMin, aboveBA)
          : essentialTerms(ctx.needs, maxOffers, secondMin, aboveAB);
      walked += abFirst
        ? index.accumulateSelected(ctx.offers, 'needs', accBA, ws.touchedBA, second.cut)
        : index.accumulateSelected(ctx.needs, 'offers', accAB, ws.touched, second.cut);
      restAB = abFirst ? first.rest : second.rest;
      restBA = abFirst ? second.rest : first.rest;
    }
  }

  // 4. verification
  // A candidate whose bound reaches the k-th score: when the complement walks were cut, its complementarities
  // first (two merges of short need and offer lists), then its topical cosine (a merge of two long profiles).
  // The cosines computed here are handed to the verification, which would otherwise merge the same lists again.
  const refine = (c: number, reached: boolean) => {
    const exact = restAB > 0 || restBA > 0;
    if (exact) {
      xab = index.cosine(ctx.needs, 'offers', c);
      xba = index.cosine(ctx.offers, 'needs', c);
      bound(c, reached, out, undefined, true);
      if (out[1]! < heap.threshold) return;
    }
    let topical = NaN;
    if (wt !== 0) {
      topical = index.cosine(ctx.profile, 'profile', c);
      bound(c, reached, out, topical, exact);
      if (out[1]! < heap.threshold) return;
    }
    if (exact) verify(c, topical, xab, xba);
    else verify(c, topical);
  };
  for (let i = 0; i < m; i++) {
    const c = cands[i]!;
    if (done.has(c)) continue;
    bound(c, true, out);
    if (out[1]! >= heap.threshold) refine(c, true);
  }
  // Necessary for a document outside the graph (the ceiling is monotone, and θ only grows): Cab ≥ cabMin and
  // Cba ≥ cbaMin, i.e. walked part ≥ (minimum − rest)/(q·inv) — two products and comparisons per document
  // before the ceiling.
  const needAB = (cabMin - restAB - EPS) / qAB;
  const needBA = (cbaMin - restBA - EPS) / qBA;
  /**
   * `ceiling` with the document's own type prior and activity instead of their maxima: the upper end of
   * `bound(c, false, …)` for T ≤ xt, Cab ≤ xab, Cba ≤ xba, summed in the same order (so never below it).
   */
  const ownCeiling = (c: number, xt: number, xab: number, xba: number) => {
    const prior = wp * ctx.prior[rowA + ctx.types[c]!]!;
    const zab = model.bias + prior + wa * (activity[c] ?? 0);
    const zba = model.bias + prior + wa * actA;
    return reciprocal(model, link(model, zab + tHi * xt + cUp * xab), link(model, zba + tHi * xt + cUp * xba)) + EPS;
  };
  const visit = (c: number) => {
    if (c === a || gt.has(c) || done.has(c)) return;
    if (accAB[c]! * invOffers[c]! < needAB || accBA[c]! * invNeeds[c]! < needBA) return;
    // the ceiling with this document's text bounds first: most documents stop here
    let cab = accAB[c]! * qAB * invOffers[c]! + restAB + EPS;
    let cba = accBA[c]! * qBA * invNeeds[c]! + restBA + EPS;
    if (cab > 1) cab = 1;
    if (cba > 1) cba = 1;
    let tt = 1;
    if (restT < 1) {
      // one the profile walk did not touch has T ≤ tU: that ceiling first, without reading its band norms
      if (accTop[c] === 0 && ownCeiling(c, tU, cab, cba) < heap.threshold) return;
      const v = accTop[c]! * qT * invProfile[c]! + tRest(c) + EPS;
      if (v < 1) tt = v;
    }
    // this is the upper end of the document's bound (`bound(c, false, …)`), which therefore need not be computed
    bounded++;
    if (ownCeiling(c, tt, cab, cba) < heap.threshold || !allow(c)) return;
    refine(c, false);
  };
  /**
   * A document no walk touched (with `scanRest`: the complement walks were whole, so Cab = Cba = 0): T ≤ Σ_j
   * bandQ[j]·bandN[j][d] from its frequent profile terms; its own bound first, then its cosine. Sharing no term
   * with A (T = 0), it is not a candidate at all.
   */
  const untouched = (c: number) => {
    if (c === a || gt.has(c) || done.has(c) || !index.has(c)) return;
    const tt = tRest(c) + EPS;
    if (ceiling(tt < 1 ? tt : 1, 0, 0) < heap.threshold) return;
    bound(c, false, out);
    if (out[1]! < heap.threshold || !allow(c)) return;
    const topical = index.cosine(ctx.profile, 'profile', c);
    if (topical === 0) return;
    bound(c, false, out, topical);
    if (out[1]! >= heap.threshold) verify(c, topical, 0, 0);
  };
  const tAB = ws.touched;
  const tBA = ws.touchedBA;
  // Touched lists are in postings order, i.e. scattered over the slots. When they hold a large share of the
  // documents, one pass in slot order over the accumulators finds the same documents (a walked posting is never
  // worth 0, so acc[d] ≠ 0 ⇔ d was touched) and reads every per-slot array in order. The order of visits changes
  // which candidates get verified on the way, never the result (the heap orders by score, then id).
  /** Visits the documents both complement walks touched. */
  const visitBoth = () => {
    if (tAB.size + tBA.size > n >> 3) {
      for (let c = 0; c < n; c++) if (accAB[c] !== 0 && accBA[c] !== 0) visit(c);
    } else {
      // the shorter list, each document looked up in the other walk's sums
      const [list, size, other] = tAB.size <= tBA.size ? [tAB.list, tAB.size, accBA] : [tBA.list, tBA.size, accAB];
      for (let i = 0; i < size; i++) if (other[list[i]!] !== 0) visit(list[i]!);
    }
  };
  /** Visits every document one complement walk touched. */
  const visitAll = (t: TouchedSet, acc: Float32Array) => {
    if (t.size > n >> 3) {
      for (let c = 0; c < n; c++) if (acc[c] !== 0) visit(c);
    } else {
      for (let i = 0; i < t.size; i++) visit(t.list[i]!);
    }
  };
  if (firstWalk !== undefined) {
    // the joint cut: the first walk's documents that the second walk touched, and the set-apart ones
    for (const { slot } of high) visit(slot);
    // (the second walk was whole and Cba = 0 may still reach θ: every document of the first walk)
    if (!(secondMin > 0)) visitAll(firstWalk === 'ab' ? tAB : tBA, firstWalk === 'ab' ? accAB : accBA);
    else visitBoth();
  } else if (cabMin > 0 || cbaMin > 0) {
    // the text-seeded path (whole walks, so no joint cut): the documents a positive minimum needs
    if (cabMin > 0 && cbaMin > 0) visitBoth();
    else if (cabMin > 0) visitAll(tAB, accAB);
    else visitAll(tBA, accBA);
  } else {
    // Either complementarity, or T alone (a document no walk touched stays below θ, checked above). A document
    // touched by one complement walk only has T ≤ tU and the other complementarity ≤ that walk's rest, so it needs
    // its own above a minimum fixed for the query (θ only grows): one product decides most of them.
    const capAB = restAB + EPS < 1 ? restAB + EPS : 1;
    const capBA = restBA + EPS < 1 ? restBA + EPS : 1;
    const aloneAB = (least((x) => ceiling(tU, x, capBA) >= heap.threshold) - restAB - EPS) / qAB;
    const aloneBA = (least((y) => ceiling(tU, capAB, y) >= heap.threshold) - restBA - EPS) / qBA;
    const consider = (c: number, x: number, y: number) => {
      if (accTop[c] === 0) {
        if (y === 0) {
          if (x * invOffers[c]! < aloneAB) return;
        } else if (x === 0 && y * invNeeds[c]! < aloneBA) return;
      }
      visit(c);
    };
    if (scanRest || tAB.size + tBA.size + ws.touchedTop.size > n >> 3) {
      // In slot order: `consider` and `visit` in one loop, each slot's sums read once. θ is read again only after
      // a candidate was scored (it changes nowhere else); an older θ is lower, so it never prunes more.
      const walkedT = restT < 1;
      let theta = heap.threshold;
      for (let c = 0; c < n; c++) {
        const x = accAB[c]!;
        const y = accBA[c]!;
        const z = accTop[c]!;
        if (x === 0 && y === 0 && z === 0) {
          if (scanRest) {
            untouched(c);
            theta = heap.threshold;
          }
          continue;
        }
        const io = invOffers[c]!;
        const ie = invNeeds[c]!;
        if (z === 0) {
          if (y === 0) {
            if (x * io < aloneAB) continue;
          } else if (x === 0 && y * ie < aloneBA) continue;
        }
        if (c === a || gt.has(c) || done.has(c) || x * io < needAB || y * ie < needBA) continue;
        let cab = x * qAB * io + restAB + EPS;
        let cba = y * qBA * ie + restBA + EPS;
        if (cab > 1) cab = 1;
        if (cba > 1) cba = 1;
        let tt = 1;
        if (walkedT) {
          if (z === 0 && ownCeiling(c, tU, cab, cba) < theta) continue;
          const v = z * qT * invProfile[c]! + tRest(c) + EPS;
          if (v < 1) tt = v;
        }
        bounded++;
        if (ownCeiling(c, tt, cab, cba) < theta || !allow(c)) continue;
        refine(c, false);
        theta = heap.threshold;
      }
    } else {
      const tT = ws.touchedTop;
      for (let i = 0; i < tAB.size; i++) consider(tAB.list[i]!, accAB[tAB.list[i]!]!, accBA[tAB.list[i]!]!);
      for (let i = 0; i < tBA.size; i++) if (accAB[tBA.list[i]!] === 0) consider(tBA.list[i]!, 0, accBA[tBA.list[i]!]!);
      for (let i = 0; i < tT.size; i++) if (accAB[tT.list[i]!] === 0 && accBA[tT.list[i]!] === 0) visit(tT.list[i]!);
    }
  }

  const st = req.stats;
  if (st !== undefined) {
    st.queries++;
    st.graphFirst++;
    if (firstWalk !== undefined) st.joint++;
    if (restT < 1) st.profileWalks++;
    if (scanRest) st.graphFirstScans++;
    st.postingsWalked += walked + walkedTop;
    st.bounded += bounded;
    st.verified += verified;
  }
  return finish(ctx, heap, rows);
}

/** Share of a term's largest contribution that a posting must reach to be walked for seeds (see `rankGraphFirst`). */
const SEED_HEAD = 0.5;

/**
 * Seeds scored from the heads, per result asked for. Their stand-in ((Cab + δ)·(Cba + δ) of partial sums) ranks
 * loosely, so scoring 4k instead of k (a few µs each) sets a higher first θ and cuts every later walk deeper: at
 * 100k documents p99 12.1 → 11.3 ms and 12.9 → 11.6 ms in two paired runs (mean −3 %).
 */
const HEAD_SEEDS = 4;

/**
 * Offers the documents the complement walks touched (accAB, accBA with ws.touched, ws.touchedBA) to `best`, outside
 * A's graph neighbourhood and allowed. Which documents are scored first only sets the first θ, never the result,
 * so instead of bounding every touched document (~100k calls at 100k documents) they are ranked by a stand-in for
 * the lower bound: (Cab + δ)·(Cba + δ), δ = 1/16 (both complementarities count, as in the reciprocal score; one
 * alone still ranks), from what the walks added.
 */
function pickSeeds(ctx: QueryContext, req: RankRequest, ws: RankWorkspace, best: TopK): void {
  const { index, a } = ctx;
  const { accAB, accBA } = ws;
  const gt = ctx.walk.touched;
  const qa = ctx.needs.invNorm;
  const qb = ctx.offers.invNorm;
  const invOffers = index.invNormArray('offers');
  const invNeeds = index.invNormArray('needs');
  const seed = (c: number) => {
    const p = (accAB[c]! * qa * invOffers[c]! + 0.0625) * (accBA[c]! * qb * invNeeds[c]! + 0.0625);
    if (best.full && !(p > best.threshold)) return;
    if (c === a || gt.has(c) || !req.allow(c)) return;
    best.offer(c, p);
  };
  const n = index.slotCount;
  if (ws.touched.size + ws.touchedBA.size > n >> 3) {
    // many documents: in slot order (see the visits in step 4)
    for (let c = 0; c < n; c++) if (accAB[c] !== 0 || accBA[c] !== 0) seed(c);
  } else {
    for (let i = 0; i < ws.touched.size; i++) seed(ws.touched.list[i]!);
    for (let i = 0; i < ws.touchedBA.size; i++) if (accAB[ws.touchedBA.list[i]!] === 0) seed(ws.touchedBA.list[i]!);
  }
}

/**
 * The least x ∈ [0, 1] (to 2⁻⁴⁰, rounded down) with reaches(x), for a monotone predicate; 0 when reaches(0) and
 * Infinity when not even reaches(1). Rounding down keeps it a safe minimum.
 */
function least(reaches: (x: number) => boolean): number {
  if (reaches(0)) return 0;
  if (!reaches(1)) return Infinity;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Steps in which `essentialTerms` hands out the budget of cuts. */
const CUT_STEPS = 32;

/**
 * Which postings of a query vector a walk must visit so that every document whose cosine with q can reach `min`
 * is touched. Term i can add at most m_i = q_i/‖q‖ · maxWeight[t_i] to a cosine; a cut δ_i ∈ [0, m_i) walks only
 * its postings adding at least δ_i (δ_i ≥ m_i: none, cut = ∞).
 *
 * - Without `above` (a field not in impact order), MaxScore: the terms with the smallest m_i are left out whole
 *   while their sum stays below `min`; the others are walked whole.
 * - With `above(i, δ)` (postings term i keeps under cut δ), the budget min is handed out in `CUT_STEPS` equal
 *   steps, each to the term whose cut saves the most postings per unit of budget (a step that reaches m_i leaves
 *   the term out and costs only m_i − δ_i).
 *
 * A document whose every posting was left out has a cosine < Σ_i min(δ_i, m_i) = `rest` < min; a touched one has
 * a cosine ≤ what its walked postings added + `rest`. With min ≤ 0 every posting is walked (rest = 0). `postings`:
 * how many postings the walk will visit (by `above`; NaN without it).
 */
function essentialTerms(
  q: SparseVector,
  maxWeight: Float64Array,
  min: number,
  above?: (i: number, cut: number) => number,
): { cut: Float64Array; rest: number; postings: number } {
  const len = q.terms.length;
  const cut = new Float64Array(len);
  if (!(min > 0) || len === 0) {
    let postings = 0;
    if (above !== undefined) for (let i = 0; i < len; i++) postings += above(i, 0);
    return { cut, rest: 0, postings };
  }
  const budget = min * (1 - 1e-9);
  const bound = Float64Array.from({ length: len }, (_, i) => q.weights[i]! * q.invNorm * maxWeight[q.terms[i]!]! * (1 + 1e-9));
  let rest = 0;
  if (above === undefined) {
    const order = Array.from({ length: len }, (_, i) => i).sort((x, y) => bound[x]! - bound[y]!);
    for (const i of order) {
      if (rest + bound[i]! >= budget) break;
      rest += bound[i]!;
      cut[i] = Infinity;
    }
    return { cut, rest, postings: NaN };
  }
  const step = budget / CUT_STEPS;
  const kept = Float64Array.from({ length: len }, (_, i) => above(i, 0));
  // postings term i would keep after its next step: depends on cut[i] alone, so it is counted again only for the
  // term whose cut moved (NaN = not counted yet)
  const nextKept = new Float64Array(len).fill(NaN);
  let left = budget;
  for (let s = 0; s < CUT_STEPS; s++) {
    let best = -1;
    let bestRate = 0;
    let bestCut = 0;
    let bestKept = 0;
    let bestUsed = 0;
    for (let i = 0; i < len; i++) {
      if (cut[i] === Infinity || kept[i] === 0) continue;
      const next = cut[i]! + step;
      const out = next >= bound[i]!;
      const used = out ? bound[i]! - cut[i]! : step;
      if (used > left) continue;
      let k = nextKept[i]!;
      if (k !== k) k = nextKept[i] = out ? 0 : above(i, next);
      const rate = (kept[i]! - k) / used;
      if (rate > bestRate) {
        best = i;
        bestRate = rate;
        bestCut = out ? Infinity : next;
        bestKept = k;
        bestUsed = used;
      }
    }
    if (best < 0) break;
    cut[best] = bestCut;
    kept[best] = bestKept;
    nextKept[best] = NaN;
    left -= bestUsed;
  }
  let postings = 0;
  for (let i = 0; i < len; i++) {
    rest += cut[i] === Infinity ? bound[i]! : cut[i]!;
    if (cut[i] !== Infinity) postings += kept[i]!;
  }
  return { cut, rest, postings };
}

/** Feature rows of one scored candidate. */
type Rows = Pick<Ranked, 'ab' | 'ba'>;

/** Feature rows of the kept candidates, best first: those kept when they were scored (`rows`), else computed again. */
function finish(ctx: QueryContext, heap: TopK, rows?: ReadonlyMap<number, Rows>): Ranked[] {
  return heap.sorted().map(({ slot, score }) => {
    const kept = rows?.get(slot);
    if (kept !== undefined) return { slot, score, ab: kept.ab, ba: kept.ba };
    const rab = newFeatureRow();
    const rba = newFeatureRow();
    pairFeatures(ctx, slot, rab, rba);
    return { slot, score, ab: rab, ba: rba };
  });
}

/** The general path: profile and complement postings (frequent bands bounded), then bounds, then verification. */
function rankGeneral(req: RankRequest, ws: RankWorkspace): Ranked[] {
  const { ctx, k, allow } = req;
  const { index, a } = ctx;
  const n = index.slotCount;
  ws.fit(n);
  ws.reset();
  if (req.stats !== undefined) req.stats.queries++;
  const walkedTop = index.accumulate(ctx.profile, 'profile', ws.accTop, ws.touched, req.budget);
  const walkedAB = index.accumulate(ctx.needs, 'offers', ws.accAB, ws.touched, req.budget);
  const walkedBA = index.accumulate(ctx.offers, 'needs', ws.accBA, ws.touched, req.budget);
  const bounds = new Bounds(
    req,
    ws.activity,
    textPair(req, ws.accTop, ctx.profile, 'profile', walkedTop),
    textPair(req, ws.accAB, ctx.needs, 'offers', walkedAB),
    textPair(req, ws.accBA, ctx.offers, 'needs', walkedBA),
  );

  // 2. bounds of every touched candidate (text or graph); the k best lower bounds go first
  const tt = ws.touched;
  const gt = ctx.walk.touched;
  const cands = ws.candidates(tt.size + gt.size);
  const ubs = ws.upper(tt.size + gt.size);
  let m = 0;
  const lbBest = new TopK(k, req.idOf);
  const out = new Float64Array(2);
  const consider = (c: number, reached: boolean) => {
    if (c === a || !allow(c)) return;
    bounds.of(c, reached, out);
    lbBest.offer(c, out[0]!);
    cands[m] = c;
    ubs[m++] = out[1]!;
  };
  for (let i = 0; i < tt.size; i++) {
    const c = tt.list[i]!;
    consider(c, gt.has(c));
  }
  for (let i = 0; i < gt.size; i++) {
    const c = gt.list[i]!;
    if (!tt.has(c)) consider(c, true);
  }
  const skipped = walkedTop.postingsSkipped + walkedAB.postingsSkipped + walkedBA.postingsSkipped;
  if (skipped > 0) {
    const floor = lbBest.threshold;
    let survivors = bounds.untouchedCeiling() >= floor ? index.size - tt.size : 0;
    for (let i = 0; i < m; i++) if (ubs[i]! >= floor) survivors++;
    if (survivors * index.options.verifyCost > skipped) {
      if (req.stats !== undefined) {
        req.stats.fallbacks++;
        req.stats.queries--;
        req.stats.postingsWalked += walkedTop.postingsWalked + walkedAB.postingsWalked + walkedBA.postingsWalked;
      }
      return rankGeneral({ ...req, budget: Infinity }, ws);
    }
  }

  // 3. verify: first the k best lower bounds (a good threshold at once), then whatever may still beat it
  const heap = new TopK(k, req.idOf);
  const ab = newFeatureRow();
  const ba = newFeatureRow();
  const done = new Set<number>();
  let verified = 0;
  for (const { slot } of lbBest.sorted()) {
    heap.offer(slot, scorePair(req, slot, ab, ba));
    done.add(slot);
    verified++;
  }
  for (let i = 0; i < m; i++) {
    if (ubs[i]! < heap.threshold) continue;
    const c = cands[i]!;
    if (done.has(c)) continue;
    heap.offer(c, scorePair(req, c, ab, ba));
    verified++;
  }
  let scanned = false;

  // 4. documents touched by nothing but bounded frequent terms
  if ((walkedTop.bounded || walkedAB.bounded || walkedBA.bounded) && !(heap.full && bounds.untouchedCeiling() < heap.threshold)) {
    scanned = true;
    for (let c = 0; c < n; c++) {
      if (c === a || tt.mark[c] === 1 || gt.has(c) || !index.has(c)) continue;
      bounds.of(c, false, out);
      if (heap.full && out[1]! < heap.threshold) continue;
      if (!allow(c)) continue;
      const score = scorePair(req, c, ab, ba);
      verified++;
      // a candidate must share a term (graph-reached documents were all touched)
      if (ab[F.topical] === 0 && ab[F.complementarity] === 0 && ba[F.complementarity] === 0) continue;
      heap.offer(c, score);
    }
  }

  const st = req.stats;
  if (st !== undefined) {
    st.postingsWalked += walkedTop.postingsWalked + walkedAB.postingsWalked + walkedBA.postingsWalked;
    st.bounded += m;
    st.verified += verified;
    if (scanned) st.scans++;
  }
  return finish(ctx, heap);
}
