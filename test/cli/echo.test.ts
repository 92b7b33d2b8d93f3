/**
 * What the user typed, echoed back in human output, goes through `printable` as profile text does: a BEL or an ESC
 * starting a terminal escape sequence is shown as U+FFFD and never reaches the terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli.js';

const NASTY = 'AI\u0001\u0007\u001b[31m 반도체';
const SHOWN = 'AI\ufffd\ufffd\ufffd[31m 반도체';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let data: string;
beforeAll(async () => {
  data = join(mkdtempSync(join(tmpdir(), 'innomatch-echo-')), 'var');
  const r = await cli(data, ['ingest', '--organizations', 'data/sample/organizations.jsonl']);
  if (r.code !== 0) throw new Error(`test: ingest failed: ${r.err}`);
});

describe('echoes of user input', () => {
  it('search shows the query in its header without control characters', async () => {
    const r = await cli(data, ['search', NASTY]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Search: "${SHOWN}"`);
    expect(r.out).not.toMatch(CONTROL);
  });

  it('search with no hit says so without control characters', async () => {
    const r = await cli(data, ['search', 'zzqx\u001b[2J']);
    expect(r.out).toContain('"zzqx\ufffd[2J": no organisation matches.');
    expect(r.out).not.toMatch(CONTROL);
  });

  it('team --needs shows the needs without control characters', async () => {
    const r = await cli(data, ['team', '--needs', `${NASTY}; 5G 스마트공장`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(SHOWN);
    expect(r.out).not.toMatch(CONTROL);
  });

  it('an error message quoting a flag value shows it without control characters', async () => {
    const r = await cli(data, ['orgs', 'list', '--sectors', 'x\u001b[31m']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--sectors: unknown sector "x\ufffd[31m"');
    expect(r.err).not.toMatch(CONTROL);
  });

  it('a rejected row is quoted without control characters', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'innomatch-echo-')), 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'x', name: { en: 'X' }, type: 'mega\u001b[2Jcorp' })}\n`);
    const r = await cli(join(file, '..', 'var'), ['ingest', '--organizations', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('mega\ufffd[2Jcorp');
    expect(r.err).not.toMatch(CONTROL);
  });

  it('a mistyped option is quoted without control characters', async () => {
    const r = await cli(data, ['stats', '--js\u001bon']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--js\ufffdon');
    expect(r.err).not.toMatch(CONTROL);
  });
});
