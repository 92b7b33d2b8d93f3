/**
 * Profiles analysed once for several engines. Analysing the profiles is most of an engine's build (at 100,000
 * synthetic profiles ~17 s of ~30 s, interning their ~36M terms ~4 s more). A batch spread over threads builds one
 * engine per thread; instead of every thread analysing every profile, each analyses one contiguous slice of the
 * organisations (`analyseSlice`) and every thread builds its engine from all the slices
 * (`buildMatchEngine(data, options, slices)`), which only interns the slices' vocabularies and files the documents.
 *
 * A slice is plain data (cheap to post between threads): its own vocabulary in order of first appearance and its
 * documents as numbers into that vocabulary. Why the engine is the same one: the index numbers terms in order of
 * first appearance over the documents in slot order, field by field (`TextIndex.setDocument`). A slice's
 * vocabulary lists its terms in that same order; interning the vocabularies slice after slice therefore gives
 * every term the id that analysing the profiles one by one gives it — same ids, same postings, same scores bit for
 * bit (`test/match/analysed-slice.test.ts` compares whole rankings).
 */
import type { Organization } from '../domain/index.js';
import type { Analyzer, Field } from './analyzer.js';
import { FIELDS, analyzeOrganization } from './analyzer.js';

export interface AnalysedSlice {
  /** Documents (organisations) in the slice, in the order they were given. */
  readonly count: number;
  /** The slice's terms in order of first appearance (document by document, fields in `FIELDS` order). */
  readonly vocab: readonly string[];
  /** Per document, per field in `FIELDS` order: the field's terms (repeats kept, text order) as `vocab` numbers. */
  readonly terms: Int32Array;
  /** `count` × 3 lengths: how many of `terms` each document's field takes. */
  readonly lengths: Int32Array;
  /** Per document: the list phrase of each offers term, then of each needs term (`FieldTerms.phraseOf`). */
  readonly phraseOf: Uint8Array;
}

/** One document of a slice with its terms as the receiving index's ids. */
export interface InternedDocument {
  readonly ids: Readonly<Record<Field, Int32Array>>;
  readonly phraseOf: Readonly<Record<'offers' | 'needs', Uint8Array>>;
}

/** Analyses `orgs` in the given order (the engine's: ascending id) into one slice. */
export function analyseSlice(orgs: readonly Organization[], analyzer: Analyzer): AnalysedSlice {
  const numbers = new Map<string, number>();
  const vocab: string[] = [];
  const lengths = new Int32Array(orgs.length * FIELDS.length);
  let terms = new Int32Array(1 << 16);
  let phraseOf = new Uint8Array(1 << 12);
  let t = 0;
  let p = 0;
  orgs.forEach((org, d) => {
    const doc = analyzeOrganization(org, analyzer);
    FIELDS.forEach((f, j) => {
      const list = doc[f];
      lengths[d * FIELDS.length + j] = list.length;
      if (t + list.length > terms.length) terms = grown(terms, t + list.length);
      for (const term of list) {
        let n = numbers.get(term);
        if (n === undefined) {
          n = vocab.length;
          numbers.set(term, n);
          vocab.push(term);
        }
        terms[t++] = n;
      }
    });
    for (const f of ['offers', 'needs'] as const) {
      const of = doc.phraseOf?.[f] ?? new Uint8Array(doc[f].length);
      if (p + of.length > phraseOf.length) phraseOf = grown(phraseOf, p + of.length);
      phraseOf.set(of, p);
      p += of.length;
    }
  });
  return { count: orgs.length, vocab, terms: terms.slice(0, t), lengths, phraseOf: phraseOf.slice(0, p) };
}

/**
 * The documents of `slices` in order, their terms mapped to the ids `intern` gives (`TextIndex.internAll`). Each
 * slice's vocabulary is interned whole before its first document: the same ids as interning document by document,
 * since a slice's vocabulary is in first-appearance order and nothing else is interned meanwhile.
 */
export function* internedDocuments(slices: readonly AnalysedSlice[], intern: (terms: readonly string[]) => Int32Array): Generator<InternedDocument> {
  for (const s of slices) {
    const ids = intern(s.vocab);
    let t = 0;
    let p = 0;
    for (let d = 0; d < s.count; d++) {
      const field = (j: number): Int32Array => {
        const out = new Int32Array(s.lengths[d * FIELDS.length + j]!);
        for (let i = 0; i < out.length; i++) out[i] = ids[s.terms[t++]!]!;
        return out;
      };
      const profile = field(0);
      const offers = field(1);
      const needs = field(2);
      const offersPhrase = s.phraseOf.subarray(p, p + offers.length);
      p += offers.length;
      const needsPhrase = s.phraseOf.subarray(p, p + needs.length);
      p += needs.length;
      yield { ids: { profile, offers, needs }, phraseOf: { offers: offersPhrase, needs: needsPhrase } };
    }
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, atLeast: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
