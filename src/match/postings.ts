/**
 * Inverted postings of one field: term → (document slot, term frequency). A compressed base (CSR: `offsets`,
 * `docs`, `tfs`, built from the forward store in one counting pass) plus a small delta of documents written
 * since. A document changed after the base was built is marked `inBase = 0`, so its base postings are skipped;
 * its current postings live in the delta. `rebuild` folds the delta back into the base.
 *
 * Base lists are in ascending slot order after `rebuild`; `orderByImpact` puts every list in descending order of
 * the documents' normalised weights instead, so a walk can stop where the weights fall below a cut.
 */
import { growUint8, type ForwardStore } from './forward-store.js';

interface DeltaList {
  docs: number[];
  tfs: number[];
}

export class Postings {
  offsets = new Int32Array(1);
  docs = new Int32Array(0);
  tfs = new Uint16Array(0);
  /** Terms with a base list: ids below this. */
  baseVocab = 0;
  /** 1 when the base postings of a slot are current. */
  inBase = new Uint8Array(16);
  readonly delta = new Map<number, DeltaList>();
  deltaSize = 0;
  /** Base postings of documents changed or removed since the last rebuild. */
  staleSize = 0;

  /** Builds the base from the forward vectors of the live slots; empties the delta. */
  rebuild(forward: ForwardStore, alive: Uint8Array, slots: number, vocab: number): void {
    const counts = new Int32Array(vocab + 1);
    let total = 0;
    for (let d = 0; d < slots; d++) {
      if (alive[d] !== 1) continue;
      const s = forward.start[d]!;
      const n = forward.lengthOf(d);
      for (let i = s; i < s + n; i++) counts[forward.terms[i]! + 1]!++;
      total += n;
    }
    for (let t = 0; t < vocab; t++) counts[t + 1]! += counts[t]!;
    const offsets = counts.slice();
    const docs = new Int32Array(total);
    const tfs = new Uint16Array(total);
    // slots in ascending order, so every list is sorted by slot
    for (let d = 0; d < slots; d++) {
      if (alive[d] !== 1) continue;
      const s = forward.start[d]!;
      const n = forward.lengthOf(d);
      for (let i = s; i < s + n; i++) {
        const at = counts[forward.terms[i]!]!++;
        docs[at] = d;
        tfs[at] = forward.tfs[i]!;
      }
    }
    this.offsets = offsets;
    this.docs = docs;
    this.tfs = tfs;
    this.baseVocab = vocab;
    this.inBase = new Uint8Array(Math.max(16, slots));
    for (let d = 0; d < slots; d++) this.inBase[d] = alive[d] === 1 ? 1 : 0;
    this.delta.clear();
    this.deltaSize = 0;
    this.staleSize = 0;
  }

  /**
   * Sorts every base list by descending impact (1 + ln tf)·invNorm[d] (∝ the normalised weight w(d,t)/‖w(d)‖, as
   * idf(t) is one factor per list), ties keeping their order. Valid until the norms of base documents change (the index
   * calls it after every rebuild and re-weighting); stale postings may then be out of order, live ones are not.
   */
  orderByImpact(logTf: Float64Array, invNorm: Float64Array): void {
    const { offsets, docs, tfs } = this;
    let keys = new Float64Array(64);
    let perm = new Int32Array(64);
    let tmpDocs = new Int32Array(64);
    let tmpTfs = new Uint16Array(64);
    for (let t = 0; t < this.baseVocab; t++) {
      const from = offsets[t]!;
      const len = offsets[t + 1]! - from;
      if (len < 2) continue;
      if (keys.length < len) {
        const cap = Math.max(len, keys.length * 2);
        keys = new Float64Array(cap);
        perm = new Int32Array(cap);
        tmpDocs = new Int32Array(cap);
        tmpTfs = new Uint16Array(cap);
      }
      let sorted = true;
      for (let j = 0; j < len; j++) {
        keys[j] = logTf[tfs[from + j]!]! * (invNorm[docs[from + j]!] ?? 0);
        perm[j] = j;
        if (j > 0 && keys[j]! > keys[j - 1]!) sorted = false;
      }
      if (sorted) continue;
      const k = keys;
      perm.subarray(0, len).sort((x, y) => k[y]! - k[x]! || x - y);
      for (let j = 0; j < len; j++) {
        tmpDocs[j] = docs[from + perm[j]!]!;
        tmpTfs[j] = tfs[from + perm[j]!]!;
      }
      docs.set(tmpDocs.subarray(0, len), from);
      tfs.set(tmpTfs.subarray(0, len), from);
    }
  }

  /** Forgets the postings of `slot`, whose current terms are `oldTerms` (call before re-adding it). */
  remove(slot: number, oldTerms: ArrayLike<number>): void {
    if (this.inBase[slot] === 1) {
      this.inBase[slot] = 0;
      this.staleSize += oldTerms.length;
      return;
    }
    for (let i = 0; i < oldTerms.length; i++) {
      const list = this.delta.get(oldTerms[i]!);
      if (list === undefined) continue;
      const at = list.docs.indexOf(slot);
      if (at < 0) continue;
      list.docs.splice(at, 1);
      list.tfs.splice(at, 1);
      this.deltaSize--;
      if (list.docs.length === 0) this.delta.delete(oldTerms[i]!);
    }
  }

  /** Adds the postings of `slot` to the delta. */
  add(slot: number, termIds: ArrayLike<number>, tfs: ArrayLike<number>): void {
    this.inBase = growUint8(this.inBase, slot + 1);
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i]!;
      let list = this.delta.get(t);
      if (list === undefined) this.delta.set(t, (list = { docs: [], tfs: [] }));
      list.docs.push(slot);
      list.tfs.push(tfs[i]!);
      this.deltaSize++;
    }
  }

  /** Whether the delta or stale postings have grown enough that a rebuild pays. */
  needsRebuild(): boolean {
    const base = this.docs.length;
    return this.deltaSize > 4096 + base / 8 || this.staleSize > 4096 + base / 4;
  }

  /** Calls `fn(slot, tf)` for every current posting of `term`. For tests and cold paths; hot loops inline this. */
  forEach(term: number, fn: (slot: number, tf: number) => void): void {
    if (term < this.baseVocab) {
      for (let i = this.offsets[term]!, e = this.offsets[term + 1]!; i < e; i++) {
        const d = this.docs[i]!;
        if (this.inBase[d] === 1) fn(d, this.tfs[i]!);
      }
    }
    const list = this.delta.get(term);
    if (list !== undefined) for (let i = 0; i < list.docs.length; i++) fn(list.docs[i]!, list.tfs[i]!);
  }

  /** Number of postings `term` may have (base + delta, stale included): the cost of walking it. */
  cost(term: number): number {
    const base = term < this.baseVocab ? this.offsets[term + 1]! - this.offsets[term]! : 0;
    return base + (this.delta.get(term)?.docs.length ?? 0);
  }
}
