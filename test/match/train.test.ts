import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { FEATURE_NAMES, buildMatchEngine } from '../../src/match/index.js';
import { fitLogistic, modelFromFit, samplePairs, seededRandom, trainingRows, type TrainingRow } from '../../src/match/train.js';
import { collab, org } from '../fixtures/builders.js';
import { tinyAnalyzer } from './helpers.js';

const d = FEATURE_NAMES.length;
const row = (values: Record<number, number>, label: 0 | 1): TrainingRow => ({ features: Array.from({ length: d }, (_, i) => values[i] ?? 0), label });

describe('logistic regression', () => {
  // Collaborations happen when the first feature (topical) is high; the others are noise.
  const random = seededRandom(7);
  const rows: TrainingRow[] = Array.from({ length: 400 }, () => {
    const topical = random();
    const noise = random();
    return row({ 0: topical, 8: noise }, random() < topical * topical ? 1 : 0);
  });
  const fit = fitLogistic(rows, { l2: 0.01 });

  it('learns a positive weight for the feature that predicts the label, and little for noise', () => {
    expect(fit.weights[0]).toBeGreaterThan(2);
    expect(Math.abs(fit.weights[8]!)).toBeLessThan(1);
  });

  it('stops at a stationary point of the penalised loss (gradient ≈ 0)', () => {
    const grad = new Array<number>(d + 1).fill(0);
    for (const r of rows) {
      const z = fit.bias + r.features.reduce((s, f, i) => s + f * fit.weights[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      r.features.forEach((f, i) => (grad[i]! += f * (r.label - p)));
      grad[d]! += r.label - p;
    }
    fit.weights.forEach((w, i) => (grad[i]! -= 0.01 * w));
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('is deterministic', () => {
    expect(fitLogistic(rows, { l2: 0.01 })).toEqual(fit);
  });

  it('becomes a model with the logistic link and the given version', () => {
    const model = modelFromFit(fit, 'trained-test');
    expect(model.link).toBe('logistic');
    expect(model.version).toBe('trained-test');
    expect(model.weights.topical).toBe(fit.weights[0]);
  });
});

describe('training data', () => {
  const engine = buildMatchEngine(
    {
      organizations: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => org(id, { description: id === 'f' ? 'bio' : 'vision chip' })),
      collaborations: [collab('a', 'b'), collab('b', 'c'), collab('c', 'd')],
    },
    { analyzer: tinyAnalyzer() },
  );
  const ids = engine.organizationIds();
  const positives = [{ a: asOrgId('a'), b: asOrgId('b') }, { a: asOrgId('c'), b: asOrgId('d') }];

  it('samples negatives reproducibly, never a known partner or the organisation itself', () => {
    const pairs = samplePairs(positives, ids, { seed: 1, negativesPerPositive: 3 });
    expect(samplePairs(positives, ids, { seed: 1, negativesPerPositive: 3 })).toEqual(pairs);
    expect(pairs.filter((p) => p.label === 1)).toHaveLength(2);
    for (const p of pairs.filter((x) => x.label === 0)) {
      expect(p.a).not.toBe(p.b);
      expect(positives.some((q) => (q.a === p.a && q.b === p.b) || (q.a === p.b && q.b === p.a))).toBe(false);
    }
  });

  it('turns each pair into two one-sided rows from the engine features', () => {
    const pairs = samplePairs(positives, ids, { seed: 1, negativesPerPositive: 2 });
    const rows = trainingRows(engine, pairs);
    expect(rows).toHaveLength(pairs.length * 2);
    const f = engine.features(asOrgId('a'), asOrgId('b'));
    expect(rows.some((r) => r.label === 1 && r.features.join() === f.rowAB.join())).toBe(true);
    // a trained model plugs into the engine and its version comes back with results
    engine.setModel(modelFromFit(fitLogistic(rows), 'trained-1'));
    expect(engine.match(asOrgId('a')).modelVersion).toBe('trained-1');
  });
});
