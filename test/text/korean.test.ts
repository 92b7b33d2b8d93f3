// Particle stripping, word by word. Each line is a hand-checked case with the reason for the expected stem.
import { describe, expect, it } from 'vitest';
import { stripKoreanWord } from '../../src/text/index.js';

describe('stripKoreanWord', () => {
  it.each([
    ['머신비전은', '머신비전', '은 after a consonant-final syllable'],
    ['데이터를', '데이터', '를 after a vowel-final syllable'],
    ['스타트업과', '스타트업', '과 after a consonant'],
    ['하드웨어와', '하드웨어', '와 after a vowel'],
    ['센서로', '센서', '로 after a vowel'],
    ['서울로', '서울', '로 after ㄹ'],
    ['공장으로', '공장', '으로 after a consonant other than ㄹ'],
    ['병원에서는', '병원', 'the combination 에서는 is tried before 는'],
    ['기업들의', '기업', 'particle, then the plural 들'],
    ['센서기술을', '센서', 'particle, then the generic head noun 기술'],
    ['개발하는', '개발', 'light-verb ending 하는'],
    ['구축하고', '구축', 'light-verb ending 하고'],
    ['지원합니다', '지원', 'light-verb ending 합니다'],
    ['다양한', '다양', 'adnominal 한'],
    ['자동화된', '자동화', 'passive ending 된'],
    ['효율적인', '효율', '적인'],
  ])('%s → %s (%s)', (word, stem) => {
    expect(stripKoreanWord(word)).toBe(stem);
  });

  it.each([
    ['디스플레이', '이 after a vowel-final syllable is not the particle 이'],
    ['게이트웨이', 'same'],
    ['전문가', '가 after a consonant-final syllable is not the particle 가'],
    ['집적회로', 'protected ending 회로'],
    ['마이크로', 'protected ending 마이크로'],
    ['화상회의', 'protected ending 회의'],
    ['연구성과', 'protected ending 성과'],
    ['수출실적', 'protected ending 실적'],
    ['무제한', 'protected ending 제한'],
    ['해상도', '도 is deliberately not a particle (해상도, 속도, 인증제도)'],
    ['고도비만', '만 is deliberately not a particle (비만, 백만)'],
    ['회의', 'never fewer than two syllables'],
    ['기술', 'never fewer than two syllables'],
    ['기술이', 'never fewer than two syllables after the particle either (기술 stays)'],
  ])('%s is left whole (%s)', (word) => {
    const expected = word === '기술이' ? '기술' : word;
    expect(stripKoreanWord(word)).toBe(expected);
  });

  it('strips only one particle, then one head noun', () => {
    // 에서 then 는 would be two particles; the combination is in the table as one.
    expect(stripKoreanWord('연구소에서는')).toBe('연구소');
    // The particle 의 goes, then 들; a second particle before 들 is not looked for.
    expect(stripKoreanWord('스타트업들의')).toBe('스타트업');
  });
});
