/**
 * The digest end to end on the sample network (data/sample: 77 organisations, 80 opted-in contacts of which one
 * belongs to an opted-out organisation), through the CLI's `runDigest`, the real engine's batch path and a real
 * SMTP server on loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsubscribeFromDigest, verifyUnsubscribeToken } from '../../src/app/digest-unsubscribe.js';
import { resolveDigestSecret } from '../../src/app/digest-secret.js';
import { engineSuggestionSource, runDigest, type DigestRequest } from '../../src/cli/commands/digest.js';
import type { Io } from '../../src/cli/output.js';
import { loadConfig } from '../../src/config.js';
import type { Organization } from '../../src/domain/index.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { decodeHeader, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { sampleDataDir } from './helpers/sample-data.js';

const WEEK = '2026-W48';
const request = (o: Partial<DigestRequest> = {}): DigestRequest => ({ week: WEEK, dryRun: false, limitPerOrg: 3, json: true, rate: Infinity, concurrency: 1, workers: 1, ...o });

interface Run {
  code: number;
  summary: { sent: number; skipped: number; failed: number; inDoubt: number; retried: number; total: number; recipients: { email: string; status: string; reason?: string }[] };
  err: string;
}

describe('weekly digest over SMTP on the sample network', () => {
  let smtp: SmtpSink;
  let dataDir: string;
  let store: GraphStore | undefined;

  beforeEach(async () => {
    smtp = await startSmtpSink();
    dataDir = await sampleDataDir();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await smtp.close();
  });

  async function run(env: Record<string, string>, o: Partial<DigestRequest> = {}): Promise<Run> {
    const config = loadConfig({ ...env, INNOMATCH_PUBLIC_URL: 'https://innomatch.example.kr' }, { dataDir });
    store = await EmbeddedStore.open({ dataDir });
    let out = '';
    let err = '';
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += `${t}\n`) };
    try {
      const code = await runDigest(store, config, request(o), io, engineSuggestionSource);
      return { code, summary: JSON.parse(out) as Run['summary'], err };
    } finally {
      await store.close();
      store = undefined;
    }
  }

  async function organizations(): Promise<Organization[]> {
    store = await EmbeddedStore.open({ dataDir });
    try {
      return await store.allOrganizations();
    } finally {
      await store.close();
      store = undefined;
    }
  }

  it('sends one message to each opted-in contact, in its language, with working unsubscribe links, and none to opted-out ones', async () => {
    const orgs = await organizations();
    const expected = orgs
      .filter((o) => !o.optedOut)
      .flatMap((o) => o.contacts.filter((c) => c.digest).map((c) => c.email))
      .sort();
    const optedOut = orgs.filter((o) => o.optedOut).flatMap((o) => o.contacts.map((c) => c.email));
    const notOptedIn = orgs.flatMap((o) => o.contacts.filter((c) => !c.digest).map((c) => c.email));
    expect(expected).toHaveLength(80);
    expect(optedOut).toContain('chris.nam@kelpgen.example.com'); // digest: true, but its organisation opted out

    const r = await run({ SMTP_URL: smtp.url });
    expect(r.code).toBe(0);
    expect(r.summary).toMatchObject({ total: 80, failed: 0, inDoubt: 0 });
    expect(r.summary.sent + r.summary.skipped).toBe(80);
    const received = smtp.messages.flatMap((m) => m.to).sort();
    expect(received).toEqual(r.summary.recipients.filter((x) => x.status === 'sent').map((x) => x.email).sort());
    expect(new Set(received).size).toBe(received.length);
    for (const address of [...optedOut, ...notOptedIn]) expect(received).not.toContain(address);
    expect(r.summary.sent).toBeGreaterThan(70); // nearly everyone has something new in week one

    // Both languages, each message with its reasons, links to the organisation pages and a one-click unsubscribe.
    const byLocale = new Map(orgs.flatMap((o) => o.contacts.map((c) => [c.email, c.locale] as const)));
    const ko = smtp.messages.find((m) => byLocale.get(m.to[0]!) === 'ko')!;
    const en = smtp.messages.find((m) => byLocale.get(m.to[0]!) === 'en')!;
    expect(decodeHeader(ko.headers.get('subject')!)).toMatch(/^\[innomatch\] .+에 이번 주 새 협업 추천 \d곳 \(2026-W48\)$/);
    expect(ko.text).toContain('님, 안녕하세요.');
    expect(ko.html).toContain('<html lang="ko">');
    expect(decodeHeader(en.headers.get('subject')!)).toMatch(/^\[innomatch\] \d new partner suggestions? for .+ \(2026-W48\)$/);
    expect(en.text).toMatch(/^Hello .+,/);
    for (const m of [ko, en]) {
      expect(m.text).toMatch(/https:\/\/innomatch\.example\.kr\/#\/org\/[A-Za-z0-9._-]+/);
      expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(m.messageId).toMatch(/^<[0-9a-f]{64}@innomatch>$/);
    }

    // The link in the message is the one in the header, and it unsubscribes exactly that contact.
    const link = /^<(https:\/\/innomatch\.example\.kr\/v1\/unsubscribe\?token=([^>]+))>$/.exec(en.headers.get('list-unsubscribe')!);
    expect(link).not.toBeNull();
    expect(en.text).toContain(link![1]);
    const token = decodeURIComponent(link![2]!);
    const secret = await resolveDigestSecret(loadConfig({}, { dataDir }));
    expect(verifyUnsubscribeToken(secret, token).email).toBe(en.to[0]);
    store = await EmbeddedStore.open({ dataDir });
    const done = await unsubscribeFromDigest(store, secret, token);
    expect(done.changed).toBe(true);
    const org = await store.getOrganization(done.orgId);
    expect(org?.contacts.find((c) => c.email.toLowerCase() === en.to[0])?.digest).toBe(false);
    await store.close();
    store = undefined;

    // Next week: the unsubscribed contact gets nothing, and nobody is offered last week's suggestions again.
    const before = smtp.messages.length;
    const next = await run({ SMTP_URL: smtp.url }, { week: '2026-W49' });
    expect(next.code).toBe(0);
    const nextReceived = smtp.messages.slice(before);
    expect(nextReceived.flatMap((m) => m.to)).not.toContain(en.to[0]);
    const lastWeek = new Map(smtp.messages.slice(0, before).map((m) => [m.to[0]!, orgLinks(m.text)]));
    for (const m of nextReceived) for (const id of orgLinks(m.text)) expect(lastWeek.get(m.to[0]!) ?? []).not.toContain(id);
  });

  it('records recipients the server rejects, finishes the run with a non-zero status, and delivers them next time', async () => {
    smtp.rejectRecipient = (a) => a.startsWith('j');
    const first = await run({ SMTP_URL: smtp.url });
    expect(first.code).toBe(1);
    const failed = first.summary.recipients.filter((x) => x.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((f) => f.email.startsWith('j') && /550/.test(f.reason ?? ''))).toBe(true);
    expect(first.summary.sent).toBe(smtp.messages.length);

    smtp.rejectRecipient = () => false;
    const second = await run({ SMTP_URL: smtp.url });
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({ sent: failed.length, retried: failed.length, failed: 0 });
    const all = smtp.messages.flatMap((m) => m.to);
    expect(new Set(all).size).toBe(all.length);
  });

  it('survives a mail server that is down: every message is recorded as failed, and the next run delivers them', async () => {
    const port = smtp.port;
    await smtp.close();
    const down = await run({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.summary.sent).toBe(0);
    expect(down.summary.failed).toBeGreaterThan(70);
    expect(down.summary.recipients.find((x) => x.status === 'failed')?.reason).toMatch(/ECONNECTION|ECONNREFUSED/);

    smtp = await startSmtpSink(port);
    const up = await run({ SMTP_URL: smtp.url });
    expect(up.code).toBe(0);
    expect(up.summary).toMatchObject({ sent: down.summary.failed, retried: down.summary.failed, failed: 0 });
    expect(smtp.messages).toHaveLength(down.summary.failed);
  });
});

function orgLinks(text: string): string[] {
  return [...text.matchAll(/\/#\/org\/([A-Za-z0-9._-]+)/g)].map((m) => m[1]!);
}
