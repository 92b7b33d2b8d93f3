/**
 * The analyser: text in, index terms out, for Korean and English together.
 *
 * 1. NFKC ({@link toNfkc}); case is kept until each token is classified, so acronyms can be recognised.
 * 2. The text is cut into maximal Hangul-syllable runs and the runs between them. natural's tokenizer drops
 *    Hangul without a trace, so it only ever sees the non-Hangul runs.
 * 3. Non-Hangul runs → {@link tokenizeLatin}: stems, acronyms and mixed tokens, no stop words, no bare numbers.
 * 4. Each Hangul run → its particle-stripped form `w` ({@link stripKoreanWord}); emitted are the syllable
 *    bigrams of `w` and, when `w` has three or more syllables, `w` itself (two syllables: `w` once, as it is its
 *    own bigram). So `머신비전은` → 머신 신비 비전 머신비전, `머신 비전` → 머신 비전: they meet on 머신 and 비전.
 *    A one-syllable run is emitted as is unless it is a particle (`KT의`) or a stop word; a counter right after a
 *    digit (`49건`, `762명이`) is dropped.
 * 5. With a dictionary, every phrase found ({@link compilePhraseMatcher}) adds its concept term `c:<id>`, once
 *    per stretch of text (overlapping finds of the same concept count once).
 *
 * Output order: surface terms in text order, then concept terms in text order. Repeats are kept (they are the
 * term frequencies).
 */
import {
  conceptTerm,
  EMPTY_DICTIONARY,
  type ConceptEntry,
  type Dictionary,
} from './dictionary.js';
import { breaksPhrase, tokenizeLatin, type LatinToken } from './english.js';
import { isHangulSyllable } from './hangul.js';
import { isKoreanParticle, KOREAN_STOP_WORDS, stripKoreanWord } from './korean-suffixes.js';
import { toNfkc } from './normalize.js';
import { compilePhraseMatcher, type HangulWord, type KoreanWordMatches } from './phrase-matcher.js';

/** An index term: a non-empty, lower-case NFKC string. Concept terms start with `c:`; no other term contains `:`. */
export type Term = string;

/**
 * - `word`: an English stem or a Korean word with its particles stripped;
 * - `token`: an acronym or mixed token kept whole (`mems`, `5g`, `covid-19`);
 * - `bigram`: a Korean syllable bigram;
 * - `concept`: a dictionary concept (`c:ai`).
 */
export type TermKind = 'word' | 'token' | 'bigram' | 'concept';

export interface TermOccurrence {
  readonly term: Term;
  readonly kind: TermKind;
  /**
   * The phrase as written (NFKC, case kept) that produced the term, for explanations: `Sensors` for `sensor`,
   * `machine vision` or `머신 비전` for `c:machine-vision`, and for a bigram the whole word it came from without
   * its particle (`머신비전` for `신비`).
   */
  readonly surface: string;
  /** Span of `surface` in the NFKC form of the input (the input itself unless it had compatibility characters). */
  readonly start: number;
  readonly end: number;
}

export interface Analyzer {
  /** The terms of `text`, repeats included. */
  analyze(text: string): Term[];
  /** The same terms in the same order, each with the phrase it came from. */
  analyzeWithSurface(text: string): TermOccurrence[];
  /** The dictionary entry behind a concept term (`c:ai` → 인공지능 / AI …), or undefined. */
  describeConcept(term: Term): ConceptEntry | undefined;
}

type Sink = (term: string, kind: TermKind, start: number, end: number) => void;

/** Korean words whose analysis is memoised per analyser before the memo is emptied. */
const KOREAN_CACHE_LIMIT = 200_000;

/** Bigrams-and-word of a Hangul run, or null when the run yields nothing. */
interface KoreanAnalysis {
  /** Syllables kept after stripping; the surface of every term is the run's first `length` syllables. */
  readonly length: number;
  readonly terms: readonly string[];
  readonly kinds: readonly TermKind[];
}

interface KoreanEntry {
  readonly analysis: KoreanAnalysis | null;
  readonly matches: KoreanWordMatches;
}

const NO_KOREAN_MATCHES: KoreanWordMatches = { spans: [], terms: [], through: undefined };

function analyzeKoreanWord(word: string): KoreanAnalysis | null {
  if (word.length === 1) {
    return isKoreanParticle(word) || KOREAN_STOP_WORDS.has(word) ? null : { length: 1, terms: [word], kinds: ['word'] };
  }
  if (isKoreanParticle(word) || KOREAN_STOP_WORDS.has(word)) return null;
  const stem = stripKoreanWord(word);
  if (KOREAN_STOP_WORDS.has(stem)) return null;
  if (stem.length === 2) return { length: 2, terms: [stem], kinds: ['word'] };
  const terms: string[] = [];
  const kinds: TermKind[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) {
    terms.push(stem.slice(i, i + 2));
    kinds.push('bigram');
  }
  terms.push(stem);
  kinds.push('word');
  return { length: stem.length, terms, kinds };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function onlyWhitespace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

/**
 * Concept finds of one script, in order of start offset. One pair per analyser, emptied before each text (the
 * analyser is synchronous), so a text costs no new lists or callbacks.
 */
class SpanList {
  readonly terms: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly push: (term: string, start: number, end: number) => void;

  constructor() {
    const { terms, starts, ends } = this;
    this.push = (term, start, end) => {
      terms.push(term);
      starts.push(start);
      ends.push(end);
    };
  }

  clear(): void {
    this.terms.length = 0;
    this.starts.length = 0;
    this.ends.length = 0;
  }
}

/**
 * Merges the English and Korean finds by start offset and emits each, except a find whose concept was already
 * emitted for an overlapping stretch (`cloud computing` and the `cloud` inside it, both variants of `c:cloud`,
 * count once).
 * `open` holds the concepts whose last emitted or suppressed find still reaches past the current start; it stays
 * tiny, so a linear scan beats a map.
 */
function emitConcepts(a: SpanList, b: SpanList, sink: Sink): void {
  const open: string[] = [];
  const openUntil: number[] = [];
  let openCount = 0;
  let i = 0;
  let j = 0;
  while (i < a.terms.length || j < b.terms.length) {
    const fromA = j >= b.terms.length || (i < a.terms.length && (a.starts[i] as number) <= (b.starts[j] as number));
    const list = fromA ? a : b;
    const k = fromA ? i++ : j++;
    const term = list.terms[k] as string;
    const start = list.starts[k] as number;
    const end = list.ends[k] as number;
    let kept = 0;
    let overlapping = -1;
    for (let r = 0; r < openCount; r++) {
      if ((openUntil[r] as number) <= start) continue;
      open[kept] = open[r] as string;
      openUntil[kept] = openUntil[r] as number;
      if (open[kept] === term) overlapping = kept;
      kept++;
    }
    openCount = kept;
    if (overlapping >= 0) {
      openUntil[overlapping] = Math.max(openUntil[overlapping] as number, end);
    } else {
      sink(term, 'concept', start, end);
      open[openCount] = term;
      openUntil[openCount] = end;
      openCount++;
    }
  }
}

/** Builds an analyser; the dictionary is compiled once here. */
export function createAnalyzer(dictionary: Dictionary = EMPTY_DICTIONARY): Analyzer {
  const matcher = compilePhraseMatcher(dictionary);
  const usePhrases = matcher.size > 0;
  const concepts = new Map<string, ConceptEntry>(dictionary.entries.map((e) => [conceptTerm(e.concept), e]));
  /** Per distinct Hangul word: its terms and the phrases inside it. */
  const koreanMemo = new Map<string, KoreanEntry>();

  const koreanEntry = (word: string): KoreanEntry => {
    let entry = koreanMemo.get(word);
    if (entry === undefined) {
      const analysis = analyzeKoreanWord(word);
      const matches = usePhrases ? matcher.koreanWord(word, analysis?.length ?? word.length) : NO_KOREAN_MATCHES;
      entry = { analysis, matches };
      if (koreanMemo.size >= KOREAN_CACHE_LIMIT) koreanMemo.clear();
      koreanMemo.set(word, entry);
    }
    return entry;
  };

  const latinFound = new SpanList();
  const koreanFound = new SpanList();

  /** Runs the pipeline over NFKC text `text`, calling `sink` for every term. */
  const run = (text: string, sink: Sink): void => {
    const latin: LatinToken[] = [];
    const words: HangulWord[] = [];
    const n = text.length;
    let latinEmitted = 0;
    let previousHangulEnd = -1;
    let i = 0;
    while (i < n) {
      let j = i + 1;
      if (isHangulSyllable(text.charCodeAt(i))) {
        while (j < n && isHangulSyllable(text.charCodeAt(j))) j++;
        const word = text.slice(i, j);
        const entry = koreanEntry(word);
        if (usePhrases) {
          const joined = previousHangulEnd >= 0 && onlyWhitespace(text, previousHangulEnd, i);
          words.push({ text: word, start: i, joined, matches: entry.matches });
        }
        previousHangulEnd = j;
        // A counter after a number (`49건`, `762명이`): one syllable, possibly with a particle.
        const counter = i > 0 && isDigit(text.charCodeAt(i - 1)) && (word.length === 1 || isKoreanParticle(word.slice(1)));
        const analysis = counter ? null : entry.analysis;
        if (analysis !== null) {
          const end = i + analysis.length;
          for (let k = 0; k < analysis.terms.length; k++) sink(analysis.terms[k] as string, analysis.kinds[k] as TermKind, i, end);
        }
      } else {
        while (j < n && !isHangulSyllable(text.charCodeAt(j))) j++;
        tokenizeLatin(text, i, j, latin);
        for (; latinEmitted < latin.length; latinEmitted++) {
          const token = latin[latinEmitted] as LatinToken;
          const previous = latin[latinEmitted - 1];
          token.breakBefore = previous === undefined || breaksPhrase(text, previous.end, token.start);
          sink(token.term, token.kind, token.start, token.end);
        }
      }
      i = j;
    }
    if (!usePhrases) return;

    latinFound.clear();
    koreanFound.clear();
    matcher.matchLatin(latin, latinFound.push);
    matcher.matchKorean(words, koreanFound.push);
    emitConcepts(latinFound, koreanFound, sink);
  };

  // `analyze`'s sink, made once: it appends to the array of the call in progress
  let collected: Term[] = [];
  const collect: Sink = (term) => {
    collected.push(term);
  };

  return {
    analyze(text) {
      const terms: Term[] = [];
      collected = terms;
      run(toNfkc(text), collect);
      collected = [];
      return terms;
    },
    analyzeWithSurface(text) {
      const normalized = toNfkc(text);
      const out: TermOccurrence[] = [];
      run(normalized, (term, kind, start, end) => {
        out.push({ term, kind, surface: normalized.slice(start, end), start, end });
      });
      return out;
    },
    describeConcept(term) {
      return concepts.get(term);
    },
  };
}
