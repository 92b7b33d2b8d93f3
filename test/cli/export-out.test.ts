/**
 * `innomatch export-matches --out …` on the sample network: what the path names is respected (standard output for
 * `-`, a FIFO written into, a symbolic link kept) and a replaced file keeps its permissions.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DATA_DIR } from '../../src/root.js';
import { cli } from '../fixtures/cli.js';
import { runCliProcess } from '../fixtures/cli-process.js';

const SAMPLE = join(PACKAGE_DATA_DIR, 'sample');
let dir: string;
let data: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'innomatch-out-'));
  data = join(dir, 'var');
  const files = ['organizations', 'collaborations', 'programmes'].flatMap((f) => [`--${f}`, join(SAMPLE, `${f}.jsonl`)]);
  const r = await cli(data, ['ingest', ...files]);
  if (r.code !== 0) throw new Error(`test: ingesting the sample failed: ${r.err}`);
}, 60_000);

const exportTo = (out: string) => cli(data, ['export-matches', '--limit', '1', '--workers', '1', '--out', out]);
const ids = (jsonl: string) => jsonl.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { id: string }).id);

describe('export-matches --out', () => {
  it('writes the lines to standard output for "-", and the summary to standard error', async () => {
    const r = await runCliProcess(['--data-dir', data, 'export-matches', '--limit', '1', '--workers', '1', '--out', '-']);
    expect(r.err).toContain('77 organisations × top 1 → -');
    expect(r.code).toBe(0);
    expect(ids(r.out)).toHaveLength(77);
    expect(readdirSync(process.cwd())).not.toContain('-');
  }, 60_000);

  it('writes into a FIFO and leaves it a FIFO', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'innomatch-out-')), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    const r = await exportTo(fifo);
    expect(r.code).toBe(0);
    expect(ids(await read)).toHaveLength(77);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);

  it('keeps a symbolic link and writes the file it points to', async () => {
    const here = mkdtempSync(join(tmpdir(), 'innomatch-out-'));
    writeFileSync(join(here, 'target.jsonl'), '');
    symlinkSync('target.jsonl', join(here, 'link.jsonl'));
    const r = await exportTo(join(here, 'link.jsonl'));
    expect(r.code).toBe(0);
    expect(lstatSync(join(here, 'link.jsonl')).isSymbolicLink()).toBe(true);
    expect(ids(readFileSync(join(here, 'target.jsonl'), 'utf8'))).toHaveLength(77);
  }, 60_000);

  it('keeps the permissions of a file it replaces (-rw-rw-r-- stays -rw-rw-r--), and gives a new one 0666 less the umask', async () => {
    const here = mkdtempSync(join(tmpdir(), 'innomatch-out-'));
    const shared = join(here, 'shared.jsonl');
    writeFileSync(shared, '');
    chmodSync(shared, 0o664);
    expect((await exportTo(shared)).code).toBe(0);
    expect(statSync(shared).mode & 0o777).toBe(0o664);
    expect((await exportTo(join(here, 'new.jsonl'))).code).toBe(0);
    expect(statSync(join(here, 'new.jsonl')).mode & 0o777).toBe(0o666 & ~process.umask());
  }, 60_000);
});
