/**
 * Quality guard: the ECSEL benchmark (../shared/bench/ecsel, real EU CORDIS data) through the real `innomatch eval`
 * use case must not fall below the figures recorded in data/eval/ecsel-baseline.json (tolerance 0.0005 on the
 * protocol's 3-decimal figures): recall@20, the headline, and coverage@10, so that recall is never bought by
 * sending everyone to the same hubs again. Skipped when the benchmark is not checked out next to the repository.
 *
 * After a real improvement, record it: `UPDATE_ECSEL_BASELINE=1 npx vitest run test/eval/ecsel-guard.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../src/app/evaluate.js';
import { loadAnalyzer, openScratchStore } from '../../src/root.js';

const BENCH = fileURLToPath(new URL('../../../shared/bench/ecsel/', import.meta.url));
const BASELINE = fileURLToPath(new URL('../../data/eval/ecsel-baseline.json', import.meta.url));
const TOLERANCE = 0.0005;

interface Baseline {
  readonly modelVersion: string;
  readonly methods: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const file = (name: string) => ({ name: `${BENCH}${name}`, bytes: readFileSync(`${BENCH}${name}`) });

describe.skipIf(!existsSync(`${BENCH}organizations.jsonl`))('ECSEL quality guard', () => {
  it('keeps recall@20 and coverage@10 of innomatch at or above the recorded figures', { timeout: 180_000 }, async () => {
    const report = await evaluateFiles(
      { organizations: file('organizations.jsonl'), train: file('collaborations.train.jsonl'), test: file('collaborations.test.jsonl') },
      { analyzer: await loadAnalyzer(), scratchStore: openScratchStore },
    );
    const recorded = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
    const now = report.methods.innomatch;
    if (process.env.UPDATE_ECSEL_BASELINE === '1') {
      writeFileSync(BASELINE, `${JSON.stringify({ ...recorded, recordedAt: new Date().toISOString().slice(0, 10), modelVersion: report.modelVersion, queries: report.queries, methods: report.methods }, null, 2)}\n`);
    }
    const was = recorded.methods.innomatch!;
    const why = `model ${report.modelVersion} vs recorded ${recorded.modelVersion}: ${JSON.stringify(now)} vs ${JSON.stringify(was)}`;
    expect(now['recall@20'], `recall@20 fell: ${why}`).toBeGreaterThanOrEqual(was['recall@20']! - TOLERANCE);
    expect(now['coverage@10'], `coverage@10 fell: ${why}`).toBeGreaterThanOrEqual(was['coverage@10']! - TOLERANCE);
    // the baselines are fixed functions of the data: a change there means the protocol or the data changed
    for (const m of ['popularity', 'tfidf', 'common_neighbours']) expect(report.methods[m as 'popularity'], m).toEqual(recorded.methods[m]);
  });
});
