/**
 * `npm run bench:digest` — the two numbers of the weekly digest at scale. A benchmark, not a test: it prints a table.
 *
 *   npm run bench:digest -- [--n 100000] [--sample 2000|all] [--workers min(4, cores)] [--messages 500] [--limit-per-org 5] [--json]
 *
 * 1. Suggestions: `n` synthetic organisations (scripts/bench/synthetic.ts, seeded) in the embedded store, then the
 *    job's one batch call (`createDigestSuggestions`, as `innomatch digest` uses it: the store's data read once,
 *    the profiles analysed once between the threads, one engine built per worker thread from that, the
 *    organisations claimed by the threads in chunks, recent suggestions excluded inside the
 *    ranking, reasons for the mailed ones only), `limitPerOrg` each, 10% of the organisations excluding five recent
 *    suggestions as the delivery log would. By default for a random sample of organisations (a full 100k batch
 *    takes longer than a benchmark should on a small machine) with the time for all `n` estimated from the measured
 *    parts: read + analysis + slowest build + n × (ranking ms per organisation) / threads; `--sample all` measures it.
 * 2. Messages/second into an SMTP server on loopback (smtp-server, in this process): the whole job — durable
 *    intent, send, durable mark per message, on the embedded store — one at a time, four in flight over four pooled
 *    connections, paced by `--rate 50/s` (it must hold), and for scale the SMTP transport alone and the file outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createDigestSuggestions } from '../../src/app/digest-suggestions.js';
import { asOrgId, type OrgId } from '../../src/domain/index.js';
import { runDigestJob, type Suggestion, type SuggestionSource } from '../../src/jobs/digest-job.js';
import { createFileTransport, createSmtpTransport, type MailTransport } from '../../src/jobs/mail-transport.js';
import { createThrottle } from '../../src/jobs/throttle.js';
import { loadAnalyzer } from '../../src/root.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { rng, syntheticNetwork } from './synthetic.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '2000' },
    workers: { type: 'string', default: String(Math.min(4, availableParallelism())) },
    messages: { type: 'string', default: '500' },
    'limit-per-org': { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const messages = Number(values.messages);
const limitPerOrg = Number(values['limit-per-org']);
const workers = Number(values.workers);
const sample = values.sample === 'all' ? n : Number(values.sample);
for (const [flag, v] of [['--n', n], ['--sample', sample], ['--workers', workers], ['--messages', messages], ['--limit-per-org', limitPerOrg]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`bench:digest: ${flag} must be a positive integer`);
}
const seconds = (ms: number) => Math.round(ms) / 1000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const dirs: string[] = [];
const tempDir = (label: string) => {
  const d = mkdtempSync(join(tmpdir(), `innomatch-bench-digest-${label}-`));
  dirs.push(d);
  return d;
};
const loadBefore = load();

// ---- 1. suggestions for every organisation ------------------------------------------------------------------
const net = syntheticNetwork(n, 42);
const store = await EmbeddedStore.open({ dataDir: tempDir('engine') });
await store.applyBatch({ organizations: net.organizations, collaborations: net.collaborations });
const ids = net.organizations.map((o) => o.id);
const random = rng(3);
const exclude = new Map<OrgId, Set<OrgId>>();
for (const id of ids) {
  if (random() < 0.1) exclude.set(id, new Set(Array.from({ length: 5 }, () => asOrgId(`org-${Math.floor(random() * n)}`))));
}
const picked = new Set<OrgId>();
while (picked.size < Math.min(sample, n)) picked.add(ids[Math.floor(random() * n)]!);
const sampled = sample >= n ? ids : [...picked].sort();
const source = createDigestSuggestions({ store, analyzer: await loadAnalyzer(), workers });
const suggestions = await source.suggestionsFor({ orgIds: sampled, limitPerOrg, exclude });
const run = source.lastRun!;
const total = [...suggestions.values()].reduce((t, l) => t + l.length, 0);
const withReason = [...suggestions.values()].reduce((t, l) => t + l.filter((s) => s.reason.ko !== '' && s.reason.en !== '').length, 0);
await store.close();
const allMs = sampled.length === n ? run.wallMs : run.readMs + run.analyseMs + run.buildMs + (n * run.rankMsPerOrg) / run.threads;
const suggest = {
  organizations: n,
  ranked: sampled.length,
  threads: run.threads,
  read_s: seconds(run.readMs),
  analyse_s: seconds(run.analyseMs),
  build_s: seconds(run.buildMs),
  rank_ms_per_org: Math.round(run.rankMsPerOrg * 100) / 100,
  batch_s: seconds(run.wallMs),
  [sampled.length === n ? 'all_orgs_s' : 'all_orgs_s_estimated']: seconds(allMs),
  suggestions: total,
  with_both_reasons: withReason,
};
const loadAfterSuggest = load();

// ---- 2. messages per second into loopback SMTP --------------------------------------------------------------
let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const address = server.server.address();
const smtpUrl = `smtp://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

/** `messages` recipients (one contact per organisation, half Korean, half English) and a fixed list each. */
const recipients = syntheticNetwork(messages, 9).organizations.map((o, i) => ({
  ...o,
  contacts: [{ name: `Contact ${i}`, email: `contact-${i}@bench.example.com`, locale: i % 2 === 0 ? ('ko' as const) : ('en' as const), digest: true }],
}));
const fixed: SuggestionSource = {
  async suggestionsFor(req) {
    const out = new Map<OrgId, Suggestion[]>();
    for (const [i, id] of req.orgIds.entries()) {
      const list = Array.from({ length: limitPerOrg }, (_, k) => recipients[(i + k + 1) % recipients.length]!.id);
      out.set(id, list.map((s, k) => ({ id: s, score: 1 - k / 10, reason: { ko: '필요 기술을 제공합니다.', en: 'Offers what you need.' } })));
    }
    return out;
  },
};

interface SendRow {
  path: string;
  messages: number;
  seconds: number;
  messages_per_s: number;
}
const sendRows: SendRow[] = [];

async function jobRun(label: string, transport: MailTransport, concurrency = 1, rate = Infinity): Promise<void> {
  const jobStore = await EmbeddedStore.open({ dataDir: tempDir('job') });
  await jobStore.applyBatch({ organizations: recipients });
  try {
    const s = await runDigestJob(
      { store: jobStore, suggestions: fixed, transport, throttle: createThrottle(rate), mail: { from: 'bench <bench@example.com>', publicUrl: 'http://127.0.0.1:8080', secret: 'b'.repeat(64) } },
      { week: '2026-W48', limitPerOrg, concurrency },
    );
    if (s.failed > 0) throw new Error(`bench:digest: ${s.failed} message(s) failed, e.g. ${s.recipients.find((r) => r.status === 'failed')?.reason}`);
    sendRows.push({ path: label, messages: s.sent, seconds: seconds(s.timings.sendMs), messages_per_s: Math.round(s.sent / (s.timings.sendMs / 1000)) });
  } finally {
    await transport.close();
    await jobStore.close();
  }
}

await jobRun('job → SMTP, 1 in flight (intent + send + mark)', createSmtpTransport(smtpUrl));
await jobRun('job → SMTP, 4 in flight (--concurrency 4, 4 connections)', createSmtpTransport(smtpUrl, 4), 4);
await jobRun('job → SMTP, 4 in flight, --rate 50/s', createSmtpTransport(smtpUrl, 4), 4, 50);
if (received !== 3 * messages) throw new Error(`bench:digest: the server received ${received} of ${3 * messages} messages`);

const bare = createSmtpTransport(smtpUrl);
const t3 = performance.now();
for (let i = 0; i < messages; i++) {
  await bare.send({
    from: 'bench <bench@example.com>',
    to: { name: `Contact ${i}`, address: `contact-${i}@bench.example.com` },
    subject: '[innomatch] bench',
    text: '필요 기술을 제공합니다.\n'.repeat(10),
    html: '<p>필요 기술을 제공합니다.</p>'.repeat(10),
    messageId: `<bench-${i}@innomatch>`,
    headers: {},
    fileStem: 'bench',
  });
}
const t4 = performance.now();
await bare.close();
sendRows.push({ path: 'SMTP transport alone', messages, seconds: seconds(t4 - t3), messages_per_s: Math.round(messages / ((t4 - t3) / 1000)) });

await jobRun('job → file outbox (.eml, durable)', createFileTransport(join(tempDir('outbox'), 'outbox')));
await new Promise<void>((resolve) => server.close(() => resolve()));
for (const d of dirs) rmSync(d, { recursive: true, force: true });

const loadAfter = load();
const machine = { cores: availableParallelism(), load_before: loadBefore, load_after_suggestions: loadAfterSuggest, load_after: loadAfter };
if (values.json) console.log(JSON.stringify({ machine, suggestions: suggest, sending: sendRows }, null, 2));
else {
  console.log(`machine: ${machine.cores} cores; load average (1/5/15 min) before ${loadBefore}, after the suggestions ${loadAfterSuggest}, at the end ${loadAfter}`);
  console.log(
    `digest suggestions: ${n} synthetic organisations, ${limitPerOrg} per organisation (the job's batch path, ${run.threads} thread(s)` +
      `${sampled.length < n ? `; measured over ${sampled.length} random organisations, all ${n} estimated as read + analyse + build + n × rank_ms_per_org / threads` : ''})`,
  );
  console.table([suggest]);
  console.log(`digest sending: ${messages} messages per row, SMTP server on loopback in this process (pacing off unless the row says --rate)`);
  console.table(sendRows);
}
