/**
 * Worker-thread entry of `rankAll`'s ranking round: builds the engine from the job's data and analysed slices with
 * the same analyser the main thread uses (loaded here: an analyser is code, not data) and ranks the chunks it
 * claims.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer } from '../root.js';
import { rankChunks, type RankJob } from './rank-all.js';

try {
  parentPort!.postMessage(rankChunks(workerData as RankJob, await loadAnalyzer()));
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
