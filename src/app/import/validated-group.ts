import type { RawRecord } from './read-records.js';
import { validateRow, type RecordKind } from './validate-row.js';

/**
 * Some consecutive rows of a file after validation, whichever thread read them. The accepted rows are held column
 * by column (no object per row: an import of 400,000 rows keeps them all until its batch is written): their lines,
 * their ids and either their values or — organisations read in pieces — their JSON text (UTF-8), which parses to
 * exactly the value.
 */
export interface ValidatedGroup {
  readonly format: string;
  /** Rows read (accepted or not). */
  readonly rows: number;
  readonly rejected: readonly { readonly line: number; readonly field: string; readonly reason: string }[];
  /** The accepted rows' lines, in order… */
  readonly lines: ArrayLike<number>;
  /** …their ids (organisations and programmes; empty for collaborations)… */
  readonly ids: readonly string[];
  /** …and their values, or their texts. */
  readonly accepted: { readonly values: readonly unknown[] } | { readonly texts: readonly Uint8Array[] };
  /** A CSV file's columns: the fields its rows give (other fields of a stored organisation are kept). */
  readonly columns?: readonly string[];
}

/** Validates records read on the main thread (the small-file path; the workers do the same in `parsePiece`). */
export function validateRecords(kind: RecordKind, format: string, records: readonly RawRecord[], columns?: readonly string[]): ValidatedGroup {
  const rejected: { line: number; field: string; reason: string }[] = [];
  const lines: number[] = [];
  const ids: string[] = [];
  const values: unknown[] = [];
  for (const rec of records) {
    if ('error' in rec) {
      rejected.push({ line: rec.line, field: '', reason: rec.error });
      continue;
    }
    const checked = validateRow(kind, rec.value);
    if (!checked.ok) {
      for (const issue of checked.issues) rejected.push({ line: rec.line, ...issue });
      continue;
    }
    lines.push(rec.line);
    if (kind !== 'collaborations') ids.push((checked.value as { id: string }).id);
    values.push(checked.value);
  }
  return { format, rows: records.length, rejected, lines, ids, accepted: { values }, ...(columns !== undefined ? { columns } : {}) };
}
