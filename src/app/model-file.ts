import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { appError } from '../domain/index.js';
import { DEFAULT_MODEL, FEATURE_NAMES, type Model } from '../match/index.js';
import { atPath } from '../store/embedded/durable-file.js';

/**
 * A trained model on disk: the learned weights, bias and link, plus how it was trained. Everything else (feature
 * parameters, type-prior table) is the engine's defaults of the version that trained it.
 */
export const ModelFileSchema = z.strictObject({
  format: z.literal(1),
  version: z.string().min(1).max(100),
  trainedAt: z.iso.datetime(),
  weights: z.strictObject(Object.fromEntries(FEATURE_NAMES.map((n) => [n, z.number().finite()])) as Record<(typeof FEATURE_NAMES)[number], z.ZodNumber>),
  bias: z.number().finite(),
  link: z.enum(['identity', 'logistic']),
  reciprocal: z.enum(['harmonic', 'geometric']),
  training: z.record(z.string(), z.unknown()).default({}),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export function modelFromFile(file: ModelFile): Model {
  return { ...DEFAULT_MODEL, version: file.version, weights: file.weights, bias: file.bias, link: file.link, reciprocal: file.reciprocal };
}

/** Reads and validates a model file; undefined when there is none. A broken file is an error, never ignored. */
export async function readModelFile(path: string): Promise<Model | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw atPath(e, path, 'read'); // a directory fails at the read, whose error names no file

  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw appError('CONFIG_INVALID', { detail: `${path}: not JSON (${(e as Error).message})` });
  }
  const parsed = ModelFileSchema.safeParse(json);
  if (!parsed.success) {
    throw appError('CONFIG_INVALID', {
      detail: `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    });
  }
  return modelFromFile(parsed.data);
}
