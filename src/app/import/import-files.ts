import {
  type Collaboration,
  type Organization,
  type OrgId,
  type Programme,
} from '../../domain/index.js';
import { isEncodedOrganization, type BatchResult, type EncodedOrganization, type GraphStore } from '../../store/graph-store.js';
import { defaultImportThreads, startParsePool, type ParsePool } from './parse-pool.js';
import { readJsonLinesInPieces } from './read-in-pieces.js';
import { FileProblem, readRecordGroups, type CsvColumns, type RawRecord } from './read-records.js';
import { csvRowOver } from './csv-update.js';
import { validateRecords, type ValidatedGroup } from './validated-group.js';
import type { RecordKind } from './validate-row.js';

export type { RecordKind } from './validate-row.js';

/**
 * One input as the edge read it: a file's name (for messages and format detection) and its bytes — whole, or in
 * chunks as they are read (a JSON Lines file is then validated line by line as it arrives, in bounded memory) — or
 * (from the HTTP API) a name and the rows of an already parsed JSON array, whose 1-based positions stand in for
 * line numbers.
 */
export type InputFile =
  | { readonly kind: RecordKind; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: RecordKind; readonly name: string; readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }
  | { readonly kind: RecordKind; readonly name: string; readonly rows: readonly unknown[] };

/** Why a row (or, with `line` 0, a whole file) was not imported. Printed as `file:line field: reason`. */
export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export function formatRejection(r: Rejection): string {
  const where = r.line > 0 ? `${r.file}:${r.line}` : r.file;
  return `${where}${r.field !== '' ? ` ${r.field}` : ''}: ${r.reason}`;
}

/** One file's line in the report: rows read, and rows accepted (after the references were checked). */
interface FileReport {
  name: string;
  kind: RecordKind;
  format: string;
  rows: number;
  accepted: number;
}

export interface ImportReport {
  readonly files: readonly FileReport[];
  readonly rejected: readonly Rejection[];
  /** What the store changed; undefined when nothing landed (`strict` with rejections, or nothing valid). */
  readonly applied?: BatchResult;
  readonly landed: boolean;
}

/**
 * How many rows and how many whole files an import rejected: a row with two bad fields is listed twice but is one
 * row; a refused file (a rejection at line 0) holds no row to count.
 */
export function countRejected(report: Pick<ImportReport, 'rejected'>): { readonly rows: number; readonly files: number } {
  const rows = new Set<string>();
  const files = new Set<string>();
  for (const r of report.rejected) {
    if (r.line > 0) rows.add(`${r.line}:${r.file}`);
    else files.add(r.file);
  }
  return { rows: rows.size, files: files.size };
}

export interface ImportOptions {
  /** Refuse the whole import when any row is rejected. */
  readonly strict?: boolean;
  /**
   * Worker threads that parse and validate large JSON Lines files (`.jsonl`, `.ndjson`) in pieces; with 0 the
   * pieces are parsed on the calling thread. Default {@link defaultImportThreads} (none on two cores).
   */
  readonly threads?: number;
  /**
   * A JSON Lines file is read in pieces (and its organisations handed to the store as text) once this many of its
   * bytes have arrived; smaller files are read line by line as other formats are (default 8 MiB: below that,
   * starting threads costs more than it saves).
   */
  readonly threadMinBytes?: number;
}

const THREAD_MIN_BYTES = 8 * 2 ** 20;

const ORG_CSV: CsvColumns = {
  required: ['id', 'type'],
  optional: ['name.ko', 'name.en', 'sectors', 'region', 'description', 'technologies', 'offers', 'needs', 'founded', 'employees', 'website', 'source', 'optedOut'],
  lists: ['sectors', 'technologies', 'offers', 'needs'],
  numbers: ['founded', 'employees'],
  booleans: ['optedOut'],
};
const COLLAB_CSV: CsvColumns = { required: ['a', 'b', 'kind'], optional: ['year', 'evidence'], lists: [], numbers: ['year'], booleans: [] };
const PROGRAMME_CSV: CsvColumns = {
  required: ['id', 'kind'],
  optional: ['name.ko', 'name.en', 'sectors', 'year', 'description', 'participants'],
  lists: ['sectors', 'participants'],
  numbers: ['year'],
  booleans: [],
};
const CSV_COLUMNS: Record<RecordKind, CsvColumns> = { organizations: ORG_CSV, collaborations: COLLAB_CSV, programmes: PROGRAMME_CSV };

/** An organisation as read: its value, or (from the import workers) its JSON text. */
type OrgRow = Organization | EncodedOrganization;

interface Accepted<T> {
  readonly file: string;
  /** The file's index in the import (its report's), for taking the row back off the accepted count. */
  readonly index: number;
  readonly line: number;
  readonly value: T;
}

/** A file's accepted collaborations, column by column (300,000 rows need no object each beside their value). */
interface CollabBlock {
  readonly file: string;
  /** The file's index in the import (its report's). */
  readonly index: number;
  readonly lines: number[];
  readonly values: Collaboration[];
}

/**
 * Where each organisation and programme id was first accepted, as one number: the file's index in the import
 * times 2^32 plus the line (an exact double; no string per row).
 */
interface FirstSeen {
  readonly orgs: Map<string, number>;
  readonly progs: Map<string, number>;
}
const LINES = 2 ** 32;

/**
 * Validates every row of every file and applies the valid ones to the store as one batch (all or nothing).
 * A bad row is rejected with its place and reason and the rest land, unless `strict`. Duplicate ids within the
 * import and references to organisations that are neither in the import nor stored are rejected rows too.
 */
export async function importFiles(store: GraphStore, files: readonly InputFile[], options: ImportOptions = {}): Promise<ImportReport> {
  const rejected: Rejection[] = [];
  const fileReports: FileReport[] = [];
  const orgs: OrgRow[] = [];
  const csvColumns = new Map<string, readonly string[]>();
  const collabBlocks: CollabBlock[] = [];
  const progs: Accepted<Programme>[] = [];
  const seen: FirstSeen = { orgs: new Map(), progs: new Map() };
  const placeOf = (at: number): string => `${(files[Math.floor(at / LINES)] as InputFile).name}:${at % LINES}`;
  let pool: ParsePool | undefined;
  const threads = options.threads ?? defaultImportThreads();
  const reading: ReadingOptions = {
    minBytes: options.threadMinBytes ?? THREAD_MIN_BYTES,
    pool: () => (pool ??= startParsePool(threads)),
  };

  try {
    for (const [index, file] of files.entries()) {
      // A file's rows join the import only once the whole file has been read: a file refused half-way (a NUL byte
      // or invalid UTF-8 in a later chunk) contributes nothing but its own rejection (and its ids leave `seen`).
      const own: FileRows = { rejected: [], orgs: [], csvColumns: new Map(), collabs: { file: file.name, index, lines: [], values: [] }, progs: [] };
      let format = '?';
      let rows = 0;
      let accepted = 0;
      try {
        for await (const group of validatedGroups(file, reading)) {
          format = group.format;
          rows += group.rows;
          accepted += takeGroup(file, index, group, own, seen, placeOf);
        }
      } catch (e) {
        if (!(e instanceof FileProblem)) throw e;
        // the ids this file put into `seen` are exactly those of its accepted rows
        for (const o of own.orgs) seen.orgs.delete(o.id);
        for (const p of own.progs) seen.progs.delete(p.value.id);
        rejected.push({ file: file.name, line: 0, field: '', reason: e.message });
        fileReports.push({ name: file.name, kind: file.kind, format: '?', rows: 0, accepted: 0 });
        continue;
      }
      for (const r of own.rejected) rejected.push(r);
      for (const o of own.orgs) orgs.push(o);
      for (const [id, columns] of own.csvColumns) csvColumns.set(id, columns);
      if (own.collabs.values.length > 0) collabBlocks.push(own.collabs);
      for (const p of own.progs) progs.push(p);
      fileReports.push({ name: file.name, kind: file.kind, format, rows, accepted });
    }
  } finally {
    await pool?.close();
  }

  // References: every organisation named by a collaboration or programme must be imported now or stored. The ids
  // accepted from files read whole are exactly the organisations imported now. A row rejected here is taken back
  // off its file's accepted count (each file has one report, at its index).
  const importing: ReadonlyMap<string, number> = seen.orgs;
  // One lookup per named id in the import's own set; only the collaborations naming someone outside it (flagged)
  // are looked at again, against the store.
  const elsewhere = new Set<OrgId>();
  const outside: Uint8Array[] = [];
  for (const block of collabBlocks) {
    const flags = new Uint8Array(block.values.length);
    for (let i = 0; i < flags.length; i++) {
      const c = block.values[i] as Collaboration;
      if (!importing.has(c.a)) {
        elsewhere.add(c.a);
        flags[i] = 1;
      }
      if (!importing.has(c.b)) {
        elsewhere.add(c.b);
        flags[i] = 1;
      }
    }
    outside.push(flags);
  }
  for (const p of progs) for (const id of p.value.participants) if (!importing.has(id)) elsewhere.add(id);
  const stored = await store.existingIds([...elsewhere]);
  const exists = (id: OrgId) => importing.has(id) || stored.has(id);
  const validCollabs: Collaboration[] = [];
  for (const [b, block] of collabBlocks.entries()) {
    const flags = outside[b] as Uint8Array;
    for (let i = 0; i < flags.length; i++) {
      const c = block.values[i] as Collaboration;
      const missing = flags[i] === 0 ? undefined : !exists(c.a) ? 'a' : !exists(c.b) ? 'b' : undefined;
      if (missing === undefined) {
        validCollabs.push(c);
        continue;
      }
      rejected.push({ file: block.file, line: block.lines[i] as number, field: missing, reason: `unknown organization "${c[missing]}"` });
      (fileReports[block.index] as FileReport).accepted--;
    }
  }
  const validProgs = progs.filter((p) => {
    const i = p.value.participants.findIndex((id) => !exists(id));
    if (i < 0) return true;
    rejected.push({ file: p.file, line: p.line, field: `participants.${i}`, reason: `unknown organization "${p.value.participants[i]}"` });
    (fileReports[p.index] as FileReport).accepted--;
    return false;
  });

  rejected.sort((x, y) => (x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1));
  const nothing = orgs.length + validCollabs.length + validProgs.length === 0;
  if ((options.strict === true && rejected.length > 0) || nothing) {
    return { files: fileReports, rejected, landed: false };
  }
  if (csvColumns.size > 0) await keepWhatCsvDoesNotSay(store, orgs, csvColumns);
  const batch = { collaborations: validCollabs, programmes: validProgs.map((p) => p.value) };
  const applied =
    store.applyEncodedBatch !== undefined
      ? await store.applyEncodedBatch({ ...batch, organizations: orgs })
      : await store.applyBatch({ ...batch, organizations: orgs.map(decodeOrganization) });
  return { files: fileReports, rejected, applied, landed: true };
}

/**
 * Organisations of CSV rows that are stored already become the stored profile with the row's columns replaced
 * (`csvRowOver`); stored profiles are read 64 at a time.
 */
async function keepWhatCsvDoesNotSay(store: GraphStore, orgs: OrgRow[], csvColumns: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const at: number[] = [];
  for (let i = 0; i < orgs.length; i++) if (csvColumns.has((orgs[i] as OrgRow).id)) at.push(i);
  for (let from = 0; from < at.length; from += 64) {
    const slice = at.slice(from, from + 64);
    const stored = await Promise.all(slice.map((i) => store.getOrganization((orgs[i] as OrgRow).id)));
    slice.forEach((i, k) => {
      const before = stored[k];
      const row = orgs[i] as Organization; // CSV rows are values, never texts
      if (before !== undefined) orgs[i] = csvRowOver(before, row, csvColumns.get(row.id) as readonly string[]);
    });
  }
}

const utf8 = new TextDecoder();
/** An organisation's value, parsed from its text when it came as text (the text is the validated value's JSON). */
const decodeOrganization = (o: OrgRow): Organization => (isEncodedOrganization(o) ? (JSON.parse(utf8.decode(o.text)) as Organization) : o);

/** What one file contributes, held apart until the file has been read to its end. */
interface FileRows {
  readonly rejected: Rejection[];
  readonly orgs: OrgRow[];
  /** Organisations from a CSV file: the file's columns, by id (`csvRowOver`). */
  readonly csvColumns: Map<string, readonly string[]>;
  readonly collabs: CollabBlock;
  readonly progs: Accepted<Programme>[];
}

interface ReadingOptions {
  /** A JSON Lines file goes to the workers once this many of its bytes have arrived. */
  readonly minBytes: number;
  readonly pool: () => ParsePool;
}

/** A file's rows, validated: by the import workers for a large JSON Lines file, else on this thread. */
async function* validatedGroups(file: InputFile, reading: ReadingOptions): AsyncGenerator<ValidatedGroup> {
  if ('rows' in file) {
    yield validateRecords(file.kind, 'json', rowRecords(file.rows));
    return;
  }
  const chunks = 'bytes' in file ? [file.bytes] : file.chunks;
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    // held (copied: a reader may reuse a chunk's memory) until the file proves large enough for the workers
    const held: Uint8Array[] = [];
    let bytes = 0;
    const it = 'bytes' in file ? [file.bytes][Symbol.iterator]() : toAsyncIterator(file.chunks);
    for (;;) {
      if (bytes >= reading.minBytes) {
        yield* readJsonLinesInPieces(file.kind, resume(held, it), reading.pool());
        return;
      }
      const next = await it.next();
      if (next.done === true) break;
      held.push(Uint8Array.from(next.value));
      bytes += next.value.length;
    }
    for await (const g of readRecordGroups(file.name, held, CSV_COLUMNS[file.kind])) yield validateRecords(file.kind, g.format, g.records, g.columns);
    return;
  }
  for await (const g of readRecordGroups(file.name, chunks, CSV_COLUMNS[file.kind])) yield validateRecords(file.kind, g.format, g.records, g.columns);
}

function toAsyncIterator(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterator<Uint8Array> | Iterator<Uint8Array> {
  return Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
}

/** The chunks held so far, then the rest of `it`. */
async function* resume(held: readonly Uint8Array[], it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* held;
  for (;;) {
    const next = await it.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Takes a group's rejections and accepted rows of `file` (the import's `index`-th) into `own`, the first of each
 * id into `seen`; returns how many rows were accepted.
 */
function takeGroup(file: InputFile, index: number, group: ValidatedGroup, own: FileRows, seen: FirstSeen, placeOf: (at: number) => string): number {
  for (const r of group.rejected) own.rejected.push({ file: file.name, line: r.line, field: r.field, reason: r.reason });
  const { lines, ids, accepted: rows } = group;
  const values = 'values' in rows ? rows.values : undefined;
  if (file.kind === 'collaborations') {
    for (let i = 0; i < lines.length; i++) {
      own.collabs.lines.push(lines[i] as number);
      own.collabs.values.push((values as readonly unknown[])[i] as Collaboration);
    }
    return lines.length;
  }
  const texts = 'texts' in rows ? rows.texts : undefined;
  const first = file.kind === 'organizations' ? seen.orgs : seen.progs;
  let accepted = 0;
  for (let i = 0; i < lines.length; i++) {
    const id = ids[i] as string;
    const line = lines[i] as number;
    const at = first.get(id);
    if (at !== undefined) {
      own.rejected.push({ file: file.name, line, field: 'id', reason: `duplicate id "${id}" (first at ${placeOf(at)})` });
      continue;
    }
    first.set(id, index * LINES + line);
    accepted++;
    if (file.kind === 'programmes') own.progs.push({ file: file.name, index, line, value: (values as readonly unknown[])[i] as Programme });
    else {
      own.orgs.push(texts !== undefined ? { id: id as OrgId, text: texts[i] as Uint8Array } : ((values as readonly unknown[])[i] as Organization));
      if (group.columns !== undefined) own.csvColumns.set(id, group.columns);
    }
  }
  return accepted;
}

/** Rows that arrived as parsed JSON: each must be an object; its position (1-based) is its "line". */
function rowRecords(rows: readonly unknown[]): RawRecord[] {
  return rows.map((v, i) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? { line: i + 1, value: v as Record<string, unknown> }
      : { line: i + 1, error: 'expected a JSON object' },
  );
}
