import { isUtf8, transcode } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';
import { ByteLines, isBlank, LineTooLong } from '../../store/embedded/byte-lines.js';

/** One record read from a file, before validation: where it came from and its raw value (or why it is unreadable). */
export type RawRecord =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly error: string };

export type FileFormat = 'json' | 'jsonl' | 'csv';

/** A file-level problem: nothing of the file can be used. */
export class FileProblem extends Error {
  constructor(
    readonly code: 'EMPTY_FILE' | 'UNSUPPORTED_FILE',
    message: string,
  ) {
    super(message);
  }
}

/** Columns a CSV file may have for each kind of record; list columns hold `;`-separated values. */
export interface CsvColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly lists: readonly string[];
  readonly numbers: readonly string[];
  readonly booleans: readonly string[];
}

/**
 * Reads a file's records. The format comes from the extension (`.json`, `.jsonl`/`.ndjson`, `.csv`) or, without
 * one, from the content (a leading `[` means a JSON array, else JSON Lines). Binary and empty files are refused
 * whole; so is a file with no rows (an empty JSON array, a CSV header alone, JSON Lines of blank lines only).
 */
export function readRecords(name: string, bytes: Uint8Array, csv: CsvColumns): { format: FileFormat; records: RawRecord[] } {
  const reader = new RecordReader(name, csv);
  const records: RawRecord[] = [];
  for (const piece of pieces(bytes)) for (const r of reader.push(piece)) records.push(r);
  for (const r of reader.end()) records.push(r);
  return { format: reader.format ?? 'jsonl', records };
}

/**
 * The same reading over chunks as they come from a file or a stream, handed on in groups as soon as they are
 * complete (JSON Lines: line by line, so a file of any size is read in bounded memory; a JSON array or CSV file is
 * gathered first, up to {@link MAX_FILE_BYTES}). Throws {@link FileProblem} for a file that cannot be used at all;
 * groups already handed on then belong to a refused file.
 */
export async function* readRecordGroups(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  csv: CsvColumns,
): AsyncGenerator<{ format: FileFormat; records: RawRecord[]; columns?: readonly string[] }> {
  const reader = new RecordReader(name, csv);
  for await (const chunk of chunks) {
    for (const piece of pieces(chunk)) {
      const records = reader.push(piece);
      if (records.length > 0) yield { format: reader.format as FileFormat, records };
    }
  }
  const records = reader.end();
  yield { format: reader.format ?? 'jsonl', records, ...(reader.columns !== undefined ? { columns: reader.columns } : {}) };
}

/** Large inputs are parsed in pieces of this size, so only a piece's rows are waiting for validation at a time. */
const PIECE_BYTES = 2 ** 20;

export function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  if (bytes.length <= PIECE_BYTES) {
    yield bytes;
    return;
  }
  for (let i = 0; i < bytes.length; i += PIECE_BYTES) yield bytes.subarray(i, i + PIECE_BYTES);
}

/**
 * A JSON array and a CSV file are parsed whole from one string, so they are refused above this size (a JavaScript
 * string holds at most ~512 MiB); so is a single JSON line. JSON Lines files may be larger: they are read by line.
 */
export const MAX_FILE_BYTES = 256 * 2 ** 20;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Reads one file from its bytes in chunks. The format is settled by the extension or, failing that, by the first
 * non-blank byte; JSON Lines are split by {@link ByteLines} and each line decoded and parsed on its own, so the
 * file is never one string. UTF-8 is checked line by line (LF never cuts a character), NUL bytes chunk by chunk.
 */
class RecordReader {
  format: FileFormat | undefined;
  /** A CSV file's header (the fields its rows give), once read. */
  columns: readonly string[] | undefined;
  private bytes = 0;
  /** JSON array / CSV: the chunks, joined at the end. Unknown format: the chunks read before it was known. */
  private held: Buffer[] = [];
  private lines: ByteLines | undefined;
  private out: RawRecord[] = [];
  private sawRecord = false;

  constructor(
    private readonly name: string,
    private readonly csv: CsvColumns,
  ) {
    const lower = name.toLowerCase();
    if (lower.endsWith('.csv')) this.format = 'csv';
    else if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) this.format = 'jsonl';
    if (this.format === 'jsonl') this.lines = this.jsonLines();
  }

  /** Feeds the next chunk; returns the records it completed. */
  push(chunk: Uint8Array): RawRecord[] {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.indexOf(0) >= 0) throw binaryFile();
    this.bytes += buf.length;
    if (this.format === undefined) {
      this.held.push(buf);
      const first = firstNonBlank(this.held);
      if (first === undefined) return this.checkHeldSize();
      this.format = first === 0x5b /* [ */ ? 'json' : 'jsonl';
      if (this.format === 'jsonl') {
        this.lines = this.jsonLines();
        const held = this.held;
        this.held = [];
        for (const b of held) this.feedLines(b);
        return this.take();
      }
      return this.checkHeldSize();
    }
    if (this.lines !== undefined) {
      this.feedLines(buf);
      return this.take();
    }
    this.held.push(buf);
    return this.checkHeldSize();
  }

  /** Ends the file: returns the last records, or throws when the file as a whole cannot be used. */
  end(): RawRecord[] {
    if (this.bytes === 0) throw new FileProblem('EMPTY_FILE', 'the file is empty');
    if (this.lines !== undefined) {
      this.endLines();
      if (!this.sawRecord) throw new FileProblem('EMPTY_FILE', 'the file is empty');
      return this.take();
    }
    // a JSON array or CSV file (or one with no non-blank byte at all): parsed whole
    const text = decodeWhole(joinHeld(this.held, this.bytes));
    this.held = [];
    if (this.format === 'csv') {
      const { header, records } = readCsv(text, this.csv);
      this.columns = header;
      return records;
    }
    return readJsonArray(text);
  }

  private checkHeldSize(): RawRecord[] {
    if (this.bytes > MAX_FILE_BYTES) throw tooLarge(this.bytes);
    return [];
  }

  private take(): RawRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private feedLines(buf: Buffer): void {
    try {
      (this.lines as ByteLines).push(buf);
    } catch (e) {
      if (e instanceof LineTooLong) throw tooLarge(e.maxLineBytes + 1, e.lineNo);
      throw e;
    }
  }

  private endLines(): void {
    try {
      (this.lines as ByteLines).end();
    } catch (e) {
      if (e instanceof LineTooLong) throw tooLarge(e.maxLineBytes + 1, e.lineNo);
      throw e;
    }
  }

  private jsonLines(): ByteLines {
    return new ByteLines((buf, start, end, line) => {
      const record = readJsonLine(buf, start, end, line);
      if (record === undefined) return;
      this.sawRecord = true;
      this.out.push(record);
    }, MAX_FILE_BYTES);
  }
}

/**
 * One JSON line `buf[start, end)` (without its LF) as a record: undefined for a blank line (and a leading UTF-8 BOM
 * on line 1 is dropped); throws {@link FileProblem} for bytes that are not UTF-8, which refuse the whole file.
 * `utf8Checked`: the caller has already checked that the bytes around the line are UTF-8 (one native scan of a
 * whole piece instead of one per line).
 */
export function readJsonLine(buf: Buffer, start: number, end: number, line: number, firstOfFile = line === 1, utf8Checked = false): RawRecord | undefined {
  if (firstOfFile && end - start >= 3 && buf[start] === UTF8_BOM[0] && buf[start + 1] === UTF8_BOM[1] && buf[start + 2] === UTF8_BOM[2]) start += 3;
  if (start === end || ((buf[start] as number) <= 32 && isBlank(buf, start, end))) return undefined;
  if (!utf8Checked && !isUtf8(buf.subarray(start, end))) throw notUtf8(line);
  let value: unknown;
  try {
    value = JSON.parse(decodeLine(buf, start, end));
  } catch (e) {
    return { line, error: `malformed JSON: ${(e as Error).message}` };
  }
  return isPlainObject(value) ? { line, value } : { line, error: 'expected a JSON object' };
}

/**
 * Lines at least this long are decoded by `transcode` (UTF-8 to UTF-16LE, then that as the string) instead of
 * `toString('utf8')`: on the bench's profiles, mostly Korean text around 2.7 KB a line, it decodes in ~70 ms what
 * `toString` decodes in ~135 ms, but it costs ~1 µs more a call, so short lines (collaborations) keep `toString`.
 */
const TRANSCODE_MIN_BYTES = 1024;
/** `transcode` needs Node built with ICU (official builds are); without it every line goes through `toString`. */
const CAN_TRANSCODE = typeof transcode === 'function';

/**
 * The text of the UTF-8 bytes `buf[start, end)` (checked to be UTF-8 before: valid UTF-8 has one UTF-16 reading, so
 * both decoders give the same string).
 */
function decodeLine(buf: Buffer, start: number, end: number): string {
  if (end - start < TRANSCODE_MIN_BYTES || !CAN_TRANSCODE) return buf.toString('utf8', start, end);
  return transcode(buf.subarray(start, end), 'utf8', 'utf16le').toString('utf16le');
}

/** The file problem for a NUL byte anywhere in the file. */
export function binaryFile(): FileProblem {
  return new FileProblem('UNSUPPORTED_FILE', 'this is a binary file, not JSON, JSON Lines or CSV text');
}

/** The file problem for a line that is not UTF-8 (the whole file is refused). */
export function notUtf8(line: number): FileProblem {
  return new FileProblem('UNSUPPORTED_FILE', `the file is not UTF-8 text (binary or another encoding; line ${line})`);
}

export function tooLarge(bytes: number, line?: number): FileProblem {
  const what = line === undefined ? 'the file is too large' : `line ${line} is too large`;
  return new FileProblem(
    'UNSUPPORTED_FILE',
    `${what} (${Math.round(bytes / 2 ** 20)} MiB; at most ${MAX_FILE_BYTES / 2 ** 20} MiB): split it into several ${line === undefined ? 'files, or use JSON Lines' : 'records'}`,
  );
}

/** The held chunks as one buffer: a view when they are adjacent pieces of one (a whole file cut by `pieces`), else a copy. */
function joinHeld(held: readonly Buffer[], bytes: number): Buffer {
  const first = held[0];
  if (first === undefined) return Buffer.alloc(0);
  let end = first.byteOffset;
  for (const b of held) {
    if (b.buffer !== first.buffer || b.byteOffset !== end) return Buffer.concat(held, bytes);
    end += b.length;
  }
  return Buffer.from(first.buffer, first.byteOffset, bytes);
}

/** The first byte that is not blank and not part of a leading BOM, across the chunks held so far. */
function firstNonBlank(chunks: readonly Buffer[]): number | undefined {
  let pos = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++, pos++) {
      const b = c[i] as number;
      if (pos < 3 && b === UTF8_BOM[pos]) continue;
      if (b === 32 || (b >= 9 && b <= 13)) continue;
      return b;
    }
  }
  return undefined;
}

/** A JSON array or CSV file as one string: UTF-8 checked, BOM dropped, blank refused. */
function decodeWhole(buf: Buffer): string {
  if (!isUtf8(buf)) throw new FileProblem('UNSUPPORTED_FILE', 'the file is not UTF-8 text (binary or another encoding)');
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new FileProblem('EMPTY_FILE', 'the file is empty');
  return text;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readJsonArray(text: string): RawRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FileProblem('UNSUPPORTED_FILE', `malformed JSON: ${withLine((e as Error).message, text)}`);
  }
  if (!Array.isArray(value)) throw new FileProblem('UNSUPPORTED_FILE', 'expected a JSON array of objects');
  if (value.length === 0) throw noRows('an empty JSON array');
  const lines = elementLines(text);
  return value.map((v: unknown, i) => {
    const line = lines[i] ?? 0;
    return isPlainObject(v) ? { line, value: v } : { line, error: 'expected a JSON object' };
  });
}

/**
 * JSON.parse's message with the line and column of the position it names (Node 20 says only "at position 1146",
 * which nobody can find in a file of profiles).
 */
function withLine(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (m === null) return message;
  const at = Math.min(Number(m[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${message} (line ${line}, column ${at - lineStart + 1})`;
}

/** The line on which each top-level element of a JSON array starts (the text is known to be valid JSON). */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (depth === 1 && expectElement && ch !== ']') {
      out.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return out;
}

/** A CSV row as csv-parse gives it with `info`: its cells and the offset just past it (its record delimiter included). */
interface CsvRow {
  readonly record: string[];
  readonly info: { readonly bytes: number };
}

/**
 * A CSV file's rows after its header. A row with another number of cells than the header is a rejected row, not a
 * malformed file (csv-parse would otherwise throw the whole file away for it); a quote left open still is one.
 */
function readCsv(text: string, columns: CsvColumns): { header: string[]; records: RawRecord[] } {
  const bytes = Buffer.from(text);
  let rows: CsvRow[];
  try {
    rows = parseCsv(bytes, { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as CsvRow[];
  } catch (e) {
    throw new FileProblem('UNSUPPORTED_FILE', `malformed CSV: ${(e as Error).message}`);
  }
  const header = rows[0]?.record ?? [];
  checkCsvHeader(header, columns);
  if (rows.length < 2) throw noRows('only a CSV header');
  const lines = rowStartLines(bytes, rows);
  const lists = new Set(columns.lists);
  const numbers = new Set(columns.numbers);
  const booleans = new Set(columns.booleans);
  const records: RawRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { record } = rows[r] as CsvRow;
    const line = lines[r] as number;
    if (record.length !== header.length) {
      records.push({ line, error: `has ${plural(record.length, 'column')}, the header has ${header.length}` });
      continue;
    }
    const value: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) {
      const key = header[c] as string;
      const cell = record[c] ?? '';
      if (cell === '') continue;
      let v: unknown = cell;
      if (lists.has(key)) v = cell.split(';').map((s) => s.trim()).filter((s) => s !== '');
      else if (numbers.has(key)) v = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
      else if (booleans.has(key)) v = cell === 'true' ? true : cell === 'false' ? false : cell;
      setPath(value, key, v);
    }
    records.push({ line, value });
  }
  return { header, records };
}

/**
 * Refuses a header with an unknown, a repeated or a missing column, naming each: a typo never passes silently,
 * and a repeated column would have its last cell silently win over the first.
 */
function checkCsvHeader(header: readonly string[], columns: CsvColumns): void {
  const known = new Set([...columns.required, ...columns.optional]);
  const unknown = new Set(header.filter((h) => !known.has(h)));
  const repeated = new Set(header.filter((h, i) => header.indexOf(h) !== i));
  const missing = columns.required.filter((c) => !header.includes(c));
  const named = (what: string, cols: Iterable<string>): string => {
    const list = [...cols];
    return list.length > 0 ? `${what} column(s) ${list.map((c) => `"${c}"`).join(', ')}` : '';
  };
  const parts = [named('unknown', unknown), named('repeated', repeated), named('missing', missing)].filter((p) => p !== '');
  if (parts.length === 0) return;
  throw new FileProblem('UNSUPPORTED_FILE', `wrong CSV header: ${parts.join('; ')}; expected ${[...columns.required, ...columns.optional].join(',')}`);
}

/**
 * The line on which each CSV row starts, counted from the byte offsets csv-parse gives: its own `info.lines` is the
 * line where a row ends (later for a quoted cell spanning lines) and counts the CR and the LF of a CRLF inside
 * a quoted cell as two lines. A row starts at its first non-blank byte after the one before it (blank lines are
 * skipped); CRLF, LF and a lone CR each end one line.
 */
function rowStartLines(bytes: Buffer, rows: readonly CsvRow[]): number[] {
  const out: number[] = [];
  let line = 1;
  let pos = 0;
  const step = (): void => {
    const b = bytes[pos] as number;
    if (b === 0x0a || (b === 0x0d && bytes[pos + 1] !== 0x0a)) line++;
    pos++;
  };
  for (const row of rows) {
    while (pos < bytes.length && isBlankByte(bytes[pos] as number)) step();
    out.push(line);
    while (pos < row.info.bytes) step();
  }
  return out;
}

const isBlankByte = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The file problem for a file that holds no rows, though it is not blank: it is as good as empty. */
const noRows = (what: string): FileProblem => new FileProblem('EMPTY_FILE', `the file has no rows (${what})`);

/** `name.ko` → `{name: {ko}}`. */
function setPath(target: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    const next = obj[p];
    if (isPlainObject(next)) obj = next;
    else {
      const fresh: Record<string, unknown> = {};
      obj[p] = fresh;
      obj = fresh;
    }
  }
  obj[parts.at(-1) as string] = v;
}
