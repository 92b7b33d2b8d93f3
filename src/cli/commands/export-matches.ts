import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportMatches } from '../../app/export-matches.js';
import type { RankAllProgress } from '../../app/rank-all.js';
import { appError } from '../../domain/index.js';
import { REQUEST_DEFAULTS } from '../../match/index.js';
import { loadAnalyzer, loadModel } from '../../root.js';
import { parseFlag, wholeNumber, type CliContext } from '../context.js';
import { printable, processIo, type Io } from '../output.js';

const KSchema = wholeNumber(z.number().min(1, `must be between 1 and ${REQUEST_DEFAULTS.maxLimit}`).max(REQUEST_DEFAULTS.maxLimit, `must be between 1 and ${REQUEST_DEFAULTS.maxLimit}`));
const WorkersSchema = wholeNumber(z.number().min(1, 'must be between 1 and 64').max(64, 'must be between 1 and 64'));

export function registerExportMatchesCommand(program: Command, ctx: CliContext): void {
  program
    .command('export-matches')
    .description("write every organisation's top matches (existing partners excluded) as JSON Lines, by the scoring the API serves")
    .requiredOption('--out <file>', 'where to write the JSON Lines file (replaced atomically; a FIFO or device is written into; - for standard output)')
    .option('--limit <k>', 'matches per organisation', '20')
    .option('--workers <n>', 'worker threads (they share the text analysis; each builds the index)', String(Math.min(2, availableParallelism())))
    .option('--json', 'print the summary as JSON', false)
    .action(async (o: { out: string; limit: string; workers: string; json: boolean }) => {
      const k = parseFlag('--limit', KSchema, o.limit);
      const workers = parseFlag('--workers', WorkersSchema, o.workers);
      if (o.out.trim() === '') throw appError('VALIDATION_FAILED', { detail: '--out: a file name is required' });
      await ctx.withStore(async (store, config) => {
        const [analyzer, model] = await Promise.all([loadAnalyzer(), loadModel(config.store.dataDir)]);
        const toStdout = o.out === '-';
        const report = await exportMatches(store, toStdout ? process.stdout : o.out, { analyzer, ...(model !== undefined ? { model } : {}) }, { k, workers }, progressLine(ctx.io));
        // with the lines on standard output, the summary goes to standard error
        const say = (t: string) => (toStdout ? ctx.io.err(t) : ctx.io.out(t));
        if (o.json) say(JSON.stringify(report, null, 2));
        else say(`${report.organizations} organisations × top ${report.k} → ${printable(report.path)} (model ${report.modelVersion}, ${report.workers} worker(s), ${report.ms} ms)`);
        return 0;
      });
    });
}

/**
 * On a terminal, one status line on stderr redrawn in place (minutes at 100,000 organisations); nothing when stderr
 * is a file or a pipe, or when output is captured, so that logs and scripts see only the summary.
 */
function progressLine(io: Io): ((p: RankAllProgress) => void) | undefined {
  if (io !== processIo || process.stderr.isTTY !== true) return undefined;
  let last = '';
  return (p) => {
    const text =
      p.stage === 'analyse' ? `analysing ${p.total} profiles` : `ranked ${p.done}/${p.total} (${p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total)} %)`;
    if (text === last) return;
    last = text;
    process.stderr.write(`\rexport-matches: ${text}\u001b[K${p.stage === 'rank' && p.done === p.total ? '\n' : ''}`);
  };
}
