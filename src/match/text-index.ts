/**
 * Sparse TF-IDF vectors of the three profile fields, with inverted postings, written by hand for speed.
 *
 * Weight of term t in field f of document d:
 *
 *     w(d,f,t) = (1 + ln tf(d,f,t)) · idf(t),     idf(t) = ln((N + 1) / (df(t) + 1)) + 1
 *
 * where N is the number of documents and df(t) the number whose *profile* contains t. All fields share the
 * profile idf, so that a need and an offer are weighted on one scale. Vectors are L2-normalised:
 * cos(x, y) = Σ_t w(x,t)·w(y,t) / (‖w(x)‖·‖w(y)‖), in [0, 1].
 *
 * Idf drift: an upsert or removal changes N and some df, hence every weight. Term frequencies are stored, not
 * weights; idf and the norms are recomputed in one O(total postings) pass (`reweight`), lazily before the next
 * read once `reweightAfter` × N documents have changed (default 0: after any change, so every read equals a
 * fresh build).
 *
 * Pruning support: at re-weighting, terms whose df/N exceeds a threshold of `pruneBands` get that band, and
 * every document stores the normalised norm of its weights in each band. A query may bound a band instead of
 * walking its (long) postings: by Cauchy–Schwarz, Σ_{t∈band} q_t·w_t ≤ ‖q_band‖·‖w_band‖.
 */
import type { FieldTerms, Field } from './analyzer.js';
import { FIELDS } from './analyzer.js';
import type { IndexOptions } from './defaults.js';
import { ForwardStore, MAX_TF, PHRASE_OVERFLOW, growFloat64, growInt32, growUint8 } from './forward-store.js';
import { Postings } from './postings.js';
import type { TouchedSet } from './touched.js';

/** Fields whose base postings are in impact order (the need→offer walks), so walks may stop at a cut. */
export const IMPACT_FIELDS: readonly Field[] = ['offers', 'needs'];

/** 1 + ln tf, tabulated (tf is stored as a 16-bit count). */
export const LOG_TF: Float64Array = (() => {
  const t = new Float64Array(MAX_TF + 1);
  for (let i = 1; i <= MAX_TF; i++) t[i] = 1 + Math.log(i);
  return t;
})();

/** Smoothed idf: ln((N + 1) / (df + 1)) + 1. */
export function smoothIdf(n: number, df: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** A query vector: ascending known term ids, their un-normalised weights, and 1/‖all weights‖. */
export interface SparseVector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
  readonly invNorm: number;
}

interface FieldState {
  readonly forward: ForwardStore;
  readonly postings: Postings;
  invNorm: Float64Array<ArrayBuffer>;
  /** bandNorm[b][d] = ‖w(d) restricted to band b+1‖ / ‖w(d)‖. */
  bandNorm: Float64Array<ArrayBuffer>[];
  maxBandNorm: Float64Array;
  /** maxWeight[t] ≥ max_d w(d,t)/‖w(d)‖: the most one term can add to a cosine with a unit query weight. */
  maxWeight: Float64Array<ArrayBuffer>;
}

/** What `accumulate` walked and what it left to bounds. */
export interface Accumulation {
  /** Per band b (index b−1): ‖q restricted to band b‖/‖q‖ when the band was bounded, else 0. */
  readonly boundedBandNorm: Float64Array;
  /** Whether any band was bounded (documents not touched may still share a term). */
  readonly bounded: boolean;
  readonly postingsWalked: number;
  /** Postings of the bounded bands (what walking them would still cost). */
  readonly postingsSkipped: number;
}

export class TextIndex {
  private readonly ids = new Map<string, number>();
  /** Term strings by id. */
  readonly terms: string[] = [];
  private df = new Int32Array(1024);
  private idf = new Float64Array(1024);
  /** 0 = walked always; b ≥ 1 = frequent band b (may be bounded). */
  private band = new Uint8Array(1024);
  private readonly fields: Record<Field, FieldState>;
  private alive = new Uint8Array(16);
  private slots = 0;
  private live = 0;
  private changed = 0;
  private dirty = true;
  private pendingRebuild = true;
  readonly bands: number;

  constructor(readonly options: IndexOptions) {
    this.bands = options.pruneBands.length;
    const state = (f: Field): FieldState => ({
      forward: new ForwardStore(f !== 'profile'),
      postings: new Postings(),
      invNorm: new Float64Array(16),
      bandNorm: Array.from({ length: this.bands }, () => new Float64Array(16)),
      maxBandNorm: new Float64Array(this.bands),
      maxWeight: new Float64Array(1024),
    });
    this.fields = { profile: state('profile'), offers: state('offers'), needs: state('needs') };
  }

  /** Number of documents. */
  get size(): number {
    return this.live;
  }

  /** Slots ever used (the length per-slot arrays must cover). */
  get slotCount(): number {
    return this.slots;
  }

  has(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  private intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.ids.set(term, id);
    this.terms.push(term);
    if (id >= this.df.length) {
      this.df = growInt32(this.df, id + 1);
      this.idf = growFloat64(this.idf, id + 1);
      this.band = growUint8(this.band, id + 1);
    }
    return id;
  }

  /** Document frequency of a term (profile field), 0 when unknown. */
  dfOf(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.df[id]!;
  }

  /** Current idf of a term (as if df = 0 when unknown). */
  idfOf(term: string): number {
    this.refresh();
    const id = this.ids.get(term);
    return id === undefined ? smoothIdf(this.live, 0) : this.idf[id]!;
  }

  /** Adds or replaces the document in `slot`. */
  setDocument(slot: number, doc: FieldTerms): void {
    // term ids in order of first appearance, field by field (interning order is part of the index)
    const ids = { profile: this.internAll(doc.profile), offers: this.internAll(doc.offers), needs: this.internAll(doc.needs) };
    this.setDocumentIds(slot, ids, doc.phraseOf);
  }

  /**
   * The ids of `terms`, in order; a term not seen before gets the next id. Interning every document's fields in
   * `setDocument` order (profile, offers, needs, document after document) gives the ids `setDocument` would.
   */
  internAll(terms: readonly string[]): Int32Array {
    const out = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) out[i] = this.intern(terms[i]!);
    return out;
  }

  /**
   * `setDocument` with each field's terms already interned (`internAll`; repeats kept, text order). The index
   * takes the arrays over (sorts them in place).
   */
  setDocumentIds(slot: number, ids: Readonly<Record<Field, Int32Array>>, phrases?: FieldTerms['phraseOf']): void {
    if (this.alive[slot] === 1) this.removeDocument(slot);
    this.alive = growUint8(this.alive, slot + 1);
    this.slots = Math.max(this.slots, slot + 1);
    for (const f of FIELDS) {
      // the field's term ids sorted and counted
      const all = ids[f];
      const phraseOf = f === 'profile' ? undefined : phrases?.[f];
      const inOrder = phraseOf === undefined ? undefined : all.slice();
      all.sort();
      let unique = 0;
      for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) unique++;
      const termIds = new Int32Array(unique);
      const tfs = new Uint16Array(unique);
      for (let i = 0, u = -1; i < all.length; i++) {
        if (i === 0 || all[i] !== all[i - 1]) termIds[++u] = all[i]!;
        if (tfs[u]! < MAX_TF) tfs[u]!++;
      }
      const state = this.fields[f];
      state.forward.set(slot, termIds, tfs, phraseOf === undefined ? undefined : phraseMasks(termIds, inOrder!, phraseOf));
      if (!this.pendingRebuild) state.postings.add(slot, termIds, tfs);
      if (f === 'profile') for (const t of termIds) this.df[t]!++;
      state.invNorm = growFloat64(state.invNorm, slot + 1);
      for (let b = 0; b < this.bands; b++) state.bandNorm[b] = growFloat64(state.bandNorm[b]!, slot + 1);
    }
    this.alive[slot] = 1;
    this.live++;
    this.noteChange(slot);
  }

  /** Removes the document in `slot`; false when there was none. */
  removeDocument(slot: number): boolean {
    if (this.alive[slot] !== 1) return false;
    for (const f of FIELDS) {
      const state = this.fields[f];
      const old = state.forward.termsOf(slot);
      if (!this.pendingRebuild) state.postings.remove(slot, old);
      if (f === 'profile') for (const t of old) this.df[t]!--;
      state.forward.clear(slot);
      state.invNorm[slot] = 0;
      for (let b = 0; b < this.bands; b++) state.bandNorm[b]![slot] = 0;
    }
    this.alive[slot] = 0;
    this.live--;
    this.noteChange(-1);
    return true;
  }

  private noteChange(slot: number): void {
    this.changed++;
    if (this.changed > this.options.reweightAfter * this.live) this.dirty = true;
    if (!this.dirty && slot >= 0) {
      // within tolerance: weigh the new document with the current (slightly stale) idf
      for (const f of FIELDS) {
        const terms = this.fields[f].forward.termsOf(slot);
        for (const t of terms) if (this.idf[t] === 0) this.idf[t] = smoothIdf(this.live, this.df[t]!);
        this.weighDocument(f, slot);
      }
    }
  }

  /** Brings idf, norms and postings up to date; every read calls it first. */
  refresh(): void {
    let reorder = false;
    if (this.pendingRebuild || FIELDS.some((f) => this.fields[f].postings.needsRebuild())) {
      for (const f of FIELDS) {
        const s = this.fields[f];
        s.forward.compact(this.slots);
        s.postings.rebuild(s.forward, this.alive, this.slots, this.terms.length);
      }
      this.pendingRebuild = false;
      reorder = true;
    }
    if (this.dirty) {
      this.reweight();
      reorder = true;
    }
    // the complement walks stop at a weight cut (`accumulateSelected`): their lists are kept in impact order
    if (reorder) for (const f of IMPACT_FIELDS) this.fields[f].postings.orderByImpact(LOG_TF, this.fields[f].invNorm);
  }

  /** Recomputes idf, bands and every document's norms: O(vocabulary + total postings). */
  private reweight(): void {
    const n = this.live;
    const useBands = n >= this.options.pruneMinDocs && n > 0;
    for (let t = 0; t < this.terms.length; t++) {
      const df = this.df[t]!;
      this.idf[t] = df > 0 ? smoothIdf(n, df) : 0;
      let b = 0;
      if (useBands && df > 0) {
        const share = df / n;
        for (let i = 0; i < this.bands; i++) {
          if (share > this.options.pruneBands[i]!) {
            b = i + 1;
            break;
          }
        }
      }
      this.band[t] = b;
    }
    for (const f of FIELDS) {
      const s = this.fields[f];
      s.maxBandNorm.fill(0);
      s.maxWeight = new Float64Array(Math.max(16, this.terms.length));
      for (let d = 0; d < this.slots; d++) if (this.alive[d] === 1) this.weighDocument(f, d);
    }
    this.changed = 0;
    this.dirty = false;
  }

  /** invNorm(d) = 1/‖w(d)‖ and the normalised band norms of one document. */
  private weighDocument(f: Field, d: number): void {
    const s = this.fields[f];
    const fw = s.forward;
    const start = fw.start[d]!;
    const end = start + fw.lengthOf(d);
    let sum = 0;
    const bandSum = new Float64Array(this.bands + 1);
    for (let i = start; i < end; i++) {
      const t = fw.terms[i]!;
      const w = LOG_TF[fw.tfs[i]!]! * this.idf[t]!;
      const sq = w * w;
      sum += sq;
      bandSum[this.band[t]!]! += sq;
    }
    const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    s.invNorm[d] = inv;
    // per-term maxima only grow between re-weightings (a removed document's share stays): still upper bounds
    s.maxWeight = growFloat64(s.maxWeight, this.terms.length);
    const mw = s.maxWeight;
    for (let i = start; i < end; i++) {
      const t = fw.terms[i]!;
      const v = LOG_TF[fw.tfs[i]!]! * this.idf[t]! * inv;
      if (v > mw[t]!) mw[t] = v;
    }
    for (let b = 0; b < this.bands; b++) {
      const v = Math.sqrt(bandSum[b + 1]!) * inv;
      s.bandNorm[b]![d] = v;
      if (v > s.maxBandNorm[b]!) s.maxBandNorm[b] = v;
    }
  }

  /** The stored vector of a document's field. */
  vectorOf(slot: number, field: Field): SparseVector {
    this.refresh();
    const s = this.fields[field];
    const start = s.forward.start[slot] ?? 0;
    const n = this.alive[slot] === 1 ? s.forward.lengthOf(slot) : 0;
    const terms = s.forward.terms.slice(start, start + n);
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = LOG_TF[s.forward.tfs[start + i]!]! * this.idf[terms[i]!]!;
    return { terms, weights, invNorm: this.alive[slot] === 1 ? s.invNorm[slot]! : 0 };
  }

  /** A query vector from analysed free text; unknown terms count in the norm (as df = 0) but match nothing. */
  vectorOfTerms(terms: readonly string[]): SparseVector {
    this.refresh();
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const known: [number, number][] = [];
    let sum = 0;
    for (const [term, tf] of counts) {
      const id = this.ids.get(term);
      const idf = id === undefined || this.df[id] === 0 ? smoothIdf(this.live, 0) : this.idf[id]!;
      const w = LOG_TF[Math.min(MAX_TF, tf)]! * idf;
      sum += w * w;
      if (id !== undefined && this.df[id]! > 0) known.push([id, w]);
    }
    known.sort((a, b) => a[0] - b[0]);
    return {
      terms: Int32Array.from(known, (k) => k[0]),
      weights: Float64Array.from(known, (k) => k[1]),
      invNorm: sum > 0 ? 1 / Math.sqrt(sum) : 0,
    };
  }

  /**
   * cos(q, field of slot), by merging the two ascending term lists:
   * Σ_shared q_t·w_t · (1/‖q‖ · 1/‖w‖), clamped to [0, 1]. Symmetric to the last bit: the same products are
   * added in the same (term id) order whichever side is the query.
   */
  cosine(q: SparseVector, field: Field, slot: number): number {
    if (this.alive[slot] !== 1) return 0;
    const s = this.fields[field];
    const fw = s.forward;
    const qt = q.terms;
    const qn = qt.length;
    let i = 0;
    let j = fw.start[slot]!;
    const end = j + fw.lengthOf(slot);
    let sum = 0;
    while (i < qn && j < end) {
      const a = qt[i]!;
      const b = fw.terms[j]!;
      if (a === b) {
        sum += q.weights[i]! * (LOG_TF[fw.tfs[j]!]! * this.idf[b]!);
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    const c = sum * (q.invNorm * s.invNorm[slot]!);
    return c > 1 ? 1 : c;
  }

  /** Share of q's squared weight on terms the field of slot contains: Σ_{t ∈ q ∩ d} q_t² / ‖q‖², in [0, 1]. */
  coverage(q: SparseVector, field: Field, slot: number): number {
    if (this.alive[slot] !== 1) return 0;
    const fw = this.fields[field].forward;
    let i = 0;
    let j = fw.start[slot]!;
    const end = j + fw.lengthOf(slot);
    let sum = 0;
    while (i < q.terms.length && j < end) {
      const a = q.terms[i]!;
      const b = fw.terms[j]!;
      if (a === b) {
        sum += q.weights[i]! * q.weights[i]!;
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    const c = sum * q.invNorm * q.invNorm;
    return c > 1 ? 1 : c;
  }

  /**
   * The terms q shares with the field of slot and each one's share of the cosine, largest first (ties by term):
   * the first `limit` of them, passing over the terms `skip` refuses (asked only of a term that would be kept).
   * Explanations show a few of a profile's ~50 shared terms, so only those become objects.
   */
  sharedTerms(
    q: SparseVector,
    field: Field,
    slot: number,
    limit = Infinity,
    skip?: (id: number) => boolean,
  ): { term: string; id: number; contribution: number }[] {
    const s = this.fields[field];
    const fw = s.forward;
    if (this.alive[slot] !== 1) return [];
    const scale = q.invNorm * s.invNorm[slot]!;
    const terms = this.terms;
    // the best `limit` so far, best first (insertion into a short sorted list: explanations show ~5 of ~50)
    const ids: number[] = [];
    const shares: number[] = [];
    let i = 0;
    let j = fw.start[slot]!;
    const end = j + fw.lengthOf(slot);
    while (i < q.terms.length && j < end) {
      const a = q.terms[i]!;
      const b = fw.terms[j]!;
      if (a === b) {
        const share = q.weights[i]! * LOG_TF[fw.tfs[j]!]! * this.idf[b]! * scale;
        // position: after every kept term with a larger share or an equal share and a smaller term
        let r = ids.length;
        while (r > 0 && (shares[r - 1]! < share || (shares[r - 1] === share && terms[ids[r - 1]!]! > terms[a]!))) r--;
        if (r < limit && skip?.(a) !== true) {
          // insert at r, shifting the rest right (the last falls off when `limit` are kept); no splice, which
          // allocates the array of removed elements on every call
          let last = ids.length;
          if (last < limit) {
            ids.push(0);
            shares.push(0);
          } else last--;
          for (let x = last; x > r; x--) {
            ids[x] = ids[x - 1]!;
            shares[x] = shares[x - 1]!;
          }
          ids[r] = a;
          shares[r] = share;
        }
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    const out: { term: string; id: number; contribution: number }[] = new Array(ids.length);
    for (let r = 0; r < ids.length; r++) out[r] = { term: terms[ids[r]!]!, id: ids[r]!, contribution: shares[r]! };
    return out;
  }

  /**
   * Which list phrases of the document in `slot` produced `term` in a list field (offers, needs): bit i for phrase
   * i of `fieldPhrases` (i < 31), `PHRASE_OVERFLOW` for any phrase from 31 on; 0 when none did, undefined when the
   * document was indexed without phrase indices.
   */
  phraseMask(slot: number, field: 'offers' | 'needs', term: string): number | undefined {
    return this.phraseMaskOfId(slot, field, this.ids.get(term) ?? -1);
  }

  /** `phraseMask` of the term with id `id` (-1 = a term the index does not know), without looking the term up. */
  phraseMaskOfId(slot: number, field: 'offers' | 'needs', id: number): number | undefined {
    const fw = this.fields[field].forward;
    if (fw.masks === undefined || this.alive[slot] !== 1) return undefined;
    if (id < 0) return 0;
    let lo = fw.start[slot]!;
    let hi = lo + fw.lengthOf(slot);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fw.terms[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < fw.start[slot]! + fw.lengthOf(slot) && fw.terms[lo] === id ? fw.masks[lo]! : 0;
  }

  /** The id of `term` when the field of the document in `slot` contains it, else -1 (by bisection). */
  termIn(slot: number, field: Field, term: string): number {
    return this.termIdIn(slot, field, this.ids.get(term) ?? -1);
  }

  /** `termIn` of the term with id `id` (-1 = unknown), without looking the term up. */
  termIdIn(slot: number, field: Field, id: number): number {
    if (id < 0 || this.alive[slot] !== 1) return -1;
    const fw = this.fields[field].forward;
    const end = fw.start[slot]! + fw.lengthOf(slot);
    let lo = fw.start[slot]!;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fw.terms[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && fw.terms[lo] === id ? id : -1;
  }

  /** 1/‖w(slot)‖ of a field (0 for an empty or absent document). */
  invNormOf(slot: number, field: Field): number {
    return this.alive[slot] === 1 ? this.fields[field].invNorm[slot]! : 0;
  }

  /** 1/‖w(d)‖ per slot of a field, for hot loops (read-only). */
  invNormArray(field: Field): Float64Array {
    return this.fields[field].invNorm;
  }

  /** Per term id, an upper bound of w(d,t)/‖w(d)‖ over the documents of a field (MaxScore bounds; read-only). */
  maxWeightArray(field: Field): Float64Array {
    return this.fields[field].maxWeight;
  }

  /**
   * Walks, for each query term i, the postings whose share of the cosine is at least `cut[i]`:
   * c(d, i) = q_i/‖q‖ · w(d,t_i)/‖w(d)‖ ≥ cut[i] (0: every posting; Infinity: none). Adds
   * acc[d] += q_i·(1 + ln tf(d,t_i))·idf(t_i) (un-normalised, in term order as `accumulate` does) and every such d
   * to `touched`. Cuts in (0, ∞) need a field in impact order (`IMPACT_FIELDS`): its lists are walked from the
   * top and left at the first live posting under the cut (kept with a relative slack of 1e-9, so rounding walks
   * one posting too many rather than one too few); delta postings are walked whole. Returns the postings walked.
   */
  accumulateSelected(q: SparseVector, field: Field, acc: Float32Array, touched: TouchedSet, cut: Float64Array): number {
    this.refresh();
    const s = this.fields[field];
    const p = s.postings;
    const inv = s.invNorm;
    const ordered = IMPACT_FIELDS.includes(field);
    touched.reserve(this.slots);
    const stale = p.staleSize > 0;
    // where each term's walk ends in its base list, and what the whole walk costs
    const ends = new Int32Array(q.terms.length);
    let spent = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i]!;
      const c = cut[i]!;
      if (c === Infinity) continue;
      if (c > 0 && !ordered) throw new Error(`accumulateSelected: cuts need a field in impact order, not ${field}`);
      spent += p.cost(t);
      if (t >= p.baseVocab) continue;
      const from = p.offsets[t]!;
      let to = p.offsets[t + 1]!;
      if (c > 0 && !stale) {
        // live lists are sorted by impact: the first posting under the cut, by bisection
        const minW = (c / (q.weights[i]! * q.invNorm * this.idf[t]!)) * (1 - 1e-9);
        let lo = from;
        let hi = to;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (LOG_TF[p.tfs[mid]!]! * inv[p.docs[mid]!]! >= minW) lo = mid + 1;
          else hi = mid;
        }
        spent -= to - lo;
        to = lo;
      }
      ends[i] = to;
    }
    const dense = spent > this.slots / 2;
    let walked = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const c = cut[i]!;
      if (c === Infinity) continue;
      const t = q.terms[i]!;
      const qw = q.weights[i]! * this.idf[t]!;
      if (c > 0 && stale) walked += walkTermCut(p, t, qw, (c / (q.weights[i]! * q.invNorm * this.idf[t]!)) * (1 - 1e-9), inv, acc, touched);
      else walked += walkTerm(p, t, qw, acc, touched, dense, stale, t < p.baseVocab ? ends[i]! : 0);
    }
    if (dense) collectTouched(acc, this.slots, touched);
    return walked;
  }

  /**
   * How many postings of query term i a walk with cut `cut` visits in a field in impact order (`IMPACT_FIELDS`):
   * those worth c(d, i) ≥ cut (see `accumulateSelected`), plus the term's delta. By bisection, so with stale base
   * postings (possibly out of order) it is an estimate; it only guides how cuts are chosen.
   */
  postingsAbove(q: SparseVector, field: Field, i: number, cut: number): number {
    const s = this.fields[field];
    const p = s.postings;
    const t = q.terms[i]!;
    if (!(cut > 0) || t >= p.baseVocab) return p.cost(t);
    const minW = (cut / (q.weights[i]! * q.invNorm * this.idf[t]!)) * (1 - 1e-9);
    const from = p.offsets[t]!;
    let lo = from;
    let hi = p.offsets[t + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (LOG_TF[p.tfs[mid]!]! * s.invNorm[p.docs[mid]!]! >= minW) lo = mid + 1;
      else hi = mid;
    }
    return lo - from + (p.delta.get(t)?.docs.length ?? 0);
  }

  /** Normalised band norms of documents in a field, and their maxima (for bounds). */
  bandNorms(field: Field): { readonly norms: readonly Float64Array[]; readonly max: Float64Array } {
    const s = this.fields[field];
    return { norms: s.bandNorm, max: s.maxBandNorm };
  }

  /**
   * Walks the postings of q's terms in `field`: acc[d] += q_t · (1 + ln tf(d,t)) · idf(t) (un-normalised), and
   * adds every such d to `touched`. Band-0 terms are always walked; frequent bands are walked from the rarest
   * while the running postings count stays within `budget`, and the rest are left to the caller's bound
   * (`boundedBandNorm`). With `budget = Infinity`, acc is the dot product, up to float32 rounding (`accSlack`).
   */
  accumulate(q: SparseVector, field: Field, acc: Float32Array, touched: TouchedSet, budget: number): Accumulation {
    this.refresh();
    const p = this.fields[field].postings;
    const bandCost = new Float64Array(this.bands + 1);
    const bandSq = new Float64Array(this.bands + 1);
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i]!;
      const b = this.band[t]!;
      bandCost[b]! += p.cost(t);
      bandSq[b]! += q.weights[i]! * q.weights[i]!;
    }
    const walk = new Uint8Array(this.bands + 1);
    walk[0] = 1;
    let spent = bandCost[0]!;
    for (let b = this.bands; b >= 1; b--) {
      if (bandSq[b] === 0) continue;
      if (spent + bandCost[b]! > budget) break;
      spent += bandCost[b]!;
      walk[b] = 1;
    }
    const boundedBandNorm = new Float64Array(this.bands);
    let bounded = false;
    let skipped = 0;
    for (let b = 1; b <= this.bands; b++) {
      if (walk[b] === 0 && bandSq[b]! > 0) {
        boundedBandNorm[b - 1] = Math.sqrt(bandSq[b]!) * q.invNorm;
        bounded = true;
        skipped += bandCost[b]!;
      }
    }
    touched.reserve(this.slots);
    // Many postings per document: add them up without bookkeeping, then collect the touched documents in one
    // pass over the accumulator (a posting is never worth 0, so acc[d] ≠ 0 ⇔ d was touched).
    const dense = spent > this.slots / 2;
    const stale = p.staleSize > 0;
    let walked = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i]!;
      if (walk[this.band[t]!] === 0) continue;
      const qw = q.weights[i]! * this.idf[t]!;
      walked += walkTerm(p, t, qw, acc, touched, dense, stale);
    }
    if (dense) collectTouched(acc, this.slots, touched);
    return { boundedBandNorm, bounded, postingsWalked: walked, postingsSkipped: skipped };
  }
}

/**
 * How far a float32 accumulator may be from the sum it stands for, as factors: s̃·down ≤ s ≤ s̃·up.
 *
 * The accumulators are float32: half the bytes of float64, so they compete less with the postings stream for the
 * cache (a walk's scatter-add is bound by memory; at 100k documents the slowest queries take 7–10 % less, p99 ~10 %
 * less). A walk adds to acc[d] at most m = |q| non-negative terms, one per query term, and each addition is rounded
 * once to float32. With u = 2⁻²³ (twice float32's unit roundoff, which also covers the float64 product and sum rounded
 * before the store), the stored s̃ and the exact s satisfy |s̃ − s| ≤ γ·s, γ = m·u/(1 − m·u) (sums of non-negative
 * terms: Higham, *Accuracy and Stability of Numerical Algorithms*, §4.2). Hence
 *
 *   s ≤ s̃/(1 − γ) = s̃·up   and   s ≥ s̃/(1 + γ) = s̃·down.
 *
 * Upper bounds read s̃·up, so that rounding never prunes a document; lower bounds (which only choose what is
 * scored first) read s̃·down. Exact scores never come from an accumulator (`scorePair` merges term lists).
 */
export function accSlack(q: SparseVector): { readonly up: number; readonly down: number } {
  const mu = q.terms.length * 2 ** -23;
  if (mu >= 0.5) return { up: Infinity, down: 0 };
  const gamma = mu / (1 - mu);
  return { up: 1 / (1 - gamma), down: 1 / (1 + gamma) };
}


/**
 * Phrase masks aligned with `termIds` (ascending, unique): for each term occurrence (`occurrences`, ids in text
 * order), the bit of the phrase it came from (`phraseOf`), phrases from 31 on sharing `PHRASE_OVERFLOW`.
 */
function phraseMasks(termIds: Int32Array, occurrences: Int32Array, phraseOf: Uint8Array): Uint32Array {
  const masks = new Uint32Array(termIds.length);
  for (let i = 0; i < occurrences.length; i++) {
    const id = occurrences[i]!;
    let lo = 0;
    let hi = termIds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (termIds[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    const p = phraseOf[i]!;
    masks[lo] = (masks[lo]! | (p >= 31 ? PHRASE_OVERFLOW : 1 << p)) >>> 0;
  }
  return masks;
}

/**
 * Adds every slot d < slots with acc[d] ≠ 0 to `touched` (after a dense walk: a posting is never worth 0), with
 * `touched.add` inlined, as `reserve` made mark and list cover every slot.
 */
function collectTouched(acc: Float32Array, slots: number, touched: TouchedSet): void {
  const { mark, list } = touched;
  let size = touched.size;
  for (let d = 0; d < slots; d++) {
    if (acc[d] !== 0 && mark[d] === 0) {
      mark[d] = 1;
      list[size++] = d;
    }
  }
  touched.size = size;
}

/** acc[d] += qw·(1 + ln tf) over one postings range, nothing else (the hot loop of a dense walk). */
function addPostings(docs: Int32Array, tfs: Uint16Array, from: number, to: number, qw: number, acc: Float32Array): void {
  for (let k = from; k < to; k++) acc[docs[k]!]! += qw * LOG_TF[tfs[k]!]!;
}

/**
 * acc[d] += qw·(1 + ln tf) over one postings range, recording each newly touched d (the hot loop of a sparse walk
 * with no stale postings): `touched.add` inlined, as `reserve` made mark and list cover every slot.
 */
function addPostingsTouching(docs: Int32Array, tfs: Uint16Array, from: number, to: number, qw: number, acc: Float32Array, touched: TouchedSet): void {
  const { mark, list } = touched;
  let size = touched.size;
  for (let k = from; k < to; k++) {
    const d = docs[k]!;
    acc[d]! += qw * LOG_TF[tfs[k]!]!;
    if (mark[d] === 0) {
      mark[d] = 1;
      list[size++] = d;
    }
  }
  touched.size = size;
}

/** The same, skipping stale base postings (`inBase`) and recording touched documents when asked. */
function walkPostings(
  docs: Int32Array,
  tfs: Uint16Array,
  from: number,
  to: number,
  qw: number,
  acc: Float32Array,
  inBase: Uint8Array | undefined,
  touched: TouchedSet | undefined,
): void {
  for (let k = from; k < to; k++) {
    const d = docs[k]!;
    if (inBase !== undefined && inBase[d] !== 1) continue;
    acc[d]! += qw * LOG_TF[tfs[k]!]!;
    if (touched !== undefined && touched.mark[d] === 0) touched.add(d);
  }
}

/**
 * Adds one query term's postings to the accumulator: acc[d] += qw·(1 + ln tf) over its base range (skipping stale
 * base postings) and over its delta postings written since the last rebuild. In a dense walk the touched set is
 * filled afterwards from the accumulator; otherwise each document is recorded as it is touched. `end` stops the
 * base range early (an impact cut). Returns the number of postings walked.
 */
function walkTerm(p: Postings, t: number, qw: number, acc: Float32Array, touched: TouchedSet, dense: boolean, stale: boolean, end?: number): number {
  let walked = 0;
  if (t < p.baseVocab) {
    const from = p.offsets[t]!;
    const to = end ?? p.offsets[t + 1]!;
    if (dense && !stale) addPostings(p.docs, p.tfs, from, to, qw, acc);
    else if (!stale) addPostingsTouching(p.docs, p.tfs, from, to, qw, acc, touched);
    else walkPostings(p.docs, p.tfs, from, to, qw, acc, stale ? p.inBase : undefined, dense ? undefined : touched);
    walked += to - from;
  }
  const delta = p.delta.get(t);
  if (delta !== undefined) {
    for (let k = 0; k < delta.docs.length; k++) {
      const d = delta.docs[k]!;
      acc[d]! += qw * LOG_TF[delta.tfs[k]!]!;
      if (!dense) touched.add(d);
    }
    walked += delta.docs.length;
  }
  return walked;
}

/**
 * One term of an impact-ordered field with stale base postings: its base list from the top until the first live
 * posting with (1 + ln tf)·invNorm[d] < minW (stale postings are skipped, their order is not kept), then its
 * whole delta; every document recorded as touched. Returns the number of postings walked.
 */
function walkTermCut(p: Postings, t: number, qw: number, minW: number, inv: Float64Array, acc: Float32Array, touched: TouchedSet): number {
  let walked = 0;
  if (t < p.baseVocab) {
    const { docs, tfs, inBase } = p;
    for (let k = p.offsets[t]!, to = p.offsets[t + 1]!; k < to; k++) {
      const d = docs[k]!;
      walked++;
      if (inBase[d] !== 1) continue;
      if (LOG_TF[tfs[k]!]! * inv[d]! < minW) break;
      acc[d]! += qw * LOG_TF[tfs[k]!]!;
      if (touched.mark[d] === 0) touched.add(d);
    }
  }
  const delta = p.delta.get(t);
  if (delta !== undefined) {
    for (let k = 0; k < delta.docs.length; k++) {
      const d = delta.docs[k]!;
      acc[d]! += qw * LOG_TF[delta.tfs[k]!]!;
      touched.add(d);
    }
    walked += delta.docs.length;
  }
  return walked;
}
