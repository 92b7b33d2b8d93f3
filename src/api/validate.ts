import type { z } from 'zod';
import { appError, type FieldIssue } from '../domain/index.js';

export type InputLocation = 'path' | 'query' | 'body';

/**
 * Parses one part of a request with its schema, or throws `VALIDATION_FAILED` naming every failing field as
 * `location.dotted.path` (an unknown field is named itself, not its parent object).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: FieldIssue[] = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: dotted(location, [...i.path, k]), message: 'unknown field' }))
      : [{ path: dotted(location, i.path), message: i.message }],
  );
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  throw appError('VALIDATION_FAILED', { detail: `${shown.join('; ')}${more}` }, issues);
}

function dotted(location: InputLocation, path: readonly PropertyKey[]): string {
  return [location, ...path.map(String)].join('.');
}
