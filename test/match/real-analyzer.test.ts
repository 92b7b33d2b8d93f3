/**
 * The engine with the real bilingual analyser of `src/text` and the project's dictionary: Korean needs find
 * English offers, and explanations quote both as written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asOrgId } from '../../src/domain/index.js';
import { buildMatchEngine, type Reason } from '../../src/match/index.js';
import { createAnalyzer, parseDictionary } from '../../src/text/index.js';
import { collab, org } from '../fixtures/builders.js';
import { TEST_MODEL } from './helpers.js';

const analyzer = createAnalyzer(parseDictionary(readFileSync(new URL('../../data/dictionary/concepts.tsv', import.meta.url), 'utf8')));

// The 5G brewery consortium of the seed, with distractors.
const engine = buildMatchEngine(
  {
    organizations: [
      org('daesun', {
        type: 'sme',
        name: { ko: '대선주조', en: 'Daesun Brewery' },
        sectors: ['smart_manufacturing'],
        description: '부산의 소주 제조사. 회수된 공병을 자동으로 선별하는 스마트공장을 구축하려 합니다.',
        needs: ['머신비전 불량검사', '공병 선별 자동화', '5G 스마트공장 구축'],
      }),
      org('autonics', {
        type: 'large_company',
        name: { ko: '오토닉스', en: 'Autonics' },
        description: 'Sensors, controllers and industrial machine vision systems.',
        offers: ['machine vision defect inspection', 'industrial sensors'],
      }),
      org('wizcore', {
        type: 'sme',
        name: { ko: '위즈코어', en: 'Wizcore' },
        description: 'Smart factory platform over private 5G networks.',
        offers: ['5G smart factory system'],
      }),
      org('bakery', { type: 'sme', name: { en: 'Seoul Bakery' }, description: 'Bread and pastries.', offers: ['bread'] }),
      org('yonsei', { type: 'university', name: { ko: '연세대학교', en: 'Yonsei University' }, offers: ['cloud image learning platform'] }),
    ],
    collaborations: [collab('wizcore', 'yonsei')],
  },
  { analyzer, model: TEST_MODEL },
);

describe('with the real analyser', () => {
  it('matches Korean needs with English offers and quotes both as written', () => {
    const r = engine.match(asOrgId('daesun'));
    expect(r.matches.slice(0, 2).map((m) => m.id).sort()).toEqual(['autonics', 'wizcore']);
    expect(r.matches.map((m) => m.id)).not.toContain('bakery');
    const autonics = r.matches.find((m) => m.id === 'autonics')!;
    const needOffer = autonics.explanation!.reasons.find((x): x is Extract<Reason, { kind: 'need_offer' }> => x.kind === 'need_offer');
    expect(needOffer?.pairs[0]).toMatchObject({ need: '머신비전 불량검사', offer: 'machine vision defect inspection' });
    expect(autonics.explanation!.whyThem.ko).toContain('‘머신비전 불량검사’');
  });

  it('searches English offers with a Korean query', () => {
    expect(engine.search('머신비전').results[0]?.id).toBe('autonics');
    expect(engine.search('스마트공장').results.map((h) => h.id)).toContain('wizcore');
  });

  it('assembles a mixed team for the brewery from its needs', () => {
    const t = engine.team({ organization: asOrgId('daesun') });
    expect(t.members.map((m) => m.id).sort()).toEqual(['autonics', 'wizcore']);
    expect(t.needs.find((n) => n.need === '5G 스마트공장 구축')?.coveredBy).toBe('wizcore');
  });
});
