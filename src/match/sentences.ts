/**
 * One sentence per side, in Korean and English, from the strongest reasons of a match. Korean particles follow
 * the last syllable (받침): 은/는, 이/가, 을/를, 와/과; after Latin letters or digits both forms are shown.
 */
import type { OrganizationType } from '../domain/index.js';
import { ORGANIZATION_TYPES } from '../domain/index.js';
import type { GraphPath, LocalizedText, Reason } from './types.js';

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
export function josa(word: string, form: keyof typeof PARTICLES): string {
  return word + particle(word, form);
}

/** Both forms, for a word whose last character is no Hangul syllable: "은(는)". */
const BOTH_FORMS = Object.fromEntries(Object.entries(PARTICLES).map(([k, [withFinal, withoutFinal]]) => [k, `${withFinal}(${withoutFinal})`])) as Readonly<
  Record<keyof typeof PARTICLES, string>
>;

/**
 * The particle `josa` appends to `word`. Also that of ‘word’ (quoted): the closing quote is trailing, so the
 * particle follows the last syllable of `word`; when it has none (empty or all trailing), the opening quote, not
 * a syllable, decides it in both. (Reading a quoted string just built by concatenation would copy it flat.)
 */
export function particle(word: string, form: keyof typeof PARTICLES): string {
  // the last code unit before trailing white space, quotes and closing brackets
  for (let end = word.length; end > 0; end--) {
    const c = word.charCodeAt(end - 1);
    if (c >= 0xac00 && c <= 0xd7a3) return PARTICLES[form][(c - 0xac00) % 28 !== 0 ? 0 : 1];
    if (!TRAILING.has(c)) break;
  }
  return BOTH_FORMS[form];
}

/**
 * What a sentence names for a shared term found in `phrase`: the word of the phrase that holds the term (a stem or
 * a Korean word, shown without its particle: 현장에서 → 현장), not the whole phrase around one shared word; a
 * concept, or a term no single word holds, keeps the phrase.
 */
export function topicWord(phrase: string, term: string): string {
  if (term.startsWith('c:')) return phrase;
  const words = phrase.split(/\s+/).filter((w) => w !== '');
  if (words.length <= 1) return phrase;
  const word = words.find((w) => w.normalize('NFKC').toLowerCase().includes(term));
  if (word === undefined) return phrase;
  const bare = word.replace(/^[("'“‘[]+|[)"'”’\].,;:!?]+$/gu, '');
  return /^[\uac00-\ud7a3]/.test(term) && bare.startsWith(term) ? term : bare;
}

/** Whether both sides collaborated with the path's intermediary (not merely took part in a programme with it). */
function workedWithBoth(p: GraphPath): boolean {
  return p.yourTie.some((t) => t !== 'shared_programme') && p.theirTie.some((t) => t !== 'shared_programme');
}

/** "a startup", "an SME", "an investor", "a university" (by sound: a vowel letter but not the "yoo" of u-ni). */
function article(label: string): string {
  return `${/^(?:SME|[aeio]|u(?!ni))/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** "SMEs", "universities", "research institutes". */
function plural(label: string): string {
  return label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`;
}

/** "a", "a and b", "a, b and c". */
function listEn(items: readonly string[]): string {
  if (items.length < 2) return items.join(', ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The type-pair fragment for each (x, y), made once: "스타트업과 대학의 협력은 흔한 조합입니다", "a startup and a university often work together". */
const TYPE_FIT = Object.fromEntries(
  ORGANIZATION_TYPES.map((x) => [
    x,
    Object.fromEntries(
      ORGANIZATION_TYPES.map((y) => [
        y,
        x === y
          ? { ko: `${TYPE_LABEL[x].ko} 간 협력은 흔한 조합입니다`, en: `two ${plural(TYPE_LABEL[x].en)} often work together` }
          : { ko: `${josa(TYPE_LABEL[x].ko, '와/과')} ${TYPE_LABEL[y].ko}의 협력은 흔한 조합입니다`, en: `${article(TYPE_LABEL[x].en)} and ${article(TYPE_LABEL[y].en)} often work together` },
      ]),
    ),
  ]),
) as Readonly<Record<OrganizationType, Readonly<Record<OrganizationType, LocalizedText>>>>;

/**
 * "Why B for you" (`side = 'them'`) or "why you for B" (`side = 'you'`), from three reasons of that side: a
 * need met by an offer first, then the strongest others, the type pair last. `contributions[i]` is what
 * `reasons[i]` adds to this side's interest; `names` are B's display names.
 * The fragments are joined as they are made ("; " in English, ". " in Korean), with no arrays to join.
 */
export function sideSentence(
  side: 'them' | 'you',
  reasons: readonly Reason[],
  contributions: readonly number[],
  names: LocalizedText,
  yourType: OrganizationType,
  theirType: OrganizationType,
): LocalizedText {
  const top = topReasons(side === 'them' ? 'they_offer' : 'you_offer', reasons, contributions);
  let ko = '';
  let en = '';
  for (const r of top) {
    // a fragment: Korean `k`; English `lead` + `e`, where `lead` is what the sentence's capital applies to
    let k: string | undefined;
    let lead = '';
    let e = '';
    switch (r.kind) {
      case 'need_offer': {
        const p = r.pairs[0];
        if (p === undefined) break;
        if (side === 'them') {
          k = `${josa(names.ko, '은/는')} 귀 기관의 수요 ‘${p.need}’에 맞는 ‘${p.offer}’${particle(p.offer, '을/를')} 제공합니다`;
          lead = names.en;
          e = ` offers “${p.offer}” for your need “${p.need}”`;
        } else {
          k = `${names.ko}의 수요 ‘${p.need}’에 귀 기관의 ‘${p.offer}’${particle(p.offer, '이/가')} 부합합니다`;
          lead = 'your';
          e = ` “${p.offer}” meets their need “${p.need}”`;
        }
        break;
      }
      case 'shared_topics': {
        // the first three distinct words, in term order
        const words: string[] = [];
        for (const t of r.terms) {
          const phrase = side === 'them' ? t.theirs[0] : t.yours[0];
          const w = phrase === undefined ? t.term : topicWord(phrase, t.term);
          if (!words.includes(w) && words.push(w) === 3) break;
        }
        if (words.length === 0) break;
        k = `${words.join(', ')} 등 관심 분야가 겹칩니다`;
        lead = 'you';
        e = ` share topics such as ${listEn(words)}`;
        break;
      }
      case 'network': {
        // the first two intermediaries: "worked with" only when both sides collaborated with each of them
        const [x, y] = r.paths;
        lead = 'you';
        if (x !== undefined) {
          const ko = josa(y === undefined ? x.viaName.ko : `${x.viaName.ko}, ${y.viaName.ko}`, '와/과');
          const en = y === undefined ? x.viaName.en : `${x.viaName.en} and ${y.viaName.en}`;
          if (workedWithBoth(x) && (y === undefined || workedWithBoth(y))) {
            k = `두 기관 모두 ${ko} 협력한 적이 있습니다`;
            e = ` have both worked with ${en}`;
          } else {
            k = `두 기관 모두 ${ko} 협력 또는 같은 프로그램 참여로 연결되어 있습니다`;
            e = ` are both linked to ${en} through collaborations or shared programmes`;
          }
        } else {
          k = '협력 네트워크에서 가까운 거리에 있습니다';
          e = ' are close in the collaboration network';
        }
        break;
      }
      case 'type_fit': {
        const t = side === 'them' ? TYPE_FIT[yourType][theirType] : TYPE_FIT[theirType][yourType];
        k = t.ko;
        lead = t.en;
        break;
      }
      case 'activity': {
        // the counts the activity score used: recent projects, not all-time partners
        if (side === 'them') {
          k = `${josa(names.ko, '은/는')} 최근 협력 프로젝트 ${r.recentProjects}건에 참여한 활발한 기관입니다`;
          lead = names.en;
          e = ` has been active lately (${recentEn(r.recentProjects)})`;
        } else {
          k = `귀 기관의 최근 협력 실적(프로젝트 ${r.yourRecentProjects}건)이 신뢰를 줍니다`;
          lead = 'your';
          e = ` recent track record (${recentEn(r.yourRecentProjects)}) speaks for you`;
        }
        break;
      }
    }
    if (k === undefined) continue;
    if (en === '') {
      // the sentence starts with a capital (when `lead` is empty, `e` starts with a space, which has none)
      ko = k;
      en = `${lead.charAt(0).toUpperCase()}${lead.slice(1)}${e}`;
    } else {
      ko = `${ko}. ${k}`;
      en = `${en}; ${lead}${e}`;
    }
  }
  if (en === '') {
    return side === 'them'
      ? { ko: `${josa(names.ko, '은/는')} 약한 근거로만 추천되었습니다.`, en: `${names.en} is suggested on weak evidence only.` }
      : { ko: '상대 기관에 대한 뚜렷한 근거가 없습니다.', en: 'There is little evidence of what you offer them.' };
  }
  return { ko: `${ko}.`, en: `${en}.` };
}

/**
 * The (at most) three reasons a side's sentence gives: those that add to the side (contribution > 0; a need met
 * by an offer only in the side's own direction `own`), ordered by rank (need→offer 0, type pair 2, others 1),
 * then contribution descending, ties in `reasons` order — a stable sort and the first three, done by insertion
 * into a list of three.
 */
function topReasons(own: 'they_offer' | 'you_offer', reasons: readonly Reason[], contributions: readonly number[]): Reason[] {
  const top: Reason[] = [];
  const ranks = [0, 0, 0, 0];
  const cs = [0, 0, 0, 0];
  for (let n = 0; n < reasons.length; n++) {
    const r = reasons[n]!;
    const c = contributions[n]!;
    if (!(c > 0) || (r.kind === 'need_offer' && r.direction !== own)) continue;
    const rank = r.kind === 'need_offer' ? 0 : r.kind === 'type_fit' ? 2 : 1;
    let i = top.length;
    while (i > 0 && (ranks[i - 1]! > rank || (ranks[i - 1] === rank && cs[i - 1]! < c))) {
      top[i] = top[i - 1]!;
      ranks[i] = ranks[i - 1]!;
      cs[i] = cs[i - 1]!;
      i--;
    }
    if (i >= 3) continue;
    top[i] = r;
    ranks[i] = rank;
    cs[i] = c;
    if (top.length > 3) top.length = 3;
  }
  return top;
}

/** "1 recent project", "3 recent projects": the count the Korean sentence gives as N건. */
function recentEn(n: number): string {
  return n === 1 ? '1 recent project' : `${n} recent projects`;
}
