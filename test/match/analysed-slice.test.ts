/**
 * An engine built from profiles analysed beforehand, in slices (what the batch's threads share), is the engine
 * built by analysing the profiles one by one: the same term ids in the same order, the same rankings with the
 * same scores to the last bit — whatever the slice boundaries, including an empty slice and an id that occurs
 * twice in the data (the later profile replaces the earlier, as an upsert does). With the free text's surface words
 * (an engine that explains), the explanations are the same word for word.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../src/domain/index.js';
import { analyseSlice, buildMatchEngine, inEngineOrder, type Analyzer, type MatchData, type MatchEngine } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { syntheticNetwork } from '../../scripts/bench/synthetic.js';
import { readSampleNetwork } from '../fixtures/sample-network.js';

const N = 400;

describe('building from analysed slices', () => {
  let analyzer: Analyzer;
  let data: MatchData;
  let plain: MatchEngine;
  let withSurfaces: MatchEngine;
  beforeAll(async () => {
    analyzer = await loadAnalyzer();
    const net = syntheticNetwork(N, 5);
    const first = net.organizations[7]!;
    // the same id again with other text: its terms are new to the vocabulary when the second copy comes
    const again: Organization = { ...first, description: 'quantum lithography wafer bonding 양자 리소그래피', offers: ['wafer bonding service'] };
    data = { organizations: [...net.organizations, again], collaborations: net.collaborations };
    plain = buildMatchEngine(data, { analyzer, keepSurfaces: false });
    withSurfaces = buildMatchEngine(data, { analyzer });
  });

  /** The engine built from `data` analysed in slices cut at `bounds`; `surfaces`: one that keeps surface words. */
  const sliced = (bounds: readonly number[], surfaces = false) => {
    const orgs = inEngineOrder(data.organizations);
    const cuts = [0, ...bounds, orgs.length];
    const slices = cuts.slice(1).map((end, i) => analyseSlice(orgs.slice(cuts[i]!, end), analyzer, { surfaces }));
    return buildMatchEngine(data, { analyzer, keepSurfaces: surfaces }, slices);
  };

  it.each([[[]], [[1]], [[150, 150, 290]], [[N]]])('cut at %j: same vocabulary, same rankings and scores', (bounds) => {
    const engine = sliced(bounds);
    expect(engine.index.terms).toEqual(plain.index.terms);
    expect(engine.topKForAll(10)).toEqual(plain.topKForAll(10));
    const id = plain.organizationIds()[42]!;
    expect(engine.match(id, { limit: 5, explain: false })).toEqual(plain.match(id, { limit: 5, explain: false }));
  });

  it.each([[[]], [[1]], [[150, 150, 290]]])('with surface words, cut at %j: the same explanations, word for word', (bounds) => {
    const engine = sliced(bounds, true);
    const ids = withSurfaces.organizationIds();
    for (let i = 0; i < ids.length; i += 7) {
      expect(engine.match(ids[i]!, { limit: 5 })).toEqual(withSurfaces.match(ids[i]!, { limit: 5 }));
    }
  });

  it('on the sample network (Korean, English and mixed profiles), cut in three: the same explanations', () => {
    const sample = readSampleNetwork();
    const orgs = inEngineOrder(sample.organizations);
    const slices = [orgs.slice(0, 20), orgs.slice(20, 50), orgs.slice(50)].map((part) => analyseSlice(part, analyzer, { surfaces: true }));
    const one = buildMatchEngine(sample, { analyzer });
    const three = buildMatchEngine(sample, { analyzer }, slices);
    for (const id of one.organizationIds()) expect(three.match(id, { limit: 5 })).toEqual(one.match(id, { limit: 5 }));
  });

  it('the replaced profile is the later one', () => {
    const engine = sliced([8]);
    const id = data.organizations[7]!.id;
    expect(engine.index.termId('bond')).toBeDefined();
    expect(engine.search('wafer bonding', { limit: 1 }).results[0]?.id).toBe(id);
  });

  it('refuses slices that do not cover the data, and slices without surface words for an engine that keeps them', () => {
    const orgs = inEngineOrder(data.organizations);
    const short = [analyseSlice(orgs.slice(0, 10), analyzer)];
    expect(() => buildMatchEngine(data, { analyzer, keepSurfaces: false }, short)).toThrow(/slices hold 10 profiles, the data 401/);
    const whole = [analyseSlice(orgs, analyzer)];
    expect(() => buildMatchEngine(data, { analyzer }, whole)).toThrow(/analyse the slices with surfaces: true/);
  });
});
