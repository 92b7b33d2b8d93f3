/**
 * Worker-thread entry of the digest's suggestions: builds the engine from the job's data with the same analyser
 * the main thread uses (loaded here: an analyser is code, not data) and posts back its slice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer } from '../root.js';
import { suggestSlice, type SuggestJob } from './digest-suggestions.js';

try {
  parentPort!.postMessage(suggestSlice(workerData as SuggestJob, await loadAnalyzer()));
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
