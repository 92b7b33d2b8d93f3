import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asOrgId, isAppError } from '../../src/domain/index.js';
import { buildMatchEngine, DEFAULT_MODEL, type Model } from '../../src/match/index.js';
import { collab, org } from '../fixtures/builders.js';
import { arbNetwork, bruteForceTopK, type Network } from './arbitraries.js';
import { tinyAnalyzer, TEST_MODEL } from './helpers.js';

const analyzer = tinyAnalyzer();
const ids = (r: { matches: readonly { id: string }[] }) => r.matches.map((m) => m.id);

/** Prunes as hard as it can: every term with df > 10 % of N is bounded instead of walked, whatever it costs. */
const PRUNE_ALWAYS = { pruneMinDocs: 0, pruneBands: [0.6, 0.3, 0.1], postingsBudget: 0, verifyCost: 0 };
/** Prunes, but walks everything when the bounds are too loose to pay (the default policy at small scale). */
const PRUNE_ADAPTIVE = { pruneMinDocs: 0, pruneBands: [0.6, 0.3, 0.1], postingsBudget: 3 };

describe('exclusions and filters', () => {
  const engine = buildMatchEngine(
    {
      organizations: [
        org('me', { type: 'startup', sectors: ['ai'], description: 'vision chip', region: 'Seoul' }),
        org('partner', { type: 'large_company', description: 'vision chip' }),
        org('declined', { type: 'large_company', description: 'vision chip' }),
        org('quiet', { type: 'large_company', description: 'vision chip', optedOut: true }),
        org('uni', { type: 'university', sectors: ['bio_health'], description: 'vision chip', region: 'Daejeon' }),
        org('lab', { type: 'research_institute', sectors: ['ai'], description: 'vision chip', region: 'seoul' }),
      ],
      collaborations: [collab('me', 'partner')],
      declinedPairs: [{ a: asOrgId('declined'), b: asOrgId('me') }],
    },
    { analyzer, model: TEST_MODEL },
  );
  const me = asOrgId('me');

  it('never suggests self, existing partners, declined pairs or opted-out organisations', () => {
    expect(ids(engine.match(me)).sort()).toEqual(['lab', 'uni']);
  });

  it('suggests existing partners when asked', () => {
    expect(ids(engine.match(me, { includeExisting: true })).sort()).toEqual(['lab', 'partner', 'uni']);
  });

  it('declined pairs hold in both directions', () => {
    expect(ids(engine.match(asOrgId('declined')))).not.toContain('me');
  });

  it('filters by type, sector and region (case-insensitive)', () => {
    expect(ids(engine.match(me, { types: ['university'] }))).toEqual(['uni']);
    expect(ids(engine.match(me, { sectors: ['ai'] }))).toEqual(['lab']);
    expect(ids(engine.match(me, { region: 'SEOUL' }))).toEqual(['lab']);
    expect(ids(engine.match(me, { exclude: [asOrgId('lab')] }))).toEqual(['uni']);
  });

  it('lets an opted-out organisation see its own matches', () => {
    expect(ids(engine.match(asOrgId('quiet'))).length).toBeGreaterThan(0);
  });

  it('reports an unknown organisation as NOT_FOUND', () => {
    try {
      engine.match(asOrgId('nobody'));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('NOT_FOUND');
    }
  });

  it('clamps the limit and returns at most that many', () => {
    expect(engine.match(me, { limit: 1 }).matches).toHaveLength(1);
  });
});

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const build = (net: Network, options: Parameters<typeof buildMatchEngine>[1] = { analyzer }) => buildMatchEngine(net, options);

describe('ranking properties', () => {
  it('does not depend on the order of the input (same scores to the last bit)', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer(), (net, seed) => {
        const e1 = build(net);
        const e2 = build({ organizations: shuffle(net.organizations, seed), collaborations: shuffle(net.collaborations, seed + 1) });
        for (const o of net.organizations) {
          const r1 = e1.match(o.id, { limit: 20, explain: false });
          const r2 = e2.match(o.id, { limit: 20, explain: false });
          expect(r2.matches.map((m) => [m.id, m.score])).toEqual(r1.matches.map((m) => [m.id, m.score]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('scores a pair the same from both sides, between the two one-sided interests', () => {
    fc.assert(
      fc.property(arbNetwork, fc.constantFrom<Model['reciprocal']>('harmonic', 'geometric'), (net, reciprocal) => {
        const engine = build(net, { analyzer, model: { ...DEFAULT_MODEL, reciprocal } });
        for (const a of net.organizations) {
          for (const m of engine.match(a.id, { limit: 20, includeExisting: true }).matches) {
            const back = engine.match(m.id, { limit: 20, includeExisting: true }).matches.find((x) => x.id === a.id);
            if (a.optedOut) expect(back).toBeUndefined();
            else expect(back?.score).toBeCloseTo(m.score, 10);
            const { forYou, forThem } = m.explanation!.interest;
            expect(m.score).toBeGreaterThanOrEqual(Math.min(forYou, forThem) - 1e-12);
            expect(m.score).toBeLessThanOrEqual(Math.max(forYou, forThem) + 1e-12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('returns exactly the brute-force top-k, with or without pruning', () => {
    fc.assert(
      fc.property(arbNetwork, fc.integer({ min: 1, max: 6 }), fc.constantFrom({}, PRUNE_ALWAYS, PRUNE_ADAPTIVE), (net, k, index) => {
        const engine = build(net, { analyzer, index });
        for (const o of net.organizations) {
          const got = engine.match(o.id, { limit: k, explain: false }).matches.map((m) => ({ id: m.id, score: m.score }));
          const want = bruteForceTopK(engine, net, o.id, k);
          expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id));
          got.forEach((m, i) => expect(m.score).toBe(want[i]!.score));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('graph-first ranking (graph-led models skip the profile postings) returns exactly the brute-force top-k', () => {
    // graph-led like the default model; one with negative text weights and a logistic link, as training may give
    const logistic: Model = {
      ...DEFAULT_MODEL,
      version: 'test-logistic',
      link: 'logistic',
      reciprocal: 'harmonic',
      bias: -3,
      weights: { topical: -0.5, complementarity: 0.8, typePrior: 0.3, commonNeighbours: 1, adamicAdar: 0.5, resourceAllocation: 1, ppr: 4, katz: 2, activity: -0.4 },
    };
    // text strong enough that a profile-only candidate often beats the graph's: the path must give up then
    const topical: Model = { ...DEFAULT_MODEL, version: 'test-topical', weights: { ...DEFAULT_MODEL.weights, topical: 0.3 } };
    // no complementarity: documents outside the graph can only enter through the pruned profile walk
    const profileOnly: Model = { ...DEFAULT_MODEL, version: 'test-profile', weights: { ...DEFAULT_MODEL.weights, topical: 0.22, complementarity: 0 } };
    let graphFirst = 0;
    let joint = 0;
    let jointFull = 0;
    let scans = 0;
    fc.assert(
      // with frequent-term bands on, the profile walk leaves them to per-document Cauchy–Schwarz bounds; with
      // jointHigh 1 the joint cut sets one document apart and cuts the second complement walk by the rest's bound
      fc.property(
        arbNetwork,
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(DEFAULT_MODEL, logistic, topical, profileOnly),
        fc.constantFrom({}, PRUNE_ADAPTIVE, { jointHigh: 1 }, { ...PRUNE_ADAPTIVE, jointHigh: 1 }),
        (net, k, model, index) => {
          const engine = build(net, { analyzer, model, index });
          for (const o of net.organizations) {
            const got = engine.match(o.id, { limit: k, explain: false }).matches;
            const want = bruteForceTopK(engine, net, o.id, k);
            expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id));
            got.forEach((m, i) => expect(m.score).toBe(want[i]!.score));
          }
          graphFirst += engine.stats.graphFirst;
          joint += engine.stats.joint;
          if ('jointHigh' in index) jointFull += engine.stats.joint;
          scans += engine.stats.graphFirstScans;
        },
      ),
      { numRuns: 400 },
    );
    // the paths under test were taken (graph-first gives up whenever it cannot prove its pruning)
    expect(graphFirst).toBeGreaterThan(50);
    expect(joint).toBeGreaterThan(20);
    expect(jointFull).toBeGreaterThan(5);
    // θ so low that a document no walk touches could still reach it: its own band norms bound it (`scanRest`)
    expect(scans).toBeGreaterThan(20);
  });

  it('after upserts, removals and new collaborations, ranks as a fresh build does', () => {
    fc.assert(
      fc.property(arbNetwork, arbNetwork, fc.integer(), (before, after, seed) => {
        const engine = build(before, { analyzer, index: PRUNE_ALWAYS });
        engine.match(before.organizations[0]!.id); // read once so that later writes go through the delta
        const keep = new Set(after.organizations.map((o) => o.id));
        for (const o of before.organizations) if (!keep.has(o.id)) engine.removeOrganization(o.id);
        for (const o of shuffle(after.organizations, seed)) engine.upsertOrganization(o);
        // the old collaborations of organisations that stayed are still there: the fresh build gets them too
        const survivors = before.collaborations.filter((c) => keep.has(c.a) && keep.has(c.b));
        engine.addCollaborations(after.collaborations);
        const fresh = build({ organizations: after.organizations, collaborations: [...survivors, ...after.collaborations] }, { analyzer, index: PRUNE_ALWAYS });
        for (const o of after.organizations) {
          const got = engine.match(o.id, { limit: 20, explain: false }).matches;
          const want = fresh.match(o.id, { limit: 20, explain: false }).matches;
          expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id));
          got.forEach((m, i) => expect(m.score).toBeCloseTo(want[i]!.score, 10));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('batch path', () => {
  const net: Network = {
    organizations: ['a', 'b', 'c', 'd', 'e'].map((id) => org(id, { description: 'vision chip' })),
    collaborations: [collab('a', 'b')],
  };
  const engine = build(net);

  it('gives every organisation the same top-k as match, ids and scores only', () => {
    const rows = engine.topKForAll(3);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const row of rows) {
      const m = engine.match(row.id, { limit: 3, explain: false });
      expect(row.matches).toEqual(m.matches.map((x) => ({ id: x.id, score: x.score })));
    }
    expect(rows[0]!.matches.map((m) => m.id)).not.toContain('b');
  });

  it('splits by ranges of the ascending id order, so workers can share the work', () => {
    const whole = engine.topKForAll(2);
    const parts = [engine.topKForAll(2, {}, { offset: 0, limit: 2 }), engine.topKForAll(2, {}, { offset: 2, limit: 2 }), engine.topKForAll(2, {}, { offset: 4, limit: 9 })];
    expect(parts.flat()).toEqual(whole);
  });
});
