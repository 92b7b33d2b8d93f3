/**
 * Worker thread of `npm run bench` (scripts/bench/engine.ts): builds the engine from the data it is given, as
 * every thread of `innomatch export-matches` does, and ranks one slice of the ids (every organisation's top k by
 * the served scoring, `MatchEngine.topKForAll`). Posts back the times and the number of rows and matches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildMatchEngine, type BatchRange, type MatchData } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';

export interface BenchSliceJob {
  readonly data: MatchData;
  readonly k: number;
  readonly range: BatchRange;
}

export interface BenchSliceResult {
  readonly buildMs: number;
  readonly rankMs: number;
  readonly rows: number;
  readonly matches: number;
}

try {
  const job = workerData as BenchSliceJob;
  const t0 = performance.now();
  // ranks only (no explanations), so the free text's surface words are not kept
  const engine = buildMatchEngine(job.data, { analyzer: await loadAnalyzer(), keepSurfaces: false });
  engine.index.refresh();
  const t1 = performance.now();
  const rows = engine.topKForAll(job.k, {}, job.range);
  const t2 = performance.now();
  const out: BenchSliceResult = { buildMs: t1 - t0, rankMs: t2 - t1, rows: rows.length, matches: rows.reduce((s, r) => s + r.matches.length, 0) };
  parentPort!.postMessage(out);
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
