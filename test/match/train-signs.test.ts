import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../../src/match/index.js';
import { fitLogistic, seededRandom, type TrainingRow } from '../../src/match/train.js';

const at = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);

describe('logistic regression on a separable toy set', () => {
  // Links happen exactly when ppr − activity > 0.1: ppr must come out positive, activity negative, noise small.
  const random = seededRandom(11);
  const rows: TrainingRow[] = Array.from({ length: 600 }, () => {
    const f = FEATURE_NAMES.map(() => 0);
    f[at('ppr')] = random();
    f[at('activity')] = random();
    f[at('topical')] = random(); // noise
    return { features: f, label: f[at('ppr')]! - f[at('activity')]! > 0.1 ? 1 : 0 };
  });
  // L2 keeps the separable problem finite
  const fit = fitLogistic(rows, { l2: 0.1 });

  it('learns the right signs: positive for what predicts a link, negative for what predicts none', () => {
    expect(fit.weights[at('ppr')]).toBeGreaterThan(5);
    expect(fit.weights[at('activity')]).toBeLessThan(-5);
    expect(Math.abs(fit.weights[at('topical')]!)).toBeLessThan(Math.abs(fit.weights[at('ppr')]!) / 5);
    expect(fit.bias).toBeLessThan(0);
  });

  it('separates the training rows', () => {
    const z = (r: TrainingRow) => fit.bias + r.features.reduce((s, v, i) => s + v * fit.weights[i]!, 0);
    const correct = rows.filter((r) => (z(r) > 0 ? 1 : 0) === r.label).length;
    expect(correct / rows.length).toBeGreaterThan(0.97);
  });

  it('is deterministic: the same rows give the same coefficients to the last bit', () => {
    expect(fitLogistic(rows, { l2: 0.1 })).toEqual(fit);
  });
});
