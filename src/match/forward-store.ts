/**
 * Per-document sparse term vectors of one field, pooled in two growing typed arrays (no object per document):
 * document `slot` owns `terms[start[slot] .. start[slot] + length[slot])` (term ids, ascending) and the matching
 * term frequencies in `tfs` (and, for list fields, the phrase masks in `masks`). Replacing a document appends and
 * leaves the old range as garbage until `compact`.
 */
export const MAX_TF = 65_535;

/** Mask bit standing for list phrases 31 and beyond (their exact phrase is not kept). */
export const PHRASE_OVERFLOW = 0x8000_0000;

export function growInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growFloat64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growFloat32(a: Float32Array<ArrayBuffer>, min: number): Float32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint8Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

function growUint32(a: Uint32Array<ArrayBuffer>, min: number): Uint32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

function growUint16(a: Uint16Array<ArrayBuffer>, min: number): Uint16Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint16Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

export class ForwardStore {
  start = new Int32Array(16);
  length = new Int32Array(16);
  terms = new Int32Array(1024);
  tfs = new Uint16Array(1024);
  /**
   * Per entry, when the store keeps masks: bit i set when list phrase i of the document produced the term
   * (i < 31); bit 31 stands for every phrase from 31 on (`PHRASE_OVERFLOW`).
   */
  masks: Uint32Array<ArrayBuffer> | undefined;
  /** Entries written (live + garbage). */
  used = 0;
  garbage = 0;

  constructor(withMasks = false) {
    this.masks = withMasks ? new Uint32Array(1024) : undefined;
  }

  /** Replaces the vector of `slot` (`termIds` ascending, no repeats; `tfs` ≥ 1; `masks` when kept, else 0s). */
  set(slot: number, termIds: ArrayLike<number>, tfs: ArrayLike<number>, masks?: ArrayLike<number>): void {
    this.start = growInt32(this.start, slot + 1);
    this.length = growInt32(this.length, slot + 1);
    this.garbage += this.length[slot]!;
    const n = termIds.length;
    this.terms = growInt32(this.terms, this.used + n);
    this.tfs = growUint16(this.tfs, this.used + n);
    const at = this.used;
    for (let i = 0; i < n; i++) {
      this.terms[at + i] = termIds[i]!;
      this.tfs[at + i] = Math.min(MAX_TF, tfs[i]!);
    }
    if (this.masks !== undefined) {
      this.masks = growUint32(this.masks, this.used + n);
      for (let i = 0; i < n; i++) this.masks[at + i] = masks?.[i] ?? 0;
    }
    this.start[slot] = at;
    this.length[slot] = n;
    this.used += n;
  }

  clear(slot: number): void {
    if (slot >= this.length.length) return;
    this.garbage += this.length[slot]!;
    this.length[slot] = 0;
  }

  lengthOf(slot: number): number {
    return slot < this.length.length ? this.length[slot]! : 0;
  }

  /** Term ids of `slot` (a copy). */
  termsOf(slot: number): Int32Array {
    const s = this.start[slot] ?? 0;
    return this.terms.slice(s, s + this.lengthOf(slot));
  }

  /**
   * Rewrites the pool without garbage and without the spare capacity that doubling left (up to half of it after
   * a bulk load: ~90 MB of a 100k-profile index), keeping slot numbers.
   */
  compact(slots: number): void {
    if (this.garbage === 0 && this.terms.length <= this.used + (this.used >> 4) + 1024) return;
    const live = this.used - this.garbage;
    const terms = new Int32Array(Math.max(16, live));
    const tfs = new Uint16Array(Math.max(16, live));
    const masks = this.masks !== undefined ? new Uint32Array(Math.max(16, live)) : undefined;
    let at = 0;
    for (let d = 0; d < slots && d < this.length.length; d++) {
      const n = this.length[d]!;
      const s = this.start[d]!;
      terms.set(this.terms.subarray(s, s + n), at);
      tfs.set(this.tfs.subarray(s, s + n), at);
      masks?.set(this.masks!.subarray(s, s + n), at);
      this.start[d] = at;
      at += n;
    }
    this.terms = terms;
    this.tfs = tfs;
    this.masks = masks;
    this.used = at;
    this.garbage = 0;
  }
}
