/**
 * Worker-thread entry of `rankAll`'s analysis round: analyses the organisations it is given (one slice, in the
 * engine's order) and posts the slice back, its arrays transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseSlice } from '../match/index.js';
import { loadAnalyzer } from '../root.js';
import type { AnalyseJob } from './rank-all.js';

try {
  const slice = analyseSlice((workerData as AnalyseJob).organizations, await loadAnalyzer());
  parentPort!.postMessage(slice, [slice.terms.buffer, slice.lengths.buffer, slice.phraseOf.buffer] as ArrayBuffer[]);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
