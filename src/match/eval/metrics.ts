/**
 * Ranking-quality metrics of the benchmark protocol (../shared/bench/README.md). Pure functions of plain arrays.
 */

/** recall@k = |top-k ∩ relevant| / |relevant| (0 when nothing is relevant). */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as string)) hits++;
  return hits / relevant.size;
}

/** Reciprocal rank of the first relevant item within the first `cutoff` (1/rank, 0 when none). */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>, cutoff = 100): number {
  for (let i = 0; i < Math.min(cutoff, ranked.length); i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/**
 * nDCG@k with binary gains: DCG = Σ_{i=1..k} rel_i / log2(i + 1), divided by the DCG of an ideal list with
 * min(|relevant|, k) relevant items first.
 */
export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as string)) dcg += 1 / Math.log2(i + 2);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

/** Share of the catalogue that appears in at least one list. */
export function coverage(lists: readonly (readonly string[])[], catalogueSize: number): number {
  const seen = new Set<string>();
  for (const l of lists) for (const id of l) seen.add(id);
  return catalogueSize === 0 ? 0 : seen.size / catalogueSize;
}

/**
 * Gini coefficient of exposure over the whole catalogue (items never shown count as 0):
 * G = Σ_i (2i − n − 1)·x_(i) / (n·Σ x), with x sorted ascending and i = 1..n. 0 = everyone shown equally,
 * → 1 = all exposure on one item.
 */
export function giniOfExposure(lists: readonly (readonly string[])[], catalogue: readonly string[]): number {
  const counts = new Map<string, number>(catalogue.map((id) => [id, 0]));
  for (const l of lists) for (const id of l) counts.set(id, (counts.get(id) ?? 0) + 1);
  const x = [...counts.values()].sort((a, b) => a - b);
  const n = x.length;
  const total = x.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return 0;
  let acc = 0;
  for (let i = 0; i < n; i++) acc += (2 * (i + 1) - n - 1) * (x[i] as number);
  return acc / (n * total);
}
