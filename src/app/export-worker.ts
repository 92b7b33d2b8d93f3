/**
 * Worker-thread entry of `export-matches`: builds the engine from the job's data with the same analyser the
 * main thread uses (loaded here: an analyser is code, not data) and posts back the ranked slice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer } from '../root.js';
import { rankSlice, type ExportJob } from './export-matches.js';

try {
  const out = rankSlice(workerData as ExportJob, await loadAnalyzer());
  parentPort!.postMessage(out);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
