import { z } from 'zod';
import type { Config } from '../config.js';
import { appError } from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import type { Io } from './output.js';

/** What every command registration gets: where to print, the environment, and a way to run with the store. */
export interface CliContext {
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  /** The parsed configuration (environment plus global flags such as --data-dir). */
  config(): Config;
  /**
   * Opens the configured store, runs `f`, closes the store, and sets the exit status to what `f` returned. A data
   * directory without a store is refused, unless `create` (the commands that load data: ingest, keys create).
   */
  withStore(f: (store: GraphStore, config: Config) => Promise<number>, options?: { readonly create?: boolean }): Promise<void>;
  /** Sets the exit status directly (commands that do not need the store). */
  setExit(code: number): void;
}

/** Parses a flag's value with a schema; a bad value is a clear error naming the flag. */
export function parseFlag<S extends z.ZodType>(flag: string, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<S>;
  const detail = r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw appError('VALIDATION_FAILED', { detail: `${flag}: ${detail}` });
}

/** Commander collector for repeatable, comma-separated list flags (`--types a,b --types c`). */
export const collectList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').map((s) => s.trim()).filter((s) => s !== ''),
];

/**
 * A whole-number flag: decimal digits only, then `bounds` (z.coerce.number would take '' as 0, and '1e1' or
 * '0x5' as numbers, and say "received NaN" of a word).
 */
export const wholeNumber = (bounds: z.ZodNumber) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(bounds);

/**
 * A decimal flag (`0.2`, `.5`, `1`): digits with at most one point, then `bounds`; `message` (say the range and give
 * an example) is what a word, an empty value or one out of bounds gets, instead of "expected number, received NaN".
 */
export const decimalNumber = (bounds: z.ZodNumber, message: string) =>
  z
    .string()
    .trim()
    .regex(/^([0-9]+\.?[0-9]*|\.[0-9]+)$/, message)
    .transform(Number)
    .pipe(bounds);

export const LimitSchema = wholeNumber(z.number().min(1, 'must be between 1 and 100000').max(100_000, 'must be between 1 and 100000'));
