import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { buildMatchEngine } from '../../src/match/index.js';
import { collab, org } from '../fixtures/builders.js';
import { tinyAnalyzer, TEST_MODEL } from './helpers.js';

const analyzer = tinyAnalyzer();
const ids = (r: { matches: readonly { id: string }[] }) => r.matches.map((m) => m.id);

describe('golden ranking: reciprocity beats one-sided fit', () => {
  // A bottling plant (SME) needs vision inspection and offers bottle washing. Every organisation's default
  // name is "Org <id>", so all share the word "org" a little.
  const engine = buildMatchEngine(
    {
      organizations: [
        org('plant', { type: 'sme', description: 'bottle plant', needs: ['vision inspection'], offers: ['bottle washing'] }),
        org('mutual', { type: 'large_company', description: 'camera maker', offers: ['vision inspection'], needs: ['bottle washing'] }),
        org('oneway', { type: 'large_company', description: 'camera maker', offers: ['vision inspection'] }),
        org('twin', { type: 'large_company', description: 'bottle plant' }),
        org('stranger', { type: 'large_company', description: 'venture fund' }),
      ],
    },
    { analyzer, model: TEST_MODEL },
  );

  it('orders mutual > twin > oneway > stranger', () => {
    // mutual: its offer meets the plant's need AND the plant's offer meets its need — good for both sides.
    // twin: the same words both ways (high topical similarity), good for both, but nobody needs anything.
    // oneway: offers what the plant needs but needs nothing the plant has; I(plant→oneway) is higher than the
    //   twin's, yet the harmonic mean with the low I(oneway→plant) puts it below the twin.
    // stranger: shares only the word "org" of the default names.
    const r = engine.match(asOrgId('plant'));
    expect(ids(r)).toEqual(['mutual', 'twin', 'oneway', 'stranger']);
    const oneway = r.matches[2]!.explanation!;
    const twin = r.matches[1]!.explanation!;
    expect(oneway.interest.forYou).toBeGreaterThan(twin.interest.forYou);
    expect(oneway.interest.forThem).toBeLessThan(twin.interest.forThem);
  });

  it('returns the model version with the result, and no contacts', () => {
    const r = engine.match(asOrgId('plant'), { limit: 1 });
    expect(r.modelVersion).toBe('test-1');
    expect(r.organization).toBe('plant');
    expect(Object.keys(r.matches[0]!).sort()).toEqual(['components', 'explanation', 'id', 'name', 'score', 'type']);
  });
});

describe('golden ranking: graph proximity', () => {
  //   c1 ─ x ─ a ─ y ─ c1        c1 shares two partners (x, y) with a
  //        x ─ c2 ─ z ─ c3       c2 shares one (x); z is three steps away; c3 four
  //        y ─ w                 w shares one (y)
  const engine = buildMatchEngine(
    {
      organizations: ['a', 'x', 'y', 'z', 'c1', 'c2', 'c3', 'w'].map((id) => org(id, { type: 'sme' })),
      collaborations: [
        collab('a', 'x'),
        collab('a', 'y'),
        collab('c1', 'x'),
        collab('c1', 'y'),
        collab('c2', 'x'),
        collab('z', 'c2'),
        collab('c3', 'z'),
        collab('w', 'y'),
      ],
    },
    { analyzer, model: TEST_MODEL },
  );

  it('ranks two shared partners above one, one above a 3-step walk, and that above text alone', () => {
    // Text is identical for all ("Org <id>"), types are equal: only the graph separates them. x and y are
    // existing partners and are left out.
    const r = ids(engine.match(asOrgId('a')));
    expect(r[0]).toBe('c1');
    expect(new Set(r.slice(1, 3))).toEqual(new Set(['c2', 'w']));
    expect(r.slice(3)).toEqual(['z', 'c3']);
  });

  it('explains the graph reason with the path a — x ← c1 and a — y ← c1', () => {
    const m = engine.match(asOrgId('a')).matches[0]!;
    const network = m.explanation!.reasons.find((x) => x.kind === 'network');
    expect(network?.kind === 'network' && network.paths.map((p) => p.via).sort()).toEqual(['x', 'y']);
    expect(m.explanation!.whyThem.en).toContain('You have both worked with Org x and Org y');
    expect(m.explanation!.whyThem.ko).toContain('두 기관 모두');
  });
});
