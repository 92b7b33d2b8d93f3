/**
 * Explanations read which list phrases produced a term from masks the index keeps (`indexedTermSources`), instead
 * of analysing the phrases again (`termSources`): both must give the same phrases in the same order, for every
 * term of every field, including documents with more list phrases than a mask has bits and documents replaced
 * after indexing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, analyzeOrganization, indexedTermSources, termSources } from '../../src/match/analyzer.js';
import { DEFAULT_INDEX_OPTIONS } from '../../src/match/defaults.js';
import { TextIndex } from '../../src/match/text-index.js';
import { createAnalyzer, parseDictionary } from '../../src/text/index.js';
import { org } from '../fixtures/builders.js';

const analyzer = createAnalyzer(parseDictionary(readFileSync(new URL('../../data/dictionary/concepts.tsv', import.meta.url), 'utf8')));

const WORDS = ['machine vision', 'Sensors', 'sensor', 'chip', 'GMP', 'data', '5G', '머신비전은', '센서', '임상', 'clinical validation', ' cloud '];
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const arbOrg = (id: string) =>
  fc
    .record({
      description: fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(' ')),
      // up to 40 offers + technologies: past the 31 phrases a mask can name
      offers: fc.array(phrase, { maxLength: 30 }),
      technologies: fc.array(phrase, { maxLength: 10 }),
      needs: fc.array(phrase, { maxLength: 34 }),
    })
    .map((r) => org(id, r));

describe('indexed term sources', () => {
  it('equal the sources from analysing the phrases again, for every term of every field', () => {
    fc.assert(
      fc.property(fc.array(arbOrg('x'), { minLength: 1, maxLength: 4 }), (versions) => {
        const index = new TextIndex(DEFAULT_INDEX_OPTIONS);
        // the same slot replaced: the masks of the last version count
        for (const o of versions) index.setDocument(0, analyzeOrganization(o, analyzer));
        index.refresh();
        const o = versions[versions.length - 1]!;
        const terms = analyzeOrganization(o, analyzer);
        for (const field of FIELDS) {
          const want = termSources(o, field, analyzer);
          const got = indexedTermSources(o, field, analyzer, (f, term) => index.phraseMask(0, f, term));
          for (const term of [...terms[field], 'absent-term']) expect(got.get(term)).toEqual(want.get(term));
        }
      }),
      { numRuns: 150 },
    );
  });
});
