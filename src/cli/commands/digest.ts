import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { createDigestSuggestions } from '../../app/digest-suggestions.js';
import { resolveDigestSecret } from '../../app/digest-secret.js';
import type { Config } from '../../config.js';
import { appError, ERRORS, OrgIdSchema, type IsoWeek, type OrgId } from '../../domain/index.js';
import { runDigestJob, type DigestSummary, type SuggestionSource } from '../../jobs/digest-job.js';
import { currentIsoWeek, parseIsoWeek } from '../../jobs/iso-week.js';
import { createFileTransport, createSmtpTransport, type MailTransport } from '../../jobs/mail-transport.js';
import { lineProgress, terminalProgress, type ProgressSink } from '../../jobs/progress.js';
import { createThrottle, parseRate } from '../../jobs/throttle.js';
import { loadAnalyzer, loadModel } from '../../root.js';
import type { GraphStore } from '../../store/graph-store.js';
import { collectList, parseFlag, wholeNumber, type CliContext } from '../context.js';
import { formatTable, printJson, processIo, type Io } from '../output.js';

export interface DigestFlags {
  readonly week?: string;
  readonly dryRun: boolean;
  readonly only?: string[];
  readonly limitPerOrg: string;
  readonly rate?: string;
  readonly concurrency: string;
  readonly workers: string;
  readonly json: boolean;
}

export interface DigestRequest {
  readonly week: IsoWeek;
  readonly dryRun: boolean;
  readonly only?: OrgId[];
  readonly limitPerOrg: number;
  /** Messages per second; undefined: 10/s over SMTP, unlimited into the outbox. */
  readonly rate?: number;
  readonly concurrency: number;
  /** Worker threads for the suggestions at most (small runs use fewer: see `threadsFor`). */
  readonly workers: number;
  readonly json: boolean;
}

const LimitPerOrgSchema = wholeNumber(z.number().min(1, 'must be between 1 and 20').max(20, 'must be between 1 and 20'));
const ConcurrencySchema = wholeNumber(z.number().min(1, 'must be between 1 and 16').max(16, 'must be between 1 and 16'));
const WorkersSchema = wholeNumber(z.number().min(1, 'must be between 1 and 16').max(16, 'must be between 1 and 16'));
const DEFAULT_WORKERS = Math.min(4, availableParallelism());
const SMTP_DEFAULT_RATE = 10;

/** Checks every flag before anything is opened or sent. */
export function parseDigestFlags(o: DigestFlags, now: Date = new Date()): DigestRequest {
  return {
    week: o.week !== undefined ? parseIsoWeek(o.week, '--week') : currentIsoWeek(now),
    dryRun: o.dryRun,
    ...(o.only !== undefined ? { only: parseFlag('--only', z.array(OrgIdSchema).min(1), o.only) } : {}),
    limitPerOrg: parseFlag('--limit-per-org', LimitPerOrgSchema, o.limitPerOrg),
    ...(o.rate !== undefined ? { rate: parseRate(o.rate, '--rate') } : {}),
    concurrency: parseFlag('--concurrency', ConcurrencySchema, o.concurrency),
    workers: parseFlag('--workers', WorkersSchema, o.workers),
    json: o.json,
  };
}

/** Where the engine's batch path comes from (the engine over the store in production; injectable for tests). */
export type SuggestionSourceFactory = (store: GraphStore, config: Config, options: { readonly workers: number }) => Promise<SuggestionSource>;

/** The engine built as the server builds it (dictionary, trained model when there is one), in worker threads. */
export const engineSuggestionSource: SuggestionSourceFactory = async (store, config, { workers }) => {
  const [analyzer, model] = await Promise.all([loadAnalyzer(), loadModel(config.store.dataDir)]);
  return createDigestSuggestions({ store, analyzer, ...(model !== undefined ? { model } : {}), workers });
};

export async function runDigest(
  store: GraphStore,
  config: Config,
  request: DigestRequest,
  io: Io,
  makeSource: SuggestionSourceFactory,
): Promise<number> {
  if (request.only !== undefined) {
    const known = await store.existingIds(request.only);
    const unknown = request.only.filter((id) => !known.has(id));
    if (unknown.length > 0) throw appError('VALIDATION_FAILED', { detail: `--only: no organization with id ${unknown.map((id) => `"${id}"`).join(', ')}` });
  }
  const secret = await resolveDigestSecret(config);
  const transport: MailTransport =
    config.mail.smtpUrl !== undefined ? createSmtpTransport(config.mail.smtpUrl, request.concurrency) : createFileTransport(join(config.store.dataDir, 'outbox'));
  try {
    const summary = await runDigestJob(
      {
        store,
        suggestions: await makeSource(store, config, { workers: request.workers }),
        transport,
        mail: { from: config.mail.from, publicUrl: config.mail.publicUrl, secret },
        throttle: createThrottle(request.rate ?? (transport.kind === 'smtp' ? SMTP_DEFAULT_RATE : Infinity)),
        progress: progressFor(io, `digest ${request.week}`),
      },
      {
        week: request.week,
        limitPerOrg: request.limitPerOrg,
        dryRun: request.dryRun,
        concurrency: request.concurrency,
        ...(request.only !== undefined ? { only: request.only } : {}),
      },
    );
    if (request.json) printJson(io, { transport: transport.kind, ...summary });
    else io.out(describeSummary(summary, transport.kind));
    return summary.failed > 0 ? ERRORS.MAIL_FAILED.exit : 0;
  } finally {
    await transport.close();
  }
}

/** A bar when stderr is a terminal, plain lines otherwise (and always when output is captured). */
function progressFor(io: Io, label: string): ProgressSink {
  if (io === processIo && process.stderr.isTTY === true) return terminalProgress(label, (s) => process.stderr.write(s));
  return lineProgress(label, (s) => io.err(s));
}

function describeSummary(s: DigestSummary, transport: MailTransport['kind']): string {
  const rate = s.timings.sendMs > 0 ? (s.sent / (s.timings.sendMs / 1000)).toFixed(1) : '-';
  const lines = [
    `digest ${s.week}${s.dryRun ? ' (dry run: nothing sent or recorded)' : ` via ${transport}`}: ${s.total} recipient(s)`,
    s.dryRun
      ? `would send ${s.planned}  skipped ${s.skipped}`
      : `sent ${s.sent}  skipped ${s.skipped}  failed ${s.failed}  in doubt ${s.inDoubt} (resent with the same Message-ID)  retried ${s.retried}`,
    `suggestions computed in ${Math.round(s.timings.suggestMs)} ms; sending took ${(s.timings.sendMs / 1000).toFixed(1)} s (${rate} messages/s)`,
  ];
  if (s.dryRun && s.recipients.length > 0) {
    lines.push('', formatTable(['organization', 'contact', 'locale', 'status', 'suggestions'], s.recipients.map((r) => [r.orgId, r.email, r.locale, r.reason ?? r.status, r.items.join(', ')])));
  }
  const failed = s.recipients.filter((r) => r.status === 'failed');
  if (failed.length > 0) lines.push('', 'failed (retried on the next run of this week):', formatTable(['organization', 'contact', 'reason'], failed.map((r) => [r.orgId, r.email, r.reason ?? ''])));
  return lines.join('\n');
}

export function registerDigestCommand(program: Command, ctx: CliContext, makeSource: SuggestionSourceFactory = engineSuggestionSource): void {
  program
    .command('digest')
    .description('e-mail each opted-in contact its organisation’s new partner suggestions, once per contact and week')
    .option('--week <week>', 'ISO week such as 2026-W48 (default: the current week on the Korean calendar)')
    .option('--dry-run', 'plan and render only: send and record nothing', false)
    .option('--only <orgIds...>', 'only the contacts of these organisations (space- or comma-separated)', collectList)
    .option('--limit-per-org <n>', 'at most n suggestions per e-mail (1–20)', '5')
    .option('--rate <rate>', 'pace for the mail server: 10/s, 600/min, 3000/h or unlimited (default 10/s over SMTP, unlimited into the outbox)')
    .option('--concurrency <n>', 'messages in flight at once (1–16); a crash leaves up to n in doubt', '1')
    .option('--workers <n>', 'threads ranking suggestions (1–16; each builds its own index; runs under 1000 organisations per thread use fewer)', String(DEFAULT_WORKERS))
    .option('--json', 'print the summary as JSON', false)
    .action(async (o: DigestFlags) => {
      const request = parseDigestFlags(o);
      ctx.config(); // a broken SMTP_URL stops here, before the store is opened or anything is sent
      await ctx.withStore((store, config) => runDigest(store, config, request, ctx.io, makeSource));
    });
}
