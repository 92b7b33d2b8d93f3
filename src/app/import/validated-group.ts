import type { RawRecord } from './read-records.js';
import { validateRow, type RecordKind } from './validate-row.js';

/**
 * A row that passed its schema: its line, its id ('' for a collaboration) and either its value or — organisations
 * read by the import workers — its JSON text (UTF-8), which parses to exactly the value.
 */
export type AcceptedRow =
  | { readonly line: number; readonly id: string; readonly value: unknown }
  | { readonly line: number; readonly id: string; readonly text: Uint8Array };

/** Some consecutive rows of a file after validation, whichever thread read them. */
export interface ValidatedGroup {
  readonly format: string;
  /** Rows read (accepted or not). */
  readonly rows: number;
  readonly rejected: readonly { readonly line: number; readonly field: string; readonly reason: string }[];
  readonly accepted: readonly AcceptedRow[];
}

/** Validates records read on the main thread (the small-file path; the workers do the same in `parsePiece`). */
export function validateRecords(kind: RecordKind, format: string, records: readonly RawRecord[]): ValidatedGroup {
  const rejected: { line: number; field: string; reason: string }[] = [];
  const accepted: AcceptedRow[] = [];
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
    accepted.push({ line: rec.line, id: kind === 'collaborations' ? '' : (checked.value as { id: string }).id, value: checked.value });
  }
  return { format, rows: records.length, rejected, accepted };
}
