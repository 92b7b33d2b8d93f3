/**
 * The one-sided feature rows f(A→B) and f(B→A) of a pair, each in FEATURE_NAMES order and each feature in
 * [0, 1]:
 *
 * - topical          cos(profile_A, profile_B)                          (symmetric)
 * - complementarity  A→B: cos(needs_A, offers_B);  B→A: cos(needs_B, offers_A)
 * - typePrior        table[type_A][type_B]                              (symmetric table)
 * - commonNeighbours sat(|N(A) ∩ N(B)|, h_cn)                           (symmetric)
 * - adamicAdar       sat(Σ_z 1/ln deg z, h_aa)                          (symmetric)
 * - resourceAllocation sat(Σ_z w(A,z)·w(z,B)/s(z), h_ra)                (symmetric)
 * - ppr              A→B: sat(π_A(B), h); B→A: sat(π_B(A), h) with π_B(A) = π_A(B)·s(A)/s(B) (walks on an
 *                    undirected weighted graph are reversible, so one walk from A gives both directions)
 * - katz             sat(cn + β·c3, h_katz)·[max(d_A, d_B) ≥ hub]·[min(d_A, d_B) ≥ thin]   (symmetric; d =
 *                    distinct partners, `katzGate`; off by default: hub = thin = 0)
 * - activity         A→B: act(B); B→A: act(A);  act(v) = ln(1 + r(v)) / ln(1 + max_u r(u)), r(v) = v's recent
 *                    evidence groups (projects among the newest `recentShare` of all, `recency.ts`): the
 *                    candidate's recent activity, not its all-time partner count
 *
 * with sat(x, h) = x/(x+h) and the walk quantities defined in `graph.ts`.
 */
import type { FeatureParams } from './defaults.js';
import type { CollaborationGraph, GraphWorkspace } from './graph.js';
import { F, FEATURE_COUNT, saturate } from './score.js';
import type { SparseVector, TextIndex } from './text-index.js';

/** Everything about the query organisation A that features of (A, B) need, computed once per query. */
export interface QueryContext {
  readonly a: number;
  readonly index: TextIndex;
  readonly graph: CollaborationGraph;
  /** Filled by `graph.walk(a, …)`. */
  readonly walk: GraphWorkspace;
  readonly params: FeatureParams;
  /** Type prior as a flat row-major matrix over type indices. */
  readonly prior: Float64Array;
  readonly typeCount: number;
  /** Type index per slot. */
  readonly types: Uint8Array;
  readonly profile: SparseVector;
  readonly needs: SparseVector;
  readonly offers: SparseVector;
}

export function newFeatureRow(): Float64Array {
  return new Float64Array(FEATURE_COUNT);
}

/** act(v) = ln(1 + r(v)) / ln(1 + max_u r(u)) with r the recent evidence groups (`recency.ts`); 0 when none. */
export function activityOf(graph: CollaborationGraph, v: number): number {
  if (graph.maxRecent === 0 || v >= graph.n) return 0;
  return Math.log1p(graph.recent[v]!) / Math.log1p(graph.maxRecent);
}

/** Distinct collaboration partners of v (0 outside the graph). */
function degreeOf(graph: CollaborationGraph, v: number): number {
  return v < graph.n ? graph.partners[v]! : 0;
}

/**
 * Writes the exact rows f(A→B) into `ab` and f(B→A) into `ba`. A text cosine the caller already computed with
 * `index.cosine` for this pair (the ranking's verification step) may be passed as `topical`, `cab` (A's needs →
 * B's offers) or `cba` (A's offers → B's needs) instead of being merged again; NaN = not known. Passing the value
 * `index.cosine` returned keeps the rows bit for bit the same.
 */
export function pairFeatures(ctx: QueryContext, b: number, ab: Float64Array, ba: Float64Array, topical = NaN, cab = NaN, cba = NaN): void {
  const { index, graph } = ctx;
  const t = topical === topical ? topical : index.cosine(ctx.profile, 'profile', b);
  ab[F.topical] = t;
  ba[F.topical] = t;
  ab[F.complementarity] = cab === cab ? cab : index.cosine(ctx.needs, 'offers', b);
  ba[F.complementarity] = cba === cba ? cba : index.cosine(ctx.offers, 'needs', b);
  const prior = ctx.prior[ctx.types[ctx.a]! * ctx.typeCount + ctx.types[b]!]!;
  ab[F.typePrior] = prior;
  ba[F.typePrior] = prior;
  graphFeatures(ctx, b, ab, ba);
  ab[F.activity] = activityOf(graph, b);
  ba[F.activity] = activityOf(graph, ctx.a);
}

/** The graph part of `pairFeatures` (exact; 0 for nodes the walk did not reach). */
export function graphFeatures(ctx: QueryContext, b: number, ab: Float64Array, ba: Float64Array): void {
  const { walk, params, graph } = ctx;
  const h = params.halves;
  const reached = b < walk.cn.length && walk.touched.has(b);
  const cn = reached ? walk.cn[b]! : 0;
  const aa = reached ? walk.aa[b]! : 0;
  const ra = reached ? walk.ra[b]! : 0;
  const pi = reached ? walk.p2[b]! + params.pprDamping * walk.p3[b]! : 0;
  const katz = reached ? cn + params.katzBeta * walk.c3[b]! : 0;
  const sb = b < graph.n ? graph.strength[b]! : 0;
  const piBack = sb > 0 ? (pi * graph.strength[ctx.a]!) / sb : 0;
  const fcn = saturate(cn, h.commonNeighbours);
  const faa = saturate(aa, h.adamicAdar);
  const fra = saturate(ra, h.resourceAllocation);
  const gate = params.katzGate;
  const da = degreeOf(graph, ctx.a);
  const db = degreeOf(graph, b);
  const gated = Math.max(da, db) >= gate.hub && Math.min(da, db) >= gate.thin;
  const fkatz = gated ? saturate(katz, h.katz) : 0;
  ab[F.commonNeighbours] = ba[F.commonNeighbours] = fcn;
  ab[F.adamicAdar] = ba[F.adamicAdar] = faa;
  ab[F.resourceAllocation] = ba[F.resourceAllocation] = fra;
  ab[F.katz] = ba[F.katz] = fkatz;
  ab[F.ppr] = saturate(pi, h.ppr);
  ba[F.ppr] = saturate(piBack, h.ppr);
}
