/**
 * The seed document's three showcase partnerships must be rediscovered from the sample network with their known
 * ties left out (leave-one-out): the organisation's collaborations are removed and it is taken out of every
 * programme, so nothing in the graph gives the answer away; only the profiles and the rest of the network speak.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asOrgId, type Collaboration, type Organization, type Programme } from '../../src/domain/index.js';
import { buildMatchEngine, type Analyzer, type MatchEngine } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { readSampleNetwork } from '../fixtures/sample-network.js';

let analyzer: Analyzer;
let organizations: Organization[];
let collaborations: Collaboration[];
let programmes: Programme[];

beforeAll(async () => {
  analyzer = await loadAnalyzer();
  ({ organizations, collaborations, programmes } = readSampleNetwork());
});

/** The engine over the sample network with every tie of `left` removed. */
function withoutTiesOf(...left: string[]): MatchEngine {
  const out = new Set(left);
  return buildMatchEngine(
    {
      organizations,
      collaborations: collaborations.filter((c) => !out.has(c.a) && !out.has(c.b)),
      programmes: programmes.map((p) => ({ ...p, participants: p.participants.filter((id) => !out.has(id)) })),
    },
    { analyzer },
  );
}

const top = (engine: MatchEngine, id: string, k: number) => engine.match(asOrgId(id), { limit: k }).matches;

describe('the seed cases, rediscovered with their ties left out', () => {
  it("Daesun Brewery's top 5 holds Wizcore (5G system), Autonics (machine vision) and Yonsei (cloud image learning)", () => {
    const matches = top(withoutTiesOf('daesun-brewery'), 'daesun-brewery', 5);
    expect(matches.map((m) => m.id)).toEqual(expect.arrayContaining(['wizcore', 'autonics', 'yonsei-univ']));
    // and each comes with reasons both sides can check: need → offer phrases as written in the profiles
    const wizcore = matches.find((m) => m.id === 'wizcore');
    const needOffer = wizcore?.explanation?.reasons.find((r) => r.kind === 'need_offer' && r.direction === 'they_offer');
    expect(needOffer).toBeDefined();
  });

  it("KT's top 5 is mostly startups and SMEs (its data for their business models)", () => {
    const matches = top(withoutTiesOf('kt'), 'kt', 5);
    const small = matches.filter((m) => m.type === 'startup' || m.type === 'sme');
    expect(small.length).toBeGreaterThanOrEqual(3);
  });

  it('G-Tech International and the packaging company (NuriPack) find each other', () => {
    const engine = withoutTiesOf('gtech-intl', 'nuripack');
    expect(top(engine, 'gtech-intl', 5).map((m) => m.id)).toContain('nuripack');
    expect(top(engine, 'nuripack', 5).map((m) => m.id)).toContain('gtech-intl');
  });
});
