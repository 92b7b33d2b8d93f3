import type { Ranker } from './protocol.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';

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

/**
 * Word tokens of the TF-IDF baseline (scikit-learn's default): lower case, maximal runs of two or more Unicode
 * word characters, minus English stop words.
 */
export function baselineTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}\p{M}_]+/gu)) if ([...m[0]].length >= 2 && !ENGLISH_STOP_WORDS.has(m[0])) out.push(m[0]);
  return out;
}

/**
 * Plain TF-IDF cosine of descriptions: w(t, d) = (1 + ln tf(t, d)) · ln(N / df(t)), vectors L2-normalised,
 * score = cosine; candidates are the documents that share a term with the query (an inverted index).
 */
export function tfidfRanker(documents: ReadonlyMap<string, string>): Ranker {
  const ids = [...documents.keys()].sort();
  const n = ids.length;
  const termIds = new Map<string, number>();
  const docs = ids.map((id) => {
    const tf = new Map<number, number>();
    for (const t of baselineTokens(documents.get(id)!)) {
      let term = termIds.get(t);
      if (term === undefined) termIds.set(t, (term = termIds.size));
      tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Int32Array(termIds.size);
  for (const tf of docs) for (const t of tf.keys()) df[t]!++;
  // CSR postings: term → (doc, weight)
  const offsets = new Int32Array(termIds.size + 1);
  for (let t = 0; t < termIds.size; t++) offsets[t + 1] = offsets[t]! + df[t]!;
  const fill = offsets.slice(0, termIds.size);
  const postDoc = new Int32Array(offsets[termIds.size]!);
  const postW = new Float64Array(offsets[termIds.size]!);
  const vectors = docs.map((tf, doc) => {
    const terms = [...tf.keys()].sort((x, y) => x - y);
    const w = terms.map((t) => (1 + Math.log(tf.get(t)!)) * Math.log(n / df[t]!));
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    terms.forEach((t, i) => {
      const at = fill[t]!++;
      postDoc[at] = doc;
      postW[at] = norm > 0 ? w[i]! / norm : 0;
    });
    return { terms, w: w.map((x) => (norm > 0 ? x / norm : 0)) };
  });
  const slot = new Map(ids.map((id, i) => [id, i]));
  const acc = new Float64Array(n);
  return (id, k, exclude) => {
    const q = slot.get(id);
    if (q === undefined) return [];
    acc.fill(0);
    const { terms, w } = vectors[q]!;
    terms.forEach((t, i) => {
      const wq = w[i]!;
      if (wq === 0) return;
      for (let j = offsets[t]!; j < offsets[t + 1]!; j++) acc[postDoc[j]!]! += wq * postW[j]!;
    });
    const scores = new Map<string, number>();
    for (let d = 0; d < n; d++) if (acc[d]! > 0) scores.set(ids[d]!, acc[d]!);
    return topK(scores, k, id, exclude);
  };
}
