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
  /** Signs unsubscribe links (HMAC-SHA256). Unset on the embedded setup: a random one kept in the data directory. */
  INNOMATCH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
  /** Where the web page and the API are reached from outside; links in e-mails point here. */
  INNOMATCH_PUBLIC_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://innomatch.example.kr' }).optional(),
  ),
  /** Sender of the weekly digest, e.g. `innomatch <digest@example.kr>`. */
  INNOMATCH_MAIL_FROM: optionalString,
  /** Outgoing mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start). Unset: files in <data-dir>/outbox. */
  SMTP_URL: optionalString.refine((s) => s === undefined || isSmtpUrl(s), {
    message: 'must be a URL such as smtp://user:pass@host:587 or smtps://host:465',
  }),
  /**
   * Seconds between an API process's looks at the store's change marker, to rebuild its index after another
   * process's writes (0: never). Default 15 on Neo4j (several processes may share it), 0 on the embedded store (one
   * process holds its data directory).
   */
  INNOMATCH_REFRESH_SECONDS: optionalString.pipe(
    z.string().regex(/^[0-9]+$/, 'must be a whole number of seconds (0: never)').transform(Number).pipe(z.number().max(86_400, 'must be at most 86400')).optional(),
  ),
});

function isSmtpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Mail settings of the weekly digest (`smtpUrl` unset: the file outbox). */
export interface MailConfig {
  readonly smtpUrl?: string;
  readonly from: string;
  /** Without a trailing slash. */
  readonly publicUrl: string;
}

export interface StoreConfig {
  readonly kind: 'embedded' | 'neo4j';
  readonly dataDir: string;
  readonly neo4j?: { readonly uri: string; readonly user?: string; readonly password?: string; readonly database?: string };
}

export interface Config {
  readonly store: StoreConfig;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  readonly mail: MailConfig;
  /** INNOMATCH_SECRET when set; see `resolveDigestSecret` for the embedded default. */
  readonly secret?: string;
  /** INNOMATCH_REFRESH_SECONDS when set (the default depends on the store, see `EnvSchema`). */
  readonly refreshSeconds?: number;
}

/** Reads the configuration from `env`, with `--data-dir` (when given) overriding INNOMATCH_DATA_DIR. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: { dataDir?: string } = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw appError('CONFIG_INVALID', { detail: `invalid environment: ${detail}` });
  }
  const e = parsed.data;
  if (overrides.dataDir?.trim() === '') throw appError('CONFIG_INVALID', { detail: '--data-dir: must not be empty' });
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
  const mail: MailConfig = {
    ...(e.SMTP_URL !== undefined ? { smtpUrl: e.SMTP_URL } : {}),
    from: e.INNOMATCH_MAIL_FROM ?? 'innomatch <digest@innomatch.local>',
    publicUrl: (e.INNOMATCH_PUBLIC_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
  };
  return {
    store,
    logLevel: e.LOG_LEVEL,
    mail,
    ...(e.INNOMATCH_SECRET !== undefined ? { secret: e.INNOMATCH_SECRET } : {}),
    ...(e.INNOMATCH_REFRESH_SECONDS !== undefined ? { refreshSeconds: e.INNOMATCH_REFRESH_SECONDS } : {}),
  };
}
