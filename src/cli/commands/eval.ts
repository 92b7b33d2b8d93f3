import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_RESAMPLES, evaluateFiles, METHODS, MIN_RESAMPLES, type EvaluationReport, type ScratchStore } from '../../app/evaluate.js';
import { readModelFile } from '../../app/model-file.js';
import { appError } from '../../domain/index.js';
import { loadAnalyzer, openScratchStore } from '../../root.js';
import { parseFlag, wholeNumber, type CliContext } from '../context.js';
import { formatTable, printJson, type Io } from '../output.js';
import { disposedOnEarlyExit, disposeOnEarlyExit } from '../shutdown.js';
import { parseTrainFlags } from './train.js';

export interface EvalFlags {
  readonly organizations?: string;
  readonly train?: string;
  readonly test?: string;
  readonly trainModel: boolean;
  readonly model?: string;
  readonly holdout?: string;
  readonly negatives?: string;
  readonly seed?: string;
  readonly textsFromGroups?: boolean;
  readonly bootstrap?: string;
  readonly json: boolean;
}

const RESAMPLES_RANGE = `must be 0 (no intervals) or between ${MIN_RESAMPLES} and 100000`;
export const ResamplesSchema = wholeNumber(
  z
    .number()
    .max(100_000, RESAMPLES_RANGE)
    .refine((n) => n === 0 || n >= MIN_RESAMPLES, `${RESAMPLES_RANGE}: a 95 % interval's ends are the 2.5th and 97.5th percentiles of the resamples, which fewer than ${MIN_RESAMPLES} cannot place`),
);

/** Reads a named input file; a missing flag or an unreadable file is a clear error naming it. */
async function inputFile(flag: string, path: string | undefined): Promise<{ name: string; bytes: Uint8Array }> {
  if (path === undefined || path.trim() === '') throw appError('VALIDATION_FAILED', { detail: `${flag} <file> is required` });
  try {
    return { name: path, bytes: await readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (e as Error).message;
    throw appError('VALIDATION_FAILED', { detail: `${flag} ${path}: ${why}` });
  }
}

/**
 * A scratch store that Ctrl-C removes too, from the moment its directory exists (its `dispose` runs once, whichever
 * comes first).
 */
async function scratchStoreRemovedOnSignal(): Promise<ScratchStore> {
  const opening = openScratchStore();
  const whileOpening = disposeOnEarlyExit(async () => (await opening).dispose());
  try {
    const scratch = await opening;
    return { store: scratch.store, dispose: disposedOnEarlyExit(() => scratch.dispose()) };
  } finally {
    whileOpening();
  }
}

/** Runs the evaluation and prints one table (or JSON). Exit status 0. */
export async function runEval(flags: EvalFlags, io: Io): Promise<number> {
  if (flags.trainModel && flags.model !== undefined) throw appError('VALIDATION_FAILED', { detail: 'give either --train-model or --model, not both' });
  if (!flags.trainModel) {
    const given = (['holdout', 'negatives', 'seed', 'textsFromGroups'] as const).filter((k) => flags[k] !== undefined && flags[k] !== false);
    if (given.length > 0) {
      const names = given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      throw appError('VALIDATION_FAILED', { detail: `${names.join(', ')} ${names.length > 1 ? 'need' : 'needs'} --train-model (they set how eval trains its model; without it nothing is trained)` });
    }
  }
  const resamples = flags.bootstrap === undefined ? DEFAULT_RESAMPLES : parseFlag('--bootstrap', ResamplesSchema, flags.bootstrap);
  const trainOptions = flags.trainModel ? parseTrainFlags(flags) : undefined;
  const files = {
    organizations: await inputFile('--organizations', flags.organizations),
    train: await inputFile('--train', flags.train),
    test: await inputFile('--test', flags.test),
  };
  const model = flags.model === undefined ? undefined : await readModelFile(flags.model);
  if (flags.model !== undefined && model === undefined) throw appError('VALIDATION_FAILED', { detail: `--model ${flags.model}: no such file` });
  const report = await evaluateFiles(
    files,
    { analyzer: await loadAnalyzer(), scratchStore: scratchStoreRemovedOnSignal },
    { ...(trainOptions !== undefined ? { trainModel: trainOptions } : {}), ...(model !== undefined ? { model } : {}), resamples },
  );
  if (flags.json) printJson(io, report);
  else printReport(io, report);
  return 0;
}

function printReport(io: Io, r: EvaluationReport): void {
  const f = (x: number) => x.toFixed(3);
  const u = r.uncertainty;
  const pct = u === undefined ? '' : `${Math.round(u.level * 100)} %`;
  /** A per-query mean with its bootstrap interval, e.g. `0.166 (0.142–0.191)`. */
  const withInterval = (x: number, i: { lo: number; hi: number } | undefined) => (i === undefined ? f(x) : `${f(x)} (${f(i.lo)}–${f(i.hi)})`);
  const lines = [
    `${r.queries} queries over ${r.organizations} organisations; ${r.trainCollaborations} train collaborations, ${r.testPairs} test pairs; model ${r.modelVersion}`,
    '',
    formatTable(
      ['method', 'recall@20', 'MRR', 'nDCG@20', 'coverage@10', 'gini@10'],
      METHODS.map((m) => {
        const x = r.methods[m];
        const i = u?.intervals[m];
        return [m, withInterval(x['recall@20'], i?.['recall@20']), withInterval(x.mrr, i?.mrr), withInterval(x['ndcg@20'], i?.['ndcg@20']), f(x['coverage@10']), f(x['gini@10'])];
      }),
    ),
  ];
  if (u !== undefined) {
    const signed = (x: number) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`;
    lines.push(
      '',
      `(${pct} bootstrap intervals over the queries, ${u.resamples} resamples, seed ${u.seed}; coverage and Gini describe whole lists and have none)`,
      ...Object.entries(u.againstBaselines).map(([b, d]) => {
        const x = d['recall@20'];
        return `innomatch − ${b}: recall@20 ${signed(x.mean)} (${signed(x.lo)} to ${signed(x.hi)}), ahead in ${Math.round((1 - x.below) * 100)} % of resamples`;
      }),
    );
  }
  io.out(lines.join('\n'));
}

export function registerEvalCommand(program: Command, ctx: CliContext): void {
  program
    .command('eval')
    .description('measure the engine and the baselines on a temporal benchmark (fresh scratch store; the test pairs are never ingested)')
    .option('--organizations <file>', 'organisation profiles (JSON, JSON Lines or CSV)')
    .option('--train <file>', 'known collaborations, ingested and used for features (and training)')
    .option('--test <file>', 'later collaborations to predict: read on their own, never ingested or fitted')
    .option('--train-model', 'train a model on the train collaborations first (see innomatch train)', false)
    .option('--model <file>', 'a model file to evaluate instead of the engine defaults')
    .option('--holdout <share>', 'with --train-model: share of the newest evidence groups held out as positives')
    .option('--negatives <n>', 'with --train-model: negatives per positive')
    .option('--seed <n>', 'with --train-model: seed of the negative sampling')
    .option('--texts-from-groups', 'with --train-model: descriptions were built from the projects\' texts (as in the ECSEL benchmark): rebuild them without the held-out projects')
    .option('--bootstrap <n>', `resamples of the queries for 95 % intervals and paired differences (0: none, else ${MIN_RESAMPLES}-100000)`, String(DEFAULT_RESAMPLES))
    .option('--json', 'print {"methods": {...}, "uncertainty": {...}} as JSON', false)
    .action(async (o: EvalFlags) => ctx.setExit(await runEval(o, ctx.io)));
}
