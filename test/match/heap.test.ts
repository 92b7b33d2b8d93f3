import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK, exactTopK } from '../../src/match/heap.js';

const idOf = (slot: number) => `org-${String(slot).padStart(3, '0')}`;

/** The top k by brute force: score desc, then id asc. */
function bruteForce(scores: readonly number[], k: number): { slot: number; score: number }[] {
  return scores
    .map((score, slot) => ({ slot, score }))
    .sort((x, y) => y.score - x.score || (idOf(x.slot) < idOf(y.slot) ? -1 : 1))
    .slice(0, k);
}

describe('TopK', () => {
  it('keeps the k best, ties by the smaller id, whatever the order they come in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), fc.nat(8), (ints, k) => {
        const scores = ints.map((i) => i / 4);
        const heap = new TopK(k, idOf);
        for (let s = scores.length - 1; s >= 0; s--) heap.offer(s, scores[s]!);
        expect(heap.sorted()).toEqual(bruteForce(scores, k));
      }),
    );
  });
});

describe('exactTopK over estimates within a known slack', () => {
  // Scores with many exact ties, and estimates anywhere within the slack: e·down ≤ score ≤ e·up.
  const slack = { up: 1 + 1e-3, down: 1 / (1 + 1e-3) };
  const row = fc.record({ level: fc.integer({ min: 0, max: 6 }), r: fc.double({ min: 0, max: 1, noNaN: true }) });

  it('returns the exact top k, scoring only the candidates the floor lets through', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (rows, k) => {
        const scores = rows.map(({ level }) => level / 8);
        // the estimate of s lies in [s/up, s/down], anywhere (r = 0: the lowest, r = 1: the highest)
        const estimates = rows.map(({ r }, i) => (scores[i]! / slack.up) * (1 - r) + (scores[i]! / slack.down) * r);
        let scored = 0;
        const heap = exactTopK(
          k,
          idOf,
          scores.map((_, i) => i),
          (d) => estimates[d]!,
          slack,
          (d) => {
            scored++;
            return scores[d]!;
          },
        );
        expect(heap.sorted()).toEqual(bruteForce(scores, k));
        // never more than the candidates whose highest possible score reaches the k-th lowest possible one
        const lows = estimates.map((e) => e * slack.down).sort((x, y) => y - x);
        const floor = lows.length >= k ? lows[k - 1]! : -Infinity;
        expect(scored).toBe(estimates.filter((e) => e * slack.up >= floor).length);
      }),
      { numRuns: 500 },
    );
  });

  it('would lose a tie that rounding pushed below the floor without the slack', () => {
    // b ties a for the top but its estimate rounded down: with up = down = 1 it is never scored and a wins
    const scores = [0.5, 0.5];
    const estimates = [0.5, 0.5 * (1 - 1e-7)];
    const ids = (slot: number) => (slot === 0 ? 'b-second' : 'a-first');
    const run = (s: { up: number; down: number }) =>
      exactTopK(1, ids, [0, 1], (d) => estimates[d]!, s, (d) => scores[d]!)
        .sorted()
        .map(({ slot }) => ids(slot));
    expect(run({ up: 1, down: 1 })).toEqual(['b-second']);
    expect(run({ up: 1 + 1e-6, down: 1 / (1 + 1e-6) })).toEqual(['a-first']);
  });
});
