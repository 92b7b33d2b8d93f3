import type { Ranker } from './protocol.js';

/** Top-k of `scores` (id → score), excluding `self` and `exclude`, ties broken by id for determinism. */
export function topK(scores: ReadonlyMap<string, number>, k: number, self: string, exclude: ReadonlySet<string>): string[] {
  return [...scores.entries()]
    .filter(([id, s]) => id !== self && !exclude.has(id) && s > 0)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, k)
    .map(([id]) => id);
}

/** Popularity: most known partners first, the same list for everyone. */
export function popularityRanker(partners: ReadonlyMap<string, ReadonlySet<string>>): Ranker {
  const degree = new Map([...partners.entries()].map(([id, p]) => [id, p.size]));
  const ordered = [...degree.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([id]) => id);
  return (id, k, exclude) => {
    const out: string[] = [];
    for (const c of ordered) {
      if (out.length >= k) break;
      if (c !== id && !exclude.has(c)) out.push(c);
    }
    return out;
  };
}

/** Common neighbours: |N(a) ∩ N(b)| in the known graph. */
export function commonNeighboursRanker(partners: ReadonlyMap<string, ReadonlySet<string>>): Ranker {
  return (id, k, exclude) => {
    const scores = new Map<string, number>();
    for (const z of partners.get(id) ?? []) for (const c of partners.get(z) ?? []) scores.set(c, (scores.get(c) ?? 0) + 1);
    return topK(scores, k, id, exclude);
  };
}
