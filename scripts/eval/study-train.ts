/**
 * Research harness for issue 3: `innomatch eval --train-model` on train-internal validation splits (written by
 * validation-split.ts; never the benchmark's test file), with the training options the CLI does not expose
 * (hard negatives, L2). Prints each split's recall@20/coverage@10 and their mean.
 *
 *   HOLDOUT=0.2 NEGATIVES=5 HARD=1 L2=0.01 npx tsx scripts/eval/study-train.ts <dir> …
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateFiles } from '../../src/app/evaluate.js';
import { loadAnalyzer, openScratchStore } from '../../src/root.js';

const analyzer = await loadAnalyzer();
const file = async (dir: string, name: string) => ({ name, bytes: await readFile(join(dir, name)) });
const options = {
  holdout: Number(process.env.HOLDOUT ?? 0.2),
  negatives: Number(process.env.NEGATIVES ?? 5),
  seed: 1,
  textsFromGroups: true,
  ...(process.env.HARD === '1' ? { hardNegatives: true } : {}),
  ...(process.env.L2 !== undefined ? { l2: Number(process.env.L2) } : {}),
};
const rs: { recall: number; coverage: number }[] = [];
for (const dir of process.argv.slice(2)) {
  const r = await evaluateFiles(
    { organizations: await file(dir, 'organizations.jsonl'), train: await file(dir, 'collaborations.train.jsonl'), test: await file(dir, 'collaborations.test.jsonl') },
    { analyzer, scratchStore: openScratchStore },
    { trainModel: options },
  );
  rs.push({ recall: r.methods.innomatch['recall@20'], coverage: r.methods.innomatch['coverage@10'] });
  console.error(dir, JSON.stringify(r.training?.weights), r.training?.bias.toFixed(3));
}
const mean = (k: 'recall' | 'coverage') => rs.reduce((t, r) => t + r[k], 0) / rs.length;
console.log(`${JSON.stringify(options).padEnd(60)} ${rs.map((r) => `${r.recall.toFixed(3)}/${r.coverage.toFixed(3)}`).join('  ')}   mean ${mean('recall').toFixed(4)}/${mean('coverage').toFixed(4)}`);
