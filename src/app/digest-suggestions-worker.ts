/**
 * Worker-thread entry of the digest's suggestions: builds the engine from the job's data with the same analyser
 * the main thread uses (loaded here: an analyser is code, not data) and posts back its share.
 */
import { loadAnalyzer } from '../root.js';
import { suggestSlice, type SuggestJob } from './digest-suggestions.js';
import { answerOnce } from './worker-service.js';

await answerOnce(async (job: SuggestJob) => suggestSlice(job, await loadAnalyzer()));
