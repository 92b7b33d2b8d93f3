/**
 * Worker-thread entry of a batch's analysis round (`analysis-round.ts`): analyses the organisations it is given
 * (one slice, in the engine's order) and posts the slice back, its arrays transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseSlice } from '../match/index.js';
import { loadAnalyzer } from '../root.js';
import type { AnalyseJob } from './analysis-round.js';

try {
  const job = workerData as AnalyseJob;
  const slice = analyseSlice(job.organizations, await loadAnalyzer(), { surfaces: job.surfaces });
  const buffers = [slice.terms.buffer, slice.lengths.buffer, slice.phraseOf.buffer];
  if (slice.surfaces !== undefined) buffers.push(slice.surfaces.first.buffer, slice.surfaces.records.buffer);
  parentPort!.postMessage(slice, buffers as ArrayBuffer[]);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
