import { describe, expect, it } from 'vitest';
import { meanInterval, pairedDifference, resampleIndices } from '../../src/match/eval/bootstrap.js';
import { seededRandom } from '../../src/match/train.js';

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;

describe('bootstrap intervals over queries', () => {
  it('draws the same resamples from the same seed, and other ones from another', () => {
    const a = resampleIndices(50, { resamples: 20, seed: 7 });
    expect(resampleIndices(50, { resamples: 20, seed: 7 })).toEqual(a);
    expect(resampleIndices(50, { resamples: 20, seed: 8 })).not.toEqual(a);
    for (const r of a) for (const i of r) expect(i >= 0 && i < 50).toBe(true);
  });

  it('gives a point for constant values and brackets the sample mean otherwise', () => {
    const draws = resampleIndices(40, { resamples: 500, seed: 1 });
    expect(meanInterval(new Float64Array(40).fill(0.25), draws)).toEqual({ lo: 0.25, hi: 0.25 });
    const random = seededRandom(3);
    const values = Float64Array.from({ length: 40 }, () => random());
    const i = meanInterval(values, draws);
    expect(i.lo).toBeLessThan(mean(values));
    expect(i.hi).toBeGreaterThan(mean(values));
  });

  it('is as wide as the normal approximation says for many hit-or-miss queries', () => {
    // 400 queries, 30 % hits: 95 % interval ≈ ±1.96·√(0.3·0.7/400) = ±0.0449
    const values = Float64Array.from({ length: 400 }, (_, q) => (q % 10 < 3 ? 1 : 0));
    const i = meanInterval(values, resampleIndices(400, { resamples: 4000, seed: 11 }));
    expect(i.hi - i.lo).toBeGreaterThan(2 * 0.0449 * 0.9);
    expect(i.hi - i.lo).toBeLessThan(2 * 0.0449 * 1.1);
    expect((i.lo + i.hi) / 2).toBeCloseTo(0.3, 2);
  });

  it('pairs the differences: a constant lead is certain, a lead lost in noise is not', () => {
    const random = seededRandom(5);
    const y = Float64Array.from({ length: 200 }, () => random());
    const draws = resampleIndices(200, { resamples: 2000, seed: 2 });
    const lead = pairedDifference(y.map((v) => v + 0.1), y, draws);
    expect(lead.mean).toBeCloseTo(0.1, 12);
    expect(lead.lo).toBeCloseTo(0.1, 12);
    expect(lead.hi).toBeCloseTo(0.1, 12);
    expect(lead.below).toBe(0);
    // the same values against themselves: no difference, every resample at 0 counts as "not ahead"
    expect(pairedDifference(y, y, draws)).toEqual({ mean: 0, lo: 0, hi: 0, below: 1 });
    // x = y plus noise of mean ~0: about half the resamples on each side, and the interval spans 0
    const noisy = y.map((v) => v + (random() - 0.5) * 0.2);
    const d = pairedDifference(noisy, y, draws);
    expect(d.lo).toBeLessThan(0);
    expect(d.hi).toBeGreaterThan(0);
    expect(d.below).toBeGreaterThan(0.05);
    expect(d.below).toBeLessThan(0.95);
  });

  it('refuses what it cannot measure', () => {
    expect(() => resampleIndices(10, { resamples: 0, seed: 1 })).toThrow(/resamples must be a positive integer/);
    const draws = resampleIndices(3, { resamples: 5, seed: 1 });
    expect(() => pairedDifference([1, 2, 3], [1, 2], draws)).toThrow(/differ in length/);
    expect(() => meanInterval([1, 2, 3], draws, 1)).toThrow(/level must lie in \(0, 1\)/);
    expect(() => meanInterval([1, 2], draws)).toThrow(/a resample of 3 queries for 2 values/);
  });
});
