/**
 * Worker-thread entry of `rankAll`'s ranking round: builds the engine from the job's data and analysed slices with
 * the same analyser the main thread uses (loaded here: an analyser is code, not data) and ranks the chunks it
 * claims.
 */
import { loadAnalyzer } from '../root.js';
import { rankChunks, type RankJob } from './rank-all.js';
import { answerOnce } from './worker-service.js';

await answerOnce(async (job: RankJob) => rankChunks(job, await loadAnalyzer()));
