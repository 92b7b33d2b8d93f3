import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { buildMatchEngine, splitNeeds } from '../../src/match/index.js';
import { org } from '../fixtures/builders.js';
import { tinyAnalyzer, TEST_MODEL } from './helpers.js';

const analyzer = tinyAnalyzer({
  머신비전: 'machine-vision',
  'machine vision': 'machine-vision',
  클라우드: 'cloud',
  cloud: 'cloud',
  '5g': '5g',
  스마트공장: 'smart-factory',
  'smart factory': 'smart-factory',
});

// The Daesun Brewery consortium of the seed: a 5G system integrator, a machine-vision company and a
// university lab with a cloud image-learning platform, plus distractors.
const engine = buildMatchEngine(
  {
    organizations: [
      org('daesun', { type: 'sme', name: { ko: '대선주조' }, needs: ['5G 스마트공장', '머신비전 공병 선별', '클라우드 영상 학습'] }),
      org('wizcore', { type: 'startup', name: { en: 'Wizcore' }, offers: ['5G smart factory system integration'] }),
      org('autonics', { type: 'large_company', name: { en: 'Autonics' }, offers: ['machine vision cameras', 'sensors'] }),
      org('yonsei', { type: 'university', name: { en: 'Yonsei University' }, offers: ['cloud image learning platform'] }),
      org('visionlab', { type: 'startup', name: { en: 'Vision Lab' }, offers: ['machine vision software'], optedOut: true }),
      org('telco', { type: 'large_company', name: { en: 'Telco' }, offers: ['5G network'] }),
      org('bakery', { type: 'sme', name: { en: 'Bakery' }, offers: ['bread'] }),
    ],
  },
  { analyzer, model: TEST_MODEL },
);

describe('free-text search', () => {
  it('finds English offers for a Korean query through shared concepts, and says which phrase matched', () => {
    const r = engine.search('머신비전');
    // Autonics offers it; Daesun only needs it (its profile mentions it only in its needs: a search asks who can
    // give it, so Daesun is not listed); Vision Lab opted out
    expect(r.results.map((h) => h.id)).toEqual(['autonics']);
    const m = r.results[0]!.explanation.matched[0]!;
    expect(m).toMatchObject({ term: 'c:machine-vision', query: ['머신비전'] });
    expect(m.phrases).toContain('machine vision cameras');
  });

  it('lists no organisation whose only match is a generic word of the network (partner, 지원)', () => {
    const e = buildMatchEngine(
      {
        organizations: [
          org('lab', { type: 'research_institute', offers: ['clinical validation'] }),
          org('fund', { type: 'investor', name: { en: 'Seed Partners' }, description: 'Seed Partners, a partner for founders', offers: ['seed investment'] }),
        ],
      },
      { analyzer, model: TEST_MODEL },
    );
    expect(e.search('clinical validation partner').results.map((h) => h.id)).toEqual(['lab']);
  });

  it('applies filters and returns the model version', () => {
    const r = engine.search('5G smart factory', { types: ['large_company'] });
    expect(r.results.map((h) => h.id)).toEqual(['telco']);
    expect(r.modelVersion).toBe('test-1');
  });

  it('returns nothing for words nobody uses', () => {
    expect(engine.search('quantum annealing').results).toEqual([]);
  });
});

describe('teams', () => {
  it('assembles the brewery consortium: integrator + vision company + university, each with what it covers', () => {
    const t = engine.team({ organization: asOrgId('daesun') });
    expect(t.members.map((m) => m.id).sort()).toEqual(['autonics', 'wizcore', 'yonsei']);
    expect(new Set(t.members.map((m) => m.type)).size).toBe(3);
    expect(t.coverage).toBe(1);
    const autonics = t.members.find((m) => m.id === 'autonics')!;
    expect(autonics.explanation.covers[0]).toMatchObject({ need: '머신비전 공병 선별', offer: 'machine vision cameras' });
    expect(autonics.explanation.reason.en).toContain('covers “머신비전 공병 선별” with “machine vision cameras”');
    expect(t.needs.find((n) => n.need === '클라우드 영상 학습')?.coveredBy).toBe('yonsei');
  });

  it('writes the Korean reason with particles that agree with the name and the offer, not the type label', () => {
    const korean = buildMatchEngine(
      {
        organizations: [
          org('brewery', { type: 'sme', name: { ko: '대선주조' }, needs: ['머신비전 선별', '영상 학습'] }),
          org('wizcore', { type: 'sme', name: { ko: '위즈코어' }, offers: ['머신비전 카메라'] }),
          org('lab', { type: 'university', name: { ko: '연세대학교 연구실' }, offers: ['영상 학습 플랫폼'] }),
        ],
      },
      { analyzer, model: TEST_MODEL },
    );
    const reasons = korean.team({ organization: asOrgId('brewery') }).members.map((m) => m.explanation.reason.ko).sort();
    expect(reasons).toContain('위즈코어(중소기업)는 ‘머신비전 선별’ 수요에 ‘머신비전 카메라’를 제공합니다.');
    expect(reasons).toContain('연세대학교 연구실(대학)은 ‘영상 학습’ 수요에 ‘영상 학습 플랫폼’을 제공합니다.');
  });

  it('works from free text too, and never adds members that cover nothing', () => {
    const t = engine.team({ text: 'machine vision\nbread' });
    expect(t.members.map((m) => m.id).sort()).toEqual(['autonics', 'bakery']);
    expect(engine.team({ text: 'quantum annealing' }).members).toEqual([]);
  });

  it("does not count a need as met through a generic word of the network or a syllable pair inside a word", () => {
    const e = buildMatchEngine(
      {
        organizations: [
          org('hub', { type: 'association', offers: ['기반 시설 제공'] }),
          org('cafe', { type: 'sme', offers: ['데이지 꽃차'] }),
          org('lab', { type: 'university', offers: ['데이터 분석'] }),
        ],
      },
      { analyzer: tinyAnalyzer({}), model: TEST_MODEL },
    );
    // '기반' (based on) is generic; '데이' is inside both 데이터 and 데이지, a coincidence of spelling
    const t = e.team({ text: '통신데이터 기반 서비스' });
    expect(t.members.map((m) => m.id)).toEqual([]);
    expect(e.team({ text: '데이터 분석 기반' }).members.map((m) => m.id)).toEqual(['lab']);
  });

  it('respects the size limit', () => {
    expect(engine.team({ organization: asOrgId('daesun') }, { maxSize: 2 }).members).toHaveLength(2);
  });

  it('splits free text into need phrases at line breaks, commas, semicolons and dots', () => {
    expect(splitNeeds('a, b;c\n d · e')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
