/**
 * The surface words of each document's free text (names and description), kept at index time so that an
 * explanation can show "Sensors" for the shared term `sensor` without analysing the description again (that
 * re-analysis was ~75 % of a served query at 10k profiles).
 *
 * Compact because almost every (document, term) pair has one surface, and the same one across documents:
 * per term id a *main* surface (the first one indexed; never changed afterwards) and per document only the
 * *exceptions*, the terms whose ordered surface list is not exactly [main]. Surfaces equal to the term string
 * (most words of a stemmed-to-itself vocabulary) cost no string at all. Terms that also come from a list phrase
 * are left out: explanations show the phrase then (see `indexedTermSources`).
 *
 * Measured on the synthetic bench corpus: ~6 % of a document's free-text terms are exceptions (~8 a document,
 * ~1.4 surfaces each), so 100k profiles cost ~14 MB.
 *
 * Layout: exception records of document `slot` are `rec[start[slot] .. start[slot] + count[slot])` of two
 * pooled arrays (term id ascending, where its codes begin in `codes`; they end where the next record's begin,
 * as records and codes are appended in the same order); a code is 1 for "the term itself" and s + 2 for interned
 * surface s. Replacing a document appends and leaves garbage until `compact`.
 */
import type { FreeSurfaces } from './analysed-slice.js';
import { growInt32 } from './forward-store.js';

const SELF = 1;

export class SurfaceStore {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  /** Per term id: 0 unset, else the code of its main surface. */
  private main = new Int32Array(1024);
  private start = new Int32Array(16);
  private count = new Int32Array(16);
  /** 1 when the document in the slot was given to `set` (else its surfaces are unknown). */
  private known = new Uint8Array(16);
  private recTerm = new Int32Array(256);
  private recFrom = new Int32Array(256);
  private codes = new Int32Array(256);
  private usedRec = 0;
  private usedCodes = 0;
  private garbageRec = 0;

  private code(term: string, surface: string): number {
    if (surface === term) return SELF;
    let id = this.ids.get(surface);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(surface, id);
      this.strings.push(surface);
    }
    return id + 2;
  }

  private decode(term: string, code: number): string {
    return code === SELF ? term : this.strings[code - 2]!;
  }

  /**
   * Keeps the free-text surfaces of the document in `slot` (replacing what it had): `sources` maps each term of
   * the free text to its distinct surfaces in text order; `termId` gives the index's id of a term; terms for
   * which `skip` is true are left out.
   */
  set(slot: number, sources: ReadonlyMap<string, readonly string[]>, termId: (term: string) => number | undefined, skip: (term: string) => boolean): void {
    this.clear(slot);
    this.grow(slot);
    const recs: { t: number; term: string; surfaces: readonly string[] }[] = [];
    for (const [term, surfaces] of sources) {
      const t = termId(term);
      if (t === undefined || skip(term) || surfaces.length === 0) continue;
      if (!this.isMainOnly(t, term, surfaces[0]!, surfaces.length === 1)) recs.push({ t, term, surfaces });
    }
    recs.sort((x, y) => x.t - y.t);
    const at = this.usedRec;
    for (const { t, term, surfaces } of recs) this.append(t, term, surfaces);
    this.keep(slot, at);
  }

  /**
   * `set` for a document given as term ids (`FreeSurfaces`, built from an analysed slice): the same records, the
   * same main surfaces (a term's main is still set by the first document in slot order that has it), without a Map
   * per document; an array is made only for the terms that need a record.
   */
  setFree(slot: number, free: FreeSurfaces, termOf: (t: number) => string): void {
    this.clear(slot);
    this.grow(slot);
    const at = this.usedRec;
    for (let i = 0; i < free.ids.length; i++) {
      const t = free.ids[i]!;
      const term = termOf(t);
      const one = free.one(i);
      const surfaces = one === undefined ? free.all(i) : undefined;
      if (!this.isMainOnly(t, term, one ?? surfaces![0]!, one !== undefined)) this.append(t, term, surfaces ?? [one!]);
    }
    this.keep(slot, at);
  }

  /**
   * Gives term t its main surface when it has none yet (`first`, the first surface of the first document with the
   * term); whether the document's surfaces of t are just [main] (`single` and equal), so that it needs no record.
   */
  private isMainOnly(t: number, term: string, first: string, single: boolean): boolean {
    if (t >= this.main.length) this.main = growInt32(this.main, t + 1);
    if (this.main[t] === 0) this.main[t] = this.code(term, first);
    return single && this.decode(term, this.main[t]!) === first;
  }

  /** Appends the record of term t (ids ascending within a document) to the pools. */
  private append(t: number, term: string, surfaces: readonly string[]): void {
    const r = this.usedRec++;
    this.recTerm = growInt32(this.recTerm, r + 1);
    this.recFrom = growInt32(this.recFrom, r + 1);
    this.codes = growInt32(this.codes, this.usedCodes + surfaces.length);
    this.recTerm[r] = t;
    this.recFrom[r] = this.usedCodes;
    for (const surface of surfaces) this.codes[this.usedCodes++] = this.code(term, surface);
  }

  /** The document in `slot` owns the records appended since `at`. */
  private keep(slot: number, at: number): void {
    this.start[slot] = at;
    this.count[slot] = this.usedRec - at;
    this.known[slot] = 1;
  }

  /** Forgets the document in `slot`. */
  clear(slot: number): void {
    if (slot >= this.known.length || this.known[slot] !== 1) return;
    this.garbageRec += this.count[slot]!;
    this.count[slot] = 0;
    this.known[slot] = 0;
    if (this.garbageRec > 4096 && this.garbageRec > this.usedRec / 2) this.compact();
  }

  /** Whether `set` was called for the document in `slot` (since it was last cleared). */
  has(slot: number): boolean {
    return slot < this.known.length && this.known[slot] === 1;
  }

  /**
   * The free-text surfaces of term `t` (string `term`) in the document in `slot`, distinct, in text order. The
   * caller must know that the term comes from the document's free text and from none of its list phrases.
   */
  get(slot: number, t: number, term: string): string[] {
    let lo = this.start[slot]!;
    const end = lo + this.count[slot]!;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.recTerm[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo < end && this.recTerm[lo] === t) {
      const out: string[] = [];
      for (let i = this.recFrom[lo]!, e = this.codesEnd(lo); i < e; i++) out.push(this.decode(term, this.codes[i]!));
      return out;
    }
    const m = t < this.main.length ? this.main[t]! : 0;
    return [m === 0 ? term : this.decode(term, m)];
  }

  /** Where the codes of record r end: records and their codes are appended in the same order. */
  private codesEnd(r: number): number {
    return r + 1 < this.usedRec ? this.recFrom[r + 1]! : this.usedCodes;
  }

  private grow(slot: number): void {
    if (slot < this.known.length) return;
    const n = Math.max(slot + 1, this.known.length * 2);
    this.start = growInt32(this.start, n);
    this.count = growInt32(this.count, n);
    const k = new Uint8Array(n);
    k.set(this.known);
    this.known = k;
  }

  /** Whether garbage or the spare capacity that doubling left (after a bulk load) is worth a `compact`. */
  get loose(): boolean {
    return this.garbageRec > (this.usedRec >> 3) || this.recTerm.length > this.usedRec + (this.usedRec >> 3) + 1024 || this.codes.length > this.usedCodes + (this.usedCodes >> 3) + 1024;
  }

  /** Rewrites the pools without the records of replaced or removed documents and without spare capacity. */
  compact(): void {
    const live = this.usedRec - this.garbageRec;
    const recTerm = new Int32Array(Math.max(256, live));
    const recFrom = new Int32Array(Math.max(256, live));
    let codeCount = 0;
    for (let d = 0; d < this.known.length; d++) {
      if (this.known[d] !== 1) continue;
      for (let i = this.start[d]!, e = i + this.count[d]!; i < e; i++) codeCount += this.codesEnd(i) - this.recFrom[i]!;
    }
    const codes = new Int32Array(Math.max(256, codeCount));
    let r = 0;
    let c = 0;
    for (let d = 0; d < this.known.length; d++) {
      if (this.known[d] !== 1) continue;
      const from = r;
      for (let i = this.start[d]!, e = i + this.count[d]!; i < e; i++) {
        const len = this.codesEnd(i) - this.recFrom[i]!;
        recTerm[r] = this.recTerm[i]!;
        recFrom[r] = c;
        codes.set(this.codes.subarray(this.recFrom[i]!, this.recFrom[i]! + len), c);
        c += len;
        r++;
      }
      this.start[d] = from;
    }
    this.recTerm = recTerm;
    this.recFrom = recFrom;
    this.codes = codes;
    this.usedRec = r;
    this.usedCodes = c;
    this.garbageRec = 0;
  }
}
