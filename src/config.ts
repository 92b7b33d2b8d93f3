import { z } from 'zod';
import { appError } from './domain/index.js';

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

/** The environment, parsed once at start-up: a wrong value stops the process with a message naming it. */
export const EnvSchema = z.object({
  INNOMATCH_DATA_DIR: optionalString,
  NEO4J_URI: optionalString.pipe(
    z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a neo4j:// or bolt:// URI such as bolt://127.0.0.1:7687')
      .optional(),
  ),
  NEO4J_USER: optionalString,
  NEO4J_PASSWORD: optionalString,
  NEO4J_DATABASE: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface StoreConfig {
  readonly kind: 'embedded' | 'neo4j';
  readonly dataDir: string;
  readonly neo4j?: { readonly uri: string; readonly user?: string; readonly password?: string; readonly database?: string };
}

export interface Config {
  readonly store: StoreConfig;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

/** Reads the configuration from `env`, with `--data-dir` (when given) overriding INNOMATCH_DATA_DIR. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: { dataDir?: string } = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw appError('CONFIG_INVALID', { detail: `invalid environment: ${detail}` });
  }
  const e = parsed.data;
  const dataDir = overrides.dataDir ?? e.INNOMATCH_DATA_DIR ?? './var';
  const store: StoreConfig =
    e.NEO4J_URI !== undefined
      ? {
          kind: 'neo4j',
          dataDir,
          neo4j: {
            uri: e.NEO4J_URI,
            ...(e.NEO4J_USER !== undefined ? { user: e.NEO4J_USER } : {}),
            ...(e.NEO4J_PASSWORD !== undefined ? { password: e.NEO4J_PASSWORD } : {}),
            ...(e.NEO4J_DATABASE !== undefined ? { database: e.NEO4J_DATABASE } : {}),
          },
        }
      : { kind: 'embedded', dataDir };
  return { store, logLevel: e.LOG_LEVEL };
}
