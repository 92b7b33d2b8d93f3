import type { Command } from 'commander';
import { z } from 'zod';
import { systemClock } from '../../app/clock.js';
import { DEFAULT_TRAIN_OPTIONS, modelPath, trainFromStore, type TrainOptions, type TrainSummary } from '../../app/train.js';
import { loadAnalyzer } from '../../root.js';
import { decimalNumber, parseFlag, wholeNumber, type CliContext } from '../context.js';
import { formatTable, printable, printJson, type Io } from '../output.js';

const HOLDOUT_RANGE = 'must be a number between 0 and 1 (both excluded), such as 0.2';
export const HoldoutSchema = decimalNumber(z.number().gt(0, HOLDOUT_RANGE).lt(1, HOLDOUT_RANGE), HOLDOUT_RANGE);
export const NegativesSchema = wholeNumber(z.number().min(1, 'must be between 1 and 50').max(50, 'must be between 1 and 50'));
export const MinPositivesSchema = wholeNumber(z.number().min(1, 'must be between 1 and 100000').max(100_000, 'must be between 1 and 100000'));
export const SeedSchema = wholeNumber(z.number().max(2 ** 32 - 1, `must be between 0 and ${2 ** 32 - 1}`));

interface RawTrainFlags {
  readonly holdout?: string;
  readonly negatives?: string;
  readonly seed?: string;
  readonly textsFromGroups?: boolean;
  readonly hardNegatives?: boolean;
  readonly minPositives?: string;
}

/** Parses --holdout, --negatives and --seed (defaults from `DEFAULT_TRAIN_OPTIONS`). */
export function parseTrainFlags(o: RawTrainFlags): TrainOptions {
  return {
    holdout: o.holdout === undefined ? DEFAULT_TRAIN_OPTIONS.holdout : parseFlag('--holdout', HoldoutSchema, o.holdout),
    negatives: o.negatives === undefined ? DEFAULT_TRAIN_OPTIONS.negatives : parseFlag('--negatives', NegativesSchema, o.negatives),
    seed: o.seed === undefined ? DEFAULT_TRAIN_OPTIONS.seed : parseFlag('--seed', SeedSchema, o.seed),
    ...(o.textsFromGroups === true ? { textsFromGroups: true } : {}),
    ...(o.hardNegatives === true ? { hardNegatives: true } : {}),
    ...(o.minPositives !== undefined ? { minPositives: parseFlag('--min-positives', MinPositivesSchema, o.minPositives) } : {}),
  };
}

/** The fit summary as a few lines and a table of weights. */
export function printTrainSummary(io: Io, s: TrainSummary, path?: string): void {
  io.out(
    [
      `model ${s.version}${path !== undefined ? ` written to ${printable(path)}` : ''}`,
      `evidence groups: ${s.groups.training} for features, ${s.groups.heldOut} held out; ` +
        `pairs: ${s.positives} positive, ${s.negatives} negative (seed ${s.options.seed}); ` +
        `${s.iterations} Newton steps, log-loss ${s.logLoss.toFixed(4)}`,
      formatTable(['feature', 'weight'], [...Object.entries(s.weights).map(([f, w]) => [f, w.toFixed(4)]), ['(bias)', s.bias.toFixed(4)]]),
    ].join('\n'),
  );
}

export function registerTrainCommand(program: Command, ctx: CliContext): void {
  program
    .command('train')
    .description('fit the feature weights on the known collaborations and write <data-dir>/model.json (used by serve, match, digest)')
    .option('--holdout <share>', 'share of the newest evidence groups (projects) held out as positives', String(DEFAULT_TRAIN_OPTIONS.holdout))
    .option('--negatives <n>', 'negatives sampled per positive', String(DEFAULT_TRAIN_OPTIONS.negatives))
    .option('--seed <n>', 'seed of the negative sampling', String(DEFAULT_TRAIN_OPTIONS.seed))
    .option('--texts-from-groups', 'descriptions were built from the projects\' texts: rebuild them without the held-out projects', false)
    .option('--hard-negatives', "draw negatives among each organisation's current top 100 candidates", false)
    .option('--min-positives <n>', 'refuse to write a model fitted on fewer positive pairs (the old model stays)', String(DEFAULT_TRAIN_OPTIONS.minPositives))
    .option('--json', 'print the fit summary as JSON', false)
    .action(async (o: RawTrainFlags & { json: boolean }) => {
      const options = parseTrainFlags(o);
      await ctx.withStore(async (store, config) => {
        const path = modelPath(config.store.dataDir);
        const result = await trainFromStore(store, config.store.dataDir, await loadAnalyzer(), options, systemClock);
        if (o.json) printJson(ctx.io, { path, ...result.summary });
        else printTrainSummary(ctx.io, result.summary, path);
        return 0;
      });
    });
}
