/**
 * Every organisation's top k by the scoring the API serves, spread over worker threads: the weekly batch behind
 * `innomatch export-matches` (and what `npm run bench` times as "all-pairs").
 *
 * Two rounds of w threads:
 * 1. analyse — each thread analyses one contiguous slice of the organisations in the engine's order
 *    (`analysis-round.ts`), so no profile is analysed twice (analysis is ~60 % of a build);
 * 2. rank — each thread builds the whole engine from the data and all the slices (interning and filing only)
 *    and ranks chunks of `CHUNK` consecutive ids pulled from one shared counter until none is left: a thread
 *    that draws cheap queries takes more chunks, so the threads finish together.
 * The rows come back in ascending id order: exactly what one engine's `topKForAll` gives, whatever the thread
 * count (same engine, same scores bit for bit; `test/eval/export-matches.test.ts`).
 *
 * With one thread (or too few organisations per thread to pay for a second build) the batch runs in this thread.
 */
import { buildMatchEngine, inEngineOrder, type AnalysedSlice, type Analyzer, type BatchRow, type MatchData, type Model } from '../match/index.js';
import { claimCounters, claimRanges, claimsDone } from './claims.js';
import { analyseInThreads, slices } from './analysis-round.js';
import { runWorkers } from './worker-thread.js';

/** Ids per pull from the shared counter (~0.1–0.5 s of ranking at 100,000 organisations). */
export const CHUNK = 256;

export interface RankAllOptions {
  /** Matches per organisation, ≥ 1. */
  readonly k: number;
  /** Worker threads, ≥ 1 (1: rank in this thread). */
  readonly workers: number;
  /** Ids per pull from the shared counter (default `CHUNK`). */
  readonly chunk?: number;
}

export interface RankAllDeps {
  readonly analyzer: Analyzer;
  readonly model?: Model;
}

export interface RankAllResult {
  readonly rows: BatchRow[];
  readonly modelVersion: string;
  /** Threads used (1: this one). */
  readonly workers: number;
  /** Wall time of the analysis round, then per thread the build and the ranking (ms). */
  readonly timings: { readonly analyseMs: number; readonly buildMs: readonly number[]; readonly rankMs: readonly number[] };
}

/** What a thread of the ranking round is given (plain data and shared memory only). */
export interface RankJob {
  readonly data: MatchData;
  readonly model?: Model;
  readonly k: number;
  readonly analysed?: readonly AnalysedSlice[];
  /** The batch's claim counters (`claims.ts`) over the ids in ascending order. */
  readonly counters: Int32Array;
  readonly chunk: number;
}

/** How far a batch is, for a progress display: the analysis round, then the ids ranked of all. */
export interface RankAllProgress {
  readonly stage: 'analyse' | 'rank';
  readonly done: number;
  readonly total: number;
}

/** How often the ranking round's progress is read from the shared counter (ms). */
const PROGRESS_MS = 250;

export interface RankJobResult {
  readonly rows: BatchRow[];
  readonly modelVersion: string;
  readonly buildMs: number;
  readonly rankMs: number;
}

/** The ranking round's work in one thread: build, then rank chunks until the counter passes the last id. */
export function rankChunks(job: RankJob, analyzer: Analyzer): RankJobResult {
  const t0 = performance.now();
  // rows carry ids and scores only, never explanations: no surface words are kept (smaller, faster build)
  const engine = buildMatchEngine(job.data, { analyzer, keepSurfaces: false, ...(job.model !== undefined ? { model: job.model } : {}) }, job.analysed);
  engine.prepare();
  const t1 = performance.now();
  const rows = engine.topKForAll(job.k, {}, claimRanges(job.counters, engine.size, job.chunk));
  return { rows, modelVersion: engine.modelVersion, buildMs: t1 - t0, rankMs: performance.now() - t1 };
}

/**
 * Every organisation's top k (see the module comment). `onProgress` hears when the analysis round starts and, in
 * the ranking round, how many ids are ranked (a few times a second, and once at the end).
 */
export async function rankAll(data: MatchData, deps: RankAllDeps, options: RankAllOptions, onProgress?: (p: RankAllProgress) => void): Promise<RankAllResult> {
  const model = deps.model !== undefined ? { model: deps.model } : {};
  const counters = claimCounters();
  const orgs = inEngineOrder(data.organizations);
  const parts = slices(orgs.length, options.workers);
  const total = new Set(orgs.map((o) => o.id)).size;
  if (parts.length <= 1) {
    onProgress?.({ stage: 'rank', done: 0, total });
    const r = rankChunks({ data, k: options.k, counters, chunk: Math.max(1, orgs.length), ...model }, deps.analyzer);
    onProgress?.({ stage: 'rank', done: r.rows.length, total });
    return { rows: r.rows, modelVersion: r.modelVersion, workers: 1, timings: { analyseMs: 0, buildMs: [r.buildMs], rankMs: [r.rankMs] } };
  }
  const t0 = performance.now();
  onProgress?.({ stage: 'analyse', done: 0, total });
  const analysed = await analyseInThreads(orgs, parts.length, false);
  const analyseMs = performance.now() - t0;
  const job: RankJob = { data, k: options.k, analysed, counters, chunk: Math.max(1, options.chunk ?? CHUNK), ...model };
  const report = () => onProgress?.({ stage: 'rank', done: claimsDone(counters, total), total });
  report();
  const timer = onProgress === undefined ? undefined : setInterval(report, PROGRESS_MS);
  let results: RankJobResult[];
  try {
    results = await runWorkers<RankJobResult>('rank-all-worker', parts.map(() => job));
  } finally {
    clearInterval(timer);
  }
  report();
  // each thread's rows are in ascending id order within its chunks; the chunks interleave
  const rows = results.flatMap((r) => r.rows);
  rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    rows,
    modelVersion: results[0]?.modelVersion ?? deps.model?.version ?? 'none',
    workers: parts.length,
    timings: { analyseMs, buildMs: results.map((r) => r.buildMs), rankMs: results.map((r) => r.rankMs) },
  };
}
