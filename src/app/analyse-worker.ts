/**
 * Worker-thread entry of a batch's analysis round (`analysis-round.ts`): analyses the organisations it is given
 * (one slice, in the engine's order) and posts the slice back, its arrays transferred rather than copied.
 */
import { analyseSlice, type AnalysedSlice } from '../match/index.js';
import { loadAnalyzer } from '../root.js';
import type { AnalyseJob } from './analysis-round.js';
import { answerOnce } from './worker-service.js';

await answerOnce(
  async (job: AnalyseJob) => analyseSlice(job.organizations, await loadAnalyzer(), { surfaces: job.surfaces }),
  (slice: AnalysedSlice) => {
    const buffers = [slice.terms.buffer, slice.lengths.buffer, slice.phraseOf.buffer];
    if (slice.surfaces !== undefined) buffers.push(slice.surfaces.first.buffer, slice.surfaces.records.buffer);
    return buffers as ArrayBuffer[];
  },
);
