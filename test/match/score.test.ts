import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, FEATURE_NAMES, interest, reciprocal, typePriorTable, type Model } from '../../src/match/index.js';
import { ORGANIZATION_TYPES } from '../../src/domain/index.js';
import { saturate, weightVector } from '../../src/match/score.js';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const arbModel = fc.constantFrom<Model['reciprocal']>('harmonic', 'geometric').map((r) => ({ ...DEFAULT_MODEL, reciprocal: r }));

describe('reciprocal score', () => {
  it('is symmetric, lies between the two one-sided interests, and never falls when either rises', () => {
    fc.assert(
      fc.property(arbModel, unit, unit, unit, (model, x, y, bump) => {
        const s = reciprocal(model, x, y);
        expect(s).toBe(reciprocal(model, y, x));
        expect(s).toBeGreaterThanOrEqual(Math.min(x, y) - 1e-15);
        expect(s).toBeLessThanOrEqual(Math.max(x, y) + 1e-15);
        expect(reciprocal(model, Math.min(1, x + bump), y)).toBeGreaterThanOrEqual(s - 1e-15);
      }),
    );
  });

  it('worked by hand: interests 0.8 and 0.2 give harmonic 0.32, geometric 0.4', () => {
    expect(reciprocal({ ...DEFAULT_MODEL, reciprocal: 'harmonic' }, 0.8, 0.2)).toBeCloseTo((2 * 0.8 * 0.2) / 1.0, 15);
    expect(reciprocal({ ...DEFAULT_MODEL, reciprocal: 'geometric' }, 0.8, 0.2)).toBeCloseTo(0.4, 15);
    expect(reciprocal({ ...DEFAULT_MODEL, reciprocal: 'harmonic' }, 0, 0)).toBe(0);
  });
});

describe('one-sided interest', () => {
  it('is Σ w·f under the identity link and a probability under the logistic link', () => {
    const f = FEATURE_NAMES.map((_, i) => (i + 1) / 10);
    const w = weightVector(DEFAULT_MODEL);
    const z = f.reduce((s, v, i) => s + v * w[i]!, 0);
    expect(interest(DEFAULT_MODEL, w, f)).toBeCloseTo(z, 15);
    const logistic: Model = { ...DEFAULT_MODEL, link: 'logistic', bias: -1 };
    expect(interest(logistic, w, f)).toBeCloseTo(1 / (1 + Math.exp(-(z - 1))), 15);
  });

  it('stays in [0, 1] for the default model (non-negative weights summing to 1, features in [0, 1])', () => {
    const w = weightVector(DEFAULT_MODEL);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    fc.assert(fc.property(fc.array(unit, { minLength: w.length, maxLength: w.length }), (f) => {
      const i = interest(DEFAULT_MODEL, w, f);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThanOrEqual(1 + 1e-12);
    }));
  });
});

describe('feature transforms and the type prior', () => {
  it('saturates x/(x+h): 0 at 0, ½ at h, below 1', () => {
    expect(saturate(0, 2)).toBe(0);
    expect(saturate(2, 2)).toBe(0.5);
    expect(saturate(1e9, 2)).toBeLessThan(1);
  });

  it('is a symmetric table in [0, 1] with large company ↔ startup on top', () => {
    const t = typePriorTable();
    for (const a of ORGANIZATION_TYPES) {
      for (const b of ORGANIZATION_TYPES) {
        expect(t[a][b]).toBe(t[b][a]);
        expect(t[a][b]).toBeGreaterThanOrEqual(0);
        expect(t[a][b]).toBeLessThanOrEqual(1);
      }
    }
    expect(t.large_company.startup).toBe(1);
    expect(t.startup.large_company).toBeGreaterThan(t.large_company.large_company);
  });
});
