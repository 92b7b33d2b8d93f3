/**
 * A data directory that holds no store: the commands that work on a store refuse it (a mistyped --data-dir or
 * INNOMATCH_DATA_DIR would otherwise look like an empty network) and create nothing there; the commands that load
 * data create it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { cli } from '../fixtures/cli.js';

const missing = () => join(mkdtempSync(join(tmpdir(), 'innomatch-dd-')), 'typo');

describe('a data directory without a store', () => {
  it.each([
    ['match', ['match', 'kt']],
    ['search', ['search', 'AI']],
    ['team', ['team', 'kt']],
    ['orgs list', ['orgs', 'list']],
    ['orgs show', ['orgs', 'show', 'kt']],
    ['stats', ['stats']],
    ['export-matches', ['export-matches', '--out', join(tmpdir(), 'innomatch-never.jsonl')]],
    ['digest', ['digest', '--dry-run']],
    ['train', ['train']],
    ['serve', ['serve', '--port', '0']],
  ])('%s refuses it, exit 78, and creates nothing there', async (_, argv) => {
    const data = missing();
    const r = await cli(data, argv);
    expect(r.err).toContain(`no innomatch store in ${data} (run \`innomatch ingest\` first`);
    expect(r.code).toBe(78);
    expect(existsSync(data)).toBe(false);
  });

  it('is refused when it comes from INNOMATCH_DATA_DIR too', async () => {
    const data = missing();
    let err = '';
    const code = await runCli(['search', 'AI'], { out: () => undefined, err: (t) => void (err += t) }, { PATH: process.env.PATH ?? '', INNOMATCH_DATA_DIR: data });
    expect(code).toBe(78);
    expect(err).toContain(`no innomatch store in ${data}`);
    expect(existsSync(data)).toBe(false);
  });

  it('is created by ingest, and by keys create (an admin key may come before the first import through the API)', async () => {
    const data = missing();
    expect((await cli(data, ['ingest', '--organizations', 'data/sample/organizations.jsonl'])).code).toBe(0);
    expect((await cli(data, ['stats'])).code).toBe(0);
    const other = missing();
    expect((await cli(other, ['keys', 'create', '--role', 'admin'])).code).toBe(0);
    expect((await cli(other, ['stats', '--json'])).code).toBe(0);
  });
});
