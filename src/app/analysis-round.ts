/**
 * The analysis round of a batch over threads: each thread analyses one contiguous slice of the organisations in
 * the engine's order (`analyseSlice`), so that the threads that then build an engine each (`buildMatchEngine(data,
 * options, slices)`) analyse no profile twice. Analysis is most of a build: at 100,000 synthetic profiles ~17 s of
 * ~30 s without surface words, ~30 s of ~40 s with them.
 */
import type { Organization } from '../domain/index.js';
import type { AnalysedSlice, BatchRange } from '../match/index.js';
import { runWorkers } from './worker-thread.js';

/** What a thread of the analysis round is given. */
export interface AnalyseJob {
  readonly organizations: readonly Organization[];
  /** Keep the free text's surface words (for engines that explain). */
  readonly surfaces: boolean;
}

/** Contiguous, nearly equal slices of n items for w threads (empty slices dropped). */
export function slices(n: number, w: number): BatchRange[] {
  const out: BatchRange[] = [];
  const size = Math.ceil(n / Math.max(1, w));
  for (let offset = 0; offset < n; offset += size) out.push({ offset, limit: Math.min(size, n - offset) });
  return out;
}

/**
 * `orgs` (already in the engine's order, `inEngineOrder`) analysed in `threads` contiguous slices, the slices'
 * arrays in shared memory so that every thread of the next round reads them without a copy.
 */
export async function analyseInThreads(orgs: readonly Organization[], threads: number, surfaces: boolean): Promise<AnalysedSlice[]> {
  const jobs = slices(orgs.length, threads).map((p): AnalyseJob => ({ organizations: orgs.slice(p.offset, p.offset + p.limit), surfaces }));
  return (await runWorkers<AnalysedSlice>('analyse-worker', jobs)).map(shared);
}

function shared(s: AnalysedSlice): AnalysedSlice {
  const sf = s.surfaces;
  return {
    count: s.count,
    vocab: s.vocab,
    terms: inShared(s.terms, (b) => new Int32Array(b)),
    lengths: inShared(s.lengths, (b) => new Int32Array(b)),
    phraseOf: inShared(s.phraseOf, (b) => new Uint8Array(b)),
    ...(sf !== undefined
      ? { surfaces: { strings: sf.strings, first: inShared(sf.first, (b) => new Int32Array(b)), records: inShared(sf.records, (b) => new Int32Array(b)) } }
      : {}),
  };
}

function inShared<T extends Int32Array | Uint8Array>(a: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
