import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asOrgId, type OrganizationType } from '../../src/domain/index.js';
import { buildMatchEngine, COMPONENT_NAMES, type MatchExplanation, type Reason } from '../../src/match/index.js';
import type { GraphPath } from '../../src/match/types.js';
import { concatLess, needOfferPairs } from '../../src/match/explain.js';
import { josa, particle, sideSentence, topicWord } from '../../src/match/sentences.js';
import { collab, org } from '../fixtures/builders.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { tinyAnalyzer, TEST_MODEL } from './helpers.js';

/** A Korean need meets an English offer through the concepts the analyser emits for both. */
const analyzer = tinyAnalyzer({
  머신비전: 'machine-vision',
  'machine vision': 'machine-vision',
  불량검사: 'defect-inspection',
  'defect inspection': 'defect-inspection',
  공병: 'returned-bottle',
  'returned bottles': 'returned-bottle',
});

const engine = buildMatchEngine(
  {
    organizations: [
      org('daesun', {
        type: 'sme',
        name: { ko: '대선주조', en: 'Daesun Brewery' },
        description: '소주 제조 공장',
        needs: ['머신비전 불량검사', '공병 선별'],
        offers: ['returned bottles data'],
      }),
      org('autonics', {
        type: 'large_company',
        name: { ko: '오토닉스', en: 'Autonics' },
        description: 'sensors and controllers',
        offers: ['machine vision defect inspection'],
        needs: ['returned bottles data for training'],
      }),
      org('yonsei', { type: 'university', name: { ko: '연세대학교', en: 'Yonsei University' }, description: 'cloud image learning' }),
    ],
    collaborations: [collab('daesun', 'yonsei'), collab('autonics', 'yonsei')],
  },
  { analyzer, model: TEST_MODEL },
);
const match = engine.match(asOrgId('daesun')).matches.find((m) => m.id === 'autonics')!;
const explanation = match.explanation as MatchExplanation;
const reason = <K extends Reason['kind']>(kind: K, pick: (r: Extract<Reason, { kind: K }>) => boolean = () => true) =>
  explanation.reasons.find((r): r is Extract<Reason, { kind: K }> => r.kind === kind && pick(r as Extract<Reason, { kind: K }>));

describe('match explanations', () => {
  it('pairs the original need phrase with the original offer phrase, not stems or concept ids', () => {
    const theyOffer = reason('need_offer', (r) => r.direction === 'they_offer');
    expect(theyOffer?.pairs[0]).toMatchObject({ need: '머신비전 불량검사', offer: 'machine vision defect inspection' });
    expect(theyOffer?.pairs[0]?.terms).toEqual(expect.arrayContaining(['c:machine-vision', 'c:defect-inspection']));
  });

  it('also explains the other direction: what you offer meets their need', () => {
    const youOffer = reason('need_offer', (r) => r.direction === 'you_offer');
    expect(youOffer?.pairs[0]).toMatchObject({ need: 'returned bottles data for training', offer: 'returned bottles data' });
  });

  it('shows the graph path through the shared partner', () => {
    expect(reason('network')?.paths.map((p) => [p.via, p.viaName.ko])).toEqual([['yonsei', '연세대학교']]);
  });

  it('gives contributions that add up to each side’s interest (identity link)', () => {
    const sum = (side: 'forYou' | 'forThem') => explanation.components.reduce((s, c) => s + c[side], 0);
    expect(sum('forYou')).toBeCloseTo(explanation.interest.forYou, 12);
    expect(sum('forThem')).toBeCloseTo(explanation.interest.forThem, 12);
    expect(explanation.components.map((c) => c.component)).toEqual([...COMPONENT_NAMES]);
    expect(Object.keys(match.components)).toEqual([...COMPONENT_NAMES]);
  });

  it('says why, to each side, in Korean and English, with the phrases and names', () => {
    expect(explanation.whyThem.en).toContain('Autonics offers “machine vision defect inspection” for your need “머신비전 불량검사”');
    expect(explanation.whyThem.ko).toContain('오토닉스는 귀 기관의 수요 ‘머신비전 불량검사’에 맞는');
    expect(explanation.whyThem.ko).toContain('연세대학교와 협력한 적이 있습니다');
    expect(explanation.whyYou.en).toContain('Your “returned bottles data” meets their need “returned bottles data for training”');
    expect(explanation.whyYou.ko).toContain('오토닉스의 수요');
  });

  it('is serialisable JSON with a kind', () => {
    expect(JSON.parse(JSON.stringify(explanation)).kind).toBe('match');
  });
});

describe('Korean particles', () => {
  it('follow the final consonant of the last syllable', () => {
    expect(josa('연세대학교', '와/과')).toBe('연세대학교와');
    expect(josa('오토닉스', '은/는')).toBe('오토닉스는');
    expect(josa('대선주조', '을/를')).toBe('대선주조를');
    expect(josa('한국전자통신연구원', '이/가')).toBe('한국전자통신연구원이');
    expect(josa('‘센서’', '을/를')).toBe('‘센서’를');
  });

  it('show both forms after Latin letters', () => {
    expect(josa('KT', '은/는')).toBe('KT은(는)');
  });
});

describe('the activity sentence', () => {
  const names = { ko: '윈텍', en: 'Wintech' };
  const say = (side: 'them' | 'you', recentProjects: number, yourRecentProjects: number) =>
    sideSentence(side, [{ kind: 'activity', contribution: 0.1, recentProjects, yourRecentProjects }], [0.1], names, 'startup', 'sme');

  it('counts recent projects in both languages, singular and plural in English', () => {
    expect(say('them', 1, 0).en).toContain('Wintech has been active lately (1 recent project)');
    expect(say('them', 3, 0).en).toContain('(3 recent projects)');
    expect(say('them', 3, 0).ko).toContain('윈텍은 최근 협력 프로젝트 3건에 참여한');
    expect(say('you', 0, 1).en).toContain('Your recent track record (1 recent project) speaks for you.');
    expect(say('you', 0, 4).ko).toContain('최근 협력 실적(프로젝트 4건)');
  });
});

describe('the activity reason', () => {
  // Five projects, oldest first by grant number. "hub" worked with everyone in the two old ones (4 partners in
  // all) but is in one of the two newest projects; "fresh" has 2 partners, both from the newest projects. The
  // activity score counts recent projects (newest 40 % = P400, P500), so the reason must give 1 and 2, not the
  // all-time partner counts 4 and 2.
  const c = (a: string, b: string, p: number) => collab(a, b, { evidence: `X:${p}(P${p})` });
  const activityEngine = buildMatchEngine(
    {
      organizations: ['hub', 'fresh', 'x', 'y', 'z'].map((id) => org(id, { description: `organisation ${id}` })),
      collaborations: [c('hub', 'x', 100), c('hub', 'y', 200), c('hub', 'z', 300), c('x', 'fresh', 400), c('hub', 'fresh', 400), c('fresh', 'y', 500)],
    },
    { analyzer, model: TEST_MODEL, graph: { recentShare: 0.4 } },
  );
  const found = activityEngine.match(asOrgId('z'), { limit: 10 }).matches.find((m) => m.id === 'fresh');
  const activity = (found?.explanation as MatchExplanation | undefined)?.reasons.find((r) => r.kind === 'activity');

  it('gives the recent project counts the score used, not all-time partners', () => {
    // z → fresh: fresh has 2 recent projects, z none
    expect(activity).toMatchObject({ kind: 'activity', recentProjects: 2, yourRecentProjects: 0 });
    const hub = activityEngine.match(asOrgId('fresh'), { limit: 10, includeExisting: true }).matches.find((m) => m.id === 'hub');
    const hubActivity = (hub?.explanation as MatchExplanation | undefined)?.reasons.find((r) => r.kind === 'activity');
    expect(hubActivity).toMatchObject({ recentProjects: 1, yourRecentProjects: 2 });
  });

  it('says so to the side that is recommended, in Korean and English', () => {
    const why = (found?.explanation as MatchExplanation).whyThem;
    expect(why.en).toContain('has been active lately (2 recent projects)');
    expect(why.ko).toContain('최근 협력 프로젝트 2건에 참여한');
  });
});

describe('josa', () => {
  it('reads the last syllable before trailing white space, quotes and brackets, as the regular expression did', () => {
    // the reference: trim, strip the trailing run with the regular expression, take the last code unit
    const reference = (word: string, withFinal: string, withoutFinal: string) => {
      const code = (word.trim().replace(/[\s"'’”)\]]+$/u, '').at(-1) ?? '').charCodeAt(0);
      if (code >= 0xac00 && code <= 0xd7a3) return word + ((code - 0xac00) % 28 !== 0 ? withFinal : withoutFinal);
      return `${word}${withFinal}(${withoutFinal})`;
    };
    const unit = fc.constantFrom('대', '학', '교', '사', 'a', 'Z', '5', ' ', '\u3000', '\u00a0', '\n', '"', "'", '’', '”', ')', ']', '‘', '(');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), (word) => {
        expect(josa(word, '은/는')).toBe(reference(word, '은', '는'));
        expect(josa(word, '와/과')).toBe(reference(word, '과', '와'));
      }),
      { numRuns: 1000 },
    );
  });

  it('puts the particle of a quoted phrase where josa of the quoted string would', () => {
    const unit = fc.constantFrom('대', '학', '교', 'a', '5', ' ', '\u3000', '"', '’', '”', ')', ']', '‘');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 5 }), (s) => {
        expect(`‘${s}’${particle(s, '을/를')}`).toBe(josa(`‘${s}’`, '을/를'));
        expect(`‘${s}’${particle(s, '이/가')}`).toBe(josa(`‘${s}’`, '이/가'));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the order of a side’s reasons', () => {
  // rank: need→offer 0, type pair 2, the others 1; then contribution descending; ties keep the given order
  const reasons: Reason[] = [
    { kind: 'type_fit', contribution: 0.5, yourType: 'startup', theirType: 'sme', prior: 1 },
    { kind: 'activity', contribution: 0.2, recentProjects: 2, yourRecentProjects: 1 },
    { kind: 'network', contribution: 0.3, commonPartners: 0, paths: [] },
    { kind: 'need_offer', direction: 'they_offer', contribution: 0.01, similarity: 0.1, pairs: [{ need: '센서', offer: 'sensors', terms: ['sensor'], weight: 0.1 }] },
    { kind: 'need_offer', direction: 'you_offer', contribution: 0.9, similarity: 0.1, pairs: [{ need: 'data', offer: '데이터', terms: ['data'], weight: 0.1 }] },
  ];
  const names = { ko: '윈텍', en: 'wintech' };

  it('leads with the own-direction need met, then the strongest others; the type pair only as the third', () => {
    const them = sideSentence('them', reasons, reasons.map((r) => r.contribution), names, 'startup', 'sme');
    // network (0.3) before activity (0.2); the type pair would be fourth
    expect(them.en).toBe('Wintech offers “sensors” for your need “센서”; you are close in the collaboration network; wintech has been active lately (2 recent projects).');
    expect(them.ko).toBe('윈텍은 귀 기관의 수요 ‘센서’에 맞는 ‘sensors’을(를) 제공합니다. 협력 네트워크에서 가까운 거리에 있습니다. 윈텍은 최근 협력 프로젝트 2건에 참여한 활발한 기관입니다.');
  });

  it('drops reasons that add nothing to the side and keeps the given order on ties', () => {
    const you = sideSentence('you', reasons, reasons.map((r) => (r.kind === 'activity' || r.kind === 'network' ? 0.3 : r.kind === 'type_fit' ? 0.5 : 0)), names, 'startup', 'sme');
    // activity and network tie at 0.3: activity was given first
    expect(you.en).toBe('Your recent track record (1 recent project) speaks for you; you are close in the collaboration network; an SME and a startup often work together.');
  });
});

describe('need→offer pairs shown', () => {
  it('rest on a term that says something: not a syllable pair inside a word of the need, nor a generic word', () => {
    const engine = buildMatchEngine(
      {
        organizations: [
          org('brewery', { type: 'sme', needs: ['스마트공장 전환', '기반 마련'] }),
          org('forum', { type: 'association', offers: ['스마트제조 교류', '기반 시설'] }),
          org('integrator', { type: 'startup', offers: ['스마트공장 구축'] }),
        ],
      },
      { analyzer: tinyAnalyzer({}), model: TEST_MODEL },
    );
    const pairsOf = (id: string) =>
      engine
        .match(asOrgId('brewery'), { limit: 5 })
        .matches.find((m) => m.id === id)
        ?.explanation?.reasons.flatMap((r) => (r.kind === 'need_offer' && r.direction === 'they_offer' ? r.pairs.map((p) => `${p.need} ← ${p.offer}`) : []));
    // 스마트제조 and 스마트공장 share only the syllable pairs 스마 and 마트; 기반 is a generic word
    expect(pairsOf('forum')).toEqual([]);
    expect(pairsOf('integrator')).toEqual(['스마트공장 전환 ← 스마트공장 구축']);
  });
});

describe('graph paths shown', () => {
  it('never name an organisation that opted out, though its ties still count', () => {
    const network = (optedOut: boolean) =>
      buildMatchEngine(
        {
          organizations: [org('a'), org('b'), org('x', { optedOut }), org('y')],
          collaborations: [collab('a', 'x'), collab('x', 'b'), collab('a', 'y'), collab('y', 'b')],
        },
        { analyzer: tinyAnalyzer({}), model: TEST_MODEL },
      );
    const via = (optedOut: boolean) => {
      const m = network(optedOut).match(asOrgId('a'), { limit: 5 }).matches.find((x) => x.id === 'b');
      const r = m?.explanation?.reasons.find((x) => x.kind === 'network');
      return { score: m?.score, via: r?.kind === 'network' ? r.paths.map((p) => p.via).sort() : [] };
    };
    expect(via(false).via).toEqual(['x', 'y']);
    expect(via(true).via).toEqual(['y']);
    expect(via(true).score).toBe(via(false).score);
  });
});

describe('what a sentence claims', () => {
  const names = { ko: '윈텍', en: 'wintech' };
  const via = (id: string, yourTie: GraphPath['yourTie'], theirTie: GraphPath['theirTie']): GraphPath => ({
    via: asOrgId(id),
    viaName: { ko: id.toUpperCase(), en: id.toUpperCase() },
    yourTie,
    theirTie,
  });
  const network = (...paths: GraphPath[]) => sideSentence('them', [{ kind: 'network', contribution: 0.3, commonPartners: 1, paths }], [0.3], names, 'startup', 'sme');

  it('says "worked with" only when both sides collaborated with the intermediary, not when one merely shared a programme', () => {
    expect(network(via('wiz', ['poc'], ['joint_rnd', 'shared_programme'])).en).toBe('You have both worked with WIZ.');
    const programme = network(via('wiz', ['poc'], ['shared_programme']), via('kt', ['mou'], ['mou']));
    expect(programme.en).toBe('You are both linked to WIZ and KT through collaborations or shared programmes.');
    expect(programme.ko).toBe('두 기관 모두 WIZ, KT과(와) 협력 또는 같은 프로그램 참여로 연결되어 있습니다.');
  });

  it('names the shared word of a phrase, not the whole phrase around it', () => {
    expect(topicWord('현장 의견과 우수 협력 사례', '현장')).toBe('현장');
    expect(topicWord('실증 현장에서 검증', '현장')).toBe('현장');
    expect(topicWord('floor scales for logistics.', 'logist')).toBe('logistics');
    expect(topicWord('(machine vision) cameras', 'c:machine-vision')).toBe('(machine vision) cameras');
    expect(topicWord('반도체', '반도체')).toBe('반도체');
    const topics = sideSentence(
      'them',
      [{ kind: 'shared_topics', contribution: 0.2, similarity: 0.3, terms: [{ term: '현장', yours: ['현장 실증'], theirs: ['현장 의견과 우수 협력 사례'], weight: 0.1 }] }],
      [0.2],
      names,
      'startup',
      'sme',
    );
    expect(topics.en).toBe('You share topics such as 현장.');
  });

  it('uses the article of the sound and a plural for two of a kind', () => {
    const fit = (x: OrganizationType, y: OrganizationType) => sideSentence('them', [{ kind: 'type_fit', contribution: 0.1, yourType: x, theirType: y, prior: 1 }], [0.1], names, x, y).en;
    expect(fit('university', 'investor')).toBe('A university and an investor often work together.');
    expect(fit('sme', 'association')).toBe('An SME and an association often work together.');
    expect(fit('sme', 'sme')).toBe('Two SMEs often work together.');
    expect(fit('university', 'university')).toBe('Two universities often work together.');
  });
});

describe('need→offer pairs', () => {
  // the reference: every pair by need then offer in order of first appearance, sorted, the first `limit`
  const reference = (shared: readonly { term: string; contribution: number }[], needs: Map<string, string[]>, offers: Map<string, string[]>, limit: number) => {
    const pairs = new Map<string, { need: string; offer: string; terms: string[]; weight: number }>();
    for (const { term, contribution } of shared) {
      const ns = needs.get(term);
      const os = offers.get(term);
      if (ns === undefined || ns.length === 0 || os === undefined) continue;
      for (const need of ns) {
        for (const offer of os) {
          const p = pairs.get(`${need}\u0000${offer}`);
          if (p === undefined) pairs.set(`${need}\u0000${offer}`, { need, offer, terms: [term], weight: contribution });
          else {
            p.terms.push(term);
            p.weight += contribution;
          }
        }
      }
    }
    return [...pairs.values()].sort((x, y) => y.weight - x.weight || (x.need + x.offer < y.need + y.offer ? -1 : 1)).slice(0, limit);
  };
  // needs and offers from different letters, so that no two pairs spell the same need + offer; few weights, so ties
  const phrases = (letter: string) => fc.uniqueArray(fc.constantFrom(...[0, 1, 2, 3, 4, 5, 6].map((i) => `${letter}${i}`)), { maxLength: 5 });
  const terms = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];

  it('are the strongest pairs of the sorted list of all, however many there are (past the linear search too)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ term: fc.constantFrom(...terms), contribution: fc.constantFrom(0.1, 0.2, 0.25) }), { maxLength: 12 }),
        fc.tuple(...terms.map(() => phrases('n'))),
        fc.tuple(...terms.map(() => fc.option(phrases('o'), { nil: undefined }))),
        fc.nat(6),
        (shared, needLists, offerLists, limit) => {
          const needs = new Map(terms.map((t, i) => [t, needLists[i]!]));
          const offers = new Map(terms.flatMap((t, i) => (offerLists[i] === undefined ? [] : [[t, offerLists[i]!] as const])));
          expect(needOfferPairs(shared, needs, offers, limit)).toEqual(reference(shared, needs, offers, limit));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('concatLess', () => {
  it('orders like comparing the two concatenations', () => {
    const part = fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', 'ab', '머', '신', '\u0000', 'Z') });
    fc.assert(
      fc.property(part, part, part, part, (x1, x2, y1, y2) => {
        expect(concatLess(x1, x2, y1, y2)).toBe(x1 + x2 < y1 + y2);
      }),
      { numRuns: 500 },
    );
  });
});

describe('shared topics', () => {
  it('pass over spelling coincidences inside words and the network’s boilerplate words', () => {
    const real = buildMatchEngine(
      {
        organizations: [
          org('ga', { type: 'sme', name: { ko: '가나전자' }, description: '시스템 반도체 설계 현장에서 i-CON 참여기관과 협력' }),
          org('cstem', { type: 'startup', name: { ko: '씨스템' }, description: '나노 공정 현장 반도체 설계, i-CON 참여기관' }),
        ],
      },
      { analyzer: createAnalyzer(), model: TEST_MODEL },
    );
    const reason = real.match(asOrgId('ga'), { limit: 1 }).matches[0]?.explanation?.reasons.find((r) => r.kind === 'shared_topics');
    // not '스템' (in 시스템 and in the name 씨스템), nor i-CON, 참여기관 or 협력, which nearly every member writes
    expect(reason?.kind === 'shared_topics' ? reason.terms.map((t) => [t.term, t.yours[0], t.theirs[0]]) : []).toEqual([
      ['반도체', '반도체', '반도체'],
      ['설계', '설계', '설계'],
      ['현장', '현장', '현장'],
    ]);
  });
});
