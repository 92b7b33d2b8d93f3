/**
 * The secret that signs unsubscribe links. Production sets INNOMATCH_SECRET (every API and job process must share
 * it). On the embedded setup, when it is unset, a random 256-bit secret is created once in `<data-dir>/secret`
 * (mode 0600) and reused by every later process on that directory, so the CLI job and the API agree without any
 * configuration. With Neo4j there is no shared directory, so the variable is required.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { appError } from '../domain/index.js';
import { syncDirectory } from '../store/embedded/durable-file.js';

const SECRET_FILE = 'secret';
const GENERATED = /^[0-9a-f]{64}$/;

export async function resolveDigestSecret(config: Pick<Config, 'secret' | 'store'>): Promise<string> {
  if (config.secret !== undefined) return config.secret;
  if (config.store.kind !== 'embedded') {
    throw appError('CONFIG_INVALID', {
      detail: 'INNOMATCH_SECRET must be set when NEO4J_URI is (every process signs and checks unsubscribe links with it)',
    });
  }
  const path = join(config.store.dataDir, SECRET_FILE);
  const existing = (await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  })).trim();
  if (GENERATED.test(existing)) return existing;
  if (existing !== '') {
    throw appError('CONFIG_INVALID', { detail: `${path} does not hold a generated secret; set INNOMATCH_SECRET or remove the file` });
  }
  await createOnce(config.store.dataDir, path, randomBytes(32).toString('hex'));
  return (await readFile(path, 'utf8')).trim();
}

/**
 * Writes `content` to `path` unless it exists: a synced temporary file hard-linked into place, so a crash never
 * leaves a half-written secret and, of two processes starting at once, the first link wins and both read it.
 */
async function createOnce(dir: string, path: string, content: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    await rm(tmp, { force: true });
  }
  await syncDirectory(dir);
}
