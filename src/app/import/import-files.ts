import type { z } from 'zod';
import {
  CollaborationSchema,
  OrganizationSchema,
  ProgrammeSchema,
  type Collaboration,
  type Organization,
  type OrgId,
  type Programme,
} from '../../domain/index.js';
import type { BatchResult, GraphStore } from '../../store/graph-store.js';
import { FileProblem, readRecordGroups, type CsvColumns, type RawRecord } from './read-records.js';

export type RecordKind = 'organizations' | 'collaborations' | 'programmes';

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

export interface ImportReport {
  readonly files: readonly { name: string; kind: RecordKind; format: string; rows: number; accepted: number }[];
  readonly rejected: readonly Rejection[];
  /** What the store changed; undefined when nothing landed (`strict` with rejections, or nothing valid). */
  readonly applied?: BatchResult;
  readonly landed: boolean;
}

export interface ImportOptions {
  /** Refuse the whole import when any row is rejected. */
  readonly strict?: boolean;
}

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

interface Accepted<T> {
  readonly file: string;
  readonly line: number;
  readonly value: T;
}

/**
 * Validates every row of every file and applies the valid ones to the store as one batch (all or nothing).
 * A bad row is rejected with its place and reason and the rest land, unless `strict`. Duplicate ids within the
 * import and references to organisations that are neither in the import nor stored are rejected rows too.
 */
export async function importFiles(store: GraphStore, files: readonly InputFile[], options: ImportOptions = {}): Promise<ImportReport> {
  const rejected: Rejection[] = [];
  const fileReports: { name: string; kind: RecordKind; format: string; rows: number; accepted: number }[] = [];
  const orgs: Accepted<Organization>[] = [];
  const collabs: Accepted<Collaboration>[] = [];
  const progs: Accepted<Programme>[] = [];
  const firstSeen = new Map<string, string>();

  for (const file of files) {
    // A file's rows join the import only once the whole file has been read: a file refused half-way (a NUL byte
    // or invalid UTF-8 in a later chunk) contributes nothing but its own rejection.
    const own: FileRows = { rejected: [], orgs: [], collabs: [], progs: [], seen: new Map() };
    let format = '?';
    let rows = 0;
    let accepted = 0;
    try {
      for await (const group of recordGroups(file)) {
        format = group.format;
        rows += group.records.length;
        for (const rec of group.records) if (takeRecord(file, rec, own, firstSeen)) accepted++;
      }
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      rejected.push({ file: file.name, line: 0, field: '', reason: e.message });
      fileReports.push({ name: file.name, kind: file.kind, format: '?', rows: 0, accepted: 0 });
      continue;
    }
    for (const r of own.rejected) rejected.push(r);
    for (const o of own.orgs) orgs.push(o);
    for (const c of own.collabs) collabs.push(c);
    for (const p of own.progs) progs.push(p);
    for (const [k, v] of own.seen) firstSeen.set(k, v);
    fileReports.push({ name: file.name, kind: file.kind, format, rows, accepted });
  }

  // References: every organisation named by a collaboration or programme must be imported now or stored.
  const importing = new Set<OrgId>();
  for (const o of orgs) importing.add(o.value.id);
  const elsewhere = new Set<OrgId>();
  const note = (id: OrgId) => {
    if (!importing.has(id)) elsewhere.add(id);
  };
  for (const c of collabs) {
    note(c.value.a);
    note(c.value.b);
  }
  for (const p of progs) for (const id of p.value.participants) note(id);
  const stored = await store.existingIds([...elsewhere]);
  const exists = (id: OrgId) => importing.has(id) || stored.has(id);
  const validCollabs = collabs.filter((c) => {
    const missing = (['a', 'b'] as const).find((k) => !exists(c.value[k]));
    if (missing === undefined) return true;
    rejected.push({ file: c.file, line: c.line, field: missing, reason: `unknown organization "${c.value[missing]}"` });
    return false;
  });
  const validProgs = progs.filter((p) => {
    const i = p.value.participants.findIndex((id) => !exists(id));
    if (i < 0) return true;
    rejected.push({ file: p.file, line: p.line, field: `participants.${i}`, reason: `unknown organization "${p.value.participants[i]}"` });
    return false;
  });

  rejected.sort((x, y) => (x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1));
  const nothing = orgs.length + validCollabs.length + validProgs.length === 0;
  if ((options.strict === true && rejected.length > 0) || nothing) {
    return { files: fileReports, rejected, landed: false };
  }
  const applied = await store.applyBatch({
    organizations: orgs.map((o) => o.value),
    collaborations: validCollabs.map((c) => c.value),
    programmes: validProgs.map((p) => p.value),
  });
  return { files: fileReports, rejected, applied, landed: true };
}

/** What one file contributes, held apart until the file has been read to its end. */
interface FileRows {
  readonly rejected: Rejection[];
  readonly orgs: Accepted<Organization>[];
  readonly collabs: Accepted<Collaboration>[];
  readonly progs: Accepted<Programme>[];
  /** Ids first seen in this file (`org:<id>` / `programme:<id>` → `file:line`). */
  readonly seen: Map<string, string>;
}

function recordGroups(file: InputFile): AsyncIterable<{ format: string; records: readonly RawRecord[] }> | Iterable<{ format: string; records: readonly RawRecord[] }> {
  if ('rows' in file) return [rowRecords(file.rows)];
  return readRecordGroups(file.name, 'bytes' in file ? [file.bytes] : file.chunks, CSV_COLUMNS[file.kind]);
}

/** Validates one record of `file` into `own`; false when it was rejected. */
function takeRecord(file: InputFile, rec: RawRecord, own: FileRows, firstSeen: ReadonlyMap<string, string>): boolean {
  if ('error' in rec) {
    own.rejected.push({ file: file.name, line: rec.line, field: '', reason: rec.error });
    return false;
  }
  switch (file.kind) {
    case 'organizations':
      return take(OrganizationSchema, rec.value, file.name, rec.line, own.rejected, own.orgs, orgIdentity, firstSeen, own.seen);
    case 'collaborations':
      return take(CollaborationSchema, rec.value, file.name, rec.line, own.rejected, own.collabs, undefined, firstSeen, own.seen);
    case 'programmes':
      return take(ProgrammeSchema, rec.value, file.name, rec.line, own.rejected, own.progs, programmeIdentity, firstSeen, own.seen);
  }
}

const orgIdentity = (o: Organization): string => `org:${o.id}`;
const programmeIdentity = (p: Programme): string => `programme:${p.id}`;

/** Rows that arrived as parsed JSON: each must be an object; its position (1-based) is its "line". */
function rowRecords(rows: readonly unknown[]): { format: 'json'; records: RawRecord[] } {
  return {
    format: 'json',
    records: rows.map((v, i) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? { line: i + 1, value: v as Record<string, unknown> }
        : { line: i + 1, error: 'expected a JSON object' },
    ),
  };
}

function take<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  file: string,
  line: number,
  rejected: Rejection[],
  into: Accepted<z.infer<S>>[],
  identity: ((v: z.infer<S>) => string) | undefined,
  firstSeen: ReadonlyMap<string, string>,
  seenHere: Map<string, string>,
): boolean {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      rejected.push({ file, line, field: issue.path.map(String).join('.'), reason: describeIssue(issue, raw) });
    }
    return false;
  }
  const value = parsed.data as z.infer<S>;
  if (identity !== undefined) {
    const key = identity(value);
    const first = firstSeen.get(key) ?? seenHere.get(key);
    if (first !== undefined) {
      rejected.push({ file, line, field: 'id', reason: `duplicate id "${key.slice(key.indexOf(':') + 1)}" (first at ${first})` });
      return false;
    }
    seenHere.set(key, `${file}:${line}`);
  }
  into.push({ file, line, value });
  return true;
}

/** zod's message plus the offending value where that helps (e.g. an unknown type slug). */
function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  let v: unknown = raw;
  for (const p of issue.path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  if (issue.code === 'invalid_value' && typeof v === 'string') return `${issue.message} (got "${v.slice(0, 60)}")`;
  if (issue.path.length > 0 && v === undefined) return 'is required';
  return issue.message;
}
