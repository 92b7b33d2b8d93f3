import type { z } from 'zod';
import { CollaborationSchema, OrganizationSchema, ProgrammeSchema } from '../../domain/index.js';

export type RecordKind = 'organizations' | 'collaborations' | 'programmes';

const SCHEMAS = { organizations: OrganizationSchema, collaborations: CollaborationSchema, programmes: ProgrammeSchema } as const;

/** What is wrong with a row: the dotted path of the field ('' for the row itself) and why. */
export interface RowIssue {
  readonly field: string;
  readonly reason: string;
}

/**
 * Validates one parsed row against its kind's zod schema (the single source of truth for what a row may hold):
 * the parsed value, or every issue as `field` and `reason`. The main thread and the import workers both call this,
 * so a row gets the same verdict and the same words wherever it was read.
 */
export function validateRow(kind: RecordKind, raw: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; issues: RowIssue[] } {
  const parsed = SCHEMAS[kind].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), reason: describeIssue(issue, raw) })) };
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

/**
 * Whether `raw` (a row as JSON.parse gave it) is already exactly `value` (what the schema made of it): the same
 * keys in the same order and the same leaves. Then the row's own JSON text is a faithful serialisation of the value
 * and can be stored as it is, instead of serialising the value again. A default filled in, a string trimmed or a
 * key moved makes them differ.
 */
export function isSameOrderedJson(raw: unknown, value: unknown): boolean {
  if (raw === value) return true;
  if (typeof raw !== 'object' || typeof value !== 'object' || raw === null || value === null) return false;
  if (Array.isArray(raw)) {
    if (!Array.isArray(value) || raw.length !== value.length) return false;
    for (let i = 0; i < raw.length; i++) if (!isSameOrderedJson(raw[i], value[i])) return false;
    return true;
  }
  if (Array.isArray(value)) return false;
  const a = raw as Record<string, unknown>;
  const b = value as Record<string, unknown>;
  const keys = Object.keys(b);
  let i = 0;
  for (const k in a) {
    if (keys[i] !== k || !isSameOrderedJson(a[k], b[k])) return false;
    i++;
  }
  return i === keys.length;
}
