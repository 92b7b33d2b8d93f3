/**
 * Korean particles, endings and stop words, as data. Korean attaches case particles and verb endings to the word
 * (`머신비전은`, `개발하는`), so the whole-word term must be taken without them or `머신비전은` and `머신비전을` would be
 * different terms.
 *
 * Choosing the list is a trade-off. A suffix that also ends many nouns cuts those nouns wrongly, and the only thing
 * it can gain is the whole-word term (syllable bigrams are emitted either way), so the list stays conservative:
 * - alternating particles are stripped only after the syllable shape they follow (은/이/을/과/으로 after a final
 *   consonant, 는/가/를/와/로 after a vowel, 로 also after ㄹ), which spares 디스플레이, 게이트웨이, 전문가;
 * - 도 ("also") and 만 ("only") are left out on purpose: they end too many nouns (해상도, 속도, 인증제도, 비만, 백만);
 * - a word ending in a {@link PROTECTED_ENDINGS} entry keeps that ending (집적회로 is not 집적회 + 로, 무제한 is
 *   not 무제 + 한);
 * - a strip never leaves fewer than two syllables (회의 stays 회의, 기술 stays 기술).
 */

import { tailOf } from './hangul.js';

/** Which syllable shape a suffix may follow. */
export type SuffixCondition = 'any' | 'after-consonant' | 'after-vowel' | 'after-vowel-or-rieul' | 'after-consonant-not-rieul';

export interface KoreanSuffix {
  readonly suffix: string;
  readonly after: SuffixCondition;
}

const c = (after: SuffixCondition, ...suffixes: string[]): KoreanSuffix[] => suffixes.map((suffix) => ({ suffix, after }));

/** Case and auxiliary particles, their common combinations, copula and light-verb endings. Stripped at most once. */
export const KOREAN_PARTICLES: readonly KoreanSuffix[] = [
  ...c('after-consonant', '은', '이', '을', '과', '이나', '이란', '이라는', '이다', '입니다', '이며', '이고', '과의', '과는', '과도'),
  ...c('after-vowel', '는', '가', '를', '와', '라는', '와의', '와는', '와도'),
  ...c('after-consonant-not-rieul', '으로', '으로서', '으로써', '으로는', '으로도', '으로의', '으로부터'),
  ...c('after-vowel-or-rieul', '로', '로서', '로써', '로는', '로도', '로의', '로부터'),
  ...c(
    'any',
    '의', '에', '에서', '에게', '한테', '께서', '까지', '부터', '보다', '처럼', '마다',
    '에는', '에도', '에의', '에서는', '에서도', '에서의', '에서부터', '에게는', '에게도', '까지는', '까지도', '까지의',
    '부터는', '보다는',
    '하는', '하고', '하며', '하여', '해서', '하기', '하면', '한다', '합니다', '했다', '하였다', '했으며', '하였으며',
    '하겠다', '하기도', '한',
    '된', '되는', '되어', '되고', '되며', '된다', '됩니다', '됐다', '되었다', '시키는', '시킨',
    '적', '적인', '적으로',
  ),
];

/**
 * Generic trailing nouns removed after the particle: the plural 들 and 기술 ("technology"), which ends so many
 * compounds (측정기술, 센서기술) that the compound is better represented by its specific part. The bigram 기술 is
 * still emitted, so nothing is lost for a query that says 기술.
 */
export const KOREAN_HEAD_NOUNS: readonly string[] = ['들', '기술'];

/** Word endings that look like a suffix but belong to the noun; a word ending in one is not cut inside it. */
export const PROTECTED_ENDINGS: readonly string[] = [
  '회로', '마이크로', '매크로', '하이드로', '에어로', '어린이',
  '회의', '주의', '협의', '합의', '정의', '강의', '논의',
  '성과', '결과', '효과', '학과',
  '실적', '목적', '업적', '누적', '면적',
  '제한', '권한', '기한',
];

/**
 * Whole words (after stripping) that carry no topic: conjunctions, postpositional phrases such as 위한/통해/대한,
 * existence verbs, demonstratives, counters and bare units. Their bigrams would otherwise be among the most
 * frequent terms of every Korean profile.
 */
export const KOREAN_STOP_WORDS: ReadonlySet<string> = new Set([
  '및', '등', '또', '또는', '또한', '그리고', '하지만', '그러나', '따라서', '그래서', '즉',
  '위한', '위해', '위해서', '통해', '통한', '통해서', '대한', '대해', '대해서', '관한', '관련', '따른', '따라', '의한',
  '의해', '같은', '함께', '이번', '이러한', '이런', '그런', '이와', '이에', '그', '이', '저', '것', '수', '중', '더', '각',
  '총', '약', '위', '바', '때', '데', '있는', '있다', '있으며', '있고', '있습니다', '없는', '없다', '하는', '한다', '했다',
  '하고', '합니다', '한', '할', '함', '됨', '등의', '등을', '등이', '등과', '가장', '매우', '모든', '경우', '우리', '저희',
  '당사', '간', '제', '억원', '만원', '천만원', '개월', '년간', '년도',
]);

const PARTICLE_SET: ReadonlySet<string> = new Set(KOREAN_PARTICLES.map((p) => p.suffix));

/** Particles grouped by their last syllable, longest first within a group (에서는 is tried before 는). */
const PARTICLES_BY_LAST: ReadonlyMap<string, readonly KoreanSuffix[]> = groupByLast(KOREAN_PARTICLES);
const HEAD_NOUNS_BY_LENGTH: readonly string[] = [...KOREAN_HEAD_NOUNS].sort((a, b) => b.length - a.length);

/** Fewest syllables a strip may leave. */
const MIN_STEM = 2;

/** True when `word` as a whole is a particle or ending (`에서`, `하는` written apart, or `의` after `KT`). */
export function isKoreanParticle(word: string): boolean {
  return PARTICLE_SET.has(word);
}

function groupByLast(suffixes: readonly KoreanSuffix[]): Map<string, KoreanSuffix[]> {
  const groups = new Map<string, KoreanSuffix[]>();
  for (const s of [...suffixes].sort((a, b) => b.suffix.length - a.suffix.length)) {
    const last = s.suffix.charAt(s.suffix.length - 1);
    const group = groups.get(last);
    if (group) group.push(s);
    else groups.set(last, [s]);
  }
  return groups;
}

function allows(after: SuffixCondition, previous: number): boolean {
  const tail = tailOf(previous);
  switch (after) {
    case 'any':
      return true;
    case 'after-consonant':
      return tail > 0;
    case 'after-vowel':
      return tail === 0;
    case 'after-vowel-or-rieul':
      return tail === 0 || tail === 8;
    case 'after-consonant-not-rieul':
      return tail > 0 && tail !== 8;
  }
}

/** True when cutting `word` at `cut` would split one of the protected endings. */
function cutsProtected(word: string, cut: number): boolean {
  for (const ending of PROTECTED_ENDINGS) {
    if (word.length >= ending.length && cut > word.length - ending.length && word.endsWith(ending)) return true;
  }
  return false;
}

/**
 * The word with one particle or ending and then one head noun removed (`센서기술을` → `센서`, `기업들의` → `기업`,
 * `머신비전은` → `머신비전`). `word` must be all Hangul syllables. Never returns fewer than two syllables unless
 * `word` itself is shorter; never cuts inside a protected ending.
 */
export function stripKoreanWord(word: string): string {
  let stem = word;
  for (const { suffix, after } of PARTICLES_BY_LAST.get(word.charAt(word.length - 1)) ?? []) {
    const cut = stem.length - suffix.length;
    if (cut < MIN_STEM || !stem.endsWith(suffix)) continue;
    if (!allows(after, stem.charCodeAt(cut - 1)) || cutsProtected(stem, cut)) continue;
    stem = stem.slice(0, cut);
    break;
  }
  for (const noun of HEAD_NOUNS_BY_LENGTH) {
    const cut = stem.length - noun.length;
    if (cut < MIN_STEM || !stem.endsWith(noun) || cutsProtected(stem, cut)) continue;
    stem = stem.slice(0, cut);
    break;
  }
  return stem;
}
