/**
 * One sentence per side, in Korean and English, from the strongest reasons of a match. Korean particles follow
 * the last syllable (받침): 은/는, 이/가, 을/를, 와/과; after Latin letters or digits both forms are shown.
 */
import type { OrganizationType } from '../domain/index.js';
import type { LocalizedText, Reason } from './types.js';

export const TYPE_LABEL: Readonly<Record<OrganizationType, LocalizedText>> = {
  large_company: { ko: '대기업', en: 'large company' },
  sme: { ko: '중소기업', en: 'SME' },
  startup: { ko: '스타트업', en: 'startup' },
  university: { ko: '대학', en: 'university' },
  research_institute: { ko: '연구기관', en: 'research institute' },
  investor: { ko: '투자기관', en: 'investor' },
  public_agency: { ko: '공공기관', en: 'public agency' },
  association: { ko: '협회', en: 'association' },
};

/** What `josa` skips at the end of a word: white space as `\s` and `trim` define it, quotes, closing brackets. */
const TRAILING: ReadonlySet<number> = new Set(
  [...'\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"\'’”)]'].map((c) => c.charCodeAt(0)),
);

const PARTICLES = { '은/는': ['은', '는'], '이/가': ['이', '가'], '을/를': ['을', '를'], '와/과': ['과', '와'] } as const;

/** `word` followed by the particle its last syllable takes, e.g. josa('연세대학교', '와/과') = '연세대학교와'. */
export function josa(word: string, particle: keyof typeof PARTICLES): string {
  const [withFinal, withoutFinal] = PARTICLES[particle];
  // the last code unit before trailing white space, quotes and closing brackets (NaN when there is none)
  let end = word.length;
  while (end > 0 && TRAILING.has(word.charCodeAt(end - 1))) end--;
  const code = end > 0 ? word.charCodeAt(end - 1) : NaN;
  if (code >= 0xac00 && code <= 0xd7a3) return word + ((code - 0xac00) % 28 !== 0 ? withFinal : withoutFinal);
  return `${word}${withFinal}(${withoutFinal})`;
}

/** "a startup", "an SME", "an investor". */
function article(label: string): string {
  return `${/^(?:[aeiou]|SME)/i.test(label) ? 'an' : 'a'} ${label}`;
}

function quote(s: string, locale: 'ko' | 'en'): string {
  return locale === 'ko' ? `‘${s}’` : `“${s}”`;
}

function list(items: readonly string[], locale: 'ko' | 'en'): string {
  if (locale === 'ko' || items.length < 2) return items.join(', ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * "Why B for you" (`side = 'them'`) or "why you for B" (`side = 'you'`), from three reasons of that side: a
 * need met by an offer first, then the strongest others, the type pair last. `names` are B's display names.
 */
export function sideSentence(
  side: 'them' | 'you',
  reasons: readonly Reason[],
  contributionOf: (r: Reason) => number,
  names: LocalizedText,
  yourType: OrganizationType,
  theirType: OrganizationType,
): LocalizedText {
  // a need met by an offer is the most telling reason, the type pair the least: they go first and last
  const rank = (r: Reason) => (r.kind === 'need_offer' ? 0 : r.kind === 'type_fit' ? 2 : 1);
  // each reason's contribution once (the comparator would ask for it at every comparison)
  const own = side === 'them' ? 'they_offer' : 'you_offer';
  const kept: { r: Reason; rank: number; c: number }[] = [];
  for (const r of reasons) {
    const c = contributionOf(r);
    if (c > 0 && (r.kind !== 'need_offer' || r.direction === own)) kept.push({ r, rank: rank(r), c });
  }
  const ranked = kept
    .sort((x, y) => x.rank - y.rank || y.c - x.c)
    .slice(0, 3)
    .map((x) => x.r);
  const ko: string[] = [];
  const en: string[] = [];
  for (const r of ranked) {
    switch (r.kind) {
      case 'need_offer': {
        const p = r.pairs[0];
        if (p === undefined) break;
        if (side === 'them') {
          ko.push(`${josa(names.ko, '은/는')} 귀 기관의 수요 ${quote(p.need, 'ko')}에 맞는 ${josa(quote(p.offer, 'ko'), '을/를')} 제공합니다`);
          en.push(`${names.en} offers ${quote(p.offer, 'en')} for your need ${quote(p.need, 'en')}`);
        } else {
          ko.push(`${names.ko}의 수요 ${quote(p.need, 'ko')}에 귀 기관의 ${josa(quote(p.offer, 'ko'), '이/가')} 부합합니다`);
          en.push(`your ${quote(p.offer, 'en')} meets their need ${quote(p.need, 'en')}`);
        }
        break;
      }
      case 'shared_topics': {
        const words = [...new Set(r.terms.map((t) => (side === 'them' ? t.theirs[0] : t.yours[0]) ?? t.term))].slice(0, 3);
        if (words.length === 0) break;
        ko.push(`${words.join(', ')} 등 관심 분야가 겹칩니다`);
        en.push(`you share topics such as ${list(words, 'en')}`);
        break;
      }
      case 'network': {
        const vias = r.paths.slice(0, 2).map((p) => p.viaName);
        if (vias.length > 0) {
          ko.push(`두 기관 모두 ${josa(vias.map((v) => v.ko).join(', '), '와/과')} 협력한 적이 있습니다`);
          en.push(`you have both worked with ${list(vias.map((v) => v.en), 'en')}`);
        } else {
          ko.push('협력 네트워크에서 가까운 거리에 있습니다');
          en.push('you are close in the collaboration network');
        }
        break;
      }
      case 'type_fit': {
        const [x, y] = side === 'them' ? [yourType, theirType] : [theirType, yourType];
        ko.push(`${josa(TYPE_LABEL[x].ko, '와/과')} ${TYPE_LABEL[y].ko}의 협력은 흔한 조합입니다`);
        en.push(`${article(TYPE_LABEL[x].en)} and ${article(TYPE_LABEL[y].en)} often work together`);
        break;
      }
      case 'activity': {
        // the counts the activity score used: recent projects, not all-time partners
        if (side === 'them') {
          ko.push(`${josa(names.ko, '은/는')} 최근 협력 프로젝트 ${r.recentProjects}건에 참여한 활발한 기관입니다`);
          en.push(`${names.en} has been active lately (${recentEn(r.recentProjects)})`);
        } else {
          ko.push(`귀 기관의 최근 협력 실적(프로젝트 ${r.yourRecentProjects}건)이 신뢰를 줍니다`);
          en.push(`your recent track record (${recentEn(r.yourRecentProjects)}) speaks for you`);
        }
        break;
      }
    }
  }
  if (en.length === 0) {
    return side === 'them'
      ? { ko: `${josa(names.ko, '은/는')} 약한 근거로만 추천되었습니다.`, en: `${names.en} is suggested on weak evidence only.` }
      : { ko: '상대 기관에 대한 뚜렷한 근거가 없습니다.', en: 'There is little evidence of what you offer them.' };
  }
  const enText = en.join('; ');
  return { ko: `${ko.join('. ')}.`, en: `${enText.charAt(0).toUpperCase()}${enText.slice(1)}.` };
}

/** "1 recent project", "3 recent projects": the count the Korean sentence gives as N건. */
function recentEn(n: number): string {
  return n === 1 ? '1 recent project' : `${n} recent projects`;
}
