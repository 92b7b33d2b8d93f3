import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportMatches } from '../../src/app/export-matches.js';
import { MatchService } from '../../src/app/match-service.js';
import { asOrgId } from '../../src/domain/index.js';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { loadAnalyzer } from '../../src/root.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { writeBench } from './helpers.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await runCli(argv, io, { PATH: process.env.PATH ?? '' });
  return { code, out, err };
}

type Line = { id: string; matches: { id: string; score: number }[] };
const lines = (path: string): Line[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

describe('innomatch export-matches', () => {
  it("writes every organisation's top k, one JSON line each, by the scoring the API serves", async () => {
    const b = writeBench();
    const data = join(b.dir, 'var');
    expect((await cli('--data-dir', data, 'ingest', '--organizations', b.organizations, '--collaborations', b.train)).code).toBe(0);
    const out = join(b.dir, 'matches.jsonl');
    const r = await cli('--data-dir', data, 'export-matches', '--limit', '3', '--out', out, '--workers', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('18 organisations × top 3');
    const rows = lines(out);
    expect(rows.map((x) => x.id)).toEqual([...rows.map((x) => x.id)].sort());
    expect(rows).toHaveLength(18);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'matches']);
      expect(row.matches.length).toBeLessThanOrEqual(3);
      for (const m of row.matches) {
        expect(Object.keys(m)).toEqual(['id', 'score']);
        expect(m.id).not.toBe(row.id);
      }
    }
    // existing partners are excluded: radar-0 worked with every other radar organisation
    expect(rows.find((x) => x.id === 'radar-0')!.matches.some((m) => m.id.startsWith('radar-'))).toBe(false);
    // the same lists and scores as a match request through the service
    const store = await EmbeddedStore.open({ dataDir: data });
    try {
      const service = new MatchService(store, { analyzer: await loadAnalyzer() });
      for (const row of rows.slice(0, 5)) {
        const served = await service.matchesFor(asOrgId(row.id), { limit: 3, includeExisting: false });
        expect(row.matches).toEqual(served.matches.map((m) => ({ id: m.id, score: m.score })));
      }
    } finally {
      await store.close();
    }
  });

  it('gives the same file from two worker threads as from one', async () => {
    const b = writeBench();
    const data = join(b.dir, 'var');
    await cli('--data-dir', data, 'ingest', '--organizations', b.organizations, '--collaborations', b.train);
    const store = await EmbeddedStore.open({ dataDir: data });
    try {
      const analyzer = await loadAnalyzer();
      const one = await exportMatches(store, join(b.dir, 'one.jsonl'), { analyzer }, { k: 4, workers: 1 });
      const two = await exportMatches(store, join(b.dir, 'two.jsonl'), { analyzer }, { k: 4, workers: 2 });
      expect(two.workers).toBe(2);
      expect(readFileSync(two.path, 'utf8')).toBe(readFileSync(one.path, 'utf8'));
    } finally {
      await store.close();
    }
  });

  it('validates its flags', async () => {
    const b = writeBench();
    const r = await cli('--data-dir', join(b.dir, 'var'), 'export-matches', '--limit', '0', '--out', join(b.dir, 'x.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--limit');
    const noOut = await cli('--data-dir', join(b.dir, 'var'), 'export-matches');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out');
  });
});
