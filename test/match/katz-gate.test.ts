/**
 * The Katz gate (`FeatureParams.katzGate`): the Katz feature of a pair is the ungated one where
 * max(d(A), d(B)) ≥ hub and min(d(A), d(B)) ≥ thin (d = distinct collaboration partners), else 0; it is the
 * same from both sides, and ranking with it stays exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { buildMatchEngine, DEFAULT_MODEL, type Model } from '../../src/match/index.js';
import { collab, org } from '../fixtures/builders.js';
import { arbNetwork, bruteForceTopK, type Network } from './arbitraries.js';
import { tinyAnalyzer } from './helpers.js';

const analyzer = tinyAnalyzer();
const withGate = (hub: number, thin: number): Model => ({
  ...DEFAULT_MODEL,
  version: `gate-${hub}-${thin}`,
  features: { ...DEFAULT_MODEL.features, katzGate: { hub, thin } },
});

/** Distinct partners per organisation, counted from the collaborations themselves. */
function partnerCounts(net: Network): Map<string, number> {
  const partners = new Map<string, Set<string>>(net.organizations.map((o) => [o.id as string, new Set<string>()]));
  for (const c of net.collaborations) {
    partners.get(c.a)?.add(c.b);
    partners.get(c.b)?.add(c.a);
  }
  return new Map([...partners].map(([id, s]) => [id, s.size]));
}

describe('Katz gate', () => {
  it('keeps the ungated Katz feature exactly where a hub meets no thin side, 0 elsewhere, the same both ways', () => {
    fc.assert(
      fc.property(arbNetwork, fc.nat(5), fc.nat(4), (net, hub, thin) => {
        const open = buildMatchEngine(net, { analyzer, model: withGate(0, 0) });
        const gated = buildMatchEngine(net, { analyzer, model: withGate(hub, thin) });
        const d = partnerCounts(net);
        const ids = net.organizations.map((o) => o.id);
        for (const a of ids) {
          const others = ids.filter((b) => b !== a);
          const want = open.featuresMany(a, others);
          const got = gated.featuresMany(a, others);
          others.forEach((b, i) => {
            const da = d.get(a)!;
            const db = d.get(b)!;
            const on = Math.max(da, db) >= hub && Math.min(da, db) >= thin;
            expect(got[i]!.ab.katz).toBe(on ? want[i]!.ab.katz : 0);
            expect(got[i]!.ba.katz).toBe(got[i]!.ab.katz);
            expect(gated.features(b, a).ab.katz).toBe(got[i]!.ab.katz);
            // every other feature is untouched
            expect({ ...got[i]!.ab, katz: 0 }).toEqual({ ...want[i]!.ab, katz: 0 });
            expect({ ...got[i]!.ba, katz: 0 }).toEqual({ ...want[i]!.ba, katz: 0 });
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('ranks exactly as brute force with a gate that cuts some pairs', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 6 }), (net, k) => {
        const engine = buildMatchEngine(net, { analyzer, model: withGate(3, 2) });
        for (const o of net.organizations) {
          const got = engine.match(o.id, { limit: k, explain: false }).matches.map((m) => ({ id: m.id, score: m.score }));
          const want = bruteForceTopK(engine, net, o.id, k);
          expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id));
          got.forEach((m, i) => expect(m.score).toBeCloseTo(want[i]!.score, 10));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('drops the floor between a hub and a thinly connected organisation, keeps it between a hub and an established one', () => {
    // hub h has 5 partners; e (established) has 3; t (thin) has 1; h–e and h–t are not partners but 2 steps apart
    const net: Network = {
      organizations: ['h', 'e', 't', 'p1', 'p2', 'p3', 'p4', 'p5', 'q1', 'q2'].map((id) => org(id)),
      collaborations: [
        ...['p1', 'p2', 'p3', 'p4', 'p5'].map((p) => collab('h', p)),
        collab('e', 'p1'),
        collab('e', 'q1'),
        collab('e', 'q2'),
        collab('t', 'p2'),
      ],
    };
    const engine = buildMatchEngine(net, { analyzer, model: withGate(5, 2) });
    const h = asOrgId('h');
    expect(engine.features(h, asOrgId('e')).ab.katz).toBeGreaterThan(0);
    expect(engine.features(h, asOrgId('t')).ab.katz).toBe(0);
    // e (3 partners) and p2 (2: h and t) are 3 steps apart, but neither is a hub: no floor either
    expect(engine.features(asOrgId('e'), asOrgId('p2')).ab.katz).toBe(0);
    expect(buildMatchEngine(net, { analyzer, model: withGate(0, 0) }).features(h, asOrgId('t')).ab.katz).toBeGreaterThan(0);
  });
});
