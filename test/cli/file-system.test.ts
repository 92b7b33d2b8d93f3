/**
 * File-system failures whose errors name no file (a read or write on an open file: a directory where a file should
 * be, a full disk) end as the README promises: the path and the reason, exit status 78, no stack.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DATA_DIR } from '../../src/root.js';
import { cli } from '../fixtures/cli.js';

const SAMPLE = join(PACKAGE_DATA_DIR, 'sample');
const SAMPLE_FILES = ['organizations', 'collaborations', 'programmes'].flatMap((f) => [`--${f}`, join(SAMPLE, `${f}.jsonl`)]);

async function sampleStore(): Promise<string> {
  const data = join(mkdtempSync(join(tmpdir(), 'innomatch-fs-')), 'var');
  const r = await cli(data, ['ingest', ...SAMPLE_FILES]);
  if (r.code !== 0) throw new Error(`test: ingesting the sample failed: ${r.err}`);
  return data;
}

function expectFileSystemProblem(r: { code: number; err: string }, message: string): void {
  expect(r.err).toContain(message);
  expect(r.err).not.toContain('internal error');
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.code).toBe(78);
}

describe('a model file that is a directory', () => {
  let data: string;
  let model: string;
  beforeAll(async () => {
    data = await sampleStore();
    model = join(data, 'model.json');
    mkdirSync(model);
  }, 60_000);
  const message = () => `cannot read ${model}: it is a directory (EISDIR)`;

  it.each([
    ['match', ['match', 'daesun-brewery']],
    ['search', ['search', 'AI']],
    ['team', ['team', 'daesun-brewery']],
    ['digest --dry-run', ['digest', '--dry-run', '--workers', '1']],
    ['export-matches', ['export-matches', '--out', 'unused.jsonl', '--workers', '1']],
    ['serve', ['serve', '--port', '0']],
  ])('%s names it and why, exit 78', async (_, argv) => {
    expectFileSystemProblem(await cli(data, argv), message());
  }, 60_000);

  it('eval --model <a directory> names it and why, exit 78', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-fs-'));
    const r = await cli(join(dir, 'var'), ['eval', '--organizations', join(SAMPLE, 'organizations.jsonl'), '--train', join(SAMPLE, 'collaborations.jsonl'), '--test', join(SAMPLE, 'collaborations.jsonl'), '--model', dir]);
    expectFileSystemProblem(r, `cannot read ${dir}: it is a directory (EISDIR)`);
  });
});

/** A 1 MiB tmpfs, filled up: needs root (mount); skipped elsewhere. */
const FULL = join(tmpdir(), `innomatch-full-${process.pid}`);
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    mkdirSync(FULL, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', FULL], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!canMount)('a full disk', () => {
  let data: string;
  beforeAll(async () => {
    data = await sampleStore(); // on the ordinary disk; the full one holds what the tests point at it
    mkdirSync(join(FULL, 'var', 'graph'), { recursive: true });
    const fd = openSync(join(FULL, 'filler'), 'w');
    try {
      const block = Buffer.alloc(64 * 1024, 120);
      for (;;) writeSync(fd, block);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    } finally {
      closeSync(fd);
    }
  }, 60_000);
  afterAll(() => {
    execFileSync('umount', ['--lazy', FULL]); // lazy: a file a failed run left open must not keep it mounted
    rmSync(FULL, { recursive: true, force: true });
  });

  it('export-matches --out names the file and the reason, and leaves no temporary file', async () => {
    const out = join(FULL, 'matches.jsonl');
    expectFileSystemProblem(await cli(data, ['export-matches', '--limit', '5', '--workers', '1', '--out', out]), `cannot write ${out}: no space left on the device (ENOSPC)`);
    expect(readdirSync(FULL).sort()).toEqual(['filler', 'var']);
  }, 60_000);

  it('train names the model file and the reason, and leaves nothing behind on the full disk', async () => {
    const elsewhere = join(FULL, 'model.json');
    symlinkSync(elsewhere, join(data, 'model.json')); // the data directory is fine; the file the link points to is not
    try {
      const r = await cli(data, ['train', '--holdout', '0.4']);
      expectFileSystemProblem(r, `cannot write ${join(data, 'model.json')}: no space left on the device (ENOSPC)`);
      expect(readdirSync(FULL).sort()).toEqual(['filler', 'var']);
    } finally {
      rmSync(join(data, 'model.json'));
    }
  }, 60_000);

  it('opening a store names its lock file and the reason, and leaves no lock behind', async () => {
    const full = join(FULL, 'var');
    expectFileSystemProblem(await cli(full, ['stats']), `cannot write ${join(full, 'graph', 'lock')}: no space left on the device (ENOSPC)`);
    expect(readdirSync(join(full, 'graph'))).toEqual([]);
  });
});
