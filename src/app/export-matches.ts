/**
 * `innomatch export-matches`: every organisation's top k by the scoring the API serves (existing partners,
 * declined pairs and opted-out organisations excluded, as by default), one JSON line each:
 * `{"id": …, "matches": [{"id": …, "score": …}, …]}`, in ascending id order, written durably (temp file +
 * rename: a reader sees the old file or the whole new one). The ranking is spread over worker threads
 * (`rankAll`).
 */
import type { GraphStore } from '../store/graph-store.js';
import { writeFileDurably } from '../store/embedded/durable-file.js';
import type { BatchRow } from '../match/index.js';
import { readMatchData } from './match-service.js';
import { rankAll, type RankAllDeps, type RankAllOptions, type RankAllProgress } from './rank-all.js';

export type ExportOptions = RankAllOptions;
export type ExportDeps = RankAllDeps;

export interface ExportReport {
  readonly path: string;
  readonly organizations: number;
  readonly k: number;
  readonly workers: number;
  readonly modelVersion: string;
  readonly ms: number;
}

/** Exports the top k of every organisation in `store` to `path` (see the module comment). */
export async function exportMatches(
  store: GraphStore,
  path: string,
  deps: ExportDeps,
  options: ExportOptions,
  onProgress?: (p: RankAllProgress) => void,
): Promise<ExportReport> {
  const t0 = performance.now();
  const r = await rankAll(await readMatchData(store), deps, options, onProgress);
  await writeFileDurably(path, jsonLines(r.rows));
  return { path, organizations: r.rows.length, k: options.k, workers: r.workers, modelVersion: r.modelVersion, ms: Math.round(performance.now() - t0) };
}

function* jsonLines(rows: readonly BatchRow[]): Generator<string> {
  for (const r of rows) yield `${JSON.stringify({ id: r.id, matches: r.matches.map((m) => ({ id: m.id, score: m.score })) })}\n`;
}
