import { giniOfExposure, coverage, ndcgAt, reciprocalRank, recallAt } from './metrics.js';

/** A pair of organisations that worked together. */
export interface Pair {
  readonly a: string;
  readonly b: string;
}

/** One query of the protocol: who, whom to leave out (the known partners), and who counts as a hit. */
export interface EvalQuery {
  readonly id: string;
  readonly exclude: ReadonlySet<string>;
  readonly relevant: ReadonlySet<string>;
}

/** Ranks candidates for `id`, best first, never returning `id` or anything in `exclude`; at least `k` when it can. */
export type Ranker = (id: string, k: number, exclude: ReadonlySet<string>) => readonly string[];

export interface MethodReport {
  readonly 'recall@20': number;
  readonly mrr: number;
  readonly 'ndcg@20': number;
  readonly 'coverage@10': number;
  readonly 'gini@10': number;
}

/** Adjacency (id → partners) of a list of pairs, restricted to `known` ids. */
export function partnersOf(pairs: readonly Pair[], known: ReadonlySet<string>): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>();
  const add = (x: string, y: string) => {
    let s = adj.get(x);
    if (s === undefined) adj.set(x, (s = new Set()));
    s.add(y);
  };
  for (const p of pairs) {
    if (p.a === p.b || !known.has(p.a) || !known.has(p.b)) continue;
    add(p.a, p.b);
    add(p.b, p.a);
  }
  return adj;
}

/**
 * The benchmark's queries: every organisation with at least one *new* partner in `later` (a pair not already
 * in `earlier`); its existing partners are excluded from its ranking, its new partners are the relevant ones.
 */
export function buildQueries(catalogue: readonly string[], earlier: readonly Pair[], later: readonly Pair[]): EvalQuery[] {
  const known = new Set(catalogue);
  const before = partnersOf(earlier, known);
  const after = partnersOf(later, known);
  const queries: EvalQuery[] = [];
  for (const id of catalogue) {
    const old = before.get(id) ?? new Set<string>();
    const fresh = new Set([...(after.get(id) ?? [])].filter((x) => !old.has(x)));
    if (fresh.size > 0) queries.push({ id, exclude: old, relevant: fresh });
  }
  return queries;
}

/** The metrics that are means over queries (coverage and Gini describe whole lists). */
export const PER_QUERY_METRICS = ['recall@20', 'mrr', 'ndcg@20'] as const;
export type PerQueryMetric = (typeof PER_QUERY_METRICS)[number];

/**
 * One method's per-query values, in query order (for means and for bootstrap intervals): recall@20, reciprocal
 * rank of the first hit within the first 100 (its mean is the MRR) and nDCG@20; and its top-10 lists.
 */
export interface QueryScores {
  readonly perQuery: Readonly<Record<PerQueryMetric, Float64Array>>;
  readonly top10: readonly (readonly string[])[];
}

/** Runs a ranker over the queries: recall@20, reciprocal rank and nDCG@20 of each, and its top 10. */
export function scoreQueries(ranker: Ranker, queries: readonly EvalQuery[]): QueryScores {
  const n = queries.length;
  const recall = new Float64Array(n);
  const rr = new Float64Array(n);
  const ndcg = new Float64Array(n);
  const top10: string[][] = [];
  queries.forEach((q, i) => {
    const ranked = ranker(q.id, 100, q.exclude);
    recall[i] = recallAt(ranked, q.relevant, 20);
    rr[i] = reciprocalRank(ranked, q.relevant, 100);
    ndcg[i] = ndcgAt(ranked, q.relevant, 20);
    top10.push(ranked.slice(0, 10) as string[]);
  });
  return { perQuery: { 'recall@20': recall, mrr: rr, 'ndcg@20': ndcg }, top10 };
}

/** The protocol's metrics from per-query values: means over queries, coverage and Gini of the top-10 lists. */
export function summarise(scores: QueryScores, catalogue: readonly string[]): MethodReport {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const mean = (metric: PerQueryMetric) => {
    const xs = scores.perQuery[metric];
    return round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length));
  };
  return {
    'recall@20': mean('recall@20'),
    mrr: mean('mrr'),
    'ndcg@20': mean('ndcg@20'),
    'coverage@10': round(coverage(scores.top10, catalogue.length)),
    'gini@10': round(giniOfExposure(scores.top10, catalogue)),
  };
}

/** Runs a ranker over the queries and reports the protocol's metrics (means over queries). */
export function evaluate(ranker: Ranker, queries: readonly EvalQuery[], catalogue: readonly string[]): MethodReport {
  return summarise(scoreQueries(ranker, queries), catalogue);
}
