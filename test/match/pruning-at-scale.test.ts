/**
 * Pruning at a scale where it cuts: on a synthetic network of 1,500 organisations (Zipf vocabulary, hubs; the
 * benchmark's generator) the complement walks are cut, frequent bands bounded and, on the graph-first path, the
 * second complement walk cut by the joint bound. Whatever the pruning leaves out, every query's top k must equal
 * scoring every candidate exactly and sorting (score desc, id asc). The small property-test networks of
 * engine.test.ts rarely make a walk leave anything out; these do.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatchEngine, DEFAULT_MODEL, type MatchEngine, type Model } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { rng, syntheticNetwork } from '../../scripts/bench/synthetic.js';
import { bruteForceTopK, type Network } from './arbitraries.js';

const N = 1500;
const QUERIES = 60;

describe('pruned ranking at scale equals exhaustive scoring', () => {
  const net = syntheticNetwork(N, 11) as Network;
  const engines = new Map<string, MatchEngine>();
  /**
   * Led by complementarity: documents outside the graph often enter the top k through their need→offer cosines,
   * so a walk that left out a document it must not would change the result (with the graph-led default model,
   * outside documents rarely come near θ).
   */
  const complementary: Model = {
    ...DEFAULT_MODEL,
    version: 'test-complementary',
    weights: { ...DEFAULT_MODEL.weights, topical: 0, complementarity: 0.5, ppr: 0.3, katz: 0.1, activity: 0.1 },
  };
  /** Text and graph in balance: weak neighbourhoods leave T alone able to reach θ (the profile walk runs). */
  const balanced: Model = {
    ...DEFAULT_MODEL,
    version: 'test-balanced',
    weights: { ...DEFAULT_MODEL.weights, topical: 0.1, complementarity: 0.45, typePrior: 0.3, ppr: 0.15, katz: 0, activity: 0 },
  };
  /**
   * Activity-led: B's activity lifts only A's interest in B, so a document whose offers meet A's needs can win
   * with none of its own needs met (Cab = 0, cabMin ≤ 0) while Cba still needs a minimum: one side's walk is cut
   * and the other's may have to be whole.
   */
  const oneSided: Model = {
    ...DEFAULT_MODEL,
    version: 'test-one-sided',
    weights: { ...DEFAULT_MODEL.weights, topical: 0, complementarity: 0.3, typePrior: 0, ppr: 0.3, katz: 0.1, activity: 0.3 },
  };
  const variants = {
    /** the defaults, bands on at any size */
    default: { model: DEFAULT_MODEL, index: { pruneMinDocs: 0 } },
    /** the joint cut sets one document apart: the second walk is cut by every other document's bound */
    jointOne: { model: complementary, index: { pruneMinDocs: 0, jointHigh: 1 } },
    /** the default number set apart */
    jointDefault: { model: complementary, index: { pruneMinDocs: 0 } },
    /** queries whose T alone may reach θ: profile walk, then both complement walks cut by one shared minimum */
    balanced: { model: balanced, index: { pruneMinDocs: 0 } },
    /** one minimum positive, the other not */
    oneSided: { model: oneSided, index: { pruneMinDocs: 0 } },
    /** every frequent band bounded, never a fallback to walking everything */
    hard: { model: complementary, index: { pruneMinDocs: 0, postingsBudget: 0, verifyCost: 0, jointHigh: 4 } },
  };

  beforeAll(async () => {
    const analyzer = await loadAnalyzer();
    for (const [name, { model, index }] of Object.entries(variants)) engines.set(name, buildMatchEngine(net, { analyzer, model, index, keepSurfaces: false }));
  });

  const ids = (() => {
    const random = rng(5);
    return Array.from({ length: QUERIES }, () => net.organizations[Math.floor(random() * N)]!.id);
  })();

  for (const name of Object.keys(variants)) {
    it(`${name}: top 1, 5 and 20 of ${QUERIES} organisations`, () => {
      const engine = engines.get(name)!;
      for (const id of ids) {
        const want = bruteForceTopK(engine, net, id, 20);
        for (const k of [1, 5, 20]) {
          const got = engine.match(id, { limit: k, explain: false }).matches;
          expect(got.map((m) => m.id)).toEqual(want.slice(0, k).map((m) => m.id));
          got.forEach((m, i) => expect(m.score).toBe(want[i]!.score));
        }
      }
      // the paths under test were taken
      expect(engine.stats.graphFirst).toBeGreaterThan(QUERIES);
      if (name === 'balanced') {
        expect(engine.stats.profileWalks).toBeGreaterThan(QUERIES / 2);
        // some queries' θ is so low that documents no walk touched are bounded too (`scanRest`): 43 of these
        expect(engine.stats.graphFirstScans).toBeGreaterThan(10);
      }
      else expect(engine.stats.joint).toBeGreaterThan(QUERIES / 2);
    });
  }
});

describe('free-text search at scale', () => {
  const net = syntheticNetwork(N, 13) as Network;
  let engine: MatchEngine;
  beforeAll(async () => {
    engine = buildMatchEngine(net, { analyzer: await loadAnalyzer(), keepSurfaces: false });
  });

  it('lists the same first hits whatever the limit: its bounds never leave out a hit a longer list holds', () => {
    const random = rng(17);
    for (let i = 0; i < 40; i++) {
      const words = net.organizations[Math.floor(random() * N)]!.description.split(/\s+/);
      const at = Math.floor(random() * Math.max(1, words.length - 3));
      const query = words.slice(at, at + 3).join(' ');
      const long = engine.search(query, { limit: 100 }).results;
      for (const k of [1, 5, 20]) {
        const short = engine.search(query, { limit: k }).results;
        expect(short.map((h) => [h.id, h.score])).toEqual(long.slice(0, k).map((h) => [h.id, h.score]));
      }
      for (let j = 1; j < long.length; j++) expect(long[j]!.score).toBeLessThanOrEqual(long[j - 1]!.score);
    }
  });
});
