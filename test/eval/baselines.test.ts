import { describe, expect, it } from 'vitest';
import { baselineTokens, tfidfRanker } from '../../src/match/eval/baselines.js';

describe('plain TF-IDF baseline', () => {
  it('tokenises like scikit-learn: lower case, two or more word characters, no English stop words', () => {
    expect(baselineTokens('The MEMS-based 5G sensor, a Universität prototype')).toEqual(['mems', 'based', '5g', 'sensor', 'universität', 'prototype']);
  });

  it('ranks by cosine of (1 + ln tf)·ln(N/df) vectors (hand-worked)', () => {
    // N = 4. df: radar 2, chip 2, car 1, vision 1, wafer 1, lidar 1.
    // q = "radar radar chip car": w = radar (1+ln2)·ln2, chip ln2, car ln4.
    // b = "radar lidar": radar ln2, lidar ln4.   c = "chip vision": chip ln2, vision ln4.   d = "wafer": no shared term.
    const docs = new Map([
      ['q', 'radar radar chip car'],
      ['b', 'radar lidar'],
      ['c', 'chip vision'],
      ['d', 'wafer'],
    ]);
    const l2 = Math.log(2);
    const l4 = Math.log(4);
    const q = [(1 + l2) * l2, l2, l4];
    const nq = Math.hypot(...q);
    const nb = Math.hypot(l2, l4);
    const cosB = (q[0]! * l2) / (nq * nb);
    const cosC = (q[1]! * l2) / (nq * nb);
    expect(cosB).toBeGreaterThan(cosC);
    const rank = tfidfRanker(docs);
    expect(rank('q', 10, new Set())).toEqual(['b', 'c']); // d shares nothing, q is never its own match
    expect(rank('q', 10, new Set(['b']))).toEqual(['c']);
    expect(rank('nobody', 10, new Set())).toEqual([]);
  });
});
