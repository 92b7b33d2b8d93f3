/**
 * A set of document slots touched by one query, with O(1) insert and a reset that costs only what was touched:
 * per-query scratch arrays (accumulators) are cleared by walking `list`, never by filling the whole array.
 */
import { growInt32, growUint8 } from './forward-store.js';

export class TouchedSet {
  list = new Int32Array(64);
  mark = new Uint8Array(64);
  size = 0;

  add(slot: number): void {
    if (slot >= this.mark.length) this.mark = growUint8(this.mark, slot + 1);
    if (this.mark[slot] === 1) return;
    this.mark[slot] = 1;
    if (this.size === this.list.length) this.list = growInt32(this.list, this.size + 1);
    this.list[this.size++] = slot;
  }

  has(slot: number): boolean {
    return this.mark[slot] === 1;
  }

  /** Ensures `mark` and `list` cover `slots` so hot loops may index them directly. */
  reserve(slots: number): void {
    this.mark = growUint8(this.mark, slots);
    this.list = growInt32(this.list, slots);
  }

  /**
   * Clears the set and zeroes `arrays` at the touched slots; when it holds more than an eighth of an array, the
   * whole array is filled instead (one sequential pass beats that many scattered writes).
   */
  reset(...arrays: (Float32Array | Float64Array)[]): void {
    const { list, mark, size } = this;
    for (const a of arrays) {
      if (size > a.length >> 3) a.fill(0);
      else clearAt(a, list, size);
    }
    if (size > mark.length >> 3) mark.fill(0);
    else for (let i = 0; i < size; i++) mark[list[i]!] = 0;
    this.size = 0;
  }
}

/** a[list[i]] = 0 for i < size (slots beyond a's length are skipped): one tight loop per array. */
function clearAt(a: Float32Array | Float64Array, list: Int32Array, size: number): void {
  const n = a.length;
  for (let i = 0; i < size; i++) {
    const d = list[i]!;
    if (d < n) a[d] = 0;
  }
}
