/**
 * `writeFileDurably` on what an `--out` path may name: a new file, a file to replace, a symbolic link, a FIFO. Real
 * files in a temporary directory (no /dev/null: run as root, a regression would replace the device node).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../src/store/embedded/durable-file.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'innomatch-durable-'));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('writeFileDurably', () => {
  it('replaces a regular file and leaves no temporary file beside it', async () => {
    const dir = scratch();
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, 'old\n');
    await writeFileDurably(path, ['new\n']);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
  });

  it('keeps the mode of the file it replaces', async () => {
    const path = join(scratch(), 'shared.jsonl');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o664);
    await writeFileDurably(path, ['new\n']);
    expect(modeOf(path)).toBe(0o664);
  });

  it('gives a new file 0600 by default, and 0666 less the umask when asked for a file for people', async () => {
    const dir = scratch();
    await writeFileDurably(join(dir, 'private'), ['x']);
    expect(modeOf(join(dir, 'private'))).toBe(0o600);
    await writeFileDurably(join(dir, 'export.jsonl'), ['x'], { newFileMode: 0o666 });
    const umask = process.umask();
    expect(modeOf(join(dir, 'export.jsonl'))).toBe(0o666 & ~umask);
  });

  it('keeps a symbolic link and writes the file it points to, durably beside that file', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'matches.jsonl');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.jsonl');
    symlinkSync('real/matches.jsonl', link);
    await writeFileDurably(link, ['new\n']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/matches.jsonl');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['link.jsonl', 'real']);
    expect(readdirSync(join(dir, 'real'))).toEqual(['matches.jsonl']);
  });

  it('creates the file a dangling symbolic link points to, and keeps the link', async () => {
    const dir = scratch();
    const link = join(dir, 'link.jsonl');
    symlinkSync('later.jsonl', link);
    await writeFileDurably(link, ['new\n']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'later.jsonl'), 'utf8')).toBe('new\n');
  });

  it('writes into a FIFO instead of replacing it', async () => {
    const dir = scratch();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8'); // the reader, waiting for a writer
    await writeFileDurably(fifo, ['one\n', 'two\n']);
    expect(await read).toBe('one\ntwo\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  }, 10_000);

  it('names the path it was given when the target is a directory', async () => {
    const dir = scratch();
    await expect(writeFileDurably(dir, ['x'])).rejects.toMatchObject({ code: 'EISDIR', path: dir });
  });
});
