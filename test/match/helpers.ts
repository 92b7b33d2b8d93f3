/**
 * Test doubles for the match engine: a tiny analyser (lower case, split on anything that is not a letter or
 * digit, plus concept tokens from a small synonym table so that Korean needs can meet English offers), and a
 * naive Map-based TF-IDF cosine to check the index against.
 */
import type { Analyzer, Field, Model } from '../../src/match/index.js';
import { DEFAULT_MODEL } from '../../src/match/index.js';

/**
 * `synonyms` maps a word or a two-word phrase (lower case) to a concept; the concept token `c:<concept>` is
 * emitted after the word(s), e.g. { '머신비전': 'mv', 'machine vision': 'mv' }.
 */
export function tinyAnalyzer(synonyms: Readonly<Record<string, string>> = {}): Analyzer {
  const withSurface = (text: string) => {
    const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
    const out: { term: string; surface: string }[] = [];
    words.forEach((w, i) => {
      out.push({ term: w, surface: w });
      const one = synonyms[w];
      if (one !== undefined) out.push({ term: `c:${one}`, surface: w });
      const next = words[i + 1];
      if (next !== undefined) {
        const two = synonyms[`${w} ${next}`];
        if (two !== undefined) out.push({ term: `c:${two}`, surface: `${w} ${next}` });
      }
    });
    return out;
  };
  return {
    analyze: (text) => withSurface(text).map((t) => t.term),
    analyzeWithSurface: withSurface,
  };
}

export type NaiveDoc = Readonly<Record<Field, readonly string[]>>;

/**
 * TF-IDF the slow, obvious way: idf(t) = ln((N+1)/(df+1)) + 1 over profiles, w = (1 + ln tf)·idf, cosine of
 * Maps. The index must agree with it.
 */
export function naiveCorpus(docs: ReadonlyMap<string, NaiveDoc>) {
  const n = docs.size;
  const df = new Map<string, number>();
  for (const d of docs.values()) for (const t of new Set(d.profile)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vector = (terms: readonly string[]) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return new Map([...tf].map(([t, f]) => [t, (1 + Math.log(f)) * idf(t)]));
  };
  const cosine = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => {
    let dot = 0;
    for (const [t, w] of x) dot += w * (y.get(t) ?? 0);
    const norm = (v: ReadonlyMap<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
    const d = norm(x) * norm(y);
    return d === 0 ? 0 : Math.min(1, dot / d);
  };
  return {
    idf,
    vector,
    cosine,
    /** cos(field f of x, field g of y). */
    fieldCosine: (x: string, f: Field, y: string, g: Field) => cosine(vector(docs.get(x)![f]), vector(docs.get(y)![g])),
  };
}

/** Numbers equal to `digits` decimals. */
export function near(x: number, y: number, digits = 9): boolean {
  return Math.abs(x - y) < 10 ** -digits;
}

/**
 * The model the golden rankings are written against, pinned here so that tuning `DEFAULT_MODEL` does not
 * rewrite the specifications: text half the score (topical 0.30, complementarity 0.20), graph 0.35, type prior
 * 0.10, activity 0.05; harmonic reciprocal.
 */
export const TEST_MODEL: Model = {
  ...DEFAULT_MODEL,
  version: 'test-1',
  weights: {
    topical: 0.3,
    complementarity: 0.2,
    typePrior: 0.1,
    commonNeighbours: 0.05,
    adamicAdar: 0.1,
    resourceAllocation: 0.05,
    ppr: 0.1,
    katz: 0.05,
    activity: 0.05,
  },
  link: 'identity',
  reciprocal: 'harmonic',
  // Katz on for every pair, as when the specifications were written (pinned in case the default `katzGate` changes)
  features: { ...DEFAULT_MODEL.features, katzGate: { hub: 0, thin: 0 } },
};
