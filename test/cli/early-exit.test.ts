/**
 * How a CLI process ends early, as its own process: a reader that goes away (`| head`) ends it quietly; Ctrl-C or
 * SIGTERM first removes what it made (eval's scratch store), then exits 130 or 143.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DATA_DIR } from '../../src/root.js';
import { writeBench } from '../eval/helpers.js';
import { cli } from '../fixtures/cli.js';
import { startCli } from '../fixtures/cli-process.js';

const SAMPLE = join(PACKAGE_DATA_DIR, 'sample');
let data: string;

beforeAll(async () => {
  data = join(mkdtempSync(join(tmpdir(), 'innomatch-exit-')), 'var');
  const files = ['organizations', 'collaborations', 'programmes'].flatMap((f) => [`--${f}`, join(SAMPLE, `${f}.jsonl`)]);
  const r = await cli(data, ['ingest', ...files]);
  if (r.code !== 0) throw new Error(`test: ingesting the sample failed: ${r.err}`);
}, 60_000);

async function ended(child: ReturnType<typeof startCli>): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => void (err += t));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  return { code, signal, err };
}

describe('a reader that stops reading', () => {
  it.each([
    ['match --json', ['match', 'kt', '--limit', '50', '--json']],
    ['search', ['search', 'AI']],
    ['orgs list', ['orgs', 'list']],
    ['export-matches --out -', ['export-matches', '--out', '-', '--limit', '5', '--workers', '1']],
  ])('%s stops quietly with status 0', async (_, argv) => {
    const child = startCli(['--data-dir', data, ...argv]);
    child.stdout!.destroy(); // as `| head -n 1` does once it has its line: every write meets a closed pipe
    const r = await ended(child);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('leaves the data directory unlocked', async () => {
    const child = startCli(['--data-dir', data, 'match', 'kt', '--json']);
    child.stdout!.destroy();
    await ended(child);
    expect(existsSync(join(data, 'graph', 'lock'))).toBe(false);
  }, 60_000);
});

describe('a signal during eval', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s removes the scratch store, then exits %i', async (signal, status) => {
    const b = writeBench();
    const tmp = mkdtempSync(join(tmpdir(), 'innomatch-tmp-'));
    const child = startCli(['eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', '100000'], { TMPDIR: tmp });
    const done = ended(child);
    // wait until the scratch store exists, then interrupt
    const scratch = () => readdirSync(tmp).filter((n) => n.startsWith('innomatch-scratch-'));
    while (scratch().length === 0) await sleep(5);
    child.kill(signal);
    const r = await done;
    expect(r.err).toBe('');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: status, signal: null });
    expect(scratch()).toEqual([]);
  }, 60_000);
});

describe('a signal to serve', () => {
  it('stops it gracefully (status 0, store unlocked) even when it comes the moment the server says it listens', async () => {
    const child = startCli(['--data-dir', data, 'serve', '--port', '0'], { LOG_LEVEL: 'info' });
    const done = ended(child);
    let out = '';
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (t: string) => {
        out += t;
        if (out.includes('listening')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const r = await done;
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(join(data, 'graph', 'lock'))).toBe(false);
  }, 60_000);
});
