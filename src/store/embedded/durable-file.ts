import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes `chunks` to `path` so that a crash leaves either the old file or the whole new one, never a half-written
 * file: write to a temporary sibling, fsync it, rename it over the target, then fsync the directory so the
 * rename itself survives a power cut.
 */
export async function writeFileDurably(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    // Strings are encoded (bytes copied) straight into one reusable buffer (no joined intermediate string, no
    // per-line Buffer) and written in large pieces; a chunk longer than the buffer is written on its own.
    const buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    let used = 0;
    for (const chunk of chunks) {
      if (typeof chunk !== 'string') {
        if (used + chunk.length > buf.length) {
          if (used > 0) await writeAll(fh, buf, used);
          used = 0;
          if (chunk.length > buf.length) {
            await writeAll(fh, chunk, chunk.length);
            continue;
          }
        }
        buf.set(chunk, used);
        used += chunk.length;
        continue;
      }
      if (used + chunk.length * 3 > buf.length) {
        if (used > 0) await writeAll(fh, buf, used);
        used = 0;
        if (chunk.length * 3 > buf.length) {
          const big = Buffer.from(chunk, 'utf8');
          await writeAll(fh, big, big.length);
          continue;
        }
      }
      used += buf.write(chunk, used, 'utf8');
    }
    if (used > 0) await writeAll(fh, buf, used);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    // e.g. the target is a directory: the temporary file must not stay behind, nor appear in the error
    await rm(tmp, { force: true });
    const { code, message } = e as NodeJS.ErrnoException;
    throw Object.assign(new Error(`cannot replace ${path}: ${message}`), { code, syscall: 'write', path });
  }
  await syncDirectory(dir);
}

/** 4 MiB: large enough that the system call count is negligible, small enough to stay out of the way of the heap. */
const WRITE_BUFFER_BYTES = 4 * 2 ** 20;

/** `write` may write less than asked; loop until all `length` bytes of `buf` are written. */
async function writeAll(fh: FileHandle, buf: Uint8Array, length: number): Promise<void> {
  let off = 0;
  while (off < length) off += (await fh.write(buf, off, length - off)).bytesWritten;
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
