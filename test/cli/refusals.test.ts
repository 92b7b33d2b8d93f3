/** What the CLI says when it refuses: the flag, the path or the field and why, once, never an internal error. */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { cli as runInProcess } from '../fixtures/cli.js';

const cli = (dataDir: string, ...argv: string[]) => runInProcess(dataDir, argv);

describe('file-system problems', () => {
  it('names a data directory that is a file, with the configuration exit status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-fs-'));
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await cli(file, 'stats');
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/cannot \w+ .*not-a-dir.*: a part of the path is not a directory \(ENOTDIR\)/);
    expect(r.err).not.toContain('internal error');
  });

  it('refuses an output path that is a directory and leaves no temporary file beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-fs-'));
    const data = join(dir, 'var');
    const ingest = await cli(data, 'ingest', '--organizations', 'data/sample/organizations.jsonl', '--collaborations', 'data/sample/collaborations.jsonl');
    expect(ingest.code).toBe(0);
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = await cli(data, 'export-matches', '--limit', '3', '--out', out, '--workers', '1');
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/out: it is a directory \(EISDIR\)/);
    expect(readdirSync(dir).sort()).toEqual(['out', 'var']);
  }, 60_000);
});

describe('flag values', () => {
  // a store to refuse them against (`--sectors` is checked against the sectors in use there)
  let data: string;
  beforeAll(async () => {
    data = join(mkdtempSync(join(tmpdir(), 'innomatch-flags-')), 'var');
    expect((await cli(data, 'ingest', '--organizations', 'data/sample/organizations.jsonl')).code).toBe(0);
  });
  const dir = () => data;

  it.each([
    [['orgs', 'list', '--limit', ''], '--limit: must be a whole number'],
    [['orgs', 'list', '--limit', 'abc'], '--limit: must be a whole number'],
    [['orgs', 'list', '--limit', '1e1'], '--limit: must be a whole number'],
    [['match', 'kt', '--limit', '0x5'], '--limit: must be a whole number'],
    [['orgs', 'list', '--types', 'bogus'], '--types: unknown type "bogus" (expected one of: large_company'],
    [['orgs', 'list', '--sectors', 'aii'], '--sectors: unknown sector "aii" (expected one of:'],
    [['orgs', 'list', '--region', ' '], '--region: must not be empty'],
    [['team', '--needs', ';;,'], '--needs: must name at least one need'],
  ])('refuses %j with a message naming the flag', async (argv, message) => {
    const r = await cli(dir(), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('refuses an empty --data-dir instead of using the current directory', async () => {
    let err = '';
    const code = await runCli(['--data-dir', '', 'stats'], { out: () => undefined, err: (t) => void (err += t) }, { PATH: process.env.PATH ?? '' });
    expect(code).toBe(78);
    expect(err).toContain('--data-dir: must not be empty');
  });
});

describe('error messages', () => {
  it('states a single problem once', async () => {
    const r = await cli(mkdtempSync(join(tmpdir(), 'innomatch-msg-')), 'keys', 'create', '--role', 'member');
    expect(r.code).toBe(2);
    expect(r.err.match(/a member key needs the organisation it acts for/g)).toHaveLength(1);
  });
});

describe('profile text on the terminal', () => {
  it('shows control characters of a name as U+FFFD, so an escape sequence in a file cannot drive the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-ctl-'));
    const file = join(dir, 'o.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'esc', name: { en: 'Evil\u001b[2J\u0000Co' }, type: 'sme', description: 'line one\nline two' })}\n`);
    expect((await cli(join(dir, 'var'), 'ingest', '--organizations', file)).code).toBe(0);
    const list = await cli(join(dir, 'var'), 'orgs', 'list');
    expect(list.out).toContain('Evil\ufffd[2J\ufffdCo');
    expect(list.out.includes('\u0000') || list.out.includes('\u001b')).toBe(false);
    const show = await cli(join(dir, 'var'), 'orgs', 'show', 'esc');
    expect(show.out).toContain('Evil\ufffd[2J\ufffdCo');
    expect(show.out).toContain('line one\nline two');
  });
});
