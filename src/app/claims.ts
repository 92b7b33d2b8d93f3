/**
 * Work shared out to threads as they go: the items 0 … n−1 are claimed in chunks from one counter in shared memory,
 * so a thread that draws cheap items takes more chunks and all threads finish together (contiguous slices fixed in
 * advance leave the thread with the costlier slice running alone at the end). A second counter says how many items
 * are done, for a progress display.
 */
import type { BatchRange } from '../match/index.js';

const NEXT = 0;
const DONE = 1;

/** The two counters (next item to claim, items done), in shared memory: plain data for every thread of a batch. */
export function claimCounters(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * The ranges this thread claims, until the counter passes n. A range counts as done when the next one is asked
 * for (the consumer has finished it) or the claims end.
 */
export function* claimRanges(counters: Int32Array, n: number, chunk: number): Generator<BatchRange> {
  for (;;) {
    const offset = Atomics.add(counters, NEXT, chunk);
    if (offset >= n) return;
    yield { offset, limit: chunk };
    Atomics.add(counters, DONE, Math.min(chunk, n - offset));
  }
}

/** Items done so far (at most n). */
export function claimsDone(counters: Int32Array, n: number): number {
  return Math.min(n, Atomics.load(counters, DONE));
}
