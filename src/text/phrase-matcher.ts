/**
 * Finds dictionary phrases in analysed text. Two tries, one per script, both walked from every position so that
 * every occurrence of every variant is found (not leftmost-longest): `시스템반도체` yields both
 * `c:system-semiconductor` and, from its inner `반도체`, `c:semiconductor`, exactly as `system semiconductor`
 * yields both on the English side. Finding all matches also means that appending text can only add concepts.
 *
 * - English: a trie keyed by whole tokens (stems and kept tokens); a walk stops at a phrase break
 *   ({@link breaksPhrase}). Cost per token is the depth of the deepest variant that starts there.
 * - Korean: a trie keyed by syllable (char code), variants stored without spaces. Inside a word a variant of
 *   three or more syllables may start anywhere (Korean writes compounds solid: `5G스마트공장구축`). A two-syllable
 *   variant must sit at the start or at the (particle-stripped) end of the word, because short words hide inside
 *   compounds across their seams: `화학` in `강화학습`, `측정` in `예측정비`, `구인` in `연구인력`. A walk may also
 *   continue across whitespace into following Hangul words (`머신 비전을`), but only when it started at a word's
 *   first syllable and each word it crosses entirely has at least two syllables; this keeps `이 전략` from
 *   reading as `이전`.
 */
import type { Dictionary } from './dictionary.js';
import { conceptTerm, englishVariantTokens, koreanVariantKey } from './dictionary.js';
import { dictionaryKey, type LatinToken } from './english.js';

interface LatinNode {
  readonly children: Map<string, LatinNode>;
  concepts: string[] | undefined;
}

/** A node of the Korean trie (opaque outside this module). */
export interface KoreanNode {
  readonly children: Map<number, KoreanNode>;
  concepts: string[] | undefined;
}

/**
 * The phrases found inside one Hangul word. They depend on the word alone, so the analyser computes them once per
 * distinct word ({@link PhraseMatcher.koreanWord}) and reuses them; only walks into the next words are per text.
 */
export interface KoreanWordMatches {
  /** Start and end syllable offsets within the word, two numbers per match. */
  readonly spans: readonly number[];
  /** The concept term of each match. */
  readonly terms: readonly string[];
  /** The trie node reached by reading the whole word from its first syllable, when a phrase may continue. */
  readonly through: KoreanNode | undefined;
}

/** A maximal Hangul run; `joined` when only whitespace separates it from the previous Hangul run. */
export interface HangulWord {
  readonly text: string;
  readonly start: number;
  readonly joined: boolean;
  readonly matches: KoreanWordMatches;
}

const NO_MATCHES: KoreanWordMatches = { spans: [], terms: [], through: undefined };

/** Receives a concept term and the span of the phrase that produced it. */
export type ConceptSink = (term: string, start: number, end: number) => void;

export interface PhraseMatcher {
  /** Number of variants compiled (both scripts). */
  readonly size: number;
  matchLatin(tokens: readonly LatinToken[], emit: ConceptSink): void;
  /** The phrases inside a Hangul word whose particle-stripped form has `stemLength` syllables. */
  koreanWord(word: string, stemLength: number): KoreanWordMatches;
  /**
   * Emits the phrases of each word and of walks that continue across spaces into the following words, in order of
   * start offset ({@link matchLatin} does the same), so the two lists merge without sorting.
   */
  matchKorean(words: readonly HangulWord[], emit: ConceptSink): void;
}

function addConcept(node: { concepts: string[] | undefined }, term: string): void {
  if (node.concepts === undefined) node.concepts = [term];
  else if (!node.concepts.includes(term)) node.concepts.push(term);
}

/**
 * Compiles a dictionary. English variant tokens are stored under {@link dictionaryKey}: the stem for words, the
 * lower-cased token for mixed tokens, `^` + the token for acronyms. A text token is looked up under its acronym
 * key, its term and its alternative stem, in that order, so `MEMS` finds `MEMS`, and `DATA` or `CELLS` written in
 * capitals still find the words `data` and `cell`.
 */
export function compilePhraseMatcher(dictionary: Dictionary): PhraseMatcher {
  const latinRoot: LatinNode = { children: new Map(), concepts: undefined };
  const koreanRoot: KoreanNode = { children: new Map(), concepts: undefined };
  let size = 0;

  for (const entry of dictionary.entries) {
    const term = conceptTerm(entry.concept);
    for (const variant of entry.en) {
      const tokens = englishVariantTokens(variant);
      if (tokens.length === 0) continue;
      let node = latinRoot;
      for (const token of tokens) {
        const key = dictionaryKey(token);
        let child = node.children.get(key);
        if (child === undefined) {
          child = { children: new Map(), concepts: undefined };
          node.children.set(key, child);
        }
        node = child;
      }
      addConcept(node, term);
      size++;
    }
    for (const variant of entry.ko) {
      const key = koreanVariantKey(variant);
      if (key.length === 0) continue;
      let node = koreanRoot;
      for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        let child = node.children.get(code);
        if (child === undefined) {
          child = { children: new Map(), concepts: undefined };
          node.children.set(code, child);
        }
        node = child;
      }
      addConcept(node, term);
      size++;
    }
  }

  const walkLatin = (node: LatinNode, tokens: readonly LatinToken[], at: number, start: number, emit: ConceptSink): void => {
    const token = tokens[at];
    if (token === undefined) return;
    for (let k = 0; k < 3; k++) {
      const key = k === 0 ? token.acronymKey : k === 1 ? token.term : token.alt;
      if (key === undefined) continue;
      const child = node.children.get(key);
      if (child === undefined) continue;
      if (child.concepts !== undefined) for (const c of child.concepts) emit(c, start, token.end);
      const next = tokens[at + 1];
      if (child.children.size > 0 && next !== undefined && !next.breakBefore) walkLatin(child, tokens, at + 1, start, emit);
    }
  };

  return {
    size,
    matchLatin(tokens, emit) {
      if (latinRoot.children.size === 0) return;
      for (let i = 0; i < tokens.length; i++) walkLatin(latinRoot, tokens, i, (tokens[i] as LatinToken).start, emit);
    },
    koreanWord(word, stemLength) {
      if (koreanRoot.children.size === 0) return NO_MATCHES;
      const spans: number[] = [];
      const terms: string[] = [];
      let through: KoreanNode | undefined;
      for (let p = 0; p < word.length; p++) {
        let node: KoreanNode | undefined = koreanRoot;
        let q = p;
        while (q < word.length) {
          node = node.children.get(word.charCodeAt(q));
          if (node === undefined) break;
          q++;
          if (node.concepts === undefined) continue;
          if (q - p === 2 && p !== 0 && q !== stemLength && q !== word.length) continue;
          for (const c of node.concepts) {
            spans.push(p, q);
            terms.push(c);
          }
        }
        if (p === 0 && q === word.length && word.length >= 2 && node !== undefined && node.children.size > 0) through = node;
      }
      return spans.length === 0 && through === undefined ? NO_MATCHES : { spans, terms, through };
    },
    matchKorean(words, emit) {
      // Emitted in order of start: the word's matches at its first syllable, the walks from there into the
      // following words, then the word's later matches.
      for (let w = 0; w < words.length; w++) {
        const first = words[w] as HangulWord;
        const { spans, terms, through } = first.matches;
        let k = 0;
        for (; k < terms.length && spans[2 * k] === 0; k++) emit(terms[k] as string, first.start, first.start + (spans[2 * k + 1] as number));
        let node = through;
        for (let index = w + 1; node !== undefined && index < words.length; index++) {
          const next = words[index] as HangulWord;
          if (!next.joined) break;
          let q = 0;
          let at: KoreanNode | undefined = node;
          while (q < next.text.length) {
            at = at.children.get(next.text.charCodeAt(q));
            if (at === undefined) break;
            q++;
            if (at.concepts !== undefined) for (const c of at.concepts) emit(c, first.start, next.start + q);
          }
          node = at !== undefined && q === next.text.length && next.text.length >= 2 && at.children.size > 0 ? at : undefined;
        }
        for (; k < terms.length; k++) {
          emit(terms[k] as string, first.start + (spans[2 * k] as number), first.start + (spans[2 * k + 1] as number));
        }
      }
    },
  };
}
