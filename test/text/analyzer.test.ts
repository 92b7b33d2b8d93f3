// The analyser's behaviour, example by example. Every expected term list below was worked out by hand from the
// rules in src/text/analyzer.ts; a comment says why when it is not obvious.
import { describe, expect, it } from 'vitest';
import { createAnalyzer, parseDictionary } from '../../src/text/index.js';

const plain = createAnalyzer();

const small = createAnalyzer(
  parseDictionary(
    [
      'concept\tko\ten',
      'ai\t인공지능\tAI|artificial intelligence',
      'machine-vision\t머신비전\tmachine vision',
      'semiconductor\t반도체\tsemiconductor',
      'system-semiconductor\t시스템반도체\tsystem semiconductor',
      'foot-traffic\t유동인구\tfoot traffic',
      'clinical-validation\t임상검증|임상적 검증\tclinical validation',
      'poc\t실증\tproof of concept|PoC',
      'led\t발광다이오드\tLED',
      'chemicals\t화학물질\tchemical',
      'measurement\t측정\tmeasurement',
    ].join('\n'),
  ),
);

describe('Korean: particles, bigrams and spacing', () => {
  it('emits the bigrams and the particle-stripped word of a Hangul run', () => {
    expect(plain.analyze('머신비전은')).toEqual(['머신', '신비', '비전', '머신비전']);
  });

  it('lets 머신비전은, 머신 비전 and 머신비전 meet on 머신 and 비전', () => {
    const solid = new Set(plain.analyze('머신비전'));
    const spaced = new Set(plain.analyze('머신 비전'));
    const withParticle = new Set(plain.analyze('머신비전은'));
    expect(plain.analyze('머신 비전')).toEqual(['머신', '비전']);
    for (const shared of ['머신', '비전']) {
      expect(solid.has(shared) && spaced.has(shared) && withParticle.has(shared)).toBe(true);
    }
    // Without particles the whole word is the same term too.
    expect(withParticle.has('머신비전') && solid.has('머신비전')).toBe(true);
  });

  it('with a dictionary, all three spellings also share the concept term', () => {
    for (const text of ['머신비전은', '머신 비전', '머신비전', '머신 비전을 도입한 공장']) {
      expect(small.analyze(text)).toContain('c:machine-vision');
    }
  });

  it('strips particles only after the syllable shape they follow, so loanwords keep their last syllable', () => {
    // 이 after a vowel-final syllable (레) is part of the word, not the subject particle.
    expect(plain.analyze('디스플레이를')).toContain('디스플레이');
    // 가 after a consonant-final syllable (문) is part of 전문가; the particle 가 after it is stripped.
    expect(plain.analyze('전문가가')).toContain('전문가');
    // 로 ends 집적회로 itself (a protected ending); the particle 로 after it goes.
    expect(plain.analyze('집적회로로')).toContain('집적회로');
  });

  it('never strips a word down to one syllable', () => {
    expect(plain.analyze('회의')).toEqual(['회의']);
    expect(plain.analyze('기술')).toEqual(['기술']);
  });

  it('drops particles written apart, stop words and counters after numbers, but keeps other single syllables', () => {
    expect(plain.analyze('KT의 빅데이터')).toEqual(['kt', '빅데', '데이', '이터', '빅데이터']);
    expect(plain.analyze('기술이전 8건, 762명이 참여')).toEqual(['기술', '술이', '이전', '기술이전', '참여']);
    expect(plain.analyze('및 등 위한 통해')).toEqual([]);
    expect(plain.analyze('칩')).toEqual(['칩']);
  });

  it('never drops Hangul, which natural alone would', () => {
    const terms = plain.analyze('AI기술과 센서를 활용한 스마트공장');
    expect(terms).toEqual(expect.arrayContaining(['ai', '기술', '센서', '활용', '스마', '마트', '트공', '공장', '스마트공장']));
  });
});

describe('English: tokens, stop words and stems', () => {
  it('stems with Porter: sensors → sensor, trials → trial', () => {
    expect(plain.analyze('sensors')).toEqual(['sensor']);
    expect(plain.analyze('clinical trials')).toEqual(['clinic', 'trial']);
  });

  it('removes stop words', () => {
    expect(plain.analyze('the sensor is in a package for the fab')).toEqual(['sensor', 'packag', 'fab']);
  });

  it('keeps mixed tokens and acronyms whole, lower-cased and unstemmed', () => {
    expect(plain.analyze('5G MEMS NPU GMP MPW AI B2B 3D')).toEqual(['5g', 'mems', 'npu', 'gmp', 'mpw', 'ai', 'b2b', '3d']);
    expect(plain.analyze('COVID-19 R&D M&A 3.5mm v2.0 RS-232')).toEqual(['covid-19', 'r&d', 'm&a', '3.5mm', 'v2.0', 'rs-232']);
  });

  it('drops a plural s from acronyms: SMEs and SME are one term', () => {
    expect(plain.analyze('SMEs GPUs')).toEqual(['sme', 'gpu']);
  });

  it('keeps joined words apart when they are not a mixed token', () => {
    // Wi-Fi has no digit; 5G-based keeps 5g whole and stems "based".
    expect(plain.analyze('Wi-Fi 5G-based TCP/IP')).toEqual(['wi', 'fi', '5g', 'base', 'tcp', 'ip']);
  });

  it('drops bare numbers (years, counts)', () => {
    expect(plain.analyze('in 2020 we ran 53 programmes')).toEqual(['ran', 'programm']);
  });

  it('keeps words Porter would merge with a different word apart', () => {
    expect(plain.analyze('marketing market machining machine')).toEqual(['marketing', 'market', 'machining', 'machin']);
  });
});

describe('NFKC and case', () => {
  it('folds full-width characters: ５Ｇ → 5g', () => {
    expect(plain.analyze('５Ｇ')).toEqual(['5g']);
    expect(plain.analyze('ＭＥＭＳ　센서')).toEqual(['mems', '센서']);
  });

  it('composes conjoining jamo into syllables before reading Hangul', () => {
    // 센서 typed as conjoining jamo (ᄉ ᅦ ᆫ ᄉ ᅥ).
    expect(plain.analyze('\u1109\u1166\u11ab\u1109\u1165')).toEqual(['센서']);
  });
});

describe('bilingual concepts', () => {
  it('a Korean need finds an English offer through the concept term, and back', () => {
    const need = new Set(small.analyze('인공지능 기반 불량 검사 기술이 필요합니다'));
    const offer = new Set(small.analyze('We offer artificial intelligence for inspection.'));
    const shared = [...need].filter((t) => offer.has(t));
    expect(shared).toEqual(['c:ai']);
  });

  it('matches multi-word English phrases through stemming and stop words', () => {
    expect(small.analyze('Foot-traffic data')).toContain('c:foot-traffic');
    expect(small.analyze('Clinical validations in hospitals')).toContain('c:clinical-validation');
    expect(small.analyze('a proof of concept')).toContain('c:poc');
    expect(small.analyze('Machine Vision')).toContain('c:machine-vision');
  });

  it('does not match a phrase across sentence punctuation', () => {
    expect(small.analyze('a new machine. Vision matters')).not.toContain('c:machine-vision');
    expect(small.analyze('machine, vision')).not.toContain('c:machine-vision');
  });

  it('matches Korean phrases with or without spaces and with particles', () => {
    expect(small.analyze('임상적 검증을')).toContain('c:clinical-validation');
    expect(small.analyze('임상적검증')).toContain('c:clinical-validation');
    expect(small.analyze('유동인구 데이터')).toContain('c:foot-traffic');
  });

  it('finds a broader concept inside a narrower phrase in both languages', () => {
    expect(small.analyze('시스템반도체')).toEqual(expect.arrayContaining(['c:system-semiconductor', 'c:semiconductor']));
    expect(small.analyze('system semiconductors')).toEqual(expect.arrayContaining(['c:system-semiconductor', 'c:semiconductor']));
  });

  it('finds Korean concepts inside solid compounds, but not two-syllable ones across a compound seam', () => {
    expect(small.analyze('고성능시스템반도체')).toContain('c:system-semiconductor');
    expect(small.analyze('스마트공장 실증사례')).toContain('c:poc');
    expect(small.analyze('정밀측정')).toContain('c:measurement');
    // 화학 would sit inside 강화학습 (reinforcement learning); 측정 inside 예측정비 (predictive maintenance).
    expect(small.analyze('화학물질')).toContain('c:chemicals');
    expect(small.analyze('강화학습')).not.toContain('c:chemicals');
    expect(small.analyze('예측정비')).not.toContain('c:measurement');
    // The price: a two-syllable concept in the middle of a solid compound is missed (its bigram is still there).
    expect(small.analyze('공장실증사례')).not.toContain('c:poc');
    expect(small.analyze('공장실증사례')).toContain('실증');
  });

  it('does not read a one-syllable word and the next word as one phrase', () => {
    // 실 증명 is "thread proof"-like noise, not 실증.
    expect(small.analyze('실 증명')).not.toContain('c:poc');
  });

  it('matches an acronym only in capitals, so the verb led is not LED', () => {
    expect(small.analyze('LED lighting')).toContain('c:led');
    expect(small.analyze('the project was led by KT')).not.toContain('c:led');
  });

  it('counts overlapping finds of one concept once', () => {
    expect(small.analyze('AI').filter((t) => t === 'c:ai')).toHaveLength(1);
    expect(small.analyze('AI and AI').filter((t) => t === 'c:ai')).toHaveLength(2);
  });

  it('describes a concept term for explanations', () => {
    expect(small.describeConcept('c:ai')).toMatchObject({ concept: 'ai', ko: ['인공지능'], en: ['AI', 'artificial intelligence'] });
    expect(small.describeConcept('c:nothing')).toBeUndefined();
  });
});

describe('surfaces for explanations', () => {
  it('gives the phrase as written, not the stem', () => {
    const occurrences = small.analyzeWithSurface('Machine Vision을 쓰는 머신 비전은');
    expect(occurrences.map((o) => [o.term, o.kind, o.surface])).toEqual([
      ['machin', 'word', 'Machine'],
      ['vision', 'word', 'Vision'],
      ['쓰는', 'word', '쓰는'],
      ['머신', 'word', '머신'],
      ['비전', 'word', '비전'],
      ['c:machine-vision', 'concept', 'Machine Vision'],
      ['c:machine-vision', 'concept', '머신 비전'],
    ]);
  });

  it('gives a Korean bigram the word it came from, without its particle', () => {
    const occurrences = plain.analyzeWithSurface('머신비전은');
    expect(occurrences.map((o) => o.surface)).toEqual(['머신비전', '머신비전', '머신비전', '머신비전']);
  });

  it('returns the same terms in the same order as analyze', () => {
    const text = 'KT opened telecom big data (유동인구, 소비정보, 배달) to startups; 5G 스마트공장 실증.';
    expect(small.analyzeWithSurface(text).map((o) => o.term)).toEqual(small.analyze(text));
  });
});
