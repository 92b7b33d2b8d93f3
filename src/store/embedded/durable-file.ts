import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isAppError } from '../../domain/index.js';

export interface DurableWriteOptions {
  /**
   * Permission bits of a file that does not exist yet (the umask still applies). Default 0o600, for what only this
   * program reads: the store's segments and snapshot, mail in the outbox. Files for people and other programs (an
   * export, a model) pass 0o666, which gives the usual 0644 or 0664. A file that is replaced keeps its own mode.
   */
  readonly newFileMode?: number;
}

/**
 * Writes `chunks` to `path` so that a crash leaves either the old file or the whole new one, never a half-written
 * file: write to a temporary sibling, fsync it, rename it over the target, then fsync the directory so the
 * rename itself survives a power cut. The replaced file's mode (and, where allowed, owner) carries over.
 *
 * What `path` names is respected: a symbolic link stays a link, and the file it points to is the one replaced (the
 * temporary file is made beside that file, so the rename stays within its directory); something that is not a
 * regular file (a FIFO, a character device such as /dev/null or a terminal) cannot be replaced and is written into
 * directly, without fsync. Every failure names `path` as given (`cannot write <path>: …`), whichever file the
 * system call was about.
 */
export async function writeFileDurably(path: string, chunks: Iterable<string | Uint8Array>, options: DurableWriteOptions = {}): Promise<void> {
  try {
    const target = await targetOf(path);
    if (target.special) await writeInto(path, chunks);
    else await replaceFile(target.path, target.stats, chunks, options.newFileMode ?? 0o600);
  } catch (e) {
    throw atPath(e, path, 'write');
  }
}

/**
 * An errno error (which, from a call on a file handle such as `read` or `write`, names no file) with `path` and
 * `syscall` set, so that the edge can say which file failed and how (`cannot read var/model.json: …`).
 */
export function atPath(e: unknown, path: string, syscall: string): unknown {
  if (!(e instanceof Error) || isAppError(e) || typeof (e as NodeJS.ErrnoException).code !== 'string') return e;
  const { code, message } = e as NodeJS.ErrnoException;
  return Object.assign(new Error(`cannot ${syscall} ${path}: ${message}`), { code, syscall, path });
}

/** The file to replace (symbolic links followed, also a dangling one), or `special` for one written into. */
async function targetOf(path: string): Promise<{ path: string; stats?: Stats; special: boolean }> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return { path: await danglingTarget(path), special: false };
  }
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path} is a directory`), { code: 'EISDIR' });
  if (!stats.isFile()) return { path, special: true };
  return { path: await realpath(path), stats, special: false };
}

/** Where a path that does not resolve leads: itself, or the end of its chain of symbolic links. */
async function danglingTarget(path: string): Promise<string> {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    const l = await lstat(p).catch(() => undefined);
    if (l === undefined || !l.isSymbolicLink()) return p;
    p = resolve(dirname(p), await readlink(p));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links at ${path}`), { code: 'ELOOP' });
}

async function replaceFile(path: string, old: Stats | undefined, chunks: Iterable<string | Uint8Array>, newFileMode: number): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const fh = await open(tmp, 'wx', newFileMode);
  try {
    if (old !== undefined) await keepOwnerAndMode(fh, old);
    await writeChunks(fh, chunks);
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
    // the temporary file must not stay behind
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** The mode always; the owner and group when they differ and this process may set them (as root), else not. */
async function keepOwnerAndMode(fh: FileHandle, old: Stats): Promise<void> {
  if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) await fh.chown(old.uid, old.gid).catch(() => undefined);
  await fh.chmod(old.mode & 0o7777);
}

/** A FIFO or a device: opened for writing as it is (never created, never truncated, never synced). */
async function writeInto(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const fh = await open(path, constants.O_WRONLY);
  try {
    await writeChunks(fh, chunks);
  } finally {
    await fh.close();
  }
}

/**
 * Strings are encoded (bytes copied) straight into one reusable buffer (no joined intermediate string, no per-line
 * Buffer) and written in large pieces; a chunk longer than the buffer is written on its own.
 */
async function writeChunks(fh: FileHandle, chunks: Iterable<string | Uint8Array>): Promise<void> {
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
