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
import { growInt32, growUint8 } from './forward-store.js';

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
  /** With `surfaces: true`, the free text's surface words, for an engine that keeps them (see `SliceSurfaces`). */
  readonly surfaces?: SliceSurfaces;
}

/**
 * The surface words of the slice's free text (names, description) as `SurfaceStore` keeps them, without a Map per
 * document. A free term that no list phrase produced has, in each document, its distinct surfaces in text order;
 * almost always that is one surface, the same one as in the first document of the slice that has the term. So:
 * `first[n]` = the code of that first surface of vocabulary term n (0: never free here), and per document only the
 * terms whose surfaces differ from [first] are written out. A code is 1 for "the term itself", s + 2 for
 * `strings[s]`. Which terms of a document are free is not written at all: its profile terms that are not in its
 * offers or needs.
 */
export interface SliceSurfaces {
  readonly strings: readonly string[];
  readonly first: Int32Array;
  /** Per document: the number of records, then per record the vocabulary number, the surface count, the codes. */
  readonly records: Int32Array;
}

/** One document of a slice with its terms as the receiving index's ids. */
export interface InternedDocument {
  readonly ids: Readonly<Record<Field, Int32Array>>;
  readonly phraseOf: Readonly<Record<'offers' | 'needs', Uint8Array>>;
  /** With surfaces: the document's free terms that no list phrase produced, and their surfaces. */
  readonly free?: FreeSurfaces;
}

/** The free-text surfaces of one document, for `SurfaceStore.setFree`. */
export interface FreeSurfaces {
  /** Index ids of the free terms that no list phrase produced, ascending. */
  readonly ids: Int32Array;
  /** The one surface of term `ids[i]` (the term itself included), or undefined when it has several (`all`). */
  one(i: number): string | undefined;
  /** Every surface of term `ids[i]`, distinct, in text order. */
  all(i: number): readonly string[];
}

/** Analyses `orgs` in the given order (the engine's: ascending id) into one slice; `surfaces`: keep the free text's surface words too. */
export function analyseSlice(orgs: readonly Organization[], analyzer: Analyzer, opts: { readonly surfaces?: boolean } = {}): AnalysedSlice {
  const keep = opts.surfaces === true;
  const strings: string[] = [];
  const stringNumbers = new Map<string, number>();
  let first = new Int32Array(1 << 12);
  let records = new Int32Array(keep ? 1 << 12 : 0);
  let r = 0;
  const code = (term: string, surface: string): number => {
    if (surface === term) return 1;
    let s = stringNumbers.get(surface);
    if (s === undefined) {
      s = strings.length;
      stringNumbers.set(surface, s);
      strings.push(surface);
    }
    return s + 2;
  };
  const numbers = new Map<string, number>();
  const vocab: string[] = [];
  const lengths = new Int32Array(orgs.length * FIELDS.length);
  let terms = new Int32Array(1 << 16);
  let phraseOf = new Uint8Array(1 << 12);
  let t = 0;
  let p = 0;
  orgs.forEach((org, d) => {
    const doc = analyzeOrganization(org, analyzer, { surfaces: keep });
    FIELDS.forEach((f, j) => {
      const list = doc[f];
      lengths[d * FIELDS.length + j] = list.length;
      terms = growInt32(terms, t + list.length);
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
      phraseOf = growUint8(phraseOf, p + of.length);
      phraseOf.set(of, p);
      p += of.length;
    }
    if (!keep) return;
    // the free terms no list phrase produced (as `MatchEngine.upsertOrganization` gives them to `SurfaceStore`)
    const listed = new Set([...doc.offers, ...doc.needs]);
    const at = r++;
    let count = 0;
    for (const [term, surfaces] of doc.freeSources ?? []) {
      if (listed.has(term) || surfaces.length === 0) continue;
      const n = numbers.get(term)!;
      first = growInt32(first, n + 1);
      const c0 = code(term, surfaces[0]!);
      if (first[n] === 0) first[n] = c0;
      if (surfaces.length === 1 && c0 === first[n]) continue;
      records = growInt32(records, r + 2 + surfaces.length);
      records[r++] = n;
      records[r++] = surfaces.length;
      for (const surface of surfaces) records[r++] = code(term, surface);
      count++;
    }
    records = growInt32(records, at + 1);
    records[at] = count;
  });
  return {
    count: orgs.length,
    vocab,
    terms: terms.slice(0, t),
    lengths,
    phraseOf: phraseOf.slice(0, p),
    ...(keep ? { surfaces: { strings, first: sized(first, vocab.length), records: records.slice(0, r) } } : {}),
  };
}

/**
 * The documents of `slices` in order, their terms mapped to the ids `intern` gives (`TextIndex.internAll`). Each
 * slice's vocabulary is interned whole before its first document: the same ids as interning document by document,
 * since a slice's vocabulary is in first-appearance order and nothing else is interned meanwhile.
 */
export function* internedDocuments(slices: readonly AnalysedSlice[], intern: (terms: readonly string[]) => Int32Array): Generator<InternedDocument> {
  for (const s of slices) {
    const ids = intern(s.vocab);
    const free = s.surfaces === undefined ? undefined : freeReader(s, s.surfaces, ids);
    let t = 0;
    let p = 0;
    for (let d = 0; d < s.count; d++) {
      const from = t;
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
      yield { ids: { profile, offers, needs }, phraseOf: { offers: offersPhrase, needs: needsPhrase }, ...(free !== undefined ? { free: free(d, from) } : {}) };
    }
  }
}

/**
 * Reads the slice's documents' free surfaces in order (`free(d, at)`: document d, whose terms begin at `at` in
 * `s.terms`): the profile terms that are not offers or needs terms, with the records of the document or else the
 * term's first surface in the slice.
 */
function freeReader(s: AnalysedSlice, sf: SliceSurfaces, ids: Int32Array): (d: number, at: number) => FreeSurfaces {
  const seen = new Uint8Array(s.vocab.length);
  const decode = (n: number, c: number) => (c === 1 ? s.vocab[n]! : sf.strings[c - 2]!);
  let rp = 0;
  return (d, at) => {
    const lp = s.lengths[d * FIELDS.length]!;
    const lo = s.lengths[d * FIELDS.length + 1]!;
    const ln = s.lengths[d * FIELDS.length + 2]!;
    // listed: the offers and needs terms (2); free: the other profile terms, once each (1)
    for (let i = at + lp; i < at + lp + lo + ln; i++) seen[s.terms[i]!] = 2;
    const local: number[] = [];
    for (let i = at; i < at + lp; i++) {
      const n = s.terms[i]!;
      if (seen[n] === 0) {
        seen[n] = 1;
        local.push(n);
      }
    }
    for (let i = at; i < at + lp + lo + ln; i++) seen[s.terms[i]!] = 0;
    local.sort((x, y) => ids[x]! - ids[y]!);
    const records = new Map<number, string[]>();
    for (let e = 0, count = sf.records[rp++]!; e < count; e++) {
      const n = sf.records[rp++]!;
      const list: string[] = [];
      for (let k = 0, c = sf.records[rp++]!; k < c; k++) list.push(decode(n, sf.records[rp++]!));
      records.set(n, list);
    }
    return {
      ids: Int32Array.from(local, (n) => ids[n]!),
      one: (i) => {
        const n = local[i]!;
        const r = records.get(n);
        return r === undefined ? decode(n, sf.first[n]!) : r.length === 1 ? r[0] : undefined;
      },
      all: (i) => {
        const n = local[i]!;
        return records.get(n) ?? [decode(n, sf.first[n]!)];
      },
    };
  };
}

/** `a`'s first `n` values, zero-padded to length n. */
function sized(a: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  out.set(a.subarray(0, Math.min(a.length, n)));
  return out;
}
