import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/output.js';

export const SAMPLE = join(import.meta.dirname, '../../../data/sample');

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process with exactly `env` (plus PATH), capturing what it prints. */
export async function cli(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await runCli(argv, io, { PATH: process.env.PATH ?? '', ...env });
  return { code, out, err };
}

/** A fresh data directory holding the sample network (data/sample), ingested through the CLI. */
export async function sampleDataDir(): Promise<string> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'innomatch-digest-e2e-')), 'var');
  const r = await cli(
    {},
    '--data-dir',
    dataDir,
    'ingest',
    '--organizations',
    join(SAMPLE, 'organizations.jsonl'),
    '--collaborations',
    join(SAMPLE, 'collaborations.jsonl'),
    '--programmes',
    join(SAMPLE, 'programmes.jsonl'),
  );
  if (r.code !== 0) throw new Error(`test: ingesting the sample failed: ${r.err}`);
  return dataDir;
}

