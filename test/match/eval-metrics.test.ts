import { describe, expect, it } from 'vitest';
import { coverage, giniOfExposure, ndcgAt, reciprocalRank, recallAt } from '../../src/match/eval/metrics.js';
import { buildQueries, evaluate } from '../../src/match/eval/protocol.js';
import { commonNeighboursRanker, popularityRanker } from '../../src/match/eval/baselines.js';
import { partnersOf } from '../../src/match/eval/protocol.js';

describe('ranking metrics, against hand-computed numbers', () => {
  const ranked = ['a', 'x', 'b', 'y', 'z'];
  const rel = new Set(['a', 'b', 'c']);

  it('recall@k counts the relevant items in the first k over all relevant', () => {
    expect(recallAt(ranked, rel, 1)).toBeCloseTo(1 / 3);
    expect(recallAt(ranked, rel, 3)).toBeCloseTo(2 / 3);
    expect(recallAt(ranked, new Set(), 3)).toBe(0);
  });

  it('reciprocal rank is 1/position of the first hit within the cutoff', () => {
    expect(reciprocalRank(['x', 'y', 'b'], rel)).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['x', 'y', 'b'], rel, 2)).toBe(0);
  });

  it('nDCG@5: hits at ranks 1 and 3 of 3 relevant = (1 + 1/log2 4) / (1 + 1/log2 3 + 1/log2 4)', () => {
    // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; IDCG = 1 + 0.63093 + 0.5 = 2.13093; nDCG = 0.70392
    expect(ndcgAt(ranked, rel, 5)).toBeCloseTo(0.70392, 4);
    expect(ndcgAt(['a', 'b', 'c'], rel, 5)).toBeCloseTo(1);
  });

  it('coverage is the share of the catalogue shown at least once', () => {
    expect(coverage([['a', 'b'], ['b', 'c']], 6)).toBeCloseTo(0.5);
  });

  it('Gini is 0 for equal exposure and (n-1)/n when one item takes all', () => {
    expect(giniOfExposure([['a', 'b'], ['c', 'd']], ['a', 'b', 'c', 'd'])).toBeCloseTo(0);
    // x = [0,0,0,4]: Σ(2i−n−1)x_i = (8−5)·4 = 12; n·Σx = 16 → 0.75
    expect(giniOfExposure([['a'], ['a'], ['a'], ['a']], ['a', 'b', 'c', 'd'])).toBeCloseTo(0.75);
  });
});

describe('the benchmark protocol', () => {
  const catalogue = ['a', 'b', 'c', 'd', 'e'];
  const train = [
    { a: 'a', b: 'b' },
    { a: 'b', b: 'c' },
    { a: 'c', b: 'd' },
  ];
  const test = [
    { a: 'a', b: 'b' }, // not new: already partners
    { a: 'a', b: 'c' }, // new for a and c
    { a: 'e', b: 'zz' }, // zz is not in the catalogue: ignored
  ];

  it('queries only organisations with a new partner, excluding their known partners', () => {
    const q = buildQueries(catalogue, train, test);
    expect(q.map((x) => [x.id, [...x.exclude].sort(), [...x.relevant]])).toEqual([
      ['a', ['b'], ['c']],
      ['c', ['b', 'd'], ['a']],
    ]);
  });

  it('common neighbours finds a→c through b and scores it perfectly here', () => {
    const q = buildQueries(catalogue, train, test);
    const report = evaluate(commonNeighboursRanker(partnersOf(train, new Set(catalogue))), q, catalogue);
    expect(report['recall@20']).toBe(1);
    expect(report.mrr).toBe(1);
  });

  it('popularity ranks the best-connected first for everyone', () => {
    const rank = popularityRanker(partnersOf(train, new Set(catalogue)));
    expect(rank('e', 3, new Set())).toEqual(['b', 'c', 'a']);
    expect(rank('a', 3, new Set(['b']))).toEqual(['c', 'd']);
  });
});
