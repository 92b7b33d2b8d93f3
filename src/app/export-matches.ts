/**
 * `innomatch export-matches`: every organisation's top k by the scoring the API serves (existing partners,
 * declined pairs and opted-out organisations excluded, as by default), one JSON line each:
 * `{"id": …, "matches": [{"id": …, "score": …}, …]}`, in ascending id order, written durably (temp file +
 * rename: a reader sees the old file or the whole new one; a new file gets the usual mode, a replaced one keeps
 * its own), or into a stream such as standard output. The ranking is spread over worker threads (`rankAll`).
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GraphStore } from '../store/graph-store.js';
import { writeFileDurably } from '../store/embedded/durable-file.js';
import type { BatchRow } from '../match/index.js';
import { readMatchData } from './match-service.js';
import { rankAll, type RankAllDeps, type RankAllOptions, type RankAllProgress } from './rank-all.js';

export type ExportOptions = RankAllOptions;
export type ExportDeps = RankAllDeps;

/** A file path, or a stream (standard output for `--out -`). */
export type ExportTarget = string | Writable;

export interface ExportReport {
  /** The file written, `-` for a stream. */
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
  target: ExportTarget,
  deps: ExportDeps,
  options: ExportOptions,
  onProgress?: (p: RankAllProgress) => void,
): Promise<ExportReport> {
  const t0 = performance.now();
  const r = await rankAll(await readMatchData(store), deps, options, onProgress);
  if (typeof target === 'string') await writeFileDurably(target, jsonLines(r.rows), { newFileMode: 0o666 });
  // backpressure and the stream's first error as `pipeline` handles them; the stream stays open (standard output)
  else await pipeline(Readable.from(pieces(jsonLines(r.rows))), target, { end: false });
  return { path: typeof target === 'string' ? target : '-', organizations: r.rows.length, k: options.k, workers: r.workers, modelVersion: r.modelVersion, ms: Math.round(performance.now() - t0) };
}

function* jsonLines(rows: readonly BatchRow[]): Generator<string> {
  for (const r of rows) yield `${JSON.stringify({ id: r.id, matches: r.matches.map((m) => ({ id: m.id, score: m.score })) })}\n`;
}

/** The lines joined into pieces of about 64 KiB (one write each instead of one per line). */
function* pieces(lines: Iterable<string>): Generator<string> {
  let piece = '';
  for (const line of lines) {
    piece += line;
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}
