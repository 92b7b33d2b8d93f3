import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { evaluateFiles, METHODS, type EvaluationReport } from '../../app/evaluate.js';
import { readModelFile } from '../../app/model-file.js';
import { appError } from '../../domain/index.js';
import { loadAnalyzer, openScratchStore } from '../../root.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson, type Io } from '../output.js';
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
  readonly json: boolean;
}

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

/** Runs the evaluation and prints one table (or JSON). Exit status 0. */
export async function runEval(flags: EvalFlags, io: Io): Promise<number> {
  if (flags.trainModel && flags.model !== undefined) throw appError('VALIDATION_FAILED', { detail: 'give either --train-model or --model, not both' });
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
    { analyzer: await loadAnalyzer(), scratchStore: openScratchStore },
    { ...(trainOptions !== undefined ? { trainModel: trainOptions } : {}), ...(model !== undefined ? { model } : {}) },
  );
  if (flags.json) printJson(io, report);
  else printReport(io, report);
  return 0;
}

function printReport(io: Io, r: EvaluationReport): void {
  const f = (x: number) => x.toFixed(3);
  io.out(
    [
      `${r.queries} queries over ${r.organizations} organisations; ${r.trainCollaborations} train collaborations, ${r.testPairs} test pairs; model ${r.modelVersion}`,
      '',
      formatTable(
        ['method', 'recall@20', 'MRR', 'nDCG@20', 'coverage@10', 'gini@10'],
        METHODS.map((m) => {
          const x = r.methods[m];
          return [m, f(x['recall@20']), f(x.mrr), f(x['ndcg@20']), f(x['coverage@10']), f(x['gini@10'])];
        }),
      ),
    ].join('\n'),
  );
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
    .option('--json', 'print {"methods": {...}} as JSON', false)
    .action(async (o: EvalFlags) => ctx.setExit(await runEval(o, ctx.io)));
}
