import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';

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
 * whole.
 */
export function readRecords(name: string, bytes: Uint8Array, csv: CsvColumns): { format: FileFormat; records: RawRecord[] } {
  const text = decodeText(bytes);
  const format = detectFormat(name, text);
  if (format === 'csv') return { format, records: readCsv(text, csv) };
  if (format === 'json') return { format, records: readJsonArray(text) };
  return { format, records: readJsonLines(text) };
}

/** Larger files are refused with a clear message (a JavaScript string holds at most ~512 MiB). */
export const MAX_FILE_BYTES = 256 * 2 ** 20;

function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new FileProblem('EMPTY_FILE', 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new FileProblem('UNSUPPORTED_FILE', `the file is too large (${Math.round(bytes.length / 2 ** 20)} MiB; at most ${MAX_FILE_BYTES / 2 ** 20} MiB): split it into several files`);
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf(0) >= 0) throw new FileProblem('UNSUPPORTED_FILE', 'this is a binary file, not JSON, JSON Lines or CSV text');
  if (!isUtf8(buf)) throw new FileProblem('UNSUPPORTED_FILE', 'the file is not UTF-8 text (binary or another encoding)');
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new FileProblem('EMPTY_FILE', 'the file is empty');
  return text;
}

function detectFormat(name: string, text: string): FileFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return text.trimStart().startsWith('[') ? 'json' : 'jsonl';
  return text.trimStart().startsWith('[') ? 'json' : 'jsonl';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readJsonLines(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.length > 0 && (raw.charCodeAt(raw.length - 1) <= 32 || raw.charCodeAt(0) <= 32) ? raw.trim() : raw;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      out.push({ line: i + 1, error: `malformed JSON: ${(e as Error).message}` });
      continue;
    }
    out.push(isPlainObject(value) ? { line: i + 1, value } : { line: i + 1, error: 'expected a JSON object' });
  }
  return out;
}

function readJsonArray(text: string): RawRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FileProblem('UNSUPPORTED_FILE', `malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new FileProblem('UNSUPPORTED_FILE', 'expected a JSON array of objects');
  const lines = elementLines(text);
  return value.map((v: unknown, i) => {
    const line = lines[i] ?? 0;
    return isPlainObject(v) ? { line, value: v } : { line, error: 'expected a JSON object' };
  });
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

function readCsv(text: string, columns: CsvColumns): RawRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { relax_column_count: false, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch (e) {
    throw new FileProblem('UNSUPPORTED_FILE', `malformed CSV: ${(e as Error).message}`);
  }
  const header = rows[0]?.record ?? [];
  const known = new Set([...columns.required, ...columns.optional]);
  const unknown = header.filter((h) => !known.has(h));
  const missing = columns.required.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}` : '',
      missing.length > 0 ? `missing column(s) ${missing.map((c) => `"${c}"`).join(', ')}` : '',
    ].filter((p) => p !== '');
    throw new FileProblem(
      'UNSUPPORTED_FILE',
      `wrong CSV header: ${parts.join('; ')}; expected ${[...columns.required, ...columns.optional].join(',')}`,
    );
  }
  const lists = new Set(columns.lists);
  const numbers = new Set(columns.numbers);
  const booleans = new Set(columns.booleans);
  return rows.slice(1).map(({ record, info }) => {
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
    return { line: info.lines, value };
  });
}

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
