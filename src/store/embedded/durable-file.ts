import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes `chunks` to `path` so that a crash leaves either the old file or the whole new one, never a half-written
 * file: write to a temporary sibling, fsync it, rename it over the target, then fsync the directory so the
 * rename itself survives a power cut.
 */
export async function writeFileDurably(path: string, chunks: Iterable<string>): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    let buffered: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      buffered.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) {
        await fh.write(buffered.join(''));
        buffered = [];
        size = 0;
      }
    }
    if (buffered.length > 0) await fh.write(buffered.join(''));
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, path);
  await syncDirectory(dir);
}

export async function syncDirectory(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

/** Removes temporary files left by a crash in the middle of {@link writeFileDurably}. */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.tmp-')) await rm(join(dir, name), { force: true });
  }
}
