// The non-Hangul path against natural, its reference: the same word boundaries, the same stems.
import fc from 'fast-check';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { describe, expect, it } from 'vitest';
import { splitWords, stem, STEM_EXCEPTIONS } from '../../src/text/english.js';
import { ENGLISH_STOP_WORDS } from '../../src/text/index.js';

describe('word boundaries', () => {
  const natural = new WordTokenizer();

  it('cuts Latin text exactly like natural’s WordTokenizer', () => {
    const piece = fc.oneof(
      fc.constantFrom('COVID-19', 'R&D', 'Sensors', 'don’t', "it's", 'snake_case', 'Москва', 'é', '５Ｇ', ' ', '\n', '-', '.'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        expect(splitWords(s)).toEqual(natural.tokenize(s));
      }),
    );
  });

  it('would lose every Hangul syllable if natural tokenized Korean, which is why it never sees any', () => {
    expect(natural.tokenize('머신비전 machine vision')).toEqual(['machine', 'vision']);
  });
});

describe('stems', () => {
  it('are natural’s Porter stems, except for the listed words', () => {
    for (const word of ['sensors', 'inspection', 'clinical', 'trials', 'factories', 'packaging', 'validation']) {
      expect(stem(word)).toBe(PorterStemmer.stem(word));
    }
    for (const [word, fixed] of STEM_EXCEPTIONS) expect(stem(word)).toBe(fixed);
  });

  it('uses natural’s English stop-word list, copied so later changes to natural’s list do not leak in', () => {
    expect(ENGLISH_STOP_WORDS.has('the')).toBe(true);
    expect(ENGLISH_STOP_WORDS.has('sensor')).toBe(false);
    expect(ENGLISH_STOP_WORDS.size).toBe(170);
  });
});
