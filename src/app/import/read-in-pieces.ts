import { FileProblem, binaryFile, notUtf8, pieces, MAX_FILE_BYTES, tooLarge } from './read-records.js';
import type { PieceResult } from './parse-piece.js';
import type { ParsePool } from './parse-pool.js';
import type { ValidatedGroup } from './validated-group.js';
import type { RecordKind } from './validate-row.js';

/** The main thread cuts a JSON Lines file into pieces of about this size (whole lines) for the workers. */
const PIECE_BYTES = 2 * 2 ** 20;

/**
 * Reads a large JSON Lines file (see `importFiles`): cuts it at LF into pieces, has the pool parse and validate
 * them ({@link parsePiece}: the same verdicts and messages as the line-by-line reader; in worker threads, or here
 * when the pool has none) and hands the results on in file order with the file's own line numbers. Organisations
 * come out as their JSON text. Besides the parsing, this thread only copies bytes into pieces and looks for LF and
 * NUL (native scans).
 *
 * File problems are raised in the order the line-by-line reader would meet them: a NUL byte in a chunk first lets
 * every line completed before that chunk be checked (a line that is not UTF-8 comes first), and a line too long to
 * decode is reported with its number once the lines before it are counted.
 */
export async function* readJsonLinesInPieces(
  kind: RecordKind,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  pool: ParsePool,
): AsyncGenerator<ValidatedGroup> {
  const pending: Promise<PieceResult>[] = [];
  let lines = 0;
  let rows = 0;
  let first = true;
  let acc = bytes(2 * PIECE_BYTES);
  let used = 0;
  /** Bytes of `acc` before the last LF seen (0: none yet). */
  let complete = 0;

  const dispatch = (end: number): void => {
    const piece = acc;
    acc = bytes(Math.max(2 * PIECE_BYTES, used - end));
    acc.set(piece.subarray(end, used));
    used -= end;
    complete = 0;
    const parsed = pool.parse({ kind, piece: piece.subarray(0, end), firstOfFile: first });
    parsed.catch(() => undefined); // awaited in order by `take`; this only keeps an early failure from being "unhandled"
    pending.push(parsed);
    first = false;
  };
  const take = async (): Promise<ValidatedGroup> => {
    const r = await (pending.shift() as Promise<PieceResult>);
    const group = toGroup(kind, r, lines);
    lines += r.lines;
    rows += r.rows;
    return group;
  };
  /** Finishes every piece of the lines completed so far (their file problems come first), then throws `problem()`. */
  async function* failAfterCompleteLines(problem: () => FileProblem): AsyncGenerator<ValidatedGroup> {
    if (complete > 0) dispatch(complete);
    while (pending.length > 0) yield await take();
    throw problem();
  }

  try {
    for await (const chunk of chunks) {
      for (const part of pieces(chunk)) {
        const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
        if (buf.indexOf(0) >= 0) yield* failAfterCompleteLines(binaryFile);
        if (used + buf.length > acc.length) {
          const grown = bytes(Math.max(2 * acc.length, used + buf.length));
          grown.set(acc.subarray(0, used));
          acc = grown;
        }
        acc.set(buf, used);
        const lf = buf.lastIndexOf(10);
        used += buf.length;
        if (lf >= 0) complete = used - buf.length + lf + 1;
        if (used - complete > MAX_FILE_BYTES) yield* failAfterCompleteLines(() => tooLarge(MAX_FILE_BYTES + 1, lines + 1));
        if (complete >= PIECE_BYTES) dispatch(complete);
        while (pending.length > 2 * pool.threads) yield await take();
      }
    }
    if (used > 0) dispatch(used);
    while (pending.length > 0) yield await take();
  } finally {
    // a consumer that stops early (or a problem) must not leave replies to nobody
    await Promise.allSettled(pending);
  }
  if (rows === 0) throw new FileProblem('EMPTY_FILE', 'the file is empty');
}

/** Bytes of its own (transferable: not a slice of Node's shared pool), not zero-filled: every byte is written before it is sent. */
const bytes = (n: number): Uint8Array<ArrayBuffer> => {
  const b = Buffer.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
};

function toGroup(kind: RecordKind, r: PieceResult, base: number): ValidatedGroup {
  if (r.notUtf8Line > 0) throw notUtf8(base + r.notUtf8Line);
  const lines = r.acceptedLines.map((line) => base + line);
  const rejected = r.rejected.map((x) => ({ line: base + x.line, field: x.field, reason: x.reason }));
  if (kind !== 'organizations') return { format: 'jsonl', rows: r.rows, rejected, lines, ids: r.ids, accepted: { values: r.values } };
  const texts = new Array<Uint8Array>(lines.length);
  for (let i = 0; i < texts.length; i++) {
    const start = r.textStart[i] as number;
    const end = r.textEnd[i] as number;
    texts[i] = start >= 0 ? r.piece.subarray(start, end) : r.extra.subarray(~start, end);
  }
  return { format: 'jsonl', rows: r.rows, rejected, lines, ids: r.ids, accepted: { texts } };
}
