/**
 * `innomatch digest` through the CLI, in-process: bad flags and a bad environment stop it before anything is sent
 * or recorded, and without SMTP_URL the messages land as .eml files in <data-dir>/outbox.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentIsoWeek } from '../../src/jobs/iso-week.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { cli, sampleDataDir } from './helpers/sample-data.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

describe('innomatch digest: bad input', () => {
  let dataDir: string;
  let smtp: SmtpSink;
  beforeAll(async () => {
    dataDir = await sampleDataDir();
    smtp = await startSmtpSink();
  });
  afterAll(async () => smtp.close());

  const digest = (env: Record<string, string>, ...argv: string[]) => cli({ SMTP_URL: smtp.url, ...env }, '--data-dir', dataDir, 'digest', ...argv);

  it.each([
    [['--week', '2026-48'], 2, '--week: "2026-48" is not an ISO week such as 2026-W48'],
    [['--week', '2026-W54'], 2, '--week: "2026-W54" is not an ISO week such as 2026-W48'],
    [['--week', '2027-W53'], 2, '--week: 2027-W53 does not exist (2027 has 52 ISO weeks)'],
    [['--only', 'kt', 'nobody', '--week', '2026-W48'], 2, '--only: no organization with id "nobody"'],
    [['--only', 'not an id'], 2, '--only: 0: must be a slug'],
    [['--limit-per-org', '0'], 2, '--limit-per-org: must be between 1 and 20'],
    [['--rate', 'fast'], 2, '--rate: "fast" is not a rate such as 10/s'],
    [['--concurrency', '100'], 2, '--concurrency: must be between 1 and 16'],
    [['--workers', 'two'], 2, '--workers: must be a whole number'],
  ])('%j exits %i with a message naming the flag, and sends nothing', async (argv, code, message) => {
    const r = await digest({}, ...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(smtp.messages).toHaveLength(0);
  });

  it.each([
    ['smtp//mail.example.kr:587', 'SMTP_URL: must be a URL such as smtp://user:pass@host:587'],
    ['http://mail.example.kr', 'SMTP_URL: must be a URL such as smtp://user:pass@host:587'],
    ['smtp://:587', 'SMTP_URL: must be a URL'],
  ])('refuses SMTP_URL=%s with a message (exit 78), and sends and records nothing', async (url, message) => {
    const r = await digest({ SMTP_URL: url }, '--week', '2026-W48');
    expect(r.code).toBe(78);
    expect(r.err).toContain(message);
    expect(r.err).not.toContain('secret'); // the sink's password never appears, whatever the variable holds
    expect(smtp.messages).toHaveLength(0);
    const store = await EmbeddedStore.open({ dataDir });
    try {
      expect(await store.listDeliveries()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('innomatch digest: outbox and dry run', () => {
  it('writes one .eml per message into <data-dir>/outbox, and a rerun of the week adds none', async () => {
    const dataDir = await sampleDataDir();
    const first = await cli({}, '--data-dir', dataDir, 'digest', '--week', '2026-W01', '--only', 'kt,wizcore', 'yonsei-univ');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/digest 2026-W01 via file: \d+ recipient\(s\)/);
    const files = readdirSync(join(dataDir, 'outbox'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /^2026-W01-(kt|wizcore|yonsei-univ)-[0-9a-f]{12}\.eml$/.test(f))).toBe(true);
    const raw = readFileSync(join(dataDir, 'outbox', files[0]!), 'utf8');
    expect(raw.split('\n').every((line, i, all) => line.endsWith('\r') || i === all.length - 1)).toBe(true); // CRLF, as on the wire
    const eml = raw.replace(/\r?\n[ \t]+/g, ' '); // unfold long headers
    expect(eml).toMatch(/^Message-ID: <[0-9a-f]{64}@innomatch>\r$/m);
    expect(eml).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:8080\/v1\/unsubscribe\?token=v1\.[^>]+>\r$/m);

    const again = await cli({}, '--data-dir', dataDir, 'digest', '--week', '2026-W01', '--only', 'kt,wizcore,yonsei-univ', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ transport: 'file', sent: 0, skipped: files.length });
    expect(readdirSync(join(dataDir, 'outbox'))).toHaveLength(files.length);
  });

  it('defaults to the current ISO week and, on a dry run, lists what it would send without writing anything', async () => {
    const dataDir = await sampleDataDir();
    const r = await cli({}, '--data-dir', dataDir, 'digest', '--dry-run', '--limit-per-org', '2', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as { week: string; dryRun: boolean; planned: number; recipients: { status: string; items: string[] }[] };
    expect(s.week).toBe(currentIsoWeek());
    expect(s.dryRun).toBe(true);
    expect(s.planned).toBeGreaterThan(70);
    expect(s.recipients.every((x) => x.items.length <= 2)).toBe(true);
    expect(readdirSync(dataDir)).not.toContain('outbox');
    const text = await cli({}, '--data-dir', dataDir, 'digest', '--dry-run', '--week', '2026-W48');
    expect(text.out).toContain('digest 2026-W48 (dry run: nothing sent or recorded)');
    expect(text.out).toMatch(/organization\s+contact\s+locale\s+status\s+suggestions/);
  });
});
