import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportMatches } from '../../app/export-matches.js';
import { appError } from '../../domain/index.js';
import { REQUEST_DEFAULTS } from '../../match/index.js';
import { loadAnalyzer, loadModel } from '../../root.js';
import { parseFlag, type CliContext } from '../context.js';
import { printJson } from '../output.js';

const KSchema = z.coerce.number().int().min(1).max(REQUEST_DEFAULTS.maxLimit);
const WorkersSchema = z.coerce.number().int().min(1).max(64);

export function registerExportMatchesCommand(program: Command, ctx: CliContext): void {
  program
    .command('export-matches')
    .description("write every organisation's top matches (existing partners excluded) as JSON Lines, by the scoring the API serves")
    .requiredOption('--out <file>', 'where to write the JSON Lines file (replaced atomically)')
    .option('--limit <k>', 'matches per organisation', '20')
    .option('--workers <n>', 'worker threads (they share the text analysis; each builds the index)', String(Math.min(2, availableParallelism())))
    .option('--json', 'print the summary as JSON', false)
    .action(async (o: { out: string; limit: string; workers: string; json: boolean }) => {
      const k = parseFlag('--limit', KSchema, o.limit);
      const workers = parseFlag('--workers', WorkersSchema, o.workers);
      if (o.out.trim() === '') throw appError('VALIDATION_FAILED', { detail: '--out: a file name is required' });
      await ctx.withStore(async (store, config) => {
        const [analyzer, model] = await Promise.all([loadAnalyzer(), loadModel(config.store.dataDir)]);
        const report = await exportMatches(store, o.out, { analyzer, ...(model !== undefined ? { model } : {}) }, { k, workers });
        if (o.json) printJson(ctx.io, report);
        else ctx.io.out(`${report.organizations} organisations × top ${report.k} → ${report.path} (model ${report.modelVersion}, ${report.workers} worker(s), ${report.ms} ms)`);
        return 0;
      });
    });
}
