/**
 * Bounded top-k selection. The heap keeps the k best (slot, score) pairs seen with the worst at the root, so a
 * new pair costs O(1) when it loses and O(log k) when it enters. Order: higher score first, ties by the smaller
 * id (`idOf`), so results never depend on the order candidates were seen in.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  size = 0;

  constructor(
    readonly k: number,
    private readonly idOf: (slot: number) => string,
  ) {
    this.slots = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  get full(): boolean {
    return this.size >= this.k;
  }

  /** The score a newcomer must beat (or tie with a smaller id); −∞ while not full. */
  get threshold(): number {
    return this.full && this.k > 0 ? this.scores[0]! : -Infinity;
  }

  /** x is better than y. */
  private better(sx: number, x: number, sy: number, y: number): boolean {
    return sx > sy || (sx === sy && this.idOf(x) < this.idOf(y));
  }

  offer(slot: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.better(this.scores[p]!, this.slots[p]!, score, slot)) break;
        this.slots[i] = this.slots[p]!;
        this.scores[i] = this.scores[p]!;
        i = p;
      }
      this.slots[i] = slot;
      this.scores[i] = score;
      return;
    }
    if (!this.better(score, slot, this.scores[0]!, this.slots[0]!)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      // the worse child moves up
      const c = r < this.size && this.better(this.scores[l]!, this.slots[l]!, this.scores[r]!, this.slots[r]!) ? r : l;
      if (!this.better(score, slot, this.scores[c]!, this.slots[c]!)) break;
      this.slots[i] = this.slots[c]!;
      this.scores[i] = this.scores[c]!;
      i = c;
    }
    this.slots[i] = slot;
    this.scores[i] = score;
  }

  /** The kept pairs, best first. */
  sorted(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return out.sort((x, y) => (this.better(x.score, x.slot, y.score, y.slot) ? -1 : 1));
  }
}

/**
 * The exact top k of score(d) over the `candidates`, when each has a cheap estimate e(d) known to satisfy
 * e(d)·down ≤ score(d) ≤ e(d)·up (a float32 accumulator, see `accSlack` in `text-index.ts`). The k best lower ends set a
 * floor that the k-th score cannot be below; only candidates whose upper end reaches it are scored (`exact`):
 * the top k and the few within rounding of it.
 */
export function exactTopK(
  k: number,
  idOf: (slot: number) => string,
  candidates: readonly number[],
  estimate: (slot: number) => number,
  slack: { readonly up: number; readonly down: number },
  exact: (slot: number) => number,
): TopK {
  return boundedTopK(k, idOf, candidates, (d) => estimate(d) * slack.down, (d) => estimate(d) * slack.up, exact);
}

/**
 * The exact top k of score(d) over the `candidates`, given for each a lower and an upper bound,
 * lowerOf(d) ≤ score(d) ≤ upperOf(d): the k best lower bounds set a floor that the k-th score cannot be below,
 * and only candidates whose upper bound reaches it are scored (`exact`).
 */
export function boundedTopK(
  k: number,
  idOf: (slot: number) => string,
  candidates: readonly number[],
  lowerOf: (slot: number) => number,
  upperOf: (slot: number) => number,
  exact: (slot: number) => number,
): TopK {
  if (k <= 0) return new TopK(0, idOf);
  const lower = new TopK(k, idOf);
  for (const d of candidates) lower.offer(d, lowerOf(d));
  const floor = lower.threshold;
  const heap = new TopK(k, idOf);
  for (const d of candidates) if (upperOf(d) >= floor) heap.offer(d, exact(d));
  return heap;
}
