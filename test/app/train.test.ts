import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainModel, type TrainData } from '../../src/app/train.js';
import { readModelFile } from '../../src/app/model-file.js';
import { CollaborationSchema, OrganizationSchema, asOrgId } from '../../src/domain/index.js';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import type { Analyzer } from '../../src/match/index.js';
import { createMatchService, loadAnalyzer } from '../../src/root.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { writeBench, type Bench } from '../eval/helpers.js';

const rows = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

let bench: Bench;
let data: TrainData;
let analyzer: Analyzer;

beforeAll(async () => {
  bench = writeBench();
  // train on everything known: the earlier projects plus the later ones (their evidence numbers are newer)
  data = {
    organizations: rows(bench.organizations).map((o) => OrganizationSchema.parse(o)),
    collaborations: [...rows(bench.train), ...rows(bench.test)].map((c) => CollaborationSchema.parse(c)),
  };
  analyzer = await loadAnalyzer();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await runCli(argv, io, { PATH: process.env.PATH ?? '' });
  return { code, out, err };
}

describe('training use case', () => {
  it('holds out the newest evidence groups, fits on new pairs only, and is deterministic whatever the input order', () => {
    const options = { holdout: 0.2, negatives: 3, seed: 7 };
    const a = trainModel(data, analyzer, options);
    expect(a.summary.groups).toEqual({ training: 10, heldOut: 3 }); // 13 projects: the three newest are held out
    expect(a.summary.positives).toBeGreaterThan(0);
    expect(a.summary.negatives).toBe(a.summary.positives * 3);
    expect(a.model.link).toBe('logistic');
    const shuffled = { organizations: [...data.organizations].reverse(), collaborations: [...data.collaborations].reverse() };
    expect(trainModel(shuffled, analyzer, options)).toEqual(a);
    expect(trainModel(data, analyzer, { ...options, seed: 8 }).model.version).not.toBe(a.model.version);
  });

  it('refuses a holdout outside (0, 1) and data without groups to hold out', () => {
    expect(() => trainModel(data, analyzer, { holdout: 1, negatives: 5, seed: 1 })).toThrow(/holdout/);
    const one = { ...data, collaborations: data.collaborations.filter((c) => c.evidence === 'EU:100(radar-A)') };
    expect(() => trainModel(one, analyzer, { holdout: 0.5, negatives: 5, seed: 1 })).toThrow(/two evidence groups/);
  });

  it('innomatch train writes a versioned model.json that the match service then serves', async () => {
    const dir = join(bench.dir, 'var');
    expect((await cli('--data-dir', dir, 'ingest', '--organizations', bench.organizations, '--collaborations', bench.train, bench.test)).code).toBe(0);
    const r = await cli('--data-dir', dir, 'train', '--holdout', '0.2', '--negatives', '3', '--seed', '7', '--min-positives', '5', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { path: string; version: string; weights: Record<string, number> };
    expect(summary.path).toBe(join(dir, 'model.json'));
    const file = JSON.parse(readFileSync(summary.path, 'utf8')) as { format: number; version: string; trainedAt: string };
    expect(file.format).toBe(1);
    expect(file.version).toBe(summary.version);
    expect((await readModelFile(summary.path))?.weights).toEqual(summary.weights);
    const store = await EmbeddedStore.open({ dataDir: dir });
    try {
      const service = await createMatchService(store, dir);
      const result = await service.matchesFor(asOrgId('radar-1'), { limit: 3, includeExisting: false });
      expect(result.modelVersion).toBe(summary.version);
    } finally {
      await store.close();
    }
    const text = await cli('--data-dir', dir, 'train', '--holdout', '0.2', '--negatives', '3', '--seed', '7', '--min-positives', '5');
    expect(text.out).toContain(`model ${summary.version} written to`);
    expect(text.out).toMatch(/ppr\s+-?\d+\.\d{4}/);
  });

  it('refuses to replace the model with a fit on fewer positive pairs than --min-positives (default 30), naming the count', async () => {
    const dir = join(bench.dir, 'var-min');
    expect((await cli('--data-dir', dir, 'ingest', '--organizations', bench.organizations, '--collaborations', bench.train, bench.test)).code).toBe(0);
    expect((await cli('--data-dir', dir, 'train', '--min-positives', '1')).code).toBe(0);
    const before = readFileSync(join(dir, 'model.json'), 'utf8');
    const positives = (JSON.parse(before) as { training: { positives: number } }).training.positives;
    expect(positives).toBeLessThan(30); // a small network
    const r = await cli('--data-dir', dir, 'train', '--seed', '9');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the fit rests on ${positives} positive pair(s), fewer than the 30 a model needs`);
    expect(r.err).toContain(`${join(dir, 'model.json')} was left as it was`);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe(before);
    const stricter = await cli('--data-dir', dir, 'train', '--min-positives', String(positives + 1));
    expect(stricter.code).toBe(2);
    expect((await cli('--data-dir', dir, 'train', '--min-positives', String(positives))).code).toBe(0);
  });

  it('keeps a symbolically linked model.json a link, writes the file it points to, and gives a new one 0666 less the umask', async () => {
    const dir = join(bench.dir, 'var-link');
    expect((await cli('--data-dir', dir, 'ingest', '--organizations', bench.organizations, '--collaborations', bench.train, bench.test)).code).toBe(0);
    const models = mkdtempSync(join(tmpdir(), 'innomatch-models-'));
    symlinkSync(join(models, 'current.json'), join(dir, 'model.json'));
    expect((await cli('--data-dir', dir, 'train', '--min-positives', '1')).code).toBe(0);
    expect(lstatSync(join(dir, 'model.json')).isSymbolicLink()).toBe(true);
    expect((await readModelFile(join(models, 'current.json')))?.version).toMatch(/^trained-/);
    expect(statSync(join(models, 'current.json')).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(readdirSync(models)).toEqual(['current.json']);
  });

  it('validates its flags (exit 2)', async () => {
    const dir = join(bench.dir, 'flags');
    for (const [flag, value] of [
      ['--holdout', '0'],
      ['--negatives', '0'],
      ['--seed', '-1'],
      ['--min-positives', '0'],
    ] as const) {
      const r = await cli('--data-dir', dir, 'train', flag, value);
      expect(r.code).toBe(2);
      expect(r.err).toContain(flag);
    }
  });

  it('says what --holdout takes, in the words the other flags use, whatever is wrong with it', async () => {
    const dir = join(bench.dir, 'flags');
    for (const value of ['abc', '', '0', '1', '1.5', '-0.2', '0x1']) {
      const r = await cli('--data-dir', dir, 'train', '--holdout', value);
      expect(r.code, value).toBe(2);
      expect(r.err, value).toContain('--holdout: must be a number between 0 and 1 (both excluded), such as 0.2');
    }
  });
});
