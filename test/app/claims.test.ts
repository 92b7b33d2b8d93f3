/**
 * Items shared out in chunks through two counters in shared memory: every item is claimed exactly once, whatever
 * the chunk size and however many claimants take turns, and an item counts as done only once its claimant has
 * moved on from its chunk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimCounters, claimRanges, claimsDone } from '../../src/app/claims.js';

describe('claims', () => {
  it('covers 0 … n−1 once, in chunks, among claimants that take turns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 60 }), (n, chunk, turns) => {
        const counters = claimCounters();
        const claimants = [0, 1, 2].map(() => claimRanges(counters, n, chunk));
        const seen: number[] = [];
        const finished = new Set<number>();
        const take = (c: number) => {
          const r = claimants[c]!.next();
          if (r.done === true) finished.add(c);
          else for (let i = r.value.offset; i < Math.min(n, r.value.offset + r.value.limit); i++) seen.push(i);
        };
        for (const c of turns) if (!finished.has(c)) take(c);
        for (let c = 0; c < 3; c++) while (!finished.has(c)) take(c);
        expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(claimsDone(counters, n)).toBe(n);
      }),
    );
  });

  it('counts a chunk as done when the next one is asked for', () => {
    const counters = claimCounters();
    const ranges = claimRanges(counters, 10, 4);
    expect(ranges.next().value).toEqual({ offset: 0, limit: 4 });
    expect(claimsDone(counters, 10)).toBe(0);
    expect(ranges.next().value).toEqual({ offset: 4, limit: 4 });
    expect(claimsDone(counters, 10)).toBe(4);
    ranges.next();
    expect(ranges.next().done).toBe(true);
    expect(claimsDone(counters, 10)).toBe(10);
  });
});
