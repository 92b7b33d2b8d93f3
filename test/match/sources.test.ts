/**
 * Explanations read which list phrases produced a term from masks the index keeps (`indexedTermSources`), and the
 * free text's surface words from what the engine kept at indexing (`SurfaceStore`), instead of analysing the
 * profile again (`termSources`): all must give the same phrases in the same order, for every term of every field,
 * including documents with more list phrases than a mask has bits, documents replaced or removed after indexing,
 * and engines that keep no surfaces.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, analyzeOrganization, indexedTermSources, termSources } from '../../src/match/analyzer.js';
import { DEFAULT_INDEX_OPTIONS } from '../../src/match/defaults.js';
import { MatchEngine } from '../../src/match/engine.js';
import { SurfaceStore } from '../../src/match/surfaces.js';
import { TextIndex } from '../../src/match/text-index.js';
import { createAnalyzer, parseDictionary } from '../../src/text/index.js';
import { org } from '../fixtures/builders.js';

const analyzer = createAnalyzer(parseDictionary(readFileSync(new URL('../../data/dictionary/concepts.tsv', import.meta.url), 'utf8')));

const WORDS = ['Machine Vision', 'machine vision', 'Sensors', 'sensor', 'chip', 'GMP', 'data', '5G', '머신비전은', '센서', '임상', 'clinical validation', ' cloud '];
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

// words only descriptions use, so that many terms come from free text alone (several surfaces: Robots/robot)
const FREE_WORDS = ['Robots', 'robot', 'robotic', '반도체공정은', '반도체', 'Foundry', 'foundries', 'AI', '인공지능'];
const arbFreeOrg = (id: string) =>
  fc
    .tuple(arbOrg(id), fc.array(fc.constantFrom(...WORDS, ...FREE_WORDS), { maxLength: 10 }))
    .map(([o, words]) => ({ ...o, description: words.join(' ') }));

describe('engine term sources (kept surfaces)', () => {
  // several organisations share one engine, so main surfaces are set by one document and read for another
  const arbVersions = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.boolean()), { minLength: 1, maxLength: 8 });
  it('equal the sources from analysing the profile again, after upserts, replacements and removals', () => {
    fc.assert(
      fc.property(arbVersions, fc.array(arbFreeOrg('x'), { minLength: 8, maxLength: 8 }), fc.boolean(), (steps, bodies, keep) => {
        const engine = new MatchEngine({ analyzer, keepSurfaces: keep });
        const current = new Map<string, ReturnType<typeof org>>();
        steps.forEach(([id, remove], i) => {
          if (remove && current.has(id)) {
            engine.removeOrganization(id as never);
            current.delete(id);
          } else {
            const o = { ...bodies[i]!, id } as ReturnType<typeof org>;
            engine.upsertOrganization(o);
            current.set(id, o);
          }
          // the engine caches each document's sources: read them between steps so a stale entry would show
          engine.index.refresh();
          for (const other of current.keys()) for (const field of FIELDS) engine.sources(engine.slotOf(other)!, field).get('absent-term');
        });
        engine.index.refresh();
        for (const [id, o] of current) {
          const slot = engine.slotOf(id)!;
          const terms = analyzeOrganization(o, analyzer);
          for (const field of FIELDS) {
            const want = termSources(o, field, analyzer);
            const got = engine.sources(slot, field);
            for (const term of [...terms.profile, 'absent-term']) expect(got.get(term)).toEqual(want.get(term));
            // with the term's id (as explanations pass it): the same answer without looking the term up
            for (const term of terms.profile) expect(got.get(term, engine.index.termIn(slot, 'profile', term))).toEqual(want.get(term));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('SurfaceStore', () => {
  it('answers like a map of every document, across replacements, removals and compactions', () => {
    const terms = ['t0', 't1', 't2', 't3', 't4', 't5'];
    const termId = (t: string) => terms.indexOf(t);
    const surfaces = fc.array(fc.constantFrom('t0', 'T0', 't1', 'S', 'ŝ', 't5'), { minLength: 1, maxLength: 3 }).map((l) => [...new Set(l)]);
    const doc = fc.dictionary(fc.constantFrom(...terms), surfaces);
    const ops = fc.array(fc.tuple(fc.nat(5), fc.option(doc)), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(ops, fc.boolean(), (steps, skipT1) => {
        const store = new SurfaceStore();
        const want = new Map<number, Map<string, string[]>>();
        const skip = (t: string) => skipT1 && t === 't1';
        for (const [slot, d] of steps) {
          if (d === null) {
            store.clear(slot);
            want.delete(slot);
          } else {
            const m = new Map(Object.entries(d));
            store.set(slot, m, termId, skip);
            want.set(slot, m);
          }
          if (store.loose && slot % 2 === 0) store.compact();
        }
        for (let slot = 0; slot < 6; slot++) {
          expect(store.has(slot)).toBe(want.has(slot));
          for (const [term, list] of want.get(slot) ?? []) if (!skip(term)) expect(store.get(slot, termId(term), term)).toEqual(list);
        }
      }),
      { numRuns: 300 },
    );
  });
});
