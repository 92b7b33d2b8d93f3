import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { writeBench } from './helpers.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await runCli(argv, io, { PATH: process.env.PATH ?? '' });
  return { code, out, err };
}

const METRICS = ['recall@20', 'mrr', 'ndcg@20', 'coverage@10', 'gini@10'];

describe('innomatch eval', () => {
  it('prints every method with the five metrics as JSON, and never touches the data directory', async () => {
    const b = writeBench();
    const dataDir = join(b.dir, 'var');
    const r = await cli('--data-dir', dataDir, 'eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { methods: Record<string, Record<string, number>>; queries: number; modelVersion: string };
    expect(Object.keys(report.methods)).toEqual(['innomatch', 'popularity', 'tfidf', 'common_neighbours']);
    for (const m of Object.values(report.methods)) {
      expect(Object.keys(m)).toEqual(METRICS);
      for (const v of Object.values(m)) expect(v).toBeGreaterThanOrEqual(0);
    }
    // new same-community partners are two steps apart in the train graph: the engine finds them
    expect(report.methods.innomatch!['recall@20']).toBeGreaterThan(0.5);
    expect(report.queries).toBe(11); // 1, 3 and 5 of each community, and the two across
    expect(existsSync(dataDir)).toBe(false);
  });

  it('prints one table by default', async () => {
    const b = writeBench();
    const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/method\s+recall@20\s+MRR\s+nDCG@20\s+coverage@10\s+gini@10/);
    for (const m of ['innomatch', 'popularity', 'tfidf', 'common_neighbours']) expect(r.out).toMatch(new RegExp(`^${m}\\s+\\d\\.\\d{3}`, 'm'));
  });

  it('gives each per-query mean a bootstrap interval and innomatch a paired lead over each baseline, the same every run', async () => {
    const b = writeBench();
    const run = async () => {
      const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--json', '--bootstrap', '500');
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as {
        methods: Record<string, Record<string, number>>;
        uncertainty: {
          level: number;
          resamples: number;
          intervals: Record<string, Record<string, { lo: number; hi: number }>>;
          againstBaselines: Record<string, Record<string, { mean: number; lo: number; hi: number; below: number }>>;
        };
      };
    };
    const report = await run();
    const u = report.uncertainty;
    expect(u.level).toBe(0.95);
    expect(u.resamples).toBe(500);
    expect(Object.keys(u.intervals)).toEqual(['innomatch', 'popularity', 'tfidf', 'common_neighbours']);
    for (const [m, metrics] of Object.entries(u.intervals)) {
      expect(Object.keys(metrics)).toEqual(['recall@20', 'mrr', 'ndcg@20']);
      // the reported means are rounded to 3 decimals
      for (const [k, i] of Object.entries(metrics)) {
        expect(i.lo, `${m} ${k}`).toBeLessThanOrEqual(report.methods[m]![k]! + 0.0005);
        expect(i.hi, `${m} ${k}`).toBeGreaterThanOrEqual(report.methods[m]![k]! - 0.0005);
      }
    }
    expect(Object.keys(u.againstBaselines)).toEqual(['popularity', 'tfidf', 'common_neighbours']);
    const lead = u.againstBaselines.popularity!['recall@20']!;
    expect(lead.mean).toBeCloseTo(report.methods.innomatch!['recall@20']! - report.methods.popularity!['recall@20']!, 2);
    expect(lead.lo).toBeLessThanOrEqual(lead.hi);
    expect((await run()).uncertainty).toEqual(u);
  });

  it('shows the intervals in the table, and leaves them out with --bootstrap 0', async () => {
    const b = writeBench();
    const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test);
    expect(r.out).toMatch(/^innomatch\s+\d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\)/m);
    expect(r.out).toMatch(/^innomatch − popularity: recall@20 [+−]\d\.\d{3} \([+−]\d\.\d{3} to [+−]\d\.\d{3}\), ahead in \d+ % of resamples$/m);
    const none = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', '0');
    expect(none.out).not.toContain('(');
    const json = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', '0', '--json');
    expect(JSON.parse(json.out)).not.toHaveProperty('uncertainty');
    for (const bad of ['-1', '2.5', 'many', '100001', '1', '199']) {
      const r2 = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', bad);
      expect(r2.code, bad).toBe(2);
      expect(r2.err, bad).toContain('--bootstrap');
    }
  });

  it('refuses fewer than 200 resamples, saying why, and takes 200', async () => {
    const b = writeBench();
    const one = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', '1');
    expect(one.code).toBe(2);
    expect(one.err).toContain('--bootstrap: must be 0 (no intervals) or between 200 and 100000');
    expect(one.err).toContain('percentiles');
    const enough = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--bootstrap', '200', '--json');
    expect(enough.code).toBe(0);
    expect(JSON.parse(enough.out).uncertainty.resamples).toBe(200);
  });

  it('trains a model on the train file when asked, and says which model it measured', async () => {
    const b = writeBench();
    const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--train-model', '--holdout', '0.3', '--json');
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as { modelVersion: string; training: { positives: number } };
    expect(report.modelVersion).toMatch(/^trained-[0-9a-f]{12}$/);
    expect(report.training.positives).toBeGreaterThan(0);
  });

  it('names a missing flag or file clearly (exit 2)', async () => {
    const b = writeBench();
    const noTest = await cli('eval', '--organizations', b.organizations, '--train', b.train);
    expect(noTest.code).toBe(2);
    expect(noTest.err).toContain('--test <file> is required');
    const missing = await cli('eval', '--organizations', join(b.dir, 'nope.jsonl'), '--train', b.train, '--test', b.test);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--organizations ${join(b.dir, 'nope.jsonl')}: no such file`);
    const dir = await cli('eval', '--organizations', b.organizations, '--train', b.dir, '--test', b.test);
    expect(dir.code).toBe(2);
    expect(dir.err).toContain('is a directory');
    const both = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--train-model', '--model', b.test);
    expect(both.code).toBe(2);
    expect(both.err).toContain('either --train-model or --model');
    const badHoldout = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, '--train-model', '--holdout', '1.5');
    expect(badHoldout.code).toBe(2);
    expect(badHoldout.err).toContain('--holdout');
  });

  it('reports bad JSON with file and line, in the test pairs as in the ingested files', async () => {
    const b = writeBench();
    const badTest = join(b.dir, 'bad-test.jsonl');
    writeFileSync(badTest, '{"a":"radar-1","b":"radar-3"}\n{"a": "radar-1", "b":\n');
    const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', badTest);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${badTest}:2`);
    expect(r.err).toMatch(/JSON/i);
    const badOrgs = join(b.dir, 'bad-orgs.jsonl');
    writeFileSync(badOrgs, 'not json at all\n');
    const o = await cli('eval', '--organizations', badOrgs, '--train', b.train, '--test', b.test);
    expect(o.code).toBe(2); // not one usable row: the wrong file rather than some bad rows
    expect(o.err).toContain(`${badOrgs}:1`);
  });

  it('refuses the training flags without --train-model instead of ignoring them', async () => {
    const b = writeBench();
    for (const flags of [['--holdout', '0.3'], ['--negatives', '3'], ['--seed', '7'], ['--texts-from-groups']]) {
      const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.test, ...flags);
      expect(r.code, flags[0]).toBe(2);
      expect(r.err, flags[0]).toContain(`${flags[0]} needs --train-model`);
    }
  });

  it('says of an organisations file given as --test what it says given as --train, as bad input (exit 2)', async () => {
    const b = writeBench();
    const asTest = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', b.organizations);
    const asTrain = await cli('eval', '--organizations', b.organizations, '--train', b.organizations, '--test', b.test);
    for (const r of [asTest, asTrain]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain(`not one row could be used in ${b.organizations} (no valid collaboration)`);
      expect(r.err).toContain(`${b.organizations}:1 a: is required`);
      expect(r.err).toContain(`${b.organizations}:1: unknown field(s) "id", "name"`);
      expect(r.err).not.toMatch(/Invalid input|Unrecognized key/);
    }
  });

  it('refuses a test file without any new pair to predict', async () => {
    const b = writeBench();
    const old = join(b.dir, 'old.jsonl');
    writeFileSync(old, '{"a":"radar-0","b":"radar-1"}\n');
    const r = await cli('eval', '--organizations', b.organizations, '--train', b.train, '--test', old);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nothing to measure');
  });
});
