import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRAPH_OPTIONS } from '../../src/match/defaults.js';
import { CollaborationGraph, GraphWorkspace, type EdgeInput } from '../../src/match/graph.js';

const edge = (a: number, b: number, evidence?: string): EdgeInput => ({ a, b, kind: 'joint_rnd', evidence });

describe('graph features, worked by hand', () => {
  //   A(0) ── X(1) ── B(3)       deg: A 2, X 3, Y 2, B 2, C 1; every edge weight 1 (no shared evidence)
  //    └──── Y(2) ───┘
  //          X ── C(4)
  const g = CollaborationGraph.build(5, [edge(0, 1), edge(0, 2), edge(1, 3), edge(2, 3), edge(1, 4)], [], DEFAULT_GRAPH_OPTIONS);
  const ws = new GraphWorkspace();
  g.walk(0, ws, 3);

  it('counts common neighbours: B shares X and Y with A, C only X', () => {
    expect(ws.cn[3]).toBe(2);
    expect(ws.cn[4]).toBe(1);
  });

  it('computes Adamic-Adar Σ 1/ln deg(z): B = 1/ln 3 + 1/ln 2', () => {
    expect(ws.aa[3]).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(2), 12);
    expect(ws.aa[4]).toBeCloseTo(1 / Math.log(3), 12);
  });

  it('computes resource allocation Σ w·w/s(z): B = 1/3 + 1/2 (via X of strength 3, Y of strength 2)', () => {
    expect(ws.ra[3]).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(ws.ra[4]).toBeCloseTo(1 / 3, 12);
  });

  it('computes 2- and 3-step walk probabilities: p2(B) = ½·⅓ + ½·½ = 5/12; p3(X) = 7/12', () => {
    expect(ws.p2[3]).toBeCloseTo(5 / 12, 12);
    expect(ws.p2[4]).toBeCloseTo(1 / 6, 12);
    // after 3 steps the walker is at X or Y: 5/12·½ (back from A) + 5/12·½ (from B) + 1/6 (from C) at X
    expect(ws.p3[1]).toBeCloseTo(7 / 12, 12);
    expect(ws.p3[2]).toBeCloseTo(5 / 12, 12);
  });

  it('counts 3-step walks for Katz: 5 from A to X (A-X-A-X, A-Y-A-X, A-X-B-X, A-Y-B-X, A-X-C-X)', () => {
    expect(ws.c3[1]).toBe(5);
    expect(ws.c3[2]).toBe(4);
  });

  it('lists the intermediaries of a pair, strongest first', () => {
    // via Y: 1·1/2 beats via X: 1·1/3
    expect(g.paths(0, 3, 5).map((p) => p.via)).toEqual([2, 1]);
  });
});

describe('edge weights', () => {
  it('divides a project among its participants: 3 organisations sharing evidence → 1/(3−1)^σ per pair', () => {
    const edges = [edge(0, 1, 'P1'), edge(0, 2, 'P1'), edge(1, 2, 'P1')];
    // σ = 1: one unit of tie strength per participant and project
    const one = CollaborationGraph.build(3, edges, [], { ...DEFAULT_GRAPH_OPTIONS, projectSizeExponent: 1 });
    expect(one.weights[one.edgeIndex(0, 1)]).toBeCloseTo(0.5, 12);
    expect(one.strength[0]).toBeCloseTo(1, 12);
    // the default σ = 1.5: a larger project gives its members less in all, 2 · 1/2^1.5 = 1/√2
    const g = CollaborationGraph.build(3, edges, [], DEFAULT_GRAPH_OPTIONS);
    expect(DEFAULT_GRAPH_OPTIONS.projectSizeExponent).toBe(1.5);
    expect(g.weights[g.edgeIndex(0, 1)]).toBeCloseTo(1 / Math.pow(2, 1.5), 12);
    expect(g.strength[0]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('treats the evidence of a pair that shared several projects as a group of its own (repeat partners get a strong tie)', () => {
    // P1 has four members; 0 and 1 also shared P2, so their evidence is "P1;P2", a group of 2 → 1/(2−1)^σ = 1,
    // while the one-off ties of P1 form a group of 4 (0, 1, 2, 3 appear in it) → 1/3^σ each
    const edges = [edge(0, 1, 'P1;P2'), edge(0, 2, 'P1'), edge(0, 3, 'P1'), edge(1, 2, 'P1'), edge(1, 3, 'P1'), edge(2, 3, 'P1')];
    const g = CollaborationGraph.build(4, edges, [], DEFAULT_GRAPH_OPTIONS);
    expect(g.weights[g.edgeIndex(0, 1)]).toBeCloseTo(1, 12);
    expect(g.weights[g.edgeIndex(2, 3)]).toBeCloseTo(1 / Math.pow(3, 1.5), 12);
    expect(g.weights[g.edgeIndex(0, 2)]).toBeCloseTo(1 / Math.pow(3, 1.5), 12);
  });

  it('adds programme co-participation as a weaker tie that does not make partners', () => {
    const g = CollaborationGraph.build(3, [edge(0, 1)], [[0, 1, 2]], { ...DEFAULT_GRAPH_OPTIONS, projectSizeExponent: 1 });
    expect(g.weights[g.edgeIndex(0, 2)]).toBeCloseTo(0.3 / 2, 12);
    expect(g.arePartners(0, 2)).toBe(false);
    expect(g.arePartners(0, 1)).toBe(true);
    expect(g.weights[g.edgeIndex(0, 1)]).toBeCloseTo(1 + 0.15, 12);
    expect(g.partners[0]).toBe(1);
  });

  it('walks a programme-only tie with its weight, but does not count it as a common partner or a Katz path', () => {
    //   A(0) ──collab── X(1) ──collab── B(2)        X also sits in a programme with C(3)
    //                   X ··programme·· C(3)
    const g = CollaborationGraph.build(4, [edge(0, 1), edge(1, 2)], [[1, 3]], { ...DEFAULT_GRAPH_OPTIONS, projectSizeExponent: 1 });
    const ws = new GraphWorkspace();
    g.walk(0, ws, 3);
    // B: X is a partner of both; C: X's programme co-member only
    expect([ws.cn[2], ws.cn[3]]).toEqual([1, 0]);
    expect(ws.aa[2]).toBeCloseTo(1 / Math.log(2), 12); // |P(X)| = 2 (A and B; C is not a partner)
    expect(ws.aa[3]).toBe(0);
    // the walk still reaches C through the programme tie, with its share of X's strength 1 + 1 + 0.3
    expect(ws.p2[3]).toBeCloseTo(1 * (0.3 / 2.3), 12);
    expect(ws.ra[3]).toBeCloseTo((1 * 0.3) / 2.3, 12);
    // 3-step walks over collaborations: A-X-A-X, A-X-B-X reach X twice; none reaches C
    expect(ws.c3[1]).toBe(2);
    expect(ws.c3[3]).toBe(0);
  });

  it('keeps the recent-group counts it is given, or the partner counts without them', () => {
    const edges = [edge(0, 1), edge(0, 2), edge(1, 2)];
    const without = CollaborationGraph.build(3, edges, [], DEFAULT_GRAPH_OPTIONS);
    expect([...without.recent]).toEqual([2, 2, 2]);
    expect(without.maxRecent).toBe(2);
    const given = CollaborationGraph.build(3, edges, [], DEFAULT_GRAPH_OPTIONS, [0, 3, 1]);
    expect([...given.recent]).toEqual([0, 3, 1]);
    expect(given.maxRecent).toBe(3);
  });

  it('ignores programmes too large to be evidence of a relationship', () => {
    const big = Array.from({ length: 101 }, (_, i) => i);
    const g = CollaborationGraph.build(101, [], [big], DEFAULT_GRAPH_OPTIONS);
    expect(g.degree(0)).toBe(0);
  });
});

const arbGraph = fc
  .integer({ min: 2, max: 9 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), evidence: fc.constantFrom(undefined, 'p1', 'p2', 'p3') }),
        { maxLength: 30 },
      ),
    }),
  );

describe('graph properties', () => {
  it('gives the same weights to the last bit whatever order the collaborations come in', () => {
    fc.assert(
      fc.property(arbGraph, fc.integer(), ({ n, edges }, seed) => {
        const input = edges.map((e) => edge(e.a, e.b, e.evidence));
        const shuffled = [...input].sort((x, y) => ((x.a * 31 + x.b * 17 + seed) % 7) - ((y.a * 31 + y.b * 17 + seed) % 7));
        const g1 = CollaborationGraph.build(n, input, [], DEFAULT_GRAPH_OPTIONS);
        const g2 = CollaborationGraph.build(n, shuffled, [], DEFAULT_GRAPH_OPTIONS);
        expect([...g2.nbrs]).toEqual([...g1.nbrs]);
        expect([...g2.weights]).toEqual([...g1.weights]);
      }),
    );
  });

  it('walks are reversible: s(a)·p_t(a→b) = s(b)·p_t(b→a), and the symmetric features agree both ways', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges }) => {
        const g = CollaborationGraph.build(n, edges.map((e) => edge(e.a, e.b, e.evidence)), [], DEFAULT_GRAPH_OPTIONS);
        const wa = new GraphWorkspace();
        const wb = new GraphWorkspace();
        for (let a = 0; a < n; a++) {
          g.walk(a, wa, 3);
          for (let b = 0; b < n; b++) {
            if (a === b) continue;
            g.walk(b, wb, 3);
            expect(g.strength[a]! * wa.p2[b]!).toBeCloseTo(g.strength[b]! * wb.p2[a]!, 10);
            expect(g.strength[a]! * wa.p3[b]!).toBeCloseTo(g.strength[b]! * wb.p3[a]!, 10);
            expect(wa.cn[b]).toBe(wb.cn[a]);
            expect(wa.c3[b]).toBe(wb.c3[a]);
            expect(wa.aa[b]).toBeCloseTo(wb.aa[a]!, 10);
            expect(wa.ra[b]).toBeCloseTo(wb.ra[a]!, 10);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
