import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corporateFamilies, familyWord, liftOf, regionPairLift } from '../../scripts/eval/affinity.js';

describe('corporate families', () => {
  it('takes the first distinctive word, skipping articles, legal forms and institution words', () => {
    expect(familyWord('INFINEON TECHNOLOGIES AG')).toBe('INFINEON');
    expect(familyWord('The University of Twente')).toBe('TWENTE');
    expect(familyWord('AB')).toBeUndefined();
    expect(familyWord('Ｔｈａｌｅｓ SA')).toBe('THALES'); // full-width letters meet ASCII after NFKC
  });

  it('groups affiliates that share the word, and never singletons or unrelated universities', () => {
    const names = [
      'INFINEON TECHNOLOGIES AG',
      'UNIVERSITY OF TWENTE',
      'NXP SEMICONDUCTORS NETHERLANDS BV',
      'INFINEON TECHNOLOGIES AUSTRIA AG',
      'UNIVERSITY OF OULU',
      'NXP SEMICONDUCTORS AUSTRIA GMBH',
      'SIOUX TECHNOLOGIES BV',
    ];
    expect([...corporateFamilies(names)]).toEqual([0, -1, 1, 0, -1, 1, -1]);
  });
});

describe('region-pair lift', () => {
  it('worked by hand: regions [x, x, y, y], partner pairs (0,1), (0,2) with a duplicate and a self-pair, k = 1', () => {
    // distinct pairs: (0,1) inside x, (0,2) between; partner counts 2, 1, 1, 0 → D_x = 3, D_y = 1.
    // raw expectations x·x 9/2, x·y 3, y·y 1/2 (sum 8), scaled to the 2 pairs: 1.125, 0.75, 0.125.
    const t = regionPairLift(['x', 'x', 'y', 'y'], [[0, 1], [0, 2], [1, 0], [2, 2]], 1);
    expect(liftOf(t, 0, 1)).toBeCloseTo((1 + 1) / (1.125 + 1), 12);
    expect(liftOf(t, 0, 2)).toBeCloseTo((1 + 1) / (0.75 + 1), 12);
    expect(liftOf(t, 3, 2)).toBeCloseTo((0 + 1) / (0.125 + 1), 12);
  });

  it('is symmetric and does not depend on the order, direction or repetition of the pairs', () => {
    const arb = fc
      .integer({ min: 2, max: 12 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.constantFrom('DE', 'FR', 'ES', ''), { minLength: n, maxLength: n }),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
          fc.double({ min: 0.5, max: 50, noNaN: true }),
        ),
      );
    fc.assert(
      fc.property(arb, ([regions, pairs, k]) => {
        const t = regionPairLift(regions, pairs, k);
        const shuffled = regionPairLift(regions, [...pairs].reverse().map(([a, b]) => [b, a] as const).concat(pairs), k);
        for (let x = 0; x < regions.length; x++)
          for (let y = 0; y < regions.length; y++) {
            expect(liftOf(t, x, y)).toBe(liftOf(t, y, x));
            expect(liftOf(shuffled, x, y)).toBeCloseTo(liftOf(t, x, y), 12);
            expect(liftOf(t, x, y)).toBeGreaterThan(0);
          }
      }),
    );
  });

  it('is 1 everywhere without any pairs, and refuses a negative smoothing count', () => {
    const t = regionPairLift(['DE', 'FR'], [], 5);
    expect(liftOf(t, 0, 1)).toBe(1);
    expect(liftOf(t, 0, 0)).toBe(1);
    expect(() => regionPairLift(['DE'], [], -1)).toThrow(/affinity/);
  });
});
