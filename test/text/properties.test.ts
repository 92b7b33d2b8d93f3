// Properties of the analyser over generated text: mixed Korean/English domain words, random Hangul syllables,
// punctuation, full-width and conjoining-jamo forms, and arbitrary Unicode.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, isConceptTerm, parseDictionary, toNfkc } from '../../src/text/index.js';

const dictionaryText = readFileSync(new URL('../../data/dictionary/concepts.tsv', import.meta.url), 'utf8');
const analyzer = createAnalyzer(parseDictionary(dictionaryText));

const hangulSyllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  fc.constantFrom(
    '머신', '비전', '머신비전', '은', '를', '의', '에서', '하는', '기술', '인공지능', '반도체', '스마트공장', '공병 선별',
    'AI', 'MEMS', 'SMEs', '5G', 'COVID-19', 'R&D', '3.5mm', 'sensor', 'Sensors', 'Machine', 'vision', 'proof of',
    'concept', 'the', 'LED', 'led', '2020', '49건', '５Ｇ', '\u1109\u1166\u11ab', 'Ё', 'ß', 'İ', 'ﬁ', '㈜', '_',
  ),
  hangulSyllable,
  fc.constantFrom(' ', ' ', '\n', '\t', '.', ',', '-', '&', '/', '(', ')', '·', '\u3000', ':'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const text = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));

describe('analyser properties', () => {
  it('is deterministic, across calls and across analysers built from the same dictionary', () => {
    const other = createAnalyzer(parseDictionary(dictionaryText));
    fc.assert(
      fc.property(text, (s) => {
        const first = analyzer.analyze(s);
        expect(analyzer.analyze(s)).toEqual(first);
        expect(other.analyze(s)).toEqual(first);
      }),
    );
  });

  it('emits only non-empty, lower-case NFKC terms; only concept terms contain ":" and none contain spaces', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const term of analyzer.analyze(s)) {
          expect(term.length).toBeGreaterThan(0);
          expect(term).toBe(term.normalize('NFKC'));
          expect(term).toBe(term.toLowerCase());
          expect(/\s/.test(term)).toBe(false);
          if (!isConceptTerm(term)) expect(term.includes(':')).toBe(false);
        }
      }),
    );
  });

  it('analysing a + " " + b keeps every term of a and of b', () => {
    // No exception is needed for terms spanning the join: bigrams never cross a space, and phrases are matched at
    // every position (not leftmost-longest), so joining can add a phrase across the space but never hide one.
    fc.assert(
      fc.property(text, text, (a, b) => {
        const joined = new Set(analyzer.analyze(`${a} ${b}`));
        for (const term of [...analyzer.analyze(a), ...analyzer.analyze(b)]) expect(joined).toContain(term);
      }),
    );
  });

  it('never drops a Hangul word: a run of three or more syllables keeps its first bigram', () => {
    const word = fc.array(hangulSyllable, { minLength: 3, maxLength: 8 }).map((s) => s.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const terms = new Set(analyzer.analyze(words.join(' ')));
        for (const w of words) expect(terms).toContain(w.slice(0, 2));
      }),
    );
  });

  it('gives the same terms with surfaces, each surface being its span of the NFKC text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const normalized = toNfkc(s);
        const occurrences = analyzer.analyzeWithSurface(s);
        expect(occurrences.map((o) => o.term)).toEqual(analyzer.analyze(s));
        for (const o of occurrences) {
          expect(o.surface.length).toBeGreaterThan(0);
          expect(normalized.slice(o.start, o.end)).toBe(o.surface);
        }
      }),
    );
  });
});
