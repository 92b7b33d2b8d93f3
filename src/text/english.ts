/**
 * The non-Hangul path: natural's word tokenizer (its character class, see {@link scanWords}), natural's English
 * stop words, natural's Porter stemmer, plus the tokens natural would break or mangle kept whole.
 *
 * natural is imported module by module rather than from the package root: the root import takes about a second
 * and, through its storage back-ends, calls `dotenv.config()`, which reads `.env` from the working directory
 * into `process.env` and prints to stdout — I/O and global side effects that a pure layer must not cause.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';

/**
 * natural's English stop words (170: function words, single letters, single digits), copied once: natural keeps
 * them in a mutable module-level array that `addStopWord` changes for every user of the package.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(naturalStopWords);

/** One analysed token of a non-Hangul run. Offsets index the NFKC text the analyser scans. */
export interface LatinToken {
  /** The emitted term: the Porter stem of a word, or the lower-cased token for acronyms and mixed tokens. */
  readonly term: string;
  /**
   * Set for acronyms only: the phrase-matching key `^<term>` ({@link ACRONYM_MARK}). A dictionary acronym is
   * stored under this key alone, so `LED` in the dictionary matches `LED` but not the verb `led`.
   */
  readonly acronymKey: string | undefined;
  /** Set for acronyms whose stem differs from the term: lets `CELLS` in capitals match the dictionary's `cell`. */
  readonly alt: string | undefined;
  /** `word`: stemmed English word; `token`: acronym or mixed token kept whole. */
  readonly kind: 'word' | 'token';
  readonly start: number;
  readonly end: number;
  /** Whether a phrase break ({@link breaksPhrase}) separates this token from the previous one; set by the caller. */
  breakBefore: boolean;
}

/** Marks acronym keys in the phrase tries; no term contains it, as `^` is never part of a token. */
export const ACRONYM_MARK = '^';

/** The key a dictionary variant's token is stored under (and compared by, for duplicate checks). */
export function dictionaryKey(token: LatinToken): string {
  return token.acronymKey ?? token.term;
}

/**
 * Words Porter conflates with a different, common word of this domain, kept apart by hand: the stem on the right
 * is used instead of Porter's. (`marketing` → `market`, `machining` → `machin` = `machine`, `researcher` →
 * `research`, `localization` → `local`, `organization` → `organ`, `community` → `commun` = `communication`,
 * `generation` → `gener` = `general`, `news` → `new`, `customer` → `custom`, `experience` → `experi` =
 * `experiment`, `securities` → `secur` = `security`, `animation` → `anim` = `animal`, `commercialization` →
 * `commerci` = `commercial`, `mobility` → `mobil` = `mobile`.)
 */
export const STEM_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['marketing', 'marketing'],
  ['machining', 'machining'],
  ['researcher', 'researcher'],
  ['researchers', 'researcher'],
  ['developer', 'developer'],
  ['developers', 'developer'],
  ['networking', 'networking'],
  ['localization', 'localization'],
  ['localisation', 'localization'],
  ['organization', 'organization'],
  ['organizations', 'organization'],
  ['organisation', 'organization'],
  ['organisations', 'organization'],
  ['community', 'community'],
  ['communities', 'community'],
  ['generation', 'generation'],
  ['generations', 'generation'],
  ['news', 'news'],
  ['customer', 'customer'],
  ['customers', 'customer'],
  ['experience', 'experience'],
  ['experiences', 'experience'],
  ['securities', 'securities'],
  ['animation', 'animation'],
  ['commercialization', 'commercialization'],
  ['commercialisation', 'commercialization'],
  ['mobility', 'mobility'],
  ['mobilities', 'mobility'],
]);

/** Most distinct words the stem memo holds before it is emptied (a bound, so a long-lived process cannot grow). */
export const STEM_CACHE_LIMIT = 200_000;
const stems = new Map<string, string>(STEM_EXCEPTIONS);

/**
 * Porter stem of a lower-case word ({@link STEM_EXCEPTIONS} first), memoised: the stemmer runs a dozen regular
 * expressions per call, and the words of a profile collection repeat (Zipf), so the memo removes most of the cost.
 * Memoisation is invisible: the same word always gets the same stem.
 */
export function stem(lower: string): string {
  let s = stems.get(lower);
  if (s === undefined) {
    s = PorterStemmer.stem(lower);
    if (stems.size >= STEM_CACHE_LIMIT) {
      stems.clear();
      for (const [word, fixed] of STEM_EXCEPTIONS) stems.set(word, fixed);
    }
    stems.set(lower, s);
  }
  return s;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

/** True for a non-empty string of ASCII digits only. */
function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return s.length > 0;
}

/** True when some character is neither a digit nor one of `_ & - .`: a letter of some script. */
function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== 95 && c !== 38 && c !== 45 && c !== 46) return true;
  }
  return false;
}

function shortAsciiLetters(s: string): boolean {
  if (s.length === 0 || s.length > 2) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isUpper(c) && !isLower(c)) return false;
  }
  return true;
}

/**
 * The acronym in `s`, or undefined: 2–5 ASCII capitals (`AI`, `NPU`, `MEMS`, `LIDAR`), optionally with a plural
 * `s` (`SMEs`, `GPUs` → `SME`, `GPU`). Six or more capitals are a shouted word, not an acronym.
 */
function acronymOf(s: string): string | undefined {
  const body = s.length > 2 && s.charCodeAt(s.length - 1) === 115 ? s.slice(0, -1) : s;
  if (body.length < 2 || body.length > 5) return undefined;
  for (let i = 0; i < body.length; i++) if (!isUpper(body.charCodeAt(i))) return undefined;
  return body;
}

/**
 * Whether the words `left` and `right`, separated by the single character `joiner`, form one token:
 * `COVID-19`, `RS-232`, `x86-64` (a hyphen with digits only on one side), `3.5mm`, `v2.0` (a dot with digits on
 * both sides), `R&D`, `M&A`, `AT&T` (an ampersand between one- or two-letter parts). `Wi-Fi`, `5G-based`,
 * `TCP/IP` and `e.g.` stay apart.
 */
function joins(left: string, joiner: number, right: string): boolean {
  switch (joiner) {
    case 45: // -
      return (allDigits(left) && hasLetter(right)) || (allDigits(right) && hasLetter(left));
    case 46: // .
      return hasDigit(left) && hasDigit(right);
    case 38: // &
      return shortAsciiLetters(left) && shortAsciiLetters(right);
    default:
      return false;
  }
}

/**
 * natural's word character: `WordTokenizer` splits on `/[^A-Za-zА-Яа-я0-9_]+/`, so a word is a maximal run of
 * ASCII letters, digits, `_` and the basic Cyrillic letters U+0410–U+044F.
 */
export function isWordChar(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c) || c === 95 || (c >= 0x0410 && c <= 0x044f);
}

/**
 * The words of `text[start, end)` as natural's `WordTokenizer` cuts them, written to `spans` as start/end pairs;
 * returns the number of words. natural's own `tokenize` (a regex split, then underscore's `without` to drop empty
 * strings) took a fifth of the analyser's time and returns no offsets, so the same character class is scanned
 * here; a property test checks that both cut every string the same way.
 */
export function scanWords(text: string, start: number, end: number, spans: number[]): number {
  let count = 0;
  let i = start;
  while (i < end) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isWordChar(text.charCodeAt(j))) j++;
    spans[2 * count] = i;
    spans[2 * count + 1] = j;
    count++;
    i = j;
  }
  return count;
}

/** The words of `text` as {@link scanWords} cuts them (for tests and tools). */
export function splitWords(text: string): string[] {
  const spans: number[] = [];
  const count = scanWords(text, 0, text.length, spans);
  const words: string[] = [];
  for (let k = 0; k < count; k++) words.push(text.slice(spans[2 * k], spans[2 * k + 1]));
  return words;
}

/** What a token's surface becomes; independent of position, so it is memoised per surface. */
interface TokenInfo {
  readonly term: string;
  readonly acronymKey: string | undefined;
  readonly alt: string | undefined;
  readonly kind: 'word' | 'token';
}

const SURFACE_CACHE_LIMIT = 200_000;
/** Surface → classification (null: dropped), for surfaces that were not merged from several words. */
const surfaces = new Map<string, TokenInfo | null>();

/** Reused between calls (the analyser is synchronous); holds start/end pairs of the current run's words. */
const scratchSpans: number[] = [];

/**
 * Appends the tokens of `text[start, end)` — a run containing no Hangul — to `out`, dropping stop words and
 * numbers. Each word ({@link scanWords}) is classified:
 * - digits and letters together (`5G`, `B2B`, `3D`, `28nm`) or joined as in {@link joins}: kept whole, lower case;
 * - an acronym ({@link acronymOf}) that is not a stop word: kept whole, lower case, plural `s` dropped (Porter
 *   would make `MEMS` `mem`);
 * - digits only: dropped (years and counts match everything and mean nothing on their own);
 * - otherwise a word: lower case, dropped if one of natural's stop words, else Porter-stemmed.
 */
export function tokenizeLatin(text: string, start: number, end: number, out: LatinToken[]): void {
  const spans = scratchSpans;
  const count = scanWords(text, start, end, spans);
  for (let k = 0; k < count; k++) {
    const from = spans[2 * k] as number;
    let to = spans[2 * k + 1] as number;
    let merged = false;
    let last: string | undefined;
    while (k + 1 < count && spans[2 * k + 2] === to + 1) {
      const joiner = text.charCodeAt(to);
      if (joiner !== 45 && joiner !== 46 && joiner !== 38) break;
      last ??= text.slice(from, to);
      const next = text.slice(to + 1, spans[2 * k + 3]);
      if (!joins(last, joiner, next)) break;
      to = spans[2 * k + 3] as number;
      last = next;
      merged = true;
      k++;
    }
    const surface = text.slice(from, to);
    let info: TokenInfo | null | undefined;
    if (merged) {
      info = classify(surface, true);
    } else {
      info = surfaces.get(surface);
      if (info === undefined) {
        info = classify(surface, false);
        if (surfaces.size >= SURFACE_CACHE_LIMIT) surfaces.clear();
        surfaces.set(surface, info);
      }
    }
    if (info !== null) {
      out.push({ term: info.term, acronymKey: info.acronymKey, alt: info.alt, kind: info.kind, start: from, end: to, breakBefore: false });
    }
  }
}

function classify(surface: string, merged: boolean): TokenInfo | null {
  if (allDigits(surface)) return null;
  const lower = surface.toLowerCase();
  if (merged || (hasDigit(surface) && hasLetter(surface))) {
    return hasLetter(surface) ? { term: lower, acronymKey: undefined, alt: undefined, kind: 'token' } : null;
  }
  if (ENGLISH_STOP_WORDS.has(lower)) return null;
  const acronym = acronymOf(surface);
  if (acronym !== undefined) {
    const term = acronym.toLowerCase();
    if (!ENGLISH_STOP_WORDS.has(term)) {
      const stemmed = stem(term);
      return { term, acronymKey: ACRONYM_MARK + term, alt: stemmed === term ? undefined : stemmed, kind: 'token' };
    }
  }
  return { term: stem(lower), acronymKey: undefined, alt: undefined, kind: 'word' };
}

/**
 * Whether the text between two tokens ends an English phrase: any character other than whitespace, word
 * characters (of dropped stop words and numbers) and the in-phrase joiners `- / + & '` and `’`. So
 * `machine-vision` and `proof of concept` are phrases; `machine. Vision`, `machine, vision` and a Hangul word in
 * between are not.
 */
export function breaksPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isUpper(c) || isLower(c)) continue;
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c === 45 || c === 47 || c === 43 || c === 38 || c === 39 || c === 95 || c === 0x2019) continue;
    if (c >= 0x0410 && c <= 0x044f) continue;
    return true;
  }
  return false;
}
