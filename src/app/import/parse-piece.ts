import { isUtf8 } from 'node:buffer';
import { ByteLines } from '../../store/embedded/byte-lines.js';
import { FileProblem, readJsonLine } from './read-records.js';
import { isSameOrderedJson, validateRow, type RecordKind } from './validate-row.js';

/**
 * What an import worker makes of one piece of a JSON Lines file (whole lines, cut at LF by the main thread), with
 * line numbers counted from 1 at the piece's start: the main thread adds the lines of the pieces before it.
 */
export interface PieceResult {
  /** Lines in the piece, blank ones included. */
  readonly lines: number;
  /** Rows: the non-blank lines. */
  readonly rows: number;
  /** The first line that is not UTF-8 (the file is then refused whole and nothing else of the piece counts), or 0. */
  readonly notUtf8Line: number;
  readonly rejected: readonly { readonly line: number; readonly field: string; readonly reason: string }[];
  /** The accepted rows in line order: their lines… */
  readonly acceptedLines: Int32Array;
  /** …their ids (organisations and programmes; empty for collaborations)… */
  readonly ids: readonly string[];
  /** …their values (collaborations and programmes; organisations travel as JSON text only, see `textAt`)… */
  readonly values: readonly unknown[];
  /**
   * …and, for organisations, where the JSON text of each value is: `[start, end)` of `piece` (the row's own text,
   * when it is exactly the value) or, with the sign bit of `start` set (`~start`), of `extra` (the value serialised
   * again, when the schema changed it: a default filled in, a string trimmed, keys reordered).
   */
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
  /** The piece's bytes, handed back. */
  readonly piece: Uint8Array<ArrayBuffer>;
  readonly extra: Uint8Array<ArrayBuffer>;
}

/**
 * Splits, decodes, parses and validates one piece exactly as the main thread's reader does line by line
 * ({@link readJsonLine}, {@link validateRow}): the same verdicts and the same messages. `firstOfFile` says whether
 * the piece's first line is the file's first (where a UTF-8 BOM is dropped).
 */
export function parsePiece(kind: RecordKind, piece: Uint8Array<ArrayBuffer>, firstOfFile: boolean): PieceResult {
  const rejected: { line: number; field: string; reason: string }[] = [];
  const lines: number[] = [];
  const ids: string[] = [];
  const values: unknown[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const extras: string[] = [];
  let extraBytes = 0;
  let rows = 0;
  let notUtf8Line = 0;
  const base = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  // LF never occurs inside a UTF-8 sequence, so a piece of whole lines is UTF-8 exactly when each of its lines is:
  // one scan here, and a line-by-line check only to find the first bad line of a bad piece
  const utf8Checked = isUtf8(base);
  const splitter = new ByteLines((buf, start, end, line) => {
    if (notUtf8Line > 0) return;
    let record;
    try {
      record = readJsonLine(buf, start, end, line, firstOfFile && line === 1, utf8Checked);
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      notUtf8Line = line;
      return;
    }
    if (record === undefined) return;
    rows++;
    if ('error' in record) {
      rejected.push({ line, field: '', reason: record.error });
      return;
    }
    const checked = validateRow(kind, record.value);
    if (!checked.ok) {
      for (const issue of checked.issues) rejected.push({ line, ...issue });
      return;
    }
    lines.push(line);
    if (kind === 'collaborations') {
      values.push(checked.value);
      return;
    }
    ids.push((checked.value as { id: string }).id);
    if (kind === 'programmes') {
      values.push(checked.value);
      return;
    }
    // the lines of a piece are views of `base` (a piece holds whole lines, so none is joined from parts)
    const from = firstOfFile && line === 1 && hasBom(buf, start) ? start + 3 : start;
    if (buf === base && isSameOrderedJson(record.value, checked.value) && leadingIdIs(buf, from, end, (checked.value as { id: string }).id)) {
      starts.push(from);
      ends.push(end);
      return;
    }
    const text = JSON.stringify(checked.value);
    starts.push(~extraBytes);
    extraBytes += Buffer.byteLength(text);
    ends.push(extraBytes);
    extras.push(text);
  });
  splitter.push(base);
  splitter.end();
  if (notUtf8Line > 0) return { ...empty(piece), lines: splitter.lines, rows, notUtf8Line };
  return {
    lines: splitter.lines,
    rows,
    notUtf8Line,
    rejected,
    acceptedLines: Int32Array.from(lines),
    ids,
    values,
    textStart: Int32Array.from(starts),
    textEnd: Int32Array.from(ends),
    piece,
    extra: extras.length === 0 ? new Uint8Array(0) : new Uint8Array(Buffer.from(extras.join(''))),
  };
}

const hasBom = (buf: Buffer, at: number): boolean => buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf;

const ID_OPEN = Buffer.from('{"id":"');

/**
 * Whether a text that begins `{"id":"…"` names `id` there. The store reads a kept text's id from exactly that
 * place when it reopens (without parsing the rest), while JSON.parse keeps the last of repeated keys: a row like
 * `{"id":"a","id":"b",…}` must be serialised again, else it would come back as "a".
 */
function leadingIdIs(buf: Buffer, start: number, end: number, id: string): boolean {
  if (end - start < ID_OPEN.length || buf.compare(ID_OPEN, 0, ID_OPEN.length, start, start + ID_OPEN.length) !== 0) return true;
  const from = start + ID_OPEN.length;
  return buf.indexOf(0x22, from) === from + id.length && buf.toString('latin1', from, from + id.length) === id;
}

function empty(piece: Uint8Array<ArrayBuffer>): PieceResult {
  return {
    lines: 0,
    rows: 0,
    notUtf8Line: 0,
    rejected: [],
    acceptedLines: new Int32Array(0),
    ids: [],
    values: [],
    textStart: new Int32Array(0),
    textEnd: new Int32Array(0),
    piece,
    extra: new Uint8Array(0),
  };
}
