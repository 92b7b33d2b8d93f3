/**
 * Builds the match engine without stalling a server: the same steps as `buildMatchEngine` (organisations in
 * ascending id order, then collaborations, programmes and declined pairs, so the engine is the same one), but the
 * organisations are analysed in slices of about `sliceMs` with a turn of the event loop between them. At 10,000
 * organisations the one synchronous build held the event loop for ~10 s (~25 s on a busy machine); now requests
 * wait at most one slice, plus the two steps the engine does in one go when it first answers (the postings and
 * the graph, a few hundred ms at 10,000), which are done here before the engine is handed over. Large networks
 * are analysed off this thread altogether (`ANALYSE_OFF_THREAD_FROM`).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MatchEngine, inEngineOrder, organizationFiler, type EngineOptions, type MatchData } from '../match/index.js';
import { analyseInThreads } from './analysis-round.js';

/** Time analysed between two turns of the event loop (default 15 ms). */
export const DEFAULT_SLICE_MS = 15;

/**
 * From this many organisations on, the profiles are analysed by a worker thread (`analysis-round.ts`, with the
 * analyser the worker loads, as every batch thread does) and this thread only files the analysed documents: at
 * 100,000 synthetic profiles ~30 s of the ~40 s build leave the event loop. Below it a thread costs more than it
 * saves.
 */
export const ANALYSE_OFF_THREAD_FROM = 5000;

export async function buildMatchEngineInSlices(
  data: MatchData,
  options: EngineOptions,
  sliceMs = DEFAULT_SLICE_MS,
  offThreadFrom = ANALYSE_OFF_THREAD_FROM,
): Promise<MatchEngine> {
  const orgs = inEngineOrder(data.organizations);
  const analysed = orgs.length >= offThreadFrom ? await analyseInThreads(orgs, 1, options.keepSurfaces !== false) : undefined;
  const engine = new MatchEngine(options);
  const file = organizationFiler(engine, orgs.length, analysed);
  let until = performance.now() + sliceMs;
  for (const org of orgs) {
    file(org);
    if (performance.now() < until) continue;
    await nextTurn();
    until = performance.now() + sliceMs;
  }
  engine.addCollaborations(data.collaborations ?? []);
  engine.addProgrammes(data.programmes ?? []);
  engine.addDeclinedPairs(data.declinedPairs ?? []);
  await nextTurn();
  engine.index.refresh();
  await nextTurn();
  engine.prepare(); // the graph now rather than in the first request (the postings are ready)
  return engine;
}
