/**
 * `innomatch export-matches`: every organisation's top k by the scoring the API serves (existing partners,
 * declined pairs and opted-out organisations excluded, as by default), one JSON line each:
 * `{"id": …, "matches": [{"id": …, "score": …}, …]}`, in ascending id order, written durably (temp file +
 * rename: a reader sees the old file or the whole new one).
 *
 * The batch is spread over worker threads: each builds the same engine from the same data (`readMatchData`,
 * the analyser and the model, as `MatchService` does) and ranks one contiguous slice of the ids. Building is
 * repeated per thread (memory and build time grow with the thread count); ranking, the bulk of the work, is
 * split evenly.
 */
import type { OrgId } from '../domain/index.js';
import { buildMatchEngine, type Analyzer, type BatchRange, type BatchRow, type MatchData, type Model } from '../match/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { writeFileDurably } from '../store/embedded/durable-file.js';
import { readMatchData } from './match-service.js';
import { runWorker } from './worker-thread.js';

export interface ExportOptions {
  /** Matches per organisation, 1–200. */
  readonly k: number;
  /** Worker threads, ≥ 1 (1: rank in this thread). */
  readonly workers: number;
}

export interface ExportDeps {
  readonly analyzer: Analyzer;
  readonly model?: Model;
}

export interface ExportReport {
  readonly path: string;
  readonly organizations: number;
  readonly k: number;
  readonly workers: number;
  readonly modelVersion: string;
  readonly ms: number;
}

/** What a worker thread is given (plain data only). */
export interface ExportJob {
  readonly data: MatchData;
  readonly model?: Model;
  readonly k: number;
  readonly range: BatchRange;
}

/** The rows of one slice, the way every thread computes them (the analyser is the only non-data input). */
export function rankSlice(job: ExportJob, analyzer: Analyzer): { rows: BatchRow[]; modelVersion: string } {
  // Export rows carry ids and scores only, never explanations: no surface words are kept (smaller, faster build).
  const engine = buildMatchEngine(job.data, { analyzer, keepSurfaces: false, ...(job.model !== undefined ? { model: job.model } : {}) });
  return { rows: engine.topKForAll(job.k, {}, job.range), modelVersion: engine.modelVersion };
}

/** Contiguous, nearly equal slices of n ids for w workers (empty slices dropped). */
export function slices(n: number, w: number): BatchRange[] {
  const out: BatchRange[] = [];
  const size = Math.ceil(n / Math.max(1, w));
  for (let offset = 0; offset < n; offset += size) out.push({ offset, limit: Math.min(size, n - offset) });
  return out;
}

/** Exports the top k of every organisation in `store` to `path` (see the module comment). */
export async function exportMatches(store: GraphStore, path: string, deps: ExportDeps, options: ExportOptions): Promise<ExportReport> {
  const t0 = performance.now();
  const data = await readMatchData(store);
  const n = new Set(data.organizations.map((o) => o.id)).size;
  const parts = slices(n, options.workers);
  const results =
    parts.length <= 1
      ? [rankSlice({ data, k: options.k, range: { offset: 0, limit: n }, ...(deps.model !== undefined ? { model: deps.model } : {}) }, deps.analyzer)]
      : await Promise.all(parts.map((range) => inWorker({ data, k: options.k, range, ...(deps.model !== undefined ? { model: deps.model } : {}) })));
  const rows = results.flatMap((r) => r.rows);
  await writeFileDurably(path, jsonLines(rows));
  return {
    path,
    organizations: rows.length,
    k: options.k,
    workers: Math.max(1, parts.length),
    modelVersion: results[0]?.modelVersion ?? deps.model?.version ?? 'none',
    ms: Math.round(performance.now() - t0),
  };
}

function* jsonLines(rows: readonly BatchRow[]): Generator<string> {
  for (const r of rows) yield `${JSON.stringify({ id: r.id, matches: r.matches.map((m) => ({ id: m.id, score: m.score })) })}\n`;
}

/** Runs `rankSlice` in a worker thread (export-worker.ts) and gives the ids their brand back. */
async function inWorker(job: ExportJob): Promise<{ rows: BatchRow[]; modelVersion: string }> {
  const m = await runWorker<{ rows: { id: string; matches: { id: string; score: number }[] }[]; modelVersion: string }>('export-worker', job);
  return { rows: m.rows.map((r) => ({ id: r.id as OrgId, matches: r.matches.map((x) => ({ id: x.id as OrgId, score: x.score })) })), modelVersion: m.modelVersion };
}
